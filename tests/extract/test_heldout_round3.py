"""Naming and relation patterns fixed after the third blind held-out round (tests/heldout, 12–15).

As in test_heldout_patterns.py, each case is a new sentence about other places and actors
than the held-out documents, so the rule is tested as a pattern.
"""

from __future__ import annotations

import pytest
from tests.extract.test_heldout_patterns import forms, names, run, typed

from hafen.document import Document
from hafen.pipeline import Pipeline

# (text, type, name found, a name that must not be found with that type or None)
NAMED = [
    pytest.param(
        "Zu den Gastgebern zählt die IHK Nord Westfalen mit Sitz in Münster.",
        "ORG",
        "IHK Nord Westfalen",
        ("PLACE", "Westfalen"),
        id="chamber-compass-region",
    ),
    pytest.param(
        "Die IHK Südlicher Oberrhein lädt zum Gründertag nach Lahr.",
        "ORG",
        "IHK Südlicher Oberrhein",
        None,
        id="chamber-compass-adjective",
    ),
    pytest.param(
        "Beteiligt ist außerdem die Havelstrom Ventures UG (haftungsbeschränkt) aus Potsdam.",
        "ORG",
        "Havelstrom Ventures UG (haftungsbeschränkt)",
        ("ORG", "Havelstrom Ventures UG"),
        id="mini-company-bracket",
    ),
    pytest.param(
        "In der Metropolregion München arbeiten rund 1.900 Menschen in der Windenergie.",
        "PLACE",
        "Metropolregion München",
        ("PLACE", "München"),
        id="metropolitan-region",
    ),
    pytest.param(
        "Die Metropolregion Hannover wirbt um Fachkräfte.",
        "PLACE",
        "Metropolregion Hannover",
        None,
        id="metropolitan-region-sentence-start",
    ),
    pytest.param(
        "„Wir bringen Reedereien und Forschung zusammen“, sagt Lena Brix, Geschäftsführerin von "
        "tide:one. Im Projekt arbeiten fünf Teams mit.",
        "ORG",
        "tide:one",
        ("PROJECT", "tide:one"),
        id="odd-name-after-role",
    ),
    pytest.param(
        "Den Impuls gibt Prof. Dr. Eva Lorenz, ZEBRA Wasserstoffforschungszentrum der Universität Kiel.",
        "ORG",
        "ZEBRA Wasserstoffforschungszentrum",
        None,
        id="acronym-brand-research-compound",
    ),
    pytest.param(
        "11:30 Uhr Panel „Gründen auf dem Land“ mit Vertreterinnen der Hochschule Osnabrück",
        "EVENT",
        "Gründen auf dem Land",
        None,
        id="panel-title",
    ),
]


@pytest.mark.parametrize(("text", "etype", "name", "absent"), NAMED)
def test_named(text: str, etype: str, name: str, absent: tuple[str, str] | None) -> None:
    doc = run(text)
    assert name in names(doc, etype), [(e.type, e.name) for e in doc.entities]
    if absent is not None:
        assert absent[1] not in names(doc, absent[0])


# (text, type, name, another form of it, its subtype or None, a name that must not be found)
ALIASES = [
    pytest.param(
        "Der Workshop gehört zum Vorhaben „Innovationsbündnis Vorpommern“ (IBV), das die "
        "Universität Greifswald leitet. Das IBV läuft bis 2028.",
        "PROJECT",
        "Innovationsbündnis Vorpommern",
        "IBV",
        None,
        ("ORG", "IBV"),
        id="abbreviation-after-closing-quote",
    ),
    pytest.param(
        "Aus der Hochschule Wismar stammt die SeeLink Robotics GmbH. Im Herbst erhielt "
        "SeeLink Robotics eine Anschlussfinanzierung.",
        "ORG",
        "SeeLink Robotics GmbH",
        "SeeLink Robotics",
        "company",
        ("ORG", "SeeLink"),
        id="company-without-legal-form",
    ),
    pytest.param(
        "Die Wasserstoff-Initiative Rostock e. V. zählt 80 Mitglieder. Vorsitzender der "
        "Wasserstoff-Initiative ist seit 2024 Ole Brandt.",
        "ORG",
        "Wasserstoff-Initiative Rostock e. V.",
        "Wasserstoff-Initiative",
        "network",
        ("PROJECT", "Wasserstoff-Initiative"),
        id="association-without-seat-and-legal-form",
    ),
    pytest.param(
        "Es spricht Dr. Jonas Albers (Fraunhofer-Einrichtung Wasserstoffsysteme Elbmarsch FWE) "
        "über Elektrolyse.",
        "ORG",
        "Fraunhofer-Einrichtung Wasserstoffsysteme Elbmarsch FWE",
        "FWE",
        "research",
        None,
        id="research-society-facility",
    ),
]


