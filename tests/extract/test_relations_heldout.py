"""Relation patterns that the held-out documents (other regions) showed missing.

Role appositions with "von", "bei" and English "of"/"at", later short mentions of a company,
event notices ("Ort:", "Veranstalter:"), project partners ("Beteiligt sind …"), investors of
a financing round, seats ("X ist Sitz des Y", "based in") and origins ("die Firma X aus Y").
Every sentence is about a region other than the development set's.
"""

from __future__ import annotations

import pytest
from tests.extract.conftest import Names, annotated_doc

from hafen.document import Document, Entity, Mention
from hafen.extract.relation_context import linked_mentions
from hafen.extract.relations import make_stage

Triples = set[tuple[str, str, str]]
ORG, PLACE, PROJECT, EVENT, PERSON = "ORG", "PLACE", "PROJECT", "EVENT", "PERSON"


def _rels(text: str, names: Names) -> Triples:
    doc = annotated_doc(text, names)
    return {(r.head, r.type, r.tail) for r in make_stage()(doc).relations}


def _roles(text: str, names: Names) -> dict[tuple[str, str], str | None]:
    doc = annotated_doc(text, names)
    return {(r.head, r.tail): r.role for r in make_stage()(doc).relations if r.type == "works_for"}


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "„Wir bauen die Fertigung aus“, sagt Dr. Jana Peters, Vorstandsvorsitzende von Jenoptik.",
            {"Jana Peters": ("peters", PERSON), "Jenoptik": ("jenoptik", ORG)},
            {("peters", "jenoptik"): "Vorstandsvorsitzende"},
        ),
        (
            "Lars Ohm, Partner bei Nordkap Ventures, sieht großes Potenzial in der Region Rostock.",
            {"Lars Ohm": ("ohm", PERSON), "Nordkap Ventures": ("nordkap", ORG), "Rostock": ("hro", PLACE)},
            {("ohm", "nordkap"): "Partner"},
        ),
        (
            '"We are ready for Europe," said Anna Berg, CEO of Photonix GmbH.',
            {"Anna Berg": ("berg", PERSON), "Photonix GmbH": ("photonix", ORG)},
            {("berg", "photonix"): "CEO"},
        ),
        (
            "The plan was confirmed by Tom Reed, Chief Operating Officer at Saale Robotics AG.",
            {"Tom Reed": ("reed", PERSON), "Saale Robotics AG": ("saale", ORG)},
            {("reed", "saale"): "Chief Operating Officer"},
        ),
    ],
)
def test_role_appositions_with_von_bei_of_at(
    text: str, names: Names, expected: dict[tuple[str, str], str]
) -> None:
    assert _roles(text, names) == expected


def test_led_by_without_a_financing_round_is_no_funding() -> None:
    text = (
        "Die Meerblick GmbH wächst. "
        "Geführt wird das Labor von der Universität Rostock und der Hochschule Wismar."
    )
    names = {
        "Meerblick GmbH": ("meerblick", ORG),
        "Universität Rostock": ("uni", ORG),
        "Hochschule Wismar": ("hsw", ORG),
    }
    assert not {r for r in _rels(text, names) if r[1] == "funds"}


def _doc_with_first_mentions(text: str, entities: list[tuple[str, str, str]]) -> Document:
    """A Document whose entities are linked at their first occurrence only (name, key, type)."""
    doc = Document(source="t.txt", text=text, content_hash="x")
    for name, key, typ in entities:
        doc.entities.append(Entity(key=key, name=name, type=typ))
        start = text.index(name)
        doc.mentions.append(Mention(start, start + len(name), name, typ, entity=key))
    doc.mentions.sort(key=lambda m: m.start)
    return doc


def test_a_company_named_later_without_its_legal_form_is_the_same_entity() -> None:
    text = (
        "Die Lumora AG aus Gera baut ein neues Werk. "
        "Dr. Eva Roth, Geschäftsführerin von Lumora, rechnet mit 80 Stellen."
    )
    doc = _doc_with_first_mentions(
        text, [("Lumora AG", "lumora", ORG), ("Gera", "gera", PLACE), ("Eva Roth", "roth", PERSON)]
    )
    rels = {(r.head, r.type, r.tail, r.role) for r in make_stage()(doc).relations}
    assert ("roth", "works_for", "lumora", "Geschäftsführerin") in rels
    assert ("lumora", "located_in", "gera", None) in rels


def test_a_common_word_is_no_short_form_of_a_company() -> None:
    text = "Die Messe GmbH lädt nach Erfurt ein. Die Messe beginnt am Montag."
    doc = _doc_with_first_mentions(text, [("Messe GmbH", "messe", ORG), ("Erfurt", "erfurt", PLACE)])
    spans = [(m.start, m.end) for m in linked_mentions(doc) if m.key == "messe"]
    assert spans == [(4, 14)]


