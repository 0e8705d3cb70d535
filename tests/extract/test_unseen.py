"""Regressions for errors seen on documents outside the development set.

Each case is a naming pattern, written as a new sentence about other places and names than
the documents where the error was seen.
"""

from __future__ import annotations

import pytest

from hafen.document import Document, Entity
from hafen.extract.entities import EntityStage


def run(text: str) -> Document:
    doc = Document(source="t.txt", text=text, content_hash="t")
    return EntityStage(use_crf=False)(doc)


def names(doc: Document, etype: str | None = None) -> list[str]:
    return [e.name for e in doc.entities if etype is None or e.type == etype]


def only(doc: Document, etype: str) -> Entity:
    found = [e for e in doc.entities if e.type == etype]
    assert len(found) == 1, [(e.type, e.name, e.aliases) for e in doc.entities]
    return found[0]


def test_unseen_bare_legal_form_is_no_organisation() -> None:
    doc = run("Bis Ende 2027 möchte das Start-up aus Kiel in die Rechtsform einer GmbH wechseln.")
    assert not names(doc, "ORG")


def test_unseen_cue_noun_tail_stops_at_a_nominalised_verb() -> None:
    doc = run("Der Bericht steht auf der Website der Kammer zum Herunterladen bereit.")
    assert not [n for n in names(doc) if "Herunterladen" in n]


def test_unseen_cue_noun_tail_stops_at_a_pronoun() -> None:
    doc = run("Die Beratung der Agentur für Gründungen finden Sie im Erdgeschoss.")
    assert "Agentur für Gründungen" in names(doc, "ORG")
    assert not [n for n in names(doc) if "Sie" in n]


@pytest.mark.parametrize("title", ["Prof. Dr.-Ing.", "Dr.-Ing.", "Dipl.-Ing."])
def test_unseen_academic_title_fragment_is_no_person(title: str) -> None:
    doc = run(f"Das Labor leitet {title} Sabine Kohlhaas aus Jena.")
    person = only(doc, "PERSON")
    assert person.name == "Sabine Kohlhaas"
    assert not any(n.startswith(("Dr", "Dipl")) for n in names(doc))


def test_unseen_genitive_place_is_named_in_the_nominative() -> None:
    doc = run("Der Wissenschaftspark Kiel gilt als einer der größten Technologieparks Europas.")
    assert "Europa" in names(doc, "PLACE")
    assert "Europas" in next(e for e in doc.entities if e.name == "Europa").aliases
    assert not [n for n in names(doc) if n.startswith("Technologieparks")]


def test_unseen_legal_form_name_extends_over_a_wrapped_line() -> None:
    doc = run(
        "Beteiligt sind die Fachhochschule Kiel, das Landesinstitut sowie die Brömmelkamp\n"
        "Logistik GmbH & Co. KG aus Hamm als Anwendungspartner."
    )
    assert "Brömmelkamp Logistik GmbH & Co. KG" in names(doc, "ORG")
    assert "Logistik GmbH & Co. KG" not in names(doc)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Die Industrie- und Handelskammer zu Kassel lädt ein.", "Industrie- und Handelskammer zu Kassel"),
        (
            "Die Handwerks- und Gewerbekammer Oberpfalz berät Betriebe.",
            "Handwerks- und Gewerbekammer Oberpfalz",
        ),
    ],
)
def test_unseen_coordinated_compound_belongs_to_the_name(text: str, name: str) -> None:
    assert name in names(run(text), "ORG")


def test_unseen_coordinated_generic_nouns_are_no_name() -> None:
    doc = run("In der Stadt entsteht ein Kompetenz- und Gründungszentrum für junge Firmen.")
    assert not names(doc, "ORG")


def test_unseen_english_institute_name_runs_through_and() -> None:
    doc = run(
        "Kiel hosts the Fraunhofer Institute for Marine Sensing and Robotics (IMR) and a new start-up hub."
    )
    org = next(e for e in doc.entities if e.type == "ORG")
    assert org.name == "Fraunhofer Institute for Marine Sensing and Robotics"
    assert "IMR" in org.aliases