@pytest.mark.parametrize(("text", "etype", "name", "alias", "subtype", "absent"), ALIASES)
def test_named_with_another_form(
    text: str, etype: str, name: str, alias: str, subtype: str | None, absent: tuple[str, str] | None
) -> None:
    doc = run(text)
    entity = typed(doc, etype, name)
    assert alias in forms(entity)
    assert entity.subtype == subtype
    if absent is not None:
        assert absent[1] not in names(doc, absent[0])


def test_free_state_that_funds_is_a_public_body() -> None:
    doc = run("Das Vorhaben wird vom Freistaat Thüringen mit 450.000 Euro gefördert.")
    assert typed(doc, "ORG", "Freistaat Thüringen").subtype == "public"
    place = run("Im Freistaat Bayern gibt es 71 Landkreise.")
    assert "Freistaat Bayern" not in names(place, "ORG")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _relations(pipeline: Pipeline, text: str) -> set[tuple[str, str, str, str | None]]:
    """(head name, type, tail name, role) of every relation the whole pipeline finds."""
    doc = pipeline(Document(source="t.txt", text=text, content_hash="t"))
    name = {e.key: e.name for e in doc.entities}
    return {(name[r.head], r.type, name[r.tail], r.role) for r in doc.relations}


RELATIONS = [
    pytest.param(
        "Gegründet wurde die Wellwerk UG (haftungsbeschränkt) von zwei Absolventinnen der "
        "Fachhochschule Kiel. Dass Wellwerk in Kiel geblieben ist, liegt am Hafen.",
        [("Wellwerk UG (haftungsbeschränkt)", "located_in", "Kiel", None)],
        id="mini-company-short-form",
    ),
    pytest.param(
        "Es diskutieren Dr. Carola Wendt, Vizepräsidentin für Forschung der Hochschule Bremerhaven, "
        "und weitere Gäste.",
        [("Carola Wendt", "works_for", "Hochschule Bremerhaven", "Vizepräsidentin für Forschung")],
        id="role-with-field",
    ),
    pytest.param(
        "Ansprechpartnerin: Dr. Ines Gerlach, Leiterin Innovation und Umwelt, IHK Schwaben, "
        "Stettenstraße 1, 86150 Augsburg",
        [("Ines Gerlach", "works_for", "IHK Schwaben", "Leiterin Innovation und Umwelt")],
        id="contact-line",
    ),
    pytest.param(
        "Es diskutieren Jana Voss (Voss Präzisionsguss GmbH & Co. KG, Beckum) und weitere Gäste.",
        [
            ("Jana Voss", "works_for", "Voss Präzisionsguss GmbH & Co. KG", None),
            ("Voss Präzisionsguss GmbH & Co. KG", "located_in", "Beckum", None),
        ],
        id="speaker-firm-town",
    ),
]


@pytest.mark.parametrize(("text", "expected"), RELATIONS)
def test_relations(pipeline: Pipeline, text: str, expected: list[tuple[str, str, str, str | None]]) -> None:
    found = _relations(pipeline, text)
    for relation in expected:
        assert relation in found, found
