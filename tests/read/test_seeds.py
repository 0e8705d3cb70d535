"""The readers on the development seeds: real web dumps and a long mixed file."""

from __future__ import annotations

from pathlib import Path

import pytest

from hafen.document import Document
from hafen.read import read_file


def _seed(shared_dir: Path, prefix: str) -> Document:
    (path,) = sorted((shared_dir / "seeds").glob(f"{prefix}_*.txt"))
    return read_file(path)


def _assert_covering(doc: Document) -> None:
    pos = 0
    for seg in doc.segments:
        assert pos <= seg.start < seg.end
        assert doc.text[pos : seg.start].strip() == ""
        pos = seg.end
    assert doc.text[pos:].strip() == ""


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_read_cleanly(shared_dir: Path, prefix: str) -> None:
    doc = _seed(shared_dir, prefix)
    assert doc.lang == "de"
    assert doc.segments
    _assert_covering(doc)
    assert "\u00a0" not in doc.text and "\r" not in doc.text


def test_seeds_001_keeps_content_loses_menu(shared_dir: Path) -> None:
    doc = _seed(shared_dir, "001")
    assert "Fraunhofer-Instituts für Software- und Systemtechnik" in doc.text
    assert not doc.text.startswith("Menü")
    assert "Anzeigenpartner" not in doc.text
    assert "Artikel teilen" not in doc.text
    assert doc.text.startswith("Digitalhafen Dortmund")


def test_seeds_002_loses_image_gallery(shared_dir: Path) -> None:
    doc = _seed(shared_dir, "002")
    lines = doc.text.split("\n")
    assert "Image" not in lines
    assert "WF Empfang" not in doc.text and "/ Jäger" not in doc.text
    assert "Internationale Vernetzung als Schlüssel für Innovation" in lines
    assert "Wilo Smart Factory: Nachhaltigkeit als Unternehmensziel" in lines


def test_seeds_000_keeps_lists_drops_caption(shared_dir: Path) -> None:
    doc = _seed(shared_dir, "000")
    assert "(Bild: TU Dortmund)" not in doc.text
    assert "• Stärkung des Westfälischen Wissenschafts- und Wirtschaftsraumes" in doc.text
    assert "Akteur*innen" in doc.text


def test_seeds_004_tables_and_texts(shared_dir: Path) -> None:
    doc = _seed(shared_dir, "004")
    tables = [s for s in doc.segments if s.kind == "table"]
    texts = [s for s in doc.segments if s.kind == "text"]
    assert len(tables) >= 2
    assert len(texts) >= 3
    for table in tables:
        assert doc.text[table.start : table.end].startswith("Landkreis / kreisfreie Stadt\t")
    assert "fotolia" not in doc.text
    starts = [doc.text[s.start : s.start + 30] for s in texts]
    # the concert review and the strategy paper are separate segments
    assert any(s.startswith("VON MICHAEL STALLKNECHT") for s in starts)
    assert any(s.startswith("„Neue Stärke“") for s in starts)
    strategy = next(s for s in texts if doc.text[s.start :].startswith("„Neue Stärke“"))
    assert strategy.title == "„Neue Stärke“"
    assert strategy.end - strategy.start > 50_000
