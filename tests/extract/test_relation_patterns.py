"""Relation patterns added for appositions, passives, sub-projects and place adjectives.

Every sentence is about a region other than the development set's.
"""

from __future__ import annotations

import re

import pytest
from tests.extract.conftest import Names, annotated_doc

from hafen.extract import relation_patterns as P
from hafen.extract import relation_roles as roles
from hafen.extract import relations
from hafen.extract.relation_context import SentenceContext, between
from hafen.extract.relations import make_stage

Triples = set[tuple[str, str, str]]
ORG, PLACE, PROJECT, EVENT, TOPIC = "ORG", "PLACE", "PROJECT", "EVENT", "TOPIC"


def _rels(text: str, names: Names, subtypes: dict[str, str] | None = None) -> Triples:
    """Relations of ``text`` with entities {surface form: (key, type)}; longer forms win overlaps."""
    doc = annotated_doc(text, names, subtypes)
    return {(r.head, r.type, r.tail) for r in make_stage()(doc).relations}


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (  # the noun "Institut" is part of the name: no anaphor waiting for an antecedent
            "Das Leibniz-Institut für Photonische Technologien ist eines der führenden Zentren für Optik.",
            {"Leibniz-Institut für Photonische Technologien": ("ipht", ORG), "Optik": ("optik", TOPIC)},
            {("ipht", "focuses_on", "optik")},
        ),
        (
            "In Jena stellte sich die Carl Zeiss Meditec AG, ein Vorreiter der Medizintechnik, vor.",
            {
                "Jena": ("jena", PLACE),
                "Carl Zeiss Meditec AG": ("zeiss", ORG),
                "Medizintechnik": ("medtech", TOPIC),
            },
            {("zeiss", "focuses_on", "medtech")},
        ),
        (  # the actor of the sentence before is continued by "hierbei"
            "Im Stadthafen entsteht das Ocean Technology Campus. Schwerpunkt ist hierbei die Meerestechnik.",
            {"Ocean Technology Campus": ("otc", PROJECT), "Meerestechnik": ("meer", TOPIC)},
            {("otc", "focuses_on", "meer")},
        ),
        (  # a bracketed gloss after the name is not the actor
            "Geplant ist das Ocean Lab (Offshore Campus Energy). Fokus ist dabei die Meerestechnik.",
            {
                "Ocean Lab": ("lab", PROJECT),
                "Offshore Campus Energy": ("gloss", PROJECT),
                "Meerestechnik": ("meer", TOPIC),
            },
            {("lab", "focuses_on", "meer")},
        ),
        (  # "Wasser" inside "Wasserpumpen" names no field of work
            "Die Stadtwerke Halle forschen an neuen Wasserpumpen.",
            {"Stadtwerke Halle": ("swh", ORG), "Wasser": ("wasser", TOPIC)},
            set(),
        ),
    ],
)
def test_relations_focus_patterns(text: str, names: Names, expected: Triples) -> None:
    assert _rels(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Die Plattform SaxoChain wird von der Technischen Universität Chemnitz entwickelt.",
            {"SaxoChain": ("saxo", PROJECT), "Technischen Universität Chemnitz": ("tuc", ORG)},
            {("tuc", "develops", "saxo")},
        ),
        (
            "Der Lernort Wattenmeer wurde entwickelt vom Alfred-Wegener-Institut.",
            {"Lernort Wattenmeer": ("lernort", PROJECT), "Alfred-Wegener-Institut": ("awi", ORG)},
            {("awi", "develops", "lernort")},
        ),
    ],
)
def test_relations_develops_passive(text: str, names: Names, expected: Triples) -> None:
    assert _rels(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Ein Beispiel ist das Zukunftsland-Projekt „Smarte Häfen Weser“.",
            {"Zukunftsland": ("zukunftsland", PROJECT), "Smarte Häfen Weser": ("haefen", PROJECT)},
            {("haefen", "part_of", "zukunftsland")},
        ),
        (
            "Das Vorhaben Kita digital ist ein EFRE-Projekt der Stadt Magdeburg.",
            {
                "Kita digital": ("kita", PROJECT),
                "EFRE": ("efre", PROJECT),
                "Stadt Magdeburg": ("md", ORG),
            },
            {("kita", "part_of", "efre")},
        ),
        (  # two programmes named side by side are no part of one another
            "Gefördert werden das Projekt Hafen 4.0 und das Projekt Grüne Schleuse.",
            {"Hafen 4.0": ("hafen", PROJECT), "Grüne Schleuse": ("schleuse", PROJECT)},
            set(),
        ),
    ],
)
def test_relations_subproject(text: str, names: Names, expected: Triples) -> None:
    assert _rels(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Das Kieler Institut für Weltwirtschaft veröffentlicht eine Studie.",
            {"Kiel": ("kiel", PLACE), "Institut für Weltwirtschaft": ("ifw", ORG)},
            {("ifw", "located_in", "kiel")},
        ),
        (
            "Die Bremer Tageszeitungen AG und das Hallesche Modell werden vorgestellt. Bremen und Halle "
            "liegen weit auseinander.",
            {
                "Bremen": ("bremen", PLACE),
                "Bremer Tageszeitungen AG": ("btag", ORG),
                "Halle": ("halle", PLACE),
                "Hallesche Modell": ("modell", PROJECT),
            },
            {("btag", "located_in", "bremen")},
        ),
        (  # a region's adjective is no seat: "Westfälische" names no city
            "Die Münsteraner Runde trifft den Westfälischen Verband.",
            {"Westfalen": ("wf", PLACE), "Westfälischen Verband": ("verband", ORG)},
            set(),
        ),
    ],
)
def test_relations_place_adjective(text: str, names: Names, expected: Triples) -> None:
    assert _rels(text, names) == expected


