"""General German naming patterns for places, projects and events, each on a sentence
about a region other than the development documents."""

from __future__ import annotations

from hafen.document import Document
from hafen.extract.entities import EntityStage
from hafen.extract.tables import tables_stage


def run(text: str) -> Document:
    doc = Document(source="t.txt", text=text, content_hash="t")
    return EntityStage(use_crf=False)(doc)


def names(doc: Document, etype: str | None = None) -> list[str]:
    return [e.name for e in doc.entities if etype is None or e.type == etype]


def test_district_with_bracketed_kind_keeps_its_closing_bracket() -> None:
    doc = run(
        "Gründungen je Kreis\n"
        "Landkreis / kreisfreie Stadt\tGründungen\tVeränderung\n"
        "Stuttgart\t1.204\t3,1\n"
        "Esslingen (Kreis)\t987\t2,4\n"
        "Ludwigsburg (Kreis)\t1.015\t-0,8\n"
        "Göppingen (Kreis)\t402\t1,2\n"
    )
    places = names(doc, "PLACE")
    assert "Esslingen (Kreis)" in places
    assert not [p for p in places if p.endswith("(Kreis")]


def test_table_rows_link_to_the_district_found_in_the_text_without_a_duplicate() -> None:
    doc = tables_stage(
        run(
            "Einwohner im Regierungsbezirk Stuttgart\n"
            "Landkreis / kreisfreie Stadt\tEinwohner\tFläche\n"
            "Esslingen (Kreis)\t535.024\t641,5\n"
            "Ludwigsburg (Kreis)\t545.423\t686,8\n"
            "Göppingen (Kreis)\t258.145\t642,3\n"
        )
    )
    districts = [e for e in doc.entities if e.type == "PLACE" and e.name.startswith("Esslingen")]
    assert len(districts) == 1, [(e.name, e.method) for e in districts]
    assert districts[0].subtype == "region"
    assert doc.tables[0].row_entities[0] == districts[0].key


def test_town_with_bracketed_river_in_running_text() -> None:
    doc = run("Die Europa-Universität Viadrina in Frankfurt (Oder) eröffnet ein Gründungsbüro.")
    assert "Frankfurt (Oder)" in names(doc, "PLACE")


def test_event_named_by_time_noun_and_genitive() -> None:
    doc = run("Zum Tag der Industriekultur öffnen in Magdeburg zwölf Betriebe ihre Werkhallen.")
    assert "Tag der Industriekultur" in names(doc, "EVENT")


def test_event_with_adjective_before_the_time_noun() -> None:
    doc = run("Die Lange Nacht der Wissenschaften lockte 30.000 Besucher auf den Campus in Leipzig.")
    assert "Lange Nacht der Wissenschaften" in names(doc, "EVENT")
    doc = run("Die Europäische Woche der Mobilität beginnt in Freiburg am 16. September.")
    assert "Europäische Woche der Mobilität" in names(doc, "EVENT")


def test_event_format_with_lower_case_adjective_in_the_genitive() -> None:
    doc = run("Am Tag der offenen Tür zeigt die Hochschule Kiel ihre Wasserstofflabore.")
    assert "Tag der offenen Tür" in names(doc, "EVENT")


def test_time_noun_with_an_occasion_or_a_span_of_days_is_no_event() -> None:
    doc = run("Am Tag der Eröffnung kamen 500 Gäste in das neue Gründerzentrum in Aachen.")
    assert not names(doc, "EVENT")
    doc = run("Viele Gäste konnten mehrere Tage der Quarantäne in Stuttgart nicht verbringen.")
    assert not names(doc, "EVENT")


def test_quoted_stage_work_after_a_work_noun_is_an_event() -> None:
    doc = run("Das Theater Kiel bringt im Herbst das Schauspiel „Der Sturm“ auf die Bühne.")
    assert "Der Sturm" in names(doc, "EVENT")


