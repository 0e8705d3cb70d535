"""Tables from tab-separated text: typed columns, merged page breaks, rows linked to places."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hafen.document import Document, Entity, Mention, Segment
from hafen.extract.tables import make_stage, place_key_form, place_subtype


def _doc(text: str, **kw: object) -> Document:
    return Document(source="t.txt", text=text, content_hash="x", **kw)  # type: ignore[arg-type]


def test_tables_seed_004_matches_gold(shared_dir: Path) -> None:
    name = "004_8cb9c146cd4a8404.txt"
    gold = json.loads((shared_dir / "eval" / "gold" / f"{name}.table.json").read_text(encoding="utf-8"))
    doc = make_stage()(_doc((shared_dir / "seeds" / name).read_text(encoding="utf-8")))
    assert len(doc.tables) == 1  # the two page halves with a repeated header are one table
    table = doc.tables[0]
    assert [c.name for c in table.columns] == gold["columns"]
    assert [c.dtype for c in table.columns] == ["str", "int", "int", "int", "float"]
    assert len(table.rows) == len(gold["rows"]) == 54
    assert table.rows == gold["rows"]
    assert table.rows[0]["Bestätigte Fälle (IfSG)"] == 2717
    assert table.rows[-1]["7-Tage-Inzidenz**"] == 21.6
    assert table.name == "Bestätigte Infektionen mit SARS-COV-2 in allen Kreisen und kreisfreien Städten"
    assert len(table.row_entities) == 54 and all(table.row_entities)


HALLE = (
    "Beschäftigte nach Kreisen\n"
    "\n"
    "Kreis\tBeschäftigte\tAnteil Industrie\n"
    "Halle (Saale)\t105.310\t12,5\n"
    "Saalekreis\t78.004\t24,1\n"
    "Burgenlandkreis\t61.220\tk. A.\n"
    "\n"
    "Kreis\tBeschäftigte\tAnteil Industrie\n"
    "Mansfeld-Südharz\t41.008\t19,0\n"
)


def test_tables_merge_repeated_header_and_type_columns() -> None:
    doc = make_stage()(_doc(HALLE))
    assert len(doc.tables) == 1
    table = doc.tables[0]
    assert table.name == "Beschäftigte nach Kreisen"
    assert [(c.name, c.dtype) for c in table.columns] == [
        ("Kreis", "str"),
        ("Beschäftigte", "int"),
        ("Anteil Industrie", "float"),
    ]
    assert [r["Kreis"] for r in table.rows] == [
        "Halle (Saale)",
        "Saalekreis",
        "Burgenlandkreis",
        "Mansfeld-Südharz",
    ]
    assert table.rows[2]["Anteil Industrie"] is None
    assert table.rows[0]["Beschäftigte"] == 105310


def test_tables_rows_link_to_existing_place_ignoring_suffix() -> None:
    text = "Halle ist Standort vieler Firmen.\n\n" + HALLE
    ents = [Entity(key="halle", name="Halle", type="PLACE", subtype="city")]
    mentions = [Mention(0, 5, "Halle", "PLACE", entity="halle")]
    doc = make_stage()(_doc(text, entities=ents, mentions=mentions))
    table = doc.tables[0]
    assert table.row_entities[0] == "halle"
    saalekreis = doc.entity(table.row_entities[1] or "")
    assert saalekreis is not None and saalekreis.type == "PLACE" and saalekreis.subtype == "region"
    # every new row entity has a mention on its label cell
    m = next(m for m in doc.mentions if m.entity == saalekreis.key)
    assert doc.text[m.start : m.end] == "Saalekreis"


def test_tables_fallback_needs_three_lines() -> None:
    doc = make_stage()(_doc("Ort\tWert\nBonn\t3\n\nText danach."))
    assert doc.tables == []


def test_tables_reader_marked_segment_is_used_even_when_short() -> None:
    text = "Ort\tWert\nBonn\t3"
    doc = make_stage()(_doc(text, segments=[Segment(0, len(text), kind="table", title="Werte")]))
    assert len(doc.tables) == 1
    assert doc.tables[0].name == "Werte"
    assert doc.tables[0].rows == [{"Ort": "Bonn", "Wert": 3}]


def test_tables_english_segment_uses_english_numbers() -> None:
    text = "City\tJobs\tShare\nLeeds\t1,200\t3.5\nYork\t950\t2.0\nHull\t1,010\t4.25\n"
    doc = make_stage()(_doc(text, segments=[Segment(0, len(text), kind="table", lang="en")]))
    assert doc.tables[0].rows[0] == {"City": "Leeds", "Jobs": 1200, "Share": 3.5}


def test_tables_place_forms_and_subtypes() -> None:
    assert place_key_form("Borken (Kreis)") == "borken"
    assert place_key_form("Aachen & Städteregion Aachen") == "aachen"
    assert place_key_form("Mülheim / Ruhr") == "mülheim"
    assert place_key_form("Ennepe-Ruhr-Kreis") == "ennepe ruhr kreis"
    assert place_subtype("Rhein-Sieg-Kreis") == "region"
    assert place_subtype("Landkreis Leipzig") == "region"
    assert place_subtype("Nordrhein-Westfalen") == "region"
    assert place_subtype("Bielefeld") == "city"


def test_tables_seed_004_with_reader_segments(shared_dir: Path) -> None:
    segment = pytest.importorskip("hafen.read.segment").segment
    name = "004_8cb9c146cd4a8404.txt"
    gold = json.loads((shared_dir / "eval" / "gold" / f"{name}.table.json").read_text(encoding="utf-8"))
    text = (shared_dir / "seeds" / name).read_text(encoding="utf-8")
    doc = make_stage()(_doc(text, segments=segment(text)))
    assert len(doc.tables) == 1
    assert doc.tables[0].rows == gold["rows"]


def test_tables_year_header_and_non_place_rows() -> None:
    text = (
        "Ausbildungsverträge im Bezirk\n\n"
        "Bereich\t2023\t2024\tVeränderung (%)\n"
        "Industrie\t1.214\t1.187\t-2,2\n"
        "Handel\t988\t1.010\t2,2\n"
        "IT-Berufe\t301\t344\t14,3\n"
    )
    doc = make_stage()(_doc(text))
    table = doc.tables[0]
    assert [c.name for c in table.columns] == ["Bereich", "2023", "2024", "Veränderung (%)"]
    assert table.rows[0] == {"Bereich": "Industrie", "2023": 1214, "2024": 1187, "Veränderung (%)": -2.2}
    assert table.row_entities == [None, None, None]  # sectors are not places
    assert doc.entities == [] and doc.mentions == []
