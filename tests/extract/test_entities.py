"""The entity stage on short German sentences about regions outside the development set."""

from __future__ import annotations

import pytest

from hafen.document import Document, Entity
from hafen.extract.entities import EntityStage
from hafen.pipeline import load_stage


def run(text: str) -> Document:
    doc = Document(source="t.txt", text=text, content_hash="t")
    return EntityStage(use_crf=False)(doc)


def find(doc: Document, form: str, etype: str | None = None) -> Entity | None:
    for ent in doc.entities:
        if (ent.name == form or form in ent.aliases) and (etype is None or ent.type == etype):
            return ent
    return None


def test_entities_stage_is_registered_and_links_every_mention() -> None:
    stage = load_stage("hafen.entities.v1")
    doc = stage(
        Document(source="t.txt", text="Die Universität Leipzig forscht in Leipzig.", content_hash="x")
    )
    keys = {e.key for e in doc.entities}
    assert doc.mentions and all(m.entity in keys for m in doc.mentions)
    for m in doc.mentions:
        assert doc.text[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("text", "name", "subtype"),
    [
        (
            "Das Fraunhofer-Institut für Werkstoff- und Strahltechnik (IWS) in Dresden forscht an Lasern.",
            "Fraunhofer-Institut für Werkstoff- und Strahltechnik",
            "research",
        ),
        ("Die IHK zu Leipzig begrüßt die Pläne.", "IHK zu Leipzig", "public"),
        (
            "Die Hochschule für Technik und Wirtschaft Dresden baut ein Labor.",
            "Hochschule für Technik und Wirtschaft Dresden",
            "university",
        ),
        (
            "Am Max-Planck-Institut für Intelligente Systeme in Stuttgart wird geforscht.",
            "Max-Planck-Institut für Intelligente Systeme",
            "research",
        ),
        ("Die Handwerkskammer Hamburg lädt ein.", "Handwerkskammer Hamburg", "public"),
        (
            "Die Technische Universität Dresden meldet Rekorde.",
            "Technische Universität Dresden",
            "university",
        ),
        (
            "Das Karlsruher Institut für Technologie (KIT) wächst.",
            "Karlsruher Institut für Technologie",
            "research",
        ),
        ("Im Fraunhofer IIS in Erlangen wird gebaut.", "Fraunhofer IIS", "research"),
        ("Die Sächsische Aufbaubank (SAB) fördert Gründungen.", "Sächsische Aufbaubank", "public"),
    ],
)
def test_entities_org_names_through_prepositions_and_hyphens(text: str, name: str, subtype: str) -> None:
    ent = find(run(text), name, "ORG")
    assert ent is not None, [e.name for e in run(text).entities]
    assert ent.subtype == subtype


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Seit 2021 kooperiert die Hochschule mit dem Technologiekonzern Trumpf aus Ditzingen.", "Trumpf"),
        ("Das Startup „Nexmed“ entwickelt Sensoren in Aachen.", "Nexmed"),
        ("Der Medizintechnikhersteller „karamed“ zieht nach Karlsruhe.", "karamed"),
    ],
)
def test_entities_descriptor_noun_makes_a_company(text: str, name: str) -> None:
    doc = run(text)
    ent = find(doc, name, "ORG")
    assert ent is not None and ent.subtype == "company", [(e.name, e.type) for e in doc.entities]
    assert find(doc, "Technologiekonzern " + name) is None


@pytest.mark.parametrize(
    ("text", "name", "etype"),
    [
        ("Die „Digitale Woche Kiel“ ist eine Veranstaltung für alle.", "Digitale Woche Kiel", "EVENT"),
        ("Mit dem Programm „Zukunft Sachsen“ fördert das Land Gründungen.", "Zukunft Sachsen", "PROJECT"),
        ("Die Stadt legt den Masterplan Energie 2030 vor.", "Masterplan Energie 2030", "PROJECT"),
        ("Sie richtet die „Leipziger Innovationskonferenz“ aus.", "Leipziger Innovationskonferenz", "EVENT"),
    ],
)
def test_entities_quoted_and_cued_names_get_event_or_project(text: str, name: str, etype: str) -> None:
    doc = run(text)
    assert find(doc, name, etype) is not None, [(e.name, e.type) for e in doc.entities]


@pytest.mark.parametrize(
    "form",
    ["ruhr:HUB", "STARTUP.INNOLAB", "Start-up-Center.NRW", "B1st", "BOtechnologies"],
)
def test_entities_odd_shapes_are_one_name(form: str) -> None:
    doc = run(f"In Karlsruhe arbeitet auch das Team von {form} an neuen Ideen.")
    assert any(form in (e.name, *e.aliases) for e in doc.entities), [e.name for e in doc.entities]