EVENT_PAGE = """Thüringer Innovationstag 2025

Datum: 14. Juni 2025, 10:00 Uhr
Ort: Erfurt, Kaisersaal
Veranstalter: LEG Thüringen gemeinsam mit der IHK Erfurt

Der Innovationstag bringt Unternehmen und Hochschulen zusammen.
"""


def test_event_notice_lines_place_and_organise_the_event() -> None:
    names = {
        "Thüringer Innovationstag 2025": ("tit", EVENT),
        "Erfurt": ("erfurt", PLACE),
        "LEG Thüringen": ("leg", ORG),
        "IHK Erfurt": ("ihk", ORG),
    }
    rels = _rels(EVENT_PAGE, names)
    assert {("tit", "located_in", "erfurt"), ("leg", "organizes", "tit"), ("ihk", "organizes", "tit")} <= rels


def test_an_address_place_after_an_unknown_venue_does_not_place_the_event() -> None:
    text = "Ostsee-Gründertag\n\nOrt: Speicher am Kai, Am Strande 3, 18055 Rostock\nEintritt frei.\n"
    names = {"Ostsee-Gründertag": ("ogt", EVENT), "Rostock": ("hro", PLACE)}
    assert ("ogt", "located_in", "hro") not in _rels(text, names)


def test_participants_develop_the_project_named_before() -> None:
    text = (
        "Das zweite Projekt, „OstseeLab“, erprobt Sensoren für Muschelfarmen. "
        "Beteiligt sind die Universität Rostock in Warnemünde und die Firma Meerblick GmbH aus Wismar."
    )
    names = {
        "OstseeLab": ("lab", PROJECT),
        "Universität Rostock": ("uni", ORG),
        "Warnemünde": ("wmd", PLACE),
        "Meerblick GmbH": ("meerblick", ORG),
        "Wismar": ("wismar", PLACE),
    }
    rels = _rels(text, names)
    assert {
        ("uni", "develops", "lab"),
        ("meerblick", "develops", "lab"),
        ("meerblick", "located_in", "wismar"),
    } <= rels


def test_participants_without_a_project_develop_nothing() -> None:
    text = "Beteiligt sind die Universität Rostock und die Meerblick GmbH."
    names = {"Universität Rostock": ("uni", ORG), "Meerblick GmbH": ("meerblick", ORG)}
    assert not {r for r in _rels(text, names) if r[1] == "develops"}


def test_investors_of_a_financing_round_fund_the_company() -> None:
    text = (
        "Das Jenaer Start-up Quantix GmbH hat in einer Seed-Finanzierungsrunde 4 Millionen Euro "
        "eingesammelt. Angeführt wird die Runde vom Wagniskapitalgeber Saale Capital, beteiligt sind "
        "außerdem die Thüringer Aufbaubank und die bm-t beteiligungsmanagement."
    )
    names = {
        "Quantix GmbH": ("quantix", ORG),
        "Saale Capital": ("saale", ORG),
        "Thüringer Aufbaubank": ("tab", ORG),
        "bm-t beteiligungsmanagement": ("bmt", ORG),
    }
    funds = {r for r in _rels(text, names) if r[1] == "funds"}
    assert funds == {
        ("saale", "funds", "quantix"),
        ("tab", "funds", "quantix"),
        ("bmt", "funds", "quantix"),
    }


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Jena ist Sitz des Leibniz-Instituts für Photonische Technologien.",
            {"Jena": ("jena", PLACE), "Leibniz-Instituts für Photonische Technologien": ("ipht", ORG)},
            ("ipht", "located_in", "jena"),
        ),
        (
            "The Fraunhofer Institute for Digital Media Technology, also based in Ilmenau, joins them.",
            {
                "Fraunhofer Institute for Digital Media Technology": ("idmt", ORG),
                "Ilmenau": ("ilm", PLACE),
            },
            ("idmt", "located_in", "ilm"),
        ),
        (
            "Den Zuschlag erhielt der Maschinenbauer Heyde AG aus Bad Hersfeld.",
            {"Heyde AG": ("heyde", ORG), "Bad Hersfeld": ("hef", PLACE)},
            ("heyde", "located_in", "hef"),
        ),
    ],
)
def test_seats_and_origins(text: str, names: Names, expected: tuple[str, str, str]) -> None:
    assert expected in _rels(text, names)


def test_working_with_a_partner_is_cooperation() -> None:
    text = "Im Projekt „SaaleTwin“ arbeitet die Hochschule Merseburg mit der Universität Halle an Modellen."
    names = {
        "SaaleTwin": ("twin", PROJECT),
        "Hochschule Merseburg": ("hsm", ORG),
        "Universität Halle": ("mlu", ORG),
    }
    assert ("hsm", "cooperates_with", "mlu") in _rels(text, names)


def test_a_project_named_in_apposition_is_the_actor_not_the_one_before() -> None:
    text = (
        "Das Projekt „HarzWald“ kartiert Wälder. "
        "Das zweite Projekt, „BodeFisch“, untersucht nachhaltige Aquakultur im Harz."
    )
    names = {
        "HarzWald": ("wald", PROJECT),
        "BodeFisch": ("fisch", PROJECT),
        "Aquakultur": ("aqua", "TOPIC"),
        "Harz": ("harz", PLACE),
    }
    focus = {r for r in _rels(text, names) if r[1] == "focuses_on"}
    assert focus == {("fisch", "focuses_on", "aqua")}