def test_unseen_compound_with_acronym_is_no_alias_and_bracket_must_fit_topic() -> None:
    doc = run(
        "Beide haben IT-Sicherheit studiert und am Beckurts-Zentrum für IT-Sicherheit (BZI) promoviert. "
        "Die Firma ist Mitglied im Cluster IT-Sicherheit Niedersachsen."
    )
    topic = next(e for e in doc.entities if e.type == "TOPIC" and e.name == "IT-Sicherheit")
    assert "BZI" not in topic.aliases
    for org in (e for e in doc.entities if e.type == "ORG"):
        assert "IT-Sicherheit" not in org.aliases, org


def test_unseen_topic_keeps_a_fitting_bracket_abbreviation() -> None:
    doc = run("Das Start-up setzt auf Maschinelles Lernen (ML) in der Fertigung.")
    topic = next(e for e in doc.entities if e.type == "TOPIC")
    assert "ML" in topic.aliases


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Das Team des Clusters Robotik Niedersachsen lädt ein. "
            "Die Firma ist Mitglied im Cluster Robotik Niedersachsen.",
            "Cluster Robotik Niedersachsen",
        ),
        (
            "Der Entwurf des Wasserstoff-Netzwerks Emsland liegt vor. "
            "Das Wasserstoff-Netzwerk Emsland plant.",
            "Wasserstoff-Netzwerk Emsland",
        ),
        (
            "Träger ist der Verein Robotik Nord e. V. in Kiel. Kontakt: Robotik Nord e. V., Geschäftsstelle",
            None,
        ),
        (
            "Entwurf des H2-Netzwerks Emsland, Stand Mai. "
            "Das H2-Netzwerk Emsland (H2NE) plant neue Leitungen.",
            "H2-Netzwerk Emsland",
        ),
    ],
)
def test_unseen_inflected_and_prefixed_forms_fold_onto_one_entity(text: str, name: str | None) -> None:
    org = only(run(text), "ORG")
    if name is not None:
        assert org.name == name


def test_unseen_declined_adjective_name_is_given_in_the_nominative() -> None:
    doc = run("Man forscht an der Nordhessischen Hochschule und der Technischen Universität Kassel.")
    assert "Nordhessische Hochschule" in names(doc, "ORG")
    assert "Technische Universität Kassel" in names(doc, "ORG")
    org = next(e for e in doc.entities if e.name == "Nordhessische Hochschule")
    assert "Nordhessischen Hochschule" in org.aliases


def test_unseen_place_name_is_not_made_nominative() -> None:
    doc = run("Die Südwestfalen Agentur wirbt für die Region.")
    assert "Südwestfalen Agentur" in names(doc, "ORG")


@pytest.mark.parametrize(
    "text", ["Die Fakultät sitzt am Campus Wilhelmshaven.", "Das Labor zieht an den Campus Kassel um."]
)
def test_unseen_university_campus_is_a_site(text: str) -> None:
    doc = run(text)
    site = next(e for e in doc.entities if e.name.startswith("Campus"))
    assert (site.type, site.subtype) == ("PLACE", "site")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Die Pläne des Instituts für Meeresrobotik sind neu.", "Institut für Meeresrobotik"),
        ("Das Labor des Technologiezentrums Kiel wächst.", "Technologiezentrum Kiel"),
    ],
)
def test_unseen_genitive_cue_noun_is_named_in_the_nominative(text: str, name: str) -> None:
    assert name in names(run(text), "ORG")


def test_unseen_two_coined_words_are_one_name() -> None:
    doc = run("Im Netzwerk EffizienzCluster LogistikNord arbeiten 100 Firmen.")
    assert names(doc, "ORG") == ["EffizienzCluster LogistikNord"]


