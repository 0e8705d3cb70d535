"""Relations stated in German sentences about regions other than the development set's."""

from __future__ import annotations

import re

import pytest
from tests.extract.conftest import Names, annotated_doc

from hafen.extract.relations import make_stage


def _rels(text: str, names: Names) -> set[tuple[str, str, str]]:
    doc = make_stage()(annotated_doc(text, names))
    return {(r.head, r.type, r.tail) for r in doc.relations}


ORG, PLACE, PERSON, PROJECT, EVENT, TOPIC = "ORG", "PLACE", "PERSON", "PROJECT", "EVENT", "TOPIC"


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "So kooperiert das Karlsruher Institut für Technologie bereits seit 2019 mit dem "
            "Softwarehaus Vector.",
            {"Karlsruher Institut für Technologie": ("kit", ORG), "Vector": ("vector", ORG)},
            {("kit", "cooperates_with", "vector")},
        ),
        (
            "Die Hochschule Bremen richtet das Labor in Zusammenarbeit mit Airbus ein.",
            {"Hochschule Bremen": ("hsb", ORG), "Airbus": ("airbus", ORG)},
            {("hsb", "cooperates_with", "airbus")},
        ),
        (
            "Die Zusammenarbeit zwischen der Universität Leipzig, dem Fraunhofer IMW und der HHL "
            "wird vertieft.",
            {"Universität Leipzig": ("ul", ORG), "Fraunhofer IMW": ("imw", ORG), "HHL": ("hhl", ORG)},
            {
                ("ul", "cooperates_with", "imw"),
                ("ul", "cooperates_with", "hhl"),
                ("imw", "cooperates_with", "hhl"),
            },
        ),
    ],
)
def test_relations_cooperation(text: str, names: Names, expected: set[tuple[str, str, str]]) -> None:
    assert _rels(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Das Zentrum für Quantentechnologie (ZQT) der Universität Ulm eröffnet ein Labor.",
            {
                "Zentrum für Quantentechnologie": ("zqt", ORG),
                "ZQT": ("zqt", ORG),
                "Universität Ulm": ("uulm", ORG),
            },
            {("zqt", "part_of", "uulm")},
        ),
        (
            "Die Gründerwerkstatt Mannheim ist seit 2020 Teil der Hochschule Mannheim.",
            {"Gründerwerkstatt Mannheim": ("gw", ORG), "Hochschule Mannheim": ("hsma", ORG)},
            {("gw", "part_of", "hsma")},
        ),
        (
            "Silicon Saxony ist ein Zusammenschluss aus Infineon, Globalfoundries und der TU Dresden.",
            {
                "Silicon Saxony": ("ss", ORG),
                "Infineon": ("inf", ORG),
                "Globalfoundries": ("gf", ORG),
                "TU Dresden": ("tud", ORG),
            },
            {("inf", "part_of", "ss"), ("gf", "part_of", "ss"), ("tud", "part_of", "ss")},
        ),
        (
            "Hierzu wurde bei der Wirtschaftsförderung Kiel ein Team („Kiel.Startup“) eingerichtet.",
            {"Wirtschaftsförderung Kiel": ("wfk", ORG), "Kiel.Startup": ("ks", ORG)},
            {("ks", "part_of", "wfk")},
        ),
    ],
)
def test_relations_part_of(text: str, names: Names, expected: set[tuple[str, str, str]]) -> None:
    assert _rels(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Forschende des Fraunhofer-Instituts für Werkstoffmechanik (IWM) in Freiburg testen neue Stähle.",
            {
                "Fraunhofer-Instituts für Werkstoffmechanik": ("iwm", ORG),
                "IWM": ("iwm", ORG),
                "Freiburg": ("fr", PLACE),
            },
            {("iwm", "located_in", "fr")},
        ),
        (
            "Partner ist Testo, ein Messtechnikhersteller mit Hauptsitz in Lenzkirch.",
            {"Testo": ("testo", ORG), "Lenzkirch": ("lk", PLACE)},
            {("testo", "located_in", "lk")},
        ),
        (
            "Beteiligt sind die Universität Kassel sowie die Firma SMA in Niestetal.",
            {"Universität Kassel": ("uk", ORG), "SMA": ("sma", ORG), "Niestetal": ("ns", PLACE)},
            {("sma", "located_in", "ns")},
        ),
        (
            "Der Verband kam aus Südtirol in Würzburg an.",
            {"Südtirol": ("st", PLACE), "Würzburg": ("wü", PLACE)},
            set(),
        ),
    ],
)
def test_relations_located_in(text: str, names: Names, expected: set[tuple[str, str, str]]) -> None:
    assert _rels(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names", "role"),
    [
        (
            "„Wir wachsen“, sagt Anna Schmidt, Geschäftsführerin der Wirtschaftsförderung Region Stuttgart.",
            {"Anna Schmidt": ("p", PERSON), "Wirtschaftsförderung Region Stuttgart": ("o", ORG)},
            "Geschäftsführerin",
        ),
        (
            "So WRS-Geschäftsführer Walter Rogg beim Empfang.",
            {"Walter Rogg": ("p", PERSON), "WRS": ("o", ORG)},
            "Geschäftsführer",
        ),
        (
            "Das erklärt Prof. Dr. Jana Weber von der Universität Rostock.",
            {"Jana Weber": ("p", PERSON), "Universität Rostock": ("o", ORG)},
            "Prof. Dr.",
        ),
        (
            "Aus Sicht von Tom Berg, der bei der Stadt Kiel verantwortlich ist für die Digitalisierung, "
            "passt das.",
            {"Tom Berg": ("p", PERSON), "Stadt Kiel": ("o", ORG)},
            "verantwortlich für die Digitalisierung",
        ),
    ],
)
def test_relations_works_for_with_role(text: str, names: Names, role: str) -> None:
    doc = make_stage()(annotated_doc(text, names))
    assert [(r.head, r.type, r.tail, r.role) for r in doc.relations] == [("p", "works_for", "o", role)]