def test_entities_bracket_abbreviation_is_an_alias_used_later() -> None:
    doc = run(
        "Die Wirtschaftsförderung Region Stuttgart (WRS) startet ein Programm. "
        "Die WRS lädt Unternehmen aus der Region ein. Auch die WRS-Geschäftsführerin spricht."
    )
    ent = find(doc, "WRS", "ORG")
    assert ent is not None and ent.name.startswith("Wirtschaftsförderung")
    assert sum(1 for m in doc.mentions if m.entity == ent.key and m.text == "WRS") >= 2


def test_entities_schwartz_hearst_long_form_without_cue_detector() -> None:
    doc = run("Das Land fördert die Kommunale Energieplattform (KEP) in Sachsen. Die KEP startet 2025.")
    ent = find(doc, "KEP")
    assert ent is not None and ent.type == "PROJECT"


@pytest.mark.parametrize(
    "text",
    [
        "Die Leipziger Stadtwerke GmbH investiert.",
        "Die Müller & Söhne GmbH & Co. KG wächst.",
        "Der Verein Digitales Dresden e. V. lädt ein.",
        "Die Firma Vector Informatik GmbH eröffnet eine Niederlassung.",
    ],
)
def test_entities_legal_forms_make_companies(text: str) -> None:
    doc = run(text)
    assert any(e.type == "ORG" for e in doc.entities), [(e.name, e.type) for e in doc.entities]


def test_entities_inflected_forms_link_to_one_entity() -> None:
    doc = run(
        "Die Technische Universität Dresden wächst. Studierende der Technischen Universität Dresden "
        "und der TU Dresden loben das Lamarr-Institut. Der Direktor des Lamarr-Instituts stimmt zu."
    )
    tud = [e for e in doc.entities if e.type == "ORG" and "Dresden" in e.name]
    assert len(tud) == 1 and "TU Dresden" in tud[0].aliases
    lamarr = find(doc, "Lamarr-Institut", "ORG")
    assert lamarr is not None and "Lamarr-Instituts" in lamarr.aliases


def test_entities_gender_stars_do_not_break_names() -> None:
    doc = run("Die Akteur*innen der Universität Hamburg und Partner*innen aus Kiel treffen sich.")
    assert find(doc, "Universität Hamburg", "ORG") is not None
    assert find(doc, "Kiel", "PLACE") is not None
    assert not any("*" in e.name for e in doc.entities)


def test_entities_person_with_title_and_role() -> None:
    text = (
        "„Das ist ein Meilenstein“, sagt Prof. Dr. Anna Lehmann, "
        "Direktorin des Fraunhofer-Instituts für Lasertechnik."
    )
    doc = run(text)
    person = find(doc, "Anna Lehmann", "PERSON")
    assert person is not None and "Prof. Dr. Anna Lehmann" in person.aliases
    role = person.attrs["roles"][0]
    assert role["role"] == "Direktorin"
    org_start, org_end = role["org_mention"]
    assert text[org_start:org_end].startswith("Fraunhofer-Instituts")


def test_entities_surname_links_to_full_person_and_role_prefix_names_the_org() -> None:
    doc = run(
        "„Wir wachsen“, sagt Jana Weber, Geschäftsführerin der Wirtschaftsförderung Leipzig. "
        "Später ergänzt SAB-Vorstand Tobias Krüger: „Wir fördern das.“ So Weber."
    )
    weber = find(doc, "Jana Weber", "PERSON")
    assert weber is not None
    assert sum(1 for m in doc.mentions if m.entity == weber.key) == 2
    krueger = find(doc, "Tobias Krüger", "PERSON")
    assert krueger is not None and krueger.attrs["roles"][0]["role"] == "Vorstand"


@pytest.mark.parametrize(
    ("text", "name", "subtype"),
    [
        ("Das Büro liegt in der Königstraße in Stuttgart.", "Königstraße", "site"),
        ("Das Projekt zieht auf das Zeche Zollverein Gelände.", "Zeche Zollverein", "site"),
        ("Die Firma sitzt in Leipzig.", "Leipzig", "city"),
        ("Im Landkreis Göppingen wächst die Wirtschaft.", "Landkreis Göppingen", "region"),
        ("Das Ruhrgebiet und Nordrhein-Westfalen profitieren.", "Ruhrgebiet", "region"),
        ("Eine Delegation aus Südkorea besucht Karlsruhe.", "Südkorea", "region"),
        ("Der Leipziger Hafen wird ausgebaut.", "Leipziger Hafen", "site"),
    ],
)
def test_entities_places(text: str, name: str, subtype: str) -> None:
    doc = run(text)
    ent = find(doc, name, "PLACE")
    assert ent is not None and ent.subtype == subtype, [(e.name, e.type, e.subtype) for e in doc.entities]