def test_unseen_person_name_runs_over_a_wrapped_line() -> None:
    doc = run(
        "Das Team der Hochschule Kiel hat unter Leitung von Prof. Dr.-Ing. Henrik\n"
        "Vosskamp einen Sensorknoten entwickelt."
    )
    person = only(doc, "PERSON")
    assert person.name == "Henrik Vosskamp"
    assert all("\n" not in a for a in person.aliases)


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Zum Kieler Innovationstag kamen 500 Gäste.", "Kieler Innovationstag", "EVENT"),
        ("Beim Digitaltag Kiel 2024 wurde diskutiert.", "Digitaltag Kiel 2024", "EVENT"),
        ("Die Kieler Woche und die Hannover Messe sind Höhepunkte.", "Hannover Messe", "EVENT"),
        ("Das Start-up gewann den Kieler Innovationspreis.", "Kieler Innovationspreis", "EVENT"),
        ("Mit dem Programm Innovation Nord fördert das Land Gründungen.", "Innovation Nord", "PROJECT"),
        ("Am neuen Logistik/IT-Campus wird gebaut.", "Logistik/IT-Campus", "PROJECT"),
        ("Der Intendant der Kölner Philharmonie spricht.", "Kölner Philharmonie", "ORG"),
        ("Es singt der Carl-Orff-Chor aus Passau.", "Carl-Orff-Chor", "ORG"),
        ("Vorwerk, als globaler Marktführer, zeigte neue Geräte.", "Vorwerk", "ORG"),
        ("Über die Tochtergesellschaft kiel:LAB berät die Stadt Gründer.", "kiel:LAB", "ORG"),
        ("Gefördert wird das Kompetenzzentrum 4.0. Danach mehr.", "Kompetenzzentrum 4.0", "ORG"),
        ("Das Bayern-Gesundheitsministerium veröffentlicht Zahlen.", "Bayern-Gesundheitsministerium", "ORG"),
    ],
)
def test_unseen_names_of_events_projects_and_houses(text: str, name: str, etype: str) -> None:
    assert name in names(run(text), etype)


def test_unseen_event_category_noun_is_no_part_of_the_name() -> None:
    doc = run("In Kiel Tage verbringen ist schön. Die Fachkonferenz Logistik 2025 tagt im Mai.")
    assert "Kiel Tage" not in names(doc)
    assert "Fachkonferenz Logistik 2025" not in names(doc)


def test_unseen_closing_quote_does_not_open_a_name() -> None:
    doc = run("Die Initiative „Zukunft Nord“ startet. Das Projekt „SmartHarbour“ läuft.")
    assert sorted(names(doc, "PROJECT")) == ["SmartHarbour", "Zukunft Nord"]


def test_unseen_land_acronym_after_an_abbreviation_stays_a_place() -> None:
    doc = run("Die Zahlen meldet das Landeszentrum Gesundheit (LZG NRW) für Nordrhein-Westfalen täglich.")
    assert "Landeszentrum Gesundheit" in names(doc, "ORG")
    assert "Nordrhein-Westfalen" in names(doc, "PLACE")


def test_unseen_statistical_mentions_of_legal_forms_and_common_plurals_are_dropped() -> None:
    from hafen.document import Mention

    text = "Die Forschungseinrichtungen und eine GmbH aus Kiel arbeiten mit Nordwerk zusammen."

    def predict(doc: Document) -> list[Mention]:
        spans = [("Forschungseinrichtungen", "ORG"), ("GmbH", "ORG"), ("Nordwerk", "ORG")]
        out = []
        for form, typ in spans:
            start = doc.text.index(form)
            out.append(Mention(start=start, end=start + len(form), text=form, type=typ, confidence=0.8))
        return out

    stage = EntityStage(use_crf=False)
    stage.crf = predict
    doc = stage(Document(source="t.txt", text=text, content_hash="t"))
    assert names(doc, "ORG") == ["Nordwerk"]


def test_unseen_coined_name_stops_before_its_legal_form() -> None:
    doc = run("Zu den Neuen gehört die NordSens GmbH, eine Ausgründung der Hochschule Kiel.")
    org = next(e for e in doc.entities if e.name == "NordSens GmbH")
    assert org.subtype == "company"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Mit Green Shipping Lab startet ein Reallabor.", "Green Shipping Lab"),
        ("Die Kieler Digitalstrategie wurde beschlossen.", "Kieler Digitalstrategie"),
        ("Das Projekt Blue Harbour läuft seit 2023.", "Blue Harbour"),
    ],
)
def test_unseen_coined_project_names(text: str, name: str) -> None:
    assert name in names(run(text), "PROJECT")


def test_unseen_generic_programme_of_a_town_is_no_name() -> None:
    assert not names(run("Das Kieler Förderprogramm läuft seit Mai."), "PROJECT")


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Über das Förderprogramm Zukunft Nord fördert das Land.", "Zukunft Nord", "PROJECT"),
        ("Das Forschungsprojekt SensNord läuft.", "SensNord", "PROJECT"),
        ("Das Team „Gemeinsam stark“ hilft Betrieben.", "Gemeinsam stark", "ORG"),
        ("Netzwerke wie NordNet helfen jungen Firmen.", "NordNet", "ORG"),
    ],
)
def test_unseen_names_after_category_nouns(text: str, name: str, etype: str) -> None:
    assert name in names(run(text), etype)