def test_relations_between_drops_quotes_and_closing_bracket() -> None:
    text = "ZBT) „der“ Universität"
    assert between(text, 3, len(text) - len("Universität")) == " der "


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Die Werft wächst.\n\nAnsprechpartnerin:\nDr. Jana Nowak\nHochschule Wismar\nTel. 0381 1234\n",
            {"Jana Nowak": ("nowak", "PERSON"), "Hochschule Wismar": ("hsw", ORG)},
            {("nowak", "works_for", "hsw")},
        ),
        (
            "Autorin: Mia Berg (Universität Passau)",
            {"Mia Berg": ("berg", "PERSON"), "Universität Passau": ("up", ORG)},
            {("berg", "works_for", "up")},
        ),
        (  # two organisations: whose the person is, the block does not say
            "Kontakt:\nLena Roth\nStadt Jena / Ernst-Abbe-Hochschule Jena\n",
            {
                "Lena Roth": ("roth", "PERSON"),
                "Stadt Jena": ("jena", ORG),
                "Ernst-Abbe-Hochschule Jena": ("eah", ORG),
            },
            set(),
        ),
        (  # a paragraph that merely starts with the word is running text
            "Kontakt zu Unternehmen hält in Erfurt vor allem die IHK Erfurt, sagt Karl Vogt, der "
            "das Netzwerk seit Jahren begleitet und viele Firmen kennt.",
            {"Karl Vogt": ("vogt", "PERSON"), "IHK Erfurt": ("ihk", ORG)},
            set(),
        ),
    ],
)
def test_relations_contact_block(text: str, names: Names, expected: Triples) -> None:
    assert _rels(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Das Projekt KlimaLab wird mit Mitteln des Thüringer Wirtschaftsministeriums gefördert.",
            {"KlimaLab": ("klimalab", PROJECT), "Thüringer Wirtschaftsministeriums": ("tmwwdg", ORG)},
            {("tmwwdg", "funds", "klimalab")},
        ),
        (  # means of its own fund nothing named
            "Die Hafenbahn baut das Stellwerk Nord aus eigenen Mitteln und mit der Stadt Emden.",
            {"Hafenbahn": ("hb", ORG), "Stellwerk Nord": ("sn", PROJECT), "Stadt Emden": ("emden", ORG)},
            {("hb", "develops", "sn")},
        ),
    ],
)
def test_relations_funds_means(text: str, names: Names, expected: Triples) -> None:
    assert _rels(text, names) == expected