def test_quoted_title_after_a_composer_in_the_genitive_is_an_event() -> None:
    doc = run("Das Gewandhausorchester spielte Joseph Haydns Oratorium „Die Schöpfung“ vor 800 Gästen.")
    assert "Die Schöpfung" in names(doc, "EVENT")
    doc = run("Die Oper Leipzig zeigt ab Oktober Mozarts „Zauberflöte“ mit neuer Besetzung.")
    assert "Zauberflöte" in names(doc, "EVENT")


def test_quoted_title_beside_a_premiere_is_an_event() -> None:
    doc = run("Die Oper Halle hat statt „Carmen“ als erste Premiere ein Singspiel angesetzt.")
    assert "Carmen" in names(doc, "EVENT")


def test_quoted_title_may_hold_prepositions_but_a_quoted_sentence_is_no_name() -> None:
    doc = run("Die Premiere von Mozarts „Entführung aus dem Serail“ in Magdeburg war ausverkauft.")
    assert "Entführung aus dem Serail" in names(doc, "EVENT")
    doc = run("Der Bürgermeister von Kiel sagte: „Wir brauchen mehr Wohnungen in der Stadt“.")
    assert not names(doc, "EVENT") and not names(doc, "PROJECT")


def test_title_with_and_without_its_article_is_one_entity() -> None:
    doc = run(
        "Das Gewandhausorchester spielte Joseph Haydns Oratorium „Die Schöpfung“. "
        "Nach Haydns „Schöpfung“ gab es lange Applaus in Leipzig."
    )
    events = [e for e in doc.entities if e.type == "EVENT"]
    assert [e.name for e in events] == ["Die Schöpfung"]
    assert "Schöpfung" in events[0].aliases


def test_person_in_prenominal_genitive_is_named_in_the_nominative() -> None:
    doc = run("Das Gewandhausorchester spielte Joseph Haydns Oratorium „Die Schöpfung“ in Leipzig.")
    person = next(e for e in doc.entities if e.type == "PERSON")
    assert person.name == "Joseph Haydn"
    assert "Joseph Haydns" in person.aliases


def test_person_whose_surname_ends_in_s_keeps_it() -> None:
    doc = run("Die Ideen von Gründerin Maria Fuchs überzeugten die Jury in Kiel. Maria Fuchs Team wächst.")
    assert "Maria Fuchs" in names(doc, "PERSON")
    assert "Maria Fuch" not in names(doc, "PERSON")


def test_three_part_name_with_common_surname() -> None:
    doc = run("Das sagt Hans Peter Müller, Geschäftsführer der Stadtwerke Kiel.")
    assert "Hans Peter Müller" in names(doc, "PERSON")


def test_slogan_in_quotes_after_a_cue_noun_is_a_project() -> None:
    doc = run("Die von der Stadt Kiel gestartete Plattform „Wir kaufen lokal ein“ zählt 300 Händler.")
    assert "Wir kaufen lokal ein" in names(doc, "PROJECT")
    doc = run("Die Kampagne „Stuttgart kann mehr“ wirbt für Fachkräfte aus dem Ausland.")
    assert "Stuttgart kann mehr" in names(doc, "PROJECT")


def test_name_in_german_single_quotes() -> None:
    doc = run("Mit dem Förderprogramm ‚Zweite Chance‘ unterstützt die Stadt Leipzig geschlossene Clubs.")
    assert "Zweite Chance" in names(doc, "PROJECT")
    doc = run("Mit ‚Kiel Digital‘ startet die Stadt ein neues Programm für Gründerinnen.")
    assert "Kiel Digital" in names(doc, "PROJECT")


def test_town_adjective_with_model_names_a_programme() -> None:
    doc = run("Die Zusammenarbeit folgt dem Ulmer Modell. Das Ulmer Modell wird in Aachen übernommen.")
    assert "Ulmer Modell" in names(doc, "PROJECT")
    assert not [n for n in names(run("Das Modell der Hochschule Kiel überzeugt.")) if "Modell" in n]


def test_every_item_of_an_example_list_after_a_cue_noun() -> None:
    doc = run(
        "Die IHK Leipzig öffnet Betrieben Zugänge zu Landesprogrammen wie digitalBonus, "
        "Innovationsgutschein und Weiterbildungsbonus."
    )
    assert {"digitalBonus", "Innovationsgutschein", "Weiterbildungsbonus"} <= set(names(doc, "PROJECT"))


