"""Key figures with their subject, qualifier, unit and entity; dates and table cells are skipped."""

from __future__ import annotations

import re

import pytest

from hafen.document import Document, Entity, Figure, Mention, Segment
from hafen.extract.figures import FIGURE_RE, figure_matches, make_stage, subject_lemma


def _doc(text: str, names: dict[str, tuple[str, str]] | None = None, **kw: object) -> Document:
    """A Document whose entities are given as {surface: (key, type)}; every occurrence is a mention."""
    doc = Document(source="t.txt", text=text, content_hash="x", **kw)  # type: ignore[arg-type]
    for surface, (key, typ) in (names or {}).items():
        if doc.entity(key) is None:
            doc.entities.append(Entity(key=key, name=surface, type=typ))
        for m in re.finditer(re.escape(surface), text):
            doc.mentions.append(Mention(m.start(), m.end(), surface, typ, entity=key))
    return doc


def _figures(text: str, **kw: object) -> list[Figure]:
    return make_stage()(_doc(text, **kw)).figures  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "value", "unit", "subject", "qualifier"),
    [
        ("Zur Messe kommen bis zu 10.000 Teilnehmende nach Leipzig.", 10000, None, "Teilnehmende", "bis zu"),
        ("So entstehen 4.000 neue Arbeitsplätze im Gewerbegebiet.", 4000, None, "Arbeitsplätze", None),
        ("Das Land stellt 3 Mio. € jährlich bereit.", 3_000_000, "€", None, None),
        ("Die Stadt investiert 1,5 Mrd. Euro in den Ausbau.", 1_500_000_000, "€", None, None),
        ("Die Firma hat fast 1000 Mitarbeiter in Jena.", 1000, None, "Mitarbeiter", "fast"),
        ("Die Hochschulen mit 60.000 Studierenden prägen Aachen.", 60000, None, "Studierende", None),
        ("Das Festival bot 160 Veranstaltungen an.", 160, None, "Veranstaltungen", None),
        ("Ein Startup mit 20 Beschäftigten wächst schnell.", 20, None, "Beschäftigte", None),
        ("Der Anteil stieg auf 20 % im Vorjahr.", 20, "%", None, None),
        ("Es sind über 35 Prozent der Betriebe.", 35, "%", None, "über"),
        ("Auf rund 12 ha entsteht ein Campus.", 12, "ha", None, "rund"),
        ("Knapp 2.500 m² Bürofläche sind frei.", 2500, "m²", "Bürofläche", "knapp"),
    ],
)
def test_figures_value_unit_subject_qualifier(
    text: str, value: float, unit: str | None, subject: str | None, qualifier: str | None
) -> None:
    figs = _figures(text)
    assert len(figs) == 1, figs
    fig = figs[0]
    assert fig.value == pytest.approx(value)
    assert (fig.unit, fig.subject, fig.qualifier) == (unit, subject, qualifier)
    assert text[fig.start : fig.end] == fig.text


@pytest.mark.parametrize(
    "text",
    [
        "Aktueller Stand: 2. Oktober 2020.",
        "Der Forschungsbau wurde 2022 eröffnet.",
        "Morgens 7.40 Uhr im Hafen von Kiel.",
        "Gemäß § 11 Infektionsschutzgesetz wird gemeldet.",
        "Pressestelle, Telefon: 50 – 22134, Mail: presse@example.de",
        "Die Themengruppe 3 tagt im Rathaus.",
        "Die Industrie 4.0 verändert die Produktion.",
        "Die Oper dauert 80 Minuten ohne Pause.",
        "Er arbeitet seit 15 Jahren in Freiburg.",
    ],
)
def test_figures_skip_dates_times_sections_labels(text: str) -> None:
    assert _figures(text) == []


def test_figures_skip_table_cells() -> None:
    text = "Kreis\tBeschäftigte\nGörlitz\t1.200 Beschäftigte\nBautzen\t900 Beschäftigte\n"
    assert _figures(text, segments=[Segment(0, len(text), kind="table")]) == []