# Phrases for every alternative of each gated cue: the cue matches them, and the key gate
# lets them through (a gate that rejects a sentence with a cue would lose relations).
_GATED_CUES = [
    (P.SEAT_CUE, P.SEAT_KEYS, ["Hauptsitz", "Firmensitz", "Sitz", "ansässig", "zu Hause", "based in"]),
    (P.SEAT_CUE, P.SEAT_KEYS, ["angesiedelt", "beheimatet", "niedergelassen", "headquartered in"]),
    (P.SEAT_CUE, P.SEAT_KEYS, ["located in", "Unternehmenssitz", "sitz"]),
    (relations._ANY_COOPERATION, P.COOP_KEYS, ["kooperiert mit", "Forschungskooperation mit"]),
    (relations._ANY_COOPERATION, P.COOP_KEYS, ["Kooperationen mit", "kooperation mit", "gemeinsam mit"]),
    (relations._ANY_COOPERATION, P.COOP_KEYS, ["Zusammenarbeit mit", "zusammen mit", "arbeitet mit"]),
    (relations._ANY_COOPERATION, P.COOP_KEYS, ["Partnerschaft mit", "partnerschaft mit"]),
    (relations._ANY_COOPERATION, P.COOP_KEYS, ["Allianz zwischen", "kooperieren", "arbeiten eng zusammen"]),
    (P.PART_CUES, P.PART_KEYS, ["ist seit 2020 Teil der", "Gründungsmitglied der", "Mitglied im"]),
    (P.PART_CUES, P.PART_KEYS, ["mitglied von", "gehört zur", "Tochtergesellschaft der"]),
    (P.PART_CUES, P.PART_KEYS, ["unter dem Dach der"]),
    (P.UNION, P.UNION_KEYS, ["Zusammenschluss aus", "Verbund der", "Konsortium von", "Zusammenarbeit des"]),
    (relations._ANY_ORGANIZES, P.ORG_KEYS, ["Organisiert wird sie von", "veranstaltet von", "initiierte"]),
    (relations._ANY_ORGANIZES, P.ORG_KEYS, ["Ausgerichtet durch", "ausgerichtete", "Betrieben vom"]),
    (relations._ANY_ORGANIZES, P.ORG_KEYS, ["Koordiniert von", "getragene", "organisieren", "betreibt"]),
    (relations._ANY_ORGANIZES, P.ORG_KEYS, ["koordinieren", "richtet", "startet", "starten", "lanciert"]),
    (relations._ANY_ORGANIZES, P.ORG_KEYS, ["führt es durch", "auflegen", "aufzulegen", "legt", "ausbauen"]),
    (relations._ANY_ORGANIZES, P.ORG_KEYS, ["auszubauen", "Initiiert wurde es durch", "veranstalten"]),
    (relations._ANY_CUE["develops"], P.DEV_KEYS, ["Entwickelt von", "Konzipiert wurde von"]),
    (relations._ANY_CUE["develops"], P.DEV_KEYS, ["Errichtet durch", "Gebaut von", "Realisiert vom"]),
    (relations._ANY_CUE["develops"], P.DEV_KEYS, ["Geplant von", "Umgesetzt durch", "entwickeln", "baut"]),
    (relations._ANY_CUE["develops"], P.DEV_KEYS, ["bauen", "planen", "setzt es um", "errichtet"]),
    (relations._ANY_CUE["develops"], P.DEV_KEYS, ["realisieren", "konzipiert", "aufbauen", "aufzubauen"]),
    (relations._ANY_CUE["develops"], P.DEV_KEYS, ["zu errichten", "gebaut", "geplant von", "umgesetzt"]),
    (relations._ANY_CUE["funds"], P.FUND_KEYS, ["gefördert von", "finanziert durch", "unterstützt vom"]),
    (relations._ANY_CUE["funds"], P.FUND_KEYS, ["gesponsert von", "Förderung des", "Fördermittel der"]),
    (
        relations._ANY_CUE["funds"],
        P.FUND_KEYS,
        ["Finanzierung durch", "mit Mitteln des", "aus EU Mitteln der"],
    ),
    (
        relations._ANY_CUE["funds"],
        P.FUND_KEYS,
        ["kofinanziert", "fördert", "fördern", "förderte", "sponsert"],
    ),
    (relations._ANY_CUE["part_of"], P.PART_KEYS, ["gehören zum"]),
    (P.SET_UP_AT, P.SET_UP_KEYS, ["eingerichtet", "gegründete", "angesiedelt", "aufgebaut", "angedockte"]),
    (P.FRAME_PART, P.FRAME_PART_KEYS, ["Im Rahmen des", "im  Rahmen der"]),
    (P.FOUNDED, P.FOUNDED_KEYS, ["gegründet", "mitgegründet"]),
    (P.FOCUS_CUE, P.FOCUS_KEYS, ["forscht", "erforschen", "Forschung zu", "Schwerpunkte", "Fokus"]),
    (P.FOCUS_CUE, P.FOCUS_KEYS, ["fokussiert", "im Bereich", "aus den Bereichen", "auf den Feldern"]),
    (P.FOCUS_CUE, P.FOCUS_KEYS, ["spezialisiert", "Themen", "Thema", "Themenfelder", "Kompetenzfelder"]),
    (
        P.FOCUS_CUE,
        P.FOCUS_KEYS,
        ["beschäftigt sich mit", "arbeiten seit Jahren an", "widmet", "konzentriert"],
    ),
    (P.FOCUS_CUE, P.FOCUS_KEYS, ["setzt auf", "Expertise", "Technologieschwerpunkt", "Querschnittsthema"]),
    (P.FOCUS_CUE, P.FOCUS_KEYS, ["untersucht", "erproben", "befasst sich mit", "Kompetenzzentrum für"]),
    (P.FOCUS_CUE, P.FOCUS_KEYS, ["Innovations-Campus für", "Vorreiterin im Bereich", "Vorreiter der"]),
    (
        roles._PARTICIPANTS,
        roles._PARTICIPANTS_KEYS,
        ["Beteiligt sind", "beteiligt ist auch", "Also involved are"],
    ),
    (roles._PARTICIPANTS, roles._PARTICIPANTS_KEYS, ["Involved is"]),
    (roles._LEAD_INVESTOR, roles._LEAD_INVESTOR_KEYS, ["Angeführt von", "Angführt wird die Runde von"]),
    (
        roles._LEAD_INVESTOR,
        roles._LEAD_INVESTOR_KEYS,
        ["geführt durch", "Led by", "led by", "Lead-Investor ist"],
    ),
    (roles._LEAD_INVESTOR, roles._LEAD_INVESTOR_KEYS, ["LeadInvestoren sind", "Investoren waren"]),
    (roles._LEAD_INVESTOR, roles._LEAD_INVESTOR_KEYS, ["Geldgeber ist", "Geführt wird die Seed-Runde vom"]),
]


