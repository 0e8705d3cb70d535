"""Bad input end to end: the real pipeline, the CLI, a store that already holds facts.

Every bad file gets one line naming it and the reason; the good files are stored; the exit
status says "partly failed"; nothing stored before is lost.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from hafen.cli import main

GOOD = {
    "pressemitteilung.txt": (
        "Leipzig, 3. März 2025. Die Hochschule für Technik, Wirtschaft und Kultur Leipzig (HTWK) "
        "und die Spreewerk Logistik GmbH entwickeln gemeinsam ein Assistenzsystem für die "
        "Lagerlogistik. „Wir bringen Forschung direkt in die Halle“, sagt Dr. Jana Vogt, "
        "Leiterin des Transferzentrums der HTWK. Das Projekt wird mit 1,2 Mio. Euro gefördert."
    ),
}
LATER_GOOD = {
    # a name with spaces and umlauts
    "Grüße aus Köln – Meldung.txt": (
        "Köln. Die Technische Hochschule Köln kooperiert mit der Rheinwerk Robotics GmbH im "
        "Bereich Robotik. Geschäftsführer Jonas Berger sieht darin einen Gewinn für die Region."
    ),
}


def _pdf(text: str | None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    if text is None:
        pdf.rect(20, 20, 80, 40)  # a page with graphics only: no text layer
    else:
        pdf.set_font("helvetica", size=12)
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def _write_bad_files(folder: Path) -> dict[str, str]:
    """Writes the bad inputs; returns file name -> the error code it must get."""
    rng = random.Random(7)
    (folder / "junk.txt").write_bytes(rng.randbytes(4096))
    (folder / "bild.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(2048))
    (folder / "scan.pdf").write_bytes(_pdf(None))
    whole = _pdf("Das Fraunhofer IPA in Stuttgart forscht zur Automatisierung. " * 40)
    (folder / "abgeschnitten.pdf").write_bytes(whole[: len(whole) // 2])
    (folder / "nur-skripte.html").write_text(
        "<html><head><script>var a = 1;</script></head><body><script>track()</script></body></html>",
        encoding="utf-8",
    )
    (folder / "leer.txt").write_bytes(b"")
    with (folder / "riesig.txt").open("wb") as handle:  # 50 MB, sparse: quick to make
        handle.truncate(50 * 1024 * 1024)
    return {
        "junk.txt": "E101",
        "bild.pdf": "E101",
        "scan.pdf": "E104",
        "abgeschnitten.pdf": "E105",
        "nur-skripte.html": "E106",
        "leer.txt": "E102",
        "riesig.txt": "E103",
    }


def _counts(db: Path, source_part: str) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        (doc_id,) = conn.execute(
            "SELECT id FROM documents WHERE source LIKE ?", (f"%{source_part}",)
        ).fetchone()
        mentions = conn.execute("SELECT COUNT(*) FROM mentions WHERE doc_id = ?", (doc_id,)).fetchone()[0]
        entities = conn.execute("SELECT COUNT(*) FROM doc_entities WHERE doc_id = ?", (doc_id,)).fetchone()[0]
    return mentions, entities


@pytest.mark.slow
def test_bad_input_each_file_one_line_others_stored_nothing_lost(tmp_path: Path) -> None:
    folder = tmp_path / "eingang"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = tmp_path / "atlas.db"
    runner = CliRunner()

    first = runner.invoke(main, ["build", str(folder), "--db", str(db)])
    assert first.exit_code == 0, first.output
    before = _counts(db, "pressemitteilung.txt")
    assert before[1] >= 3  # HTWK, Spreewerk Logistik GmbH, Jana Vogt, Leipzig ...

    expected = _write_bad_files(folder)
    for name, text in LATER_GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    # an HTML page saved with the wrong extension is read as HTML, with a warning
    (folder / "seite.pdf").write_text(
        "<html><body><nav>Start | Kontakt</nav><main><h1>Innovationstag Aachen</h1><p>Die RWTH "
        "Aachen lädt Unternehmen aus der Region zum Innovationstag auf den Campus Melaten ein. "
        "Im Mittelpunkt stehen Wasserstoff und Batterietechnik.</p></main></body></html>",
        encoding="utf-8",
    )

    second = runner.invoke(main, ["build", str(folder), "--db", str(db)])
    output = second.output
    assert second.exit_code == 3, output
    assert "Traceback" not in output
    lines = output.splitlines()
    for name, code in expected.items():
        matching = [line for line in lines if name in line and f"[{code}]" in line]
        assert len(matching) == 1, (name, code, output)
    # the good files are stored, the earlier one untouched
    assert _counts(db, "pressemitteilung.txt") == before
    assert _counts(db, "Grüße aus Köln – Meldung.txt")[1] >= 2
    assert _counts(db, "seite.pdf")[1] >= 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0].rsplit("/", 1)[-1] for row in conn.execute("SELECT source FROM documents")}
    assert stored == {"pressemitteilung.txt", "Grüße aus Köln – Meldung.txt", "seite.pdf"}