def test_relations_works_for_needs_an_org() -> None:
    text = "Das sagt Anna Schmidt, Geschäftsführerin der Region Stuttgart."
    assert _rels(text, {"Anna Schmidt": ("p", PERSON), "Region Stuttgart": ("r", PLACE)}) == set()


def test_relations_works_for_from_entity_roles() -> None:
    text = "Laut Eva Roth, Leiterin des Gründungszentrums Halle, ist das Interesse groß."
    doc = annotated_doc(text, {"Eva Roth": ("p", PERSON), "Gründungszentrums Halle": ("o", ORG)})
    org = text.index("Gründungszentrums")
    doc.entities[0].attrs["roles"] = [
        {"role": "Leiterin", "org_mention": [org, org + 23], "span": [5, org + 23]}
    ]
    rels = make_stage()(doc).relations
    assert [(r.head, r.tail, r.role) for r in rels] == [("p", "o", "Leiterin")]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Die Kieler Gründungswoche wird von der Wirtschaftsförderung Kiel veranstaltet.",
            {"Kieler Gründungswoche": ("ev", EVENT), "Wirtschaftsförderung Kiel": ("wf", ORG)},
            {("wf", "organizes", "ev")},
        ),
        (
            "Er ist einer der Höhepunkte des Nürnberg Digital Festival. Organisiert von der IHK Nürnberg, "
            "besuchen ihn jedes Jahr Tausende.",
            {"Nürnberg Digital Festival": ("ev", EVENT), "IHK Nürnberg": ("ihk", ORG)},
            {("ihk", "organizes", "ev")},
        ),
        (
            "Nicht zuletzt die durch die Stadt Münster initiierte Plattform „Münster hilft“ zeigt das.",
            {"Stadt Münster": ("sm", ORG), "Münster hilft": ("pl", PROJECT)},
            {("sm", "organizes", "pl")},
        ),
        (
            "Die Stadtwerke Jena planen den Wasserstoffpark Jena-Süd.",
            {"Stadtwerke Jena": ("sw", ORG), "Wasserstoffpark Jena-Süd": ("wp", PROJECT)},
            {("sw", "develops", "wp")},
        ),
        (
            "Mit der Innovationsstrategie der Stadt Aachen entsteht ein Rahmen.",
            {"Innovationsstrategie": ("is", PROJECT), "Stadt Aachen": ("sa", ORG)},
            {("sa", "develops", "is")},
        ),
    ],
)
def test_relations_organizes_develops(text: str, names: Names, expected: set[tuple[str, str, str]]) -> None:
    assert _rels(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Das Fraunhofer IPA forscht an Robotik und Künstlicher Intelligenz.",
            {
                "Fraunhofer IPA": ("ipa", ORG),
                "Robotik": ("rob", TOPIC),
                "Künstlicher Intelligenz": ("ki", TOPIC),
            },
            {("ipa", "focuses_on", "rob"), ("ipa", "focuses_on", "ki")},
        ),
        (
            "Der Schwerpunkt des Clusters BioRN liegt auf Biotechnologie.",
            {"BioRN": ("biorn", ORG), "Biotechnologie": ("bio", TOPIC)},
            {("biorn", "focuses_on", "bio")},
        ),
        (
            "Die Firma Kinexon ist auf Sensorik spezialisiert.",
            {"Kinexon": ("kx", ORG), "Sensorik": ("sen", TOPIC)},
            {("kx", "focuses_on", "sen")},
        ),
        (
            "Das Projekt SmartRegion Lausitz startet. Das vom Land getragene Projekt vernetzt Akteure aus "
            "den Bereichen Energie und Mobilität.",
            {"SmartRegion Lausitz": ("sr", PROJECT), "Energie": ("en", TOPIC), "Mobilität": ("mob", TOPIC)},
            {("sr", "focuses_on", "en"), ("sr", "focuses_on", "mob")},
        ),
        (
            "Das Kompetenzzentrum für Wasserstoff Duisburg eröffnet im Herbst.",
            {"Kompetenzzentrum für Wasserstoff Duisburg": ("kz", ORG), "Wasserstoff": ("h2", TOPIC)},
            {("kz", "focuses_on", "h2")},
        ),
    ],
)
def test_relations_focuses_on(text: str, names: Names, expected: set[tuple[str, str, str]]) -> None:
    assert _rels(text, names) == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "Das Projekt SmartCity Ulm wird vom Bundesministerium des Innern gefördert.",
            {"SmartCity Ulm": ("sc", PROJECT), "Bundesministerium des Innern": ("bmi", ORG)},
            {("bmi", "funds", "sc")},
        ),
        (
            "Der Hub Lübeck, gefördert durch die Possehl-Stiftung, öffnet im Mai.",
            {"Hub Lübeck": ("hub", PROJECT), "Possehl-Stiftung": ("ps", ORG)},
            {("ps", "funds", "hub")},
        ),
    ],
)
def test_relations_funds(text: str, names: Names, expected: set[tuple[str, str, str]]) -> None:
    assert _rels(text, names) == expected


