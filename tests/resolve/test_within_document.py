"""One actor written two ways in one document: joined by strong rules, distinct actors kept apart."""

from __future__ import annotations

import pytest

from hafen.resolve.cluster import resolve
from hafen.resolve.normalize import compact_forms
from hafen.resolve.records import EntityRecord


def rec(key: str, name: str, type_: str = "ORG", doc: str = "bericht.txt") -> EntityRecord:
    return EntityRecord(doc=doc, key=key, name=name, type=type_)


DORTMUND = rec("do", "Dortmund", "PLACE")


@pytest.mark.parametrize(
    ("short", "long_", "rule"),
    [
        ("HWK", "Handwerkskammer Dortmund", "place_qualifier"),
        ("IHK", "Industrie- und Handelskammer zu Dortmund", "place_qualifier"),
        ("TU Dortmund", "Technische Universität Dortmund", "abbreviation"),
        ("Comeback-Programm", "Comebackprogramm", "compound"),
        ("Start-up Center", "Startup Center", "compound"),
        ("DINT-Port", "Dive into next technologies", "acronym"),
        ("ZTB", "Zentrum für Technologietransfer Bremerhaven", "acronym"),
    ],
)
def test_same_actor_written_two_ways_in_one_document_is_one_entity(short: str, long_: str, rule: str) -> None:
    a, b = rec("a", short), rec("b", long_)
    res = resolve([DORTMUND, a, b])
    assert res.cluster_of(a.id) is res.cluster_of(b.id)
    assert [d.rule for d in res.decisions] == [rule]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Volkswagen", "Volkswagen Infotainment"),
        ("Fraunhofer IML", "Fraunhofer ISST"),
        ("Stadt Bochum", "Stadt Dortmund"),
        ("Digital Hub", "Digital Campus"),
        ("Start-up Center", "Start-up-Center.NRW"),
        ("IHK", "Handwerkskammer Dortmund"),
        ("Blauwerk Energie GmbH", "Blauwerk Energie AG"),  # two companies of one group
    ],
)
def test_distinct_actors_in_one_document_stay_apart(a: str, b: str) -> None:
    ra, rb = rec("a", a), rec("b", b)
    res = resolve([DORTMUND, rec("bo", "Bochum", "PLACE"), ra, rb])
    assert res.cluster_of(ra.id) is not res.cluster_of(rb.id)


def test_a_short_name_with_two_qualified_candidates_stays_alone() -> None:
    hwk = rec("a", "HWK")
    dortmund, muenster = rec("b", "Handwerkskammer Dortmund"), rec("c", "Handwerkskammer Münster")
    res = resolve([DORTMUND, rec("ms", "Münster", "PLACE"), hwk, dortmund, muenster])
    assert len({id(res.cluster_of(r.id)) for r in (hwk, dortmund, muenster)}) == 3


def test_within_document_merge_lets_both_spellings_join_another_document() -> None:
    records = [
        DORTMUND,
        rec("a", "HWK"),
        rec("b", "Handwerkskammer Dortmund"),
        rec("c", "Handwerkskammer Dortmund", doc="presse.txt"),
    ]
    res = resolve(records)
    cluster = res.cluster_of(("bericht.txt", "a"))
    assert cluster is not None and len(cluster.members) == 3
    assert cluster.name == "Handwerkskammer Dortmund" and "HWK" in cluster.aliases


def test_compact_forms_join_open_hyphenated_and_closed_compounds() -> None:
    assert compact_forms("Comeback-Programm") & compact_forms("Comebackprogramms")
    assert compact_forms("Smart City") & compact_forms("SmartCity")
    assert not compact_forms("Stadt Bochum") & compact_forms("Stadt Dortmund")
    assert compact_forms("TZ Net") == set()  # too short to link on