def test_entities_city_has_coordinates_and_adjective_is_not_a_place() -> None:
    doc = run("Dresdner Unternehmen investieren in Dresden.")
    dresden = find(doc, "Dresden", "PLACE")
    assert dresden is not None and 50 < dresden.attrs["lat"] < 52 and dresden.attrs["source_id"]
    assert find(doc, "Dresdner Unternehmen") is None
    assert find(doc, "Dresdner") is None


@pytest.mark.parametrize(
    ("text", "canonical", "form"),
    [
        ("Die Forschung zu Künstlicher Intelligenz (KI) wächst.", "Künstliche Intelligenz", "KI"),
        ("Themen sind Cybersicherheit und Robotik.", "IT-Sicherheit", "Cybersicherheit"),
        ("Der Fokus liegt auf Wasserstoff und Quantencomputing.", "Wasserstoff", "Wasserstoff"),
        ("Ein digitaler Zwilling der Fabrik entsteht.", "Digitaler Zwilling", "digitaler Zwilling"),
    ],
)
def test_entities_topics_with_inflection_and_abbreviation(text: str, canonical: str, form: str) -> None:
    doc = run(text)
    ent = find(doc, canonical, "TOPIC")
    assert ent is not None and (form == ent.name or form in ent.aliases)


@pytest.mark.parametrize(
    "text",
    [
        "Die Hochschulen und Unternehmen aus der Region arbeiten zusammen.",
        "Der Geschäftsführer und die Direktorin sprachen am 12. März 2024 über 3,5 Mio. Euro.",
        "Netzwerke sind wichtig. Institute forschen. Verbände beraten.",
        "Ein Zentrum für digitale Innovation soll entstehen.",
    ],
)
def test_entities_generic_phrases_are_not_entities(text: str) -> None:
    doc = run(text)
    assert [e for e in doc.entities if e.type != "TOPIC"] == []


def test_entities_city_org_versus_city_place() -> None:
    doc = run("Die Stadt Karlsruhe fördert Gründungen in Karlsruhe.")
    assert find(doc, "Stadt Karlsruhe", "ORG") is not None
    assert find(doc, "Karlsruhe", "PLACE") is not None


def test_entities_role_prefix_names_an_organisation() -> None:
    doc = run(
        "Die Leipziger Wirtschaftsentwicklungsgesellschaft (LWG) lädt ein. "
        "„Wir wachsen“, so LWG-Geschäftsführer Paul Schneider."
    )
    lwg = find(doc, "LWG", "ORG")
    assert lwg is not None
    prefix = [m for m in doc.mentions if m.entity == lwg.key and m.text == "LWG" and doc.text[m.end] == "-"]
    assert prefix, [(m.text, m.type) for m in doc.mentions]
    person = find(doc, "Paul Schneider", "PERSON")
    assert person is not None
    role = person.attrs["roles"][0]
    assert role["role"] == "Geschäftsführer" and doc.text[slice(*role["org_mention"])] == "LWG"


def test_entities_numbered_plan_items_name_projects() -> None:
    text = (
        "Maßnahmen\n"
        "(1) Gründerfonds Kiel\n"
        "Der Fonds unterstützt Gründungen.\n"
        "(2) Stärkung der Innenstadt\n"
        "Mehr Aufenthaltsqualität.\n"
        "(3) Hafen-Akademie\n"
        "(4) Allianz Smart Region\n"
    )
    doc = run(text)
    assert find(doc, "Gründerfonds Kiel", "PROJECT") is not None
    assert find(doc, "Hafen-Akademie", "PROJECT") is not None
    assert find(doc, "Allianz Smart Region", "ORG") is not None
    assert not any("Stärkung" in e.name for e in doc.entities)


def test_entities_crf_fills_gaps_but_rules_win(monkeypatch: pytest.MonkeyPatch) -> None:
    from hafen.document import Mention

    text = "Die Universität Leipzig kooperiert mit Zorblax."
    stage = EntityStage(use_crf=False)
    start = text.index("Zorblax")

    def fake_crf(doc: Document) -> list[Mention]:
        return [
            Mention(start=4, end=23, text=text[4:23], type="PLACE", confidence=0.5),
            Mention(start=start, end=start + 7, text="Zorblax", type="ORG", confidence=0.6),
        ]

    monkeypatch.setattr(stage, "crf", fake_crf)
    doc = stage(Document(source="t.txt", text=text, content_hash="t"))
    uni = find(doc, "Universität Leipzig")
    assert uni is not None and uni.type == "ORG"
    zorblax = find(doc, "Zorblax", "ORG")
    assert zorblax is not None and zorblax.method == "crf"