def test_relations_symmetric_pairs_are_kept_once() -> None:
    text = "Die Uni Passau kooperiert mit Zollner. Auch Zollner kooperiert mit der Uni Passau."
    doc = make_stage()(annotated_doc(text, {"Uni Passau": ("up", ORG), "Zollner": ("z", ORG)}))
    assert len(doc.relations) == 1
    assert doc.relations[0].type == "cooperates_with"


def test_relations_evidence_is_the_sentence_with_confidence_and_method() -> None:
    first = "Der Tag war lang."
    second = "So kooperiert die Universität Bayreuth mit dem Batteriehersteller Varta."
    text = f"{first} {second}"
    doc = make_stage()(annotated_doc(text, {"Universität Bayreuth": ("ub", ORG), "Varta": ("v", ORG)}))
    (rel,) = doc.relations
    assert text[rel.start : rel.end] == second
    assert 0 < rel.confidence < 1
    assert rel.method.startswith("pattern:")


def test_relations_no_relation_without_cue_or_wrong_types() -> None:
    text = "Die Universität Passau und die Stadt Deggendorf liegen an der Donau. Robotik ist wichtig."
    names = {
        "Universität Passau": ("up", ORG),
        "Stadt Deggendorf": ("sd", ORG),
        "Donau": ("d", PLACE),
        "Robotik": ("r", TOPIC),
    }
    assert _rels(text, names) == set()


