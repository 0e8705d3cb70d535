"""Relation patterns added for appositions, passives, sub-projects and place adjectives.

Every sentence is about a region other than the development set's.
"""

from __future__ import annotations

import pytest
from tests.extract.conftest import Names, annotated_doc

from hafen.extract.relation_context import between
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