def test_entities_topic_as_first_part_of_a_compound() -> None:
    doc = run("Das Wasserstoffnetzwerk in Stuttgart und die Logistikunternehmen wachsen.")
    h2 = find(doc, "Wasserstoff", "TOPIC")
    assert h2 is not None
    mention = next(m for m in doc.mentions if m.entity == h2.key)
    assert mention.text == "Wasserstoff"
    assert find(doc, "Logistik", "TOPIC") is not None


def test_entities_bracket_abbreviation_of_a_long_name_is_not_the_towns() -> None:
    doc = run(
        "Der Cluster Erneuerbare Energien Hamburg (EEHH) koordiniert. "
        "Der Verband Deutscher Maschinen- und Anlagenbau (VDMA) lädt ein."
    )
    hamburg = find(doc, "Hamburg", "PLACE")
    assert hamburg is None or "EEHH" not in hamburg.aliases
    eehh = find(doc, "EEHH", "ORG")
    assert eehh is not None and eehh.name == "Cluster Erneuerbare Energien Hamburg"
    vdma = find(doc, "VDMA", "ORG")
    assert vdma is not None and vdma.name == "Verband Deutscher Maschinen- und Anlagenbau"


def test_entities_english_names() -> None:
    doc = run(
        "The University of Edinburgh and the Fraunhofer Institute for Laser Technology signed "
        "a deal in Munich, said Dr. Sarah Miller."
    )
    assert find(doc, "University of Edinburgh", "ORG") is not None
    assert find(doc, "Fraunhofer Institute for Laser Technology", "ORG") is not None
    assert find(doc, "Sarah Miller", "PERSON") is not None


def test_entities_well_known_funders_and_programmes() -> None:
    doc = run("Das Projekt in Magdeburg wird aus Mitteln des EFRE und vom BMBF gefördert.")
    efre, bmbf = find(doc, "EFRE"), find(doc, "BMBF")
    assert efre is not None and efre.type == "PROJECT"
    assert bmbf is not None and bmbf.type == "ORG" and bmbf.subtype == "public"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Das sieht Gerlinde Zwackelmann, die Intendantin des Theaters Kiel, anders.",
            "Gerlinde Zwackelmann",
        ),
        ("Aus Sicht von Denek Krasowicz, der die Stelle leitet, lohnt es sich.", "Denek Krasowicz"),
        ("Es dirigiert Intendant Raphael von Hoensbroech das Orchester.", "Raphael von Hoensbroech"),
    ],
)
def test_entities_persons_without_a_known_first_name(text: str, name: str) -> None:
    doc = run(text)
    assert find(doc, name, "PERSON") is not None, [(e.name, e.type) for e in doc.entities]


def test_entities_acronym_of_initials_links_to_the_name() -> None:
    doc = run("Mittel der Europäischen Union fließen nach Halle. Die EU fördert auch Magdeburg.")
    eu = find(doc, "EU", "ORG")
    assert eu is not None
    assert "Europäischen Union" in (eu.name, *eu.aliases)


def test_entities_token_view_and_crf_sequences_read_one_token_table() -> None:
    from hafen.extract import crf
    from hafen.extract.candidates import Toks
    from hafen.extract.tokens import tokenize

    text = "Die Hafenwerke Kiel GmbH wächst.\n• Neue Halle in Rendsburg\n\nMehr folgt."
    sdoc = tokenize(text)
    toks = Toks(sdoc)
    assert toks.text == [text[a:b] for a, b in zip(toks.start, toks.end, strict=True)]
    assert toks.t(1) == "Hafenwerke"
    assert toks.t(-1) == toks.t(toks.n) == toks.t(toks.n + 5) == ""  # outside: no wrap-around
    assert toks.cap(1) and not toks.cap(-1)
    # a line start and the word after a bullet start sentences: "•" and "Neue"
    assert toks.sent_start[toks.text.index("•")] and toks.sent_start[toks.text.index("Neue")]
    seqs = crf.sequences(sdoc)
    assert [[t.text for t in s] for s in seqs] == [
        ["Die", "Hafenwerke", "Kiel", "GmbH", "wächst", "."],
        ["•", "Neue", "Halle", "in", "Rendsburg"],
        ["Mehr", "folgt", "."],
    ]
    assert all(text[t.start : t.end] == t.text for s in seqs for t in s)
    toks.sent_start[0] = False  # the view's lists are its own: the shared table stays as it was
    assert Toks(sdoc).sent_start[0]