def test_relations_frame_is_not_an_actor() -> None:
    text = "Im Rahmen des Masterplans Digitalstadt Darmstadt wird im Bereich Robotik geforscht."
    names = {"Masterplans Digitalstadt Darmstadt": ("mp", PROJECT), "Robotik": ("r", TOPIC)}
    assert _rels(text, names) == set()


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (  # the group of a union cooperates in the next sentence and shares its topic
            "Das Netzwerk Saxony5 ist ein Zusammenschluss aus der HTW Dresden und der HTWK Leipzig. "
            "Gemeinsam arbeiten sie an Robotik.",
            {
                "Saxony5": ("s5", ORG),
                "HTW Dresden": ("htw", ORG),
                "HTWK Leipzig": ("htwk", ORG),
                "Robotik": ("rob", TOPIC),
            },
            {
                ("htw", "part_of", "s5"),
                ("htwk", "part_of", "s5"),
                ("htw", "cooperates_with", "htwk"),
                ("htw", "focuses_on", "rob"),
                ("htwk", "focuses_on", "rob"),
            },
        ),
        (  # examples of a programme owner; an item with its own genitive owner is left out
            "Das gelingt mit Projekten der Stadt Essen wie „Essen.Digital“, der Lernfabrik der "
            "Hochschule Ruhr West oder Partnern.",
            {
                "Stadt Essen": ("se", ORG),
                "Essen.Digital": ("ed", PROJECT),
                "Lernfabrik": ("lf", PROJECT),
                "Hochschule Ruhr West": ("hrw", ORG),
            },
            {("se", "organizes", "ed"), ("hrw", "organizes", "lf")},
        ),
        (  # a project named after its organisation
            "Die Bosch Innovationswerkstatt öffnet im Mai.",
            {"Bosch": ("bosch", ORG), "Bosch Innovationswerkstatt": ("biw", PROJECT)},
            {("bosch", "organizes", "biw")},
        ),
        (  # a heading "Actor: topic"
            "Fraunhofer IGD: Visual Computing für die Stadt",
            {"Fraunhofer IGD": ("igd", ORG), "Visual Computing": ("vc", TOPIC)},
            {("igd", "focuses_on", "vc")},
        ),
        (  # verb-final object with a modal verb
            "Die Stadt Leipzig will einen jährlichen Kulturfonds Leipzig auflegen.",
            {"Stadt Leipzig": ("sl", ORG), "Kulturfonds Leipzig": ("kf", PROJECT)},
            {("sl", "organizes", "kf")},
        ),
        (  # a site given as "auf dem Gelände der …"
            "Das Gründerzentrum Zeche Zollern auf dem Gelände der Zeche Zollern wächst.",
            {"Gründerzentrum Zeche Zollern": ("gz", PROJECT), "Zeche Zollern": ("zz", PLACE)},
            {("gz", "located_in", "zz")},
        ),
        (  # a frame that is itself a project contains the new one
            "Im Rahmen des Masterplans Digitalstadt Mainz soll ein Projekt „Mainz Open Data“ starten.",
            {"Masterplans Digitalstadt Mainz": ("mp", PROJECT), "Mainz Open Data": ("od", PROJECT)},
            {("od", "part_of", "mp")},
        ),
        (  # quotes around a name do not hide the genitive
            "Die Initiative „Startklar“ der IHK Koblenz berät Gründende.",
            {"Startklar": ("sk", PROJECT), "IHK Koblenz": ("ihk", ORG)},
            {("ihk", "organizes", "sk")},
        ),
        (  # the nearest actor of another list item is not the partner
            "Genutzt werden der Beirat unter Vorsitz der IHK Trier sowie das TZT in Kooperation "
            "mit dem Campus Trier.",
            {"IHK Trier": ("ihk", ORG), "TZT": ("tzt", ORG), "Campus Trier": ("ct", ORG)},
            {("tzt", "cooperates_with", "ct")},
        ),
    ],
)
def test_relations_context_patterns(text: str, names: Names, expected: set[tuple[str, str, str]]) -> None:
    assert _rels(text, names) == expected


def test_relations_role_after_mit_applies_to_coordinated_orgs() -> None:
    text = "Es spielen der Thomanerchor und das Gewandhausorchester mit dem Intendanten und Leiter Max Ruf."
    names = {"Thomanerchor": ("tc", ORG), "Gewandhausorchester": ("go", ORG), "Max Ruf": ("p", PERSON)}
    doc = make_stage()(annotated_doc(text, names))
    assert {(r.head, r.tail, r.role) for r in doc.relations} == {
        ("p", "go", "Intendant und Leiter"),
        ("p", "tc", "Intendant und Leiter"),
    }


def test_relations_topic_compound_names() -> None:
    text = "Das Wasserstoffnetzwerk Lausitz wächst. Wasserstoff bleibt das Thema."
    names = {"Wasserstoffnetzwerk Lausitz": ("wnl", ORG), "Wasserstoff": ("h2", TOPIC)}
    assert _rels(text, names) == {("wnl", "focuses_on", "h2")}