def test_unseen_common_noun_after_category_is_no_name() -> None:
    doc = run("Projekte wie Forschung stärken die Stadt. Das Entwicklerteam wächst.")
    assert not names(doc, "PROJECT") and not names(doc, "ORG")


def test_unseen_list_of_plural_nouns_is_no_apposition() -> None:
    doc = run("Der Plan stärkt Hochschulen, Forschungseinrichtungen, Unternehmen und die Verwaltung.")
    assert not names(doc, "ORG")


def test_unseen_quoted_sentence_after_a_cue_is_no_name() -> None:
    doc = run("Das Projekt „Mit Abschluss durchstarten in die Ausbildung“ läuft seit Mai.")
    assert not names(doc, "PROJECT")


def test_unseen_list_item_keeps_the_conjunct_with_the_cue() -> None:
    doc = run("Maßnahmen:\n(4) Schuldenfrage und Mobilitätsoffensive Emsland\n(5) Eventfonds\n")
    assert "Mobilitätsoffensive Emsland" in names(doc, "PROJECT")
    assert not [n for n in names(doc) if n.startswith("Schuldenfrage")]


def test_unseen_team_of_an_institute_is_no_organisation() -> None:
    doc = run("Das ISST-Team um Dr. Anna Kurz entwickelt ein Datenmodell.")
    assert not names(doc, "ORG")


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Der Landtag Niedersachsen berät das Gesetz.", "Landtag Niedersachsen", "ORG"),
        ("Der Kreistag Pinneberg tagt im Mai.", "Kreistag Pinneberg", "ORG"),
        ("Beim Roundtable Logistik Kiel diskutieren Firmen.", "Roundtable Logistik Kiel", "EVENT"),
        ("Das Format „Round Table Nordhandel“ startet im Mai.", "Round Table Nordhandel", "EVENT"),
    ],
)
def test_unseen_assemblies_and_round_tables(text: str, name: str, etype: str) -> None:
    assert name in names(run(text), etype)


def test_unseen_weekdays_do_not_make_a_quoted_name_an_event() -> None:
    doc = run("An Sonntagen und Feiertagen bitte die „Corona-Lage“ des Landesamtes besuchen.")
    assert not names(doc, "EVENT")


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Die Stadt setzt auf Firmen wie Nordwerk Robotics.", "Nordwerk Robotics", "ORG"),
        ("Die Freiburger Klimastrategie 2035 gilt.", "Freiburger Klimastrategie 2035", "PROJECT"),
    ],
)
def test_unseen_examples_and_dated_plans(text: str, name: str, etype: str) -> None:
    assert name in names(run(text), etype)


def test_unseen_descriptor_after_wie_is_no_name() -> None:
    doc = run("Das zeigt ein Start-up wie der Sensorhersteller „Nordsens“ aus Kiel.")
    assert "Sensorhersteller" not in names(doc)
    assert "Nordsens" in names(doc, "ORG")


def test_unseen_laws_are_no_organisations() -> None:
    doc = run("Gemäß § 11 IfSG und nach dem EnWG und dem BauGB meldet das Landesamt in Kiel Zahlen.")
    assert not [n for n in names(doc) if n in {"IfSG", "EnWG", "BauGB"}]


def test_unseen_numbered_working_group_is_a_unit() -> None:
    doc = run("Die Themengruppe 3 tagt im Mai, der Arbeitskreis 2 im Juni.")
    assert {"Themengruppe 3", "Arbeitskreis 2"} <= set(names(doc, "ORG"))


def test_unseen_bracketed_abbreviation_confirms_a_name_with_a_lower_case_adjective() -> None:
    doc = run("Das Projekt Servicecenter regionale Fachkräfte (SRF) hat sich bewährt. Das SRF wächst.")
    project = only(doc, "PROJECT")
    assert project.name == "Servicecenter regionale Fachkräfte"
    assert "SRF" in project.aliases


def test_unseen_year_at_the_end_of_a_sentence_belongs_to_the_plan() -> None:
    doc = run("Die Bürgerschaft beschließt die Strategie Rostock 2035. Danach folgt mehr.")
    assert any(n.endswith("Rostock 2035") for n in names(doc, "PROJECT"))
