"""Naming patterns fixed after the third blind held-out round (tests/heldout, documents 12–15).

As in test_heldout_patterns.py, each case is a new sentence about other places and actors
than the held-out documents, so the rule is tested as a pattern.
"""

from __future__ import annotations

from tests.extract.test_heldout_patterns import forms, names, run, typed


def test_abbreviation_after_a_quoted_name_is_that_name() -> None:
    doc = run(
        "Der Workshop gehört zum Vorhaben „Innovationsbündnis Vorpommern“ (IBV), das die "
        "Universität Greifswald leitet. Das IBV läuft bis 2028."
    )
    project = typed(doc, "PROJECT", "Innovationsbündnis Vorpommern")
    assert "IBV" in forms(project)
    assert "IBV" not in names(doc, "ORG")


def test_free_state_that_funds_is_a_public_body() -> None:
    doc = run("Das Vorhaben wird vom Freistaat Thüringen mit 450.000 Euro gefördert.")
    assert typed(doc, "ORG", "Freistaat Thüringen").subtype == "public"
    place = run("Im Freistaat Bayern gibt es 71 Landkreise.")
    assert "Freistaat Bayern" not in names(place, "ORG")


def test_chamber_named_by_a_compass_region() -> None:
    doc = run("Zu den Gastgebern zählt die IHK Nord Westfalen mit Sitz in Münster.")
    assert "IHK Nord Westfalen" in names(doc, "ORG")
    assert "Westfalen" not in names(doc, "PLACE")
    south = run("Die IHK Südlicher Oberrhein lädt zum Gründertag nach Lahr.")
    assert "IHK Südlicher Oberrhein" in names(south, "ORG")


def test_mini_company_legal_form_with_its_bracket() -> None:
    doc = run("Beteiligt ist außerdem die Havelstrom Ventures UG (haftungsbeschränkt) aus Potsdam.")
    assert "Havelstrom Ventures UG (haftungsbeschränkt)" in names(doc, "ORG")


def test_name_without_its_legal_form_is_the_company_not_a_new_name() -> None:
    doc = run(
        "Aus der Hochschule Wismar stammt die SeeLink Robotics GmbH. Im Herbst erhielt "
        "SeeLink Robotics eine Anschlussfinanzierung."
    )
    company = typed(doc, "ORG", "SeeLink Robotics GmbH")
    assert "SeeLink Robotics" in forms(company)
    assert "SeeLink" not in names(doc)


def test_short_form_of_a_mini_company_carries_its_relations() -> None:
    from hafen.document import Document
    from hafen.pipeline import Pipeline

    text = (
        "Gegründet wurde die Wellwerk UG (haftungsbeschränkt) von zwei Absolventinnen der "
        "Fachhochschule Kiel. Dass Wellwerk in Kiel geblieben ist, liegt am Hafen."
    )
    doc = Pipeline()(Document(source="t.txt", text=text, content_hash="t"))
    names_by_key = {e.key: e.name for e in doc.entities}
    located = {(names_by_key[r.head], names_by_key[r.tail]) for r in doc.relations if r.type == "located_in"}
    assert ("Wellwerk UG (haftungsbeschränkt)", "Kiel") in located


def test_metropolitan_region_is_a_region_of_its_own() -> None:
    doc = run("In der Metropolregion München arbeiten rund 1.900 Menschen in der Windenergie.")
    assert typed(doc, "PLACE", "Metropolregion München").subtype == "region"
    assert "München" not in names(doc, "PLACE")
    town = run("Die Metropolregion Hannover wirbt um Fachkräfte.")
    assert "Metropolregion Hannover" in names(town, "PLACE")


def test_odd_name_after_a_role_is_an_organisation() -> None:
    doc = run(
        "„Wir bringen Reedereien und Forschung zusammen“, sagt Lena Brix, Geschäftsführerin von "
        "tide:one. Im Projekt arbeiten fünf Teams mit."
    )
    assert "tide:one" in names(doc, "ORG")


def test_research_society_facility_named_without_a_preposition() -> None:
    doc = run(
        "Es spricht Dr. Jonas Albers (Fraunhofer-Einrichtung Wasserstoffsysteme Elbmarsch FWE) "
        "über Elektrolyse."
    )
    org = typed(doc, "ORG", "Fraunhofer-Einrichtung Wasserstoffsysteme Elbmarsch FWE")
    assert org.subtype == "research"
    assert "FWE" in forms(org)


def test_acronym_brand_before_a_research_centre_compound() -> None:
    doc = run(
        "Den Impuls gibt Prof. Dr. Eva Lorenz, ZEBRA Wasserstoffforschungszentrum der Universität Kiel."
    )
    assert "ZEBRA Wasserstoffforschungszentrum" in names(doc, "ORG")


def test_quoted_title_after_a_panel_is_an_event() -> None:
    doc = run("11:30 Uhr Panel „Gründen auf dem Land“ mit Vertreterinnen der Hochschule Osnabrück")
    assert "Gründen auf dem Land" in names(doc, "EVENT")


def _works_for(text: str) -> set[tuple[str, str, str | None]]:
    from hafen.document import Document
    from hafen.pipeline import Pipeline

    doc = Pipeline()(Document(source="t.txt", text=text, content_hash="t"))
    name = {e.key: e.name for e in doc.entities}
    return {(name[r.head], name[r.tail], r.role) for r in doc.relations if r.type == "works_for"}


def test_role_with_its_field_before_the_organisation() -> None:
    found = _works_for(
        "Es diskutieren Dr. Carola Wendt, Vizepräsidentin für Forschung der Hochschule Bremerhaven, "
        "und weitere Gäste."
    )
    assert ("Carola Wendt", "Hochschule Bremerhaven", "Vizepräsidentin für Forschung") in found


def test_contact_line_with_role_and_organisation() -> None:
    found = _works_for(
        "Ansprechpartnerin: Dr. Ines Gerlach, Leiterin Innovation und Umwelt, IHK Schwaben, "
        "Stettenstraße 1, 86150 Augsburg"
    )
    assert ("Ines Gerlach", "IHK Schwaben", "Leiterin Innovation und Umwelt") in found


def test_speaker_entry_with_firm_and_town() -> None:
    from hafen.document import Document
    from hafen.pipeline import Pipeline

    text = "Es diskutieren Jana Voss (Voss Präzisionsguss GmbH & Co. KG, Beckum) und weitere Gäste."
    doc = Pipeline()(Document(source="t.txt", text=text, content_hash="t"))
    name = {e.key: e.name for e in doc.entities}
    found = {(name[r.head], r.type, name[r.tail]) for r in doc.relations}
    assert ("Jana Voss", "works_for", "Voss Präzisionsguss GmbH & Co. KG") in found
    assert ("Voss Präzisionsguss GmbH & Co. KG", "located_in", "Beckum") in found


def test_association_named_without_seat_and_legal_form() -> None:
    doc = run(
        "Die Wasserstoff-Initiative Rostock e. V. zählt 80 Mitglieder. Vorsitzender der "
        "Wasserstoff-Initiative ist seit 2024 Ole Brandt."
    )
    assoc = typed(doc, "ORG", "Wasserstoff-Initiative Rostock e. V.")
    assert "Wasserstoff-Initiative" in forms(assoc)
    assert "Wasserstoff-Initiative" not in names(doc, "PROJECT")