def test_relations_coordinated_subjects_start_a_project_together() -> None:
    text = (
        "Die Hochschule Harz, die Uni Magdeburg und die Firma Tenneco starten das Projekt „H2Harz“. "
        "Dieser Frage gehen die Hochschule Harz und die Uni Magdeburg gemeinsam nach."
    )
    names = {
        "Hochschule Harz": ("hh", ORG),
        "Uni Magdeburg": ("um", ORG),
        "Tenneco": ("tn", ORG),
        "H2Harz": ("h2", PROJECT),
    }
    assert _rels(text, names) == {
        ("hh", "organizes", "h2"),
        ("um", "organizes", "h2"),
        ("tn", "organizes", "h2"),
        ("hh", "cooperates_with", "um"),
    }


def test_relations_founders_and_unit_roles() -> None:
    text = (
        "Die Lagerwerk GmbH wurde von Jan Ott und Dr. Ida Ries gegründet. "
        "„Das ist neu“, sagt Prof. Dr. Eva Kern, Leiterin der Abteilung Robotik am Fraunhofer IFF."
    )
    names = {
        "Lagerwerk GmbH": ("lw", ORG),
        "Jan Ott": ("jo", PERSON),
        "Ida Ries": ("ir", PERSON),
        "Eva Kern": ("ek", PERSON),
        "Fraunhofer IFF": ("iff", ORG),
    }
    doc = make_stage()(annotated_doc(text, names))
    assert {(r.head, r.type, r.tail, r.role) for r in doc.relations} == {
        ("jo", "works_for", "lw", "Gründer"),
        ("ir", "works_for", "lw", "Gründer"),
        ("ek", "works_for", "iff", "Leiterin der Abteilung Robotik"),
    }


def test_relations_places_listed_in_brackets_lie_in_the_region() -> None:
    text = "Die Agentur arbeitet im Mittleren Schwarzwald (Villingen, Triberg und Furtwangen) und weiter."
    names = {
        "Mittleren Schwarzwald": ("ms", PLACE),
        "Villingen": ("v", PLACE),
        "Triberg": ("t", PLACE),
        "Furtwangen": ("f", PLACE),
    }
    assert _rels(text, names) == {
        ("v", "located_in", "ms"),
        ("t", "located_in", "ms"),
        ("f", "located_in", "ms"),
    }


def test_relations_genitive_inside_a_name() -> None:
    text = "Das Gründerbüro der Universität Trier berät Studierende. Die Universität Trier wächst."
    names = {"Gründerbüro der Universität Trier": ("gb", ORG), "Universität Trier": ("ut", ORG)}
    assert _rels(text, names) == {("gb", "part_of", "ut")}


def test_relations_cue_rule_table_is_consistent() -> None:
    from hafen.extract import relation_patterns as P
    from hafen.extract.relations import _SHAPES

    plain_flags = re.compile("").flags
    for cue in (P.COOP_MIT, P.COOP_ZWISCHEN, P.COOP_PLURAL, P.ORG_PASSIVE, P.ORG_ATTRIBUTIVE):
        assert cue.flags == plain_flags and "(?P=" not in cue.pattern, cue  # pre-scanned together too
    for rule in P.CUE_RULES:
        assert rule.shape in _SHAPES, rule
        # the stage pre-scans a sentence with all cues of a relation in one alternation
        assert rule.cue.flags == plain_flags and "(?P=" not in rule.cue.pattern, rule
        assert rule.family in P.CONFIDENCE, rule
        heads, tails = P.SIGNATURES[rule.rel]
        # every type pairing a rule proposes can pass the relation's signature
        assert rule.head <= heads and rule.tail <= tails, rule


@pytest.mark.parametrize(
    ("text", "names", "expected", "method"),
    [
        (  # "agent_after" with the funder's genitive chain left as it is
            "Das Reallabor Hafenkante wird gefördert vom Land Niedersachsen.",
            {"Reallabor Hafenkante": ("rh", PROJECT), "Land Niedersachsen": ("nds", ORG)},
            {("nds", "funds", "rh")},
            "pattern:fund_passive",
        ),
        (  # "between": head before the cue, tail after it
            "Die Hafenwerk GmbH ist seit 2020 Teil der Nordstern Gruppe.",
            {"Hafenwerk GmbH": ("hw", ORG), "Nordstern Gruppe": ("ns", ORG)},
            {("hw", "part_of", "ns")},
            "pattern:part_cue",
        ),
    ],
)
def test_relations_cue_rules_by_shape(
    text: str, names: Names, expected: set[tuple[str, str, str]], method: str
) -> None:
    doc = make_stage()(annotated_doc(text, names))
    assert {(r.head, r.type, r.tail) for r in doc.relations} == expected
    assert {r.method for r in doc.relations} == {method}