def test_figures_entity_in_same_clause() -> None:
    text = (
        "Das eines Unternehmens wie Zeiss Digital, das mittlerweile fast 1000 Mitarbeiter hat. "
        "In Jena gibt es insgesamt 60.000 Einwohner mehr."
    )
    doc = make_stage()(_doc(text, {"Zeiss Digital": ("zeiss", "ORG")}))
    by_subject = {f.subject: f for f in doc.figures}
    assert by_subject["Mitarbeiter"].entity == "zeiss"
    assert by_subject["Einwohner"].entity is None  # the actor is in another sentence


def test_figures_no_entity_across_clauses() -> None:
    text = "Organisiert von der Messe Karlsruhe, nutzen bis zu 5.000 Gäste die Angebote."
    doc = make_stage()(_doc(text, {"Messe Karlsruhe": ("messe", "ORG")}))
    assert doc.figures[0].entity is None


def test_figures_english_segment() -> None:
    text = "The park employs 1,200 engineers."
    doc = make_stage()(_doc(text, segments=[Segment(0, len(text), lang="en")]))
    assert doc.figures[0].value == 1200


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("Studierenden", "Studierende"),
        ("Beschäftigten", "Beschäftigte"),
        ("Mitgliedern", "Mitglieder"),
        ("Unternehmen", "Unternehmen"),
        ("Arbeitsplätze", "Arbeitsplätze"),
    ],
)
def test_figures_subject_lemma(word: str, lemma: str) -> None:
    assert subject_lemma(word) == lemma


def test_figures_skip_postcodes() -> None:
    text = "Besuchen Sie uns: Emil-Figge-Straße 42, 44227 Dortmund. Der Campus liegt in 44227 Dortmund."
    doc = make_stage()(_doc(text, {"Dortmund": ("do", "PLACE")}))
    assert doc.figures == []


def test_figures_length_and_power_units() -> None:
    figs = _figures("Die Trasse ist 800 Meter lang, der Windpark leistet 12 MW.")
    assert [(f.value, f.unit) for f in figs] == [(800, "m"), (12, "MW")]


def test_figures_skip_section_numbers_and_line_breaks() -> None:
    text = "4.1 Infrastruktur\n\n2 Stand der Technik\n\nDie Ersparnis liegt bei rund 1,1 Mio.\nWeniger folgt."
    assert _figures(text) == []


def test_figures_prefer_actor_over_place() -> None:
    text = "Die Firma Kinexon in München hat 400 Beschäftigte."
    doc = make_stage()(_doc(text, {"Kinexon": ("kx", "ORG"), "München": ("m", "PLACE")}))
    assert doc.figures[0].entity == "kx"


@pytest.mark.parametrize(
    "text",
    [
        "Rund 5 Mio. Euro fließen, über 10 Prozent mehr als 2022.",
        "Bis zu 4.000 neue Arbeitsplätze und mehr als 20 Firmen in Leipzig-Plagwitz.",
        "Gegenüber 5 Firmen im Vorjahr, A-5 und -7 Grad, 5 bis 10 Mitarbeiter.",
        "Bis 2025 entstehen 300 Stellen; knapp\u00a012,5 ha Fläche; ca. 1.200 Teilnehmende jährlich",
        # signs: "−" (not in the lookbehind) lets a number start after a letter, "-" does not
        "Von −5 bis a−3 Grad, x-4 und 2−4 Tage, 3.-5. Mai, −12,5 % Umsatz, 1,-2 und -7 Firmen.",
    ],
)
def test_figure_matches_equal_a_plain_scan(text: str) -> None:
    fast = [(m.span(), m.groupdict()) for m in figure_matches(text)]
    assert fast == [(m.span(), m.groupdict()) for m in FIGURE_RE.finditer(text)]
    assert fast  # every case holds figures