@pytest.mark.parametrize(("pattern", "keys", "phrases"), _GATED_CUES, ids=range(len(_GATED_CUES)))
def test_cue_gates_let_every_cue_through(
    pattern: re.Pattern[str], keys: frozenset[str], phrases: list[str]
) -> None:
    for phrase in phrases:
        text = f"Vorher ({phrase} X) nachher."
        assert pattern.search(text), phrase
        s = SentenceContext(text, 0, len(text), [], [])
        assert s.may_match(keys), phrase


def test_cue_gate_skips_sentences_without_keys() -> None:
    text = "Die Stadt liegt am Fluss."
    s = SentenceContext(text, 0, len(text), [], [])
    assert not s.may_match(P.ORG_KEYS)
    assert list(s.cues(P.ORG_ACTIVE, P.ORG_KEYS)) == []


@pytest.mark.parametrize(
    "before",
    [
        "sagt Geschäftsführerin ",
        "so Dr. Leiter Prof. Dr. ",
        "„Vorstandsvorsitzender ",
        "(CEO ",
        "erklärt Chief Digital Officer Dr.\n",
        "Head of Sales ",
        "meint Managing Director ",
        "Oberbürgermeisterin Prof.",
        "der Partnern ",
        "ein Satz ohne Rolle ",
        "Leiter.",
        "Geschäftsführer",
    ],
)
def test_bare_role_gate_is_a_necessary_condition(before: str) -> None:
    if roles._BARE_ROLE.search(before):
        assert roles._may_end_in_role(before)