def test_the_programme_money_comes_from_is_not_what_is_funded() -> None:
    text = (
        "Der Freistaat Thüringen fördert das neue Labor mit 2 Millionen Euro "
        "aus dem Programm „Thüringen Invest“."
    )
    names = {"Freistaat Thüringen": ("th", ORG), "Thüringen Invest": ("invest", PROJECT)}
    assert not {r for r in _rels(text, names) if r[1] == "funds"}


PROGRAMME = """Programm

10:00 Uhr Keynote: „Häfen im Wandel“ – Dr. Ole Jansen, Rostock Port GmbH
11:00 Uhr Podium mit Prof. Dr. Ina Wolff (Fraunhofer-Institut für Großstrukturen IGP) und Kai Brandt
"""


def test_speakers_listed_with_their_organisation_work_for_it() -> None:
    names = {
        "Ole Jansen": ("jansen", PERSON),
        "Rostock Port GmbH": ("port", ORG),
        "Ina Wolff": ("wolff", PERSON),
        "Fraunhofer-Institut für Großstrukturen": ("igp", ORG),
        "Kai Brandt": ("brandt", PERSON),
    }
    works = {r for r in _rels(PROGRAMME, names) if r[1] == "works_for"}
    assert works == {("jansen", "works_for", "port"), ("wolff", "works_for", "igp")}


def test_a_role_with_its_field_before_bei_der() -> None:
    text = "Dr. Nora Lenz, Bereichsleiterin Innovation bei der IHK Ostthüringen, lädt ein."
    names = {"Nora Lenz": ("lenz", PERSON), "IHK Ostthüringen": ("ihk", ORG)}
    assert _roles(text, names) == {("lenz", "ihk"): "Bereichsleiterin Innovation"}


def test_projects_listed_with_their_holders_in_brackets() -> None:
    text = (
        "Die geförderten Vorhaben:\n"
        "- HafenTwin (Rostock Port GmbH): digitale Steuerung der Kais, 300.000 Euro\n"
        "- MedLab (Universität Greifswald mit der Nordlicht Medical GmbH): Prüfumgebung, 200.000 Euro\n"
    )
    names = {
        "HafenTwin": ("twin", PROJECT),
        "Rostock Port GmbH": ("port", ORG),
        "MedLab": ("medlab", PROJECT),
        "Universität Greifswald": ("uni", ORG),
        "Nordlicht Medical GmbH": ("nordlicht", ORG),
    }
    assert _rels(text, names) >= {
        ("port", "develops", "twin"),
        ("uni", "develops", "medlab"),
        ("nordlicht", "develops", "medlab"),
        ("uni", "cooperates_with", "nordlicht"),
    }


def _rels_typed(text: str, names: Names, subtypes: dict[str, str]) -> set[tuple[str, str, str, str | None]]:
    doc = annotated_doc(text, names, subtypes)
    return {(r.head, r.type, r.tail, r.role) for r in make_stage()(doc).relations if r.type == "works_for"}


def test_a_bare_managing_director_works_for_the_company_named_before() -> None:
    text = (
        "Die Nordlicht Medical GmbH aus Greifswald baut Prüfstände. Gemeinsam mit der Universität "
        "Greifswald entwickelt der Betrieb ein Messgerät. Geschäftsführer Jan Kruse setzt auf Nachwuchs."
    )
    names = {
        "Nordlicht Medical GmbH": ("nordlicht", ORG),
        "Greifswald": ("hgw", PLACE),
        "Universität Greifswald": ("uni", ORG),
        "Jan Kruse": ("kruse", PERSON),
    }
    subtypes = {"nordlicht": "company", "uni": "university"}
    assert _rels_typed(text, names, subtypes) == {("kruse", "works_for", "nordlicht", "Geschäftsführer")}


def test_a_mayor_works_for_the_one_city_administration() -> None:
    text = (
        "Die Stadt Cottbus fördert sieben Vorhaben. "
        "„Das stärkt die Lausitz“, sagte Oberbürgermeisterin Eva Ost."
    )
    names = {"Stadt Cottbus": ("cb", ORG), "Lausitz": ("lausitz", PLACE), "Eva Ost": ("ost", PERSON)}
    assert _rels_typed(text, names, {"cb": "public"}) == {("ost", "works_for", "cb", "Oberbürgermeisterin")}


def test_a_bare_role_without_a_company_before_states_nothing() -> None:
    text = "Die Universität Greifswald wächst. Geschäftsführer Jan Kruse setzt auf Nachwuchs."
    names = {"Universität Greifswald": ("uni", ORG), "Jan Kruse": ("kruse", PERSON)}
    assert _rels_typed(text, names, {"uni": "university"}) == set()