def test_example_list_stops_at_a_common_noun() -> None:
    doc = run("Programme wie Innovationsgutschein und Beratung helfen den Betrieben in Kiel.")
    assert names(doc, "PROJECT") == ["Innovationsgutschein"]


def test_cue_noun_after_als_describes_a_role() -> None:
    doc = run("Die Verbindung stärkt die Position Magdeburgs als Zentrum für digitale Innovation.")
    assert not names(doc, "ORG")
    doc = run("Die Rolle, die Aachen als\n\nZentrum für Bildung und Technologie einnimmt, wächst.")
    assert not names(doc, "ORG")
    doc = run("Das Institut für Meereskunde in Kiel forscht seit 1937 an der Ostsee.")
    assert "Institut für Meereskunde" in names(doc, "ORG")


def test_statistical_mentions_after_als_or_an_indefinite_article_are_dropped() -> None:
    from hafen.document import Mention
    from hafen.extract.entities import _described

    text = "Leipzig gilt als Zentrum für Logistik; ein Institut für Robotik fehlt. Das Institut für Robotik"
    span = [(text.index(s), text.index(s) + len(s)) for s in ("Zentrum für Logistik", "Institut für Robotik")]
    last = text.rindex("Institut für Robotik")
    ms = [Mention(start=a, end=b, text=text[a:b], type="ORG") for a, b in span]
    ms.append(Mention(start=last, end=last + 20, text=text[last : last + 20], type="ORG"))
    assert [_described(text, m) for m in ms] == [True, True, False]


def test_adjective_and_region_name_a_region_of_their_own() -> None:
    doc = run("Die Sächsische Schweiz zählt jährlich drei Millionen Gäste aus Dresden und Prag.")
    assert "Sächsische Schweiz" in names(doc, "PLACE")
    assert "Schweiz" not in names(doc, "PLACE")


def test_adjective_region_and_bare_region_stay_two_places() -> None:
    doc = run("Das Westfälische Ruhrgebiet wächst schneller als das Ruhrgebiet insgesamt.")
    places = names(doc, "PLACE")
    assert "Ruhrgebiet" in places
    assert any(p.endswith("Ruhrgebiet") and p != "Ruhrgebiet" for p in places)


def test_project_kind_named_by_its_funder_is_no_name() -> None:
    doc = run("Das Vorhaben der Universität Kiel ist ein EU-Projekt zur Meeresforschung.")
    assert not names(doc, "PROJECT")
    doc = run("Seit Mai läuft in Freiburg ein DFG-Projekt zur Batterieforschung.")
    assert not names(doc, "PROJECT")


def test_bracket_that_spells_out_the_acronym_of_a_name_is_one_entity() -> None:
    doc = run(
        "Ein Baustein ist der geplante SMILE-Hub (Smart Mobility Innovation Lab Essen) im Süden "
        "von Leipzig. Der SMILE-Hub öffnet 2027."
    )
    projects = [e for e in doc.entities if e.type == "PROJECT"]
    assert len(projects) == 1, [(e.name, e.aliases) for e in projects]
    forms = {projects[0].name, *projects[0].aliases}
    assert {"SMILE-Hub", "Smart Mobility Innovation Lab Essen"} <= forms


def test_compound_acronym_links_to_a_phrase_spelling_it_out_in_clustering() -> None:
    from hafen.extract.aliases import cluster

    texts = ["KIWI-Campus", "Kiel innovativ wirtschaften international", "Kiel"]
    groups = cluster(texts, ["PROJECT", "PROJECT", "PLACE"], [0.8, 0.6, 0.9], [], [None, None, None])
    assert groups[0] == groups[1] != groups[2]
    apart = cluster(["KIWI-Campus", "Kiel und Wismar"], ["PROJECT", "PROJECT"], [0.8, 0.6], [], [None, None])
    assert apart[0] != apart[1]
