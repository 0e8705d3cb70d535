from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from hafen import errors
from hafen.document import content_hash
from hafen.read import SUPPORTED_SUFFIXES, iter_input_files, read_file


def _code(path: Path, **kwargs: float) -> str:
    with pytest.raises(errors.ReadError) as info:
        read_file(path, **kwargs)
    assert str(path) in str(info.value)  # every message names the file
    return info.value.code


# -- formats ------------------------------------------------------------------------------


def test_read_text_document_fields(write, samples: dict[str, str]) -> None:
    data = samples["strategy"].encode()
    path = write("strategie.txt", data)
    doc = read_file(path)
    assert doc.source == str(path.resolve())
    assert doc.name == "strategie.txt"
    assert doc.content_hash == content_hash(data)
    assert doc.media_type == "text/plain"
    assert doc.lang == "de"
    assert doc.text == samples["strategy"].strip()
    assert doc.meta["title"] == "Strategie Wissenschaftsstandort 2030"
    assert doc.warnings == []


def test_read_cp1252_text(write) -> None:
    path = write("grüße.txt", "Die Kammer sagt „Grüße“ – der Eintritt kostet 5 €.\r\n".encode("cp1252"))
    doc = read_file(path)
    assert doc.text == "Die Kammer sagt „Grüße“ – der Eintritt kostet 5 €."
    assert doc.meta["encoding"] == "cp1252"


def test_read_utf8_bom_and_nbsp(write) -> None:
    path = write("bom.txt", "\ufeffDie\u00a0Akteur*innen der Stadt\u202fDortmund".encode())
    doc = read_file(path)
    assert doc.text == "Die Akteur*innen der Stadt Dortmund"


def test_read_text_dump_loses_chrome(write, samples: dict[str, str]) -> None:
    doc = read_file(write("seite.txt", samples["chrome_dump"]))
    assert "Image" not in doc.text and "Artikel teilen" not in doc.text
    assert "Gründungszentrum „Werk 4“ mit 3.000 Quadratmetern" in doc.text
    assert doc.meta["removed_lines"] >= 14


def test_read_html_event_page(write, samples: dict[str, str]) -> None:
    doc = read_file(write("digitaltag.html", samples["event_html"]))
    assert doc.media_type == "text/html"
    assert "Digitaltag 2025 im Dortmunder Hafen" in doc.text
    assert "Fraunhofer-Institut für Software- und Systemtechnik ISST alle Akteur*innen" in doc.text
    assert "12. Juni" in doc.text  # &nbsp; became a plain space
    for chrome in ("TRACKINGCODE", "Startseite", "Cookies", "Impressum", "Newsletter", "color:"):
        assert chrome not in doc.text, chrome
    assert "\nProgramm\n" in doc.text  # headings stay as their own lines
    tables = [s for s in doc.segments if s.kind == "table"]
    assert len(tables) == 1
    assert doc.text[tables[0].start : tables[0].end].split("\n")[0] == "Uhrzeit\tProgrammpunkt"
    assert doc.meta["title"]


def test_read_markdown(write) -> None:
    source = (
        "---\ntitle: Hafenquartier\n---\n# Hafenquartier Dortmund\n\n"
        "Die **Akteur*innen** im [Digital Hub](https://example.org/hub) planen *gemeinsam*.\n\n"
        "| Jahr | Gründungen |\n|---|---|\n| 2023 | 1.204 |\n| 2024 | 1.310 |\n"
    )
    doc = read_file(write("notiz.md", source))
    assert doc.media_type == "text/markdown"
    assert doc.text.startswith("Hafenquartier Dortmund\n\nDie Akteur*innen im Digital Hub planen gemeinsam.")
    assert "https://" not in doc.text and "**" not in doc.text
    assert "Jahr\tGründungen\n2023\t1.204" in doc.text
    assert [s.kind for s in doc.segments] == ["text", "table"]
    assert doc.meta["title"] == "Hafenquartier"


def test_read_pdf(write, pdf_bytes) -> None:
    text = "Die Wirtschaftsförderung Dortmund unterstützt Start-ups im Hafenquartier. " * 6
    doc = read_file(write("bericht.pdf", pdf_bytes(text)))
    assert doc.media_type == "application/pdf"
    assert "Wirtschaftsförderung Dortmund unterstützt Start-ups" in doc.text
    assert doc.meta["pages"] == 1
    assert doc.lang == "de"


def test_read_docx_with_heading_and_table(write, docx_bytes) -> None:
    data = docx_bytes(
        ["Die TU Dortmund und das Fraunhofer-Institut gründen ein gemeinsames Zentrum für Logistik."],
        table=[["Partner", "Standort"], ["TU Dortmund", "Dortmund"], ["Fraunhofer IML", "Dortmund"]],
        heading="Neues Logistikzentrum",
    )
    doc = read_file(write("zentrum.docx", data))
    assert doc.text.startswith("Neues Logistikzentrum\n\nDie TU Dortmund")
    assert "Partner\tStandort\nTU Dortmund\tDortmund\nFraunhofer IML\tDortmund" in doc.text
    assert [s.kind for s in doc.segments] == ["text", "table"]
    assert doc.meta["title"] == "Neues Logistikzentrum"


def test_read_csv_semicolon_cp1252(write) -> None:
    data = "Stadt;Fläche km²;Quote\r\nDortmund;280,7;4,7\r\nMünster;303,3;3,1\r\n".encode("cp1252")
    doc = read_file(write("städte.csv", data))
    assert doc.text == "Stadt\tFläche km²\tQuote\nDortmund\t280,7\t4,7\nMünster\t303,3\t3,1"
    assert [s.kind for s in doc.segments] == ["table"]
    assert doc.meta["delimiter"] == ";"
    assert doc.media_type == "text/csv"


def test_read_csv_comma_with_quotes(write) -> None:
    doc = read_file(write("liste.csv", 'Name,Ort\n"Wilo SE","Dortmund, Hafen"\nAdesso,Dortmund\n'))
    assert doc.text.split("\n")[1] == "Wilo SE\tDortmund, Hafen"


def test_read_file_name_with_spaces_and_umlauts(write) -> None:
    path = write("Bericht Wirtschaftsförderung Übersicht 2024.txt", "Die Straße am Phoenix-See wächst.")
    doc = read_file(path)
    assert doc.name == "Bericht Wirtschaftsförderung Übersicht 2024.txt"


# -- wrong extension ----------------------------------------------------------------------


def test_read_pdf_named_txt(write, pdf_bytes) -> None:
    doc = read_file(write("bericht.txt", pdf_bytes("Das Lamarr-Institut forscht in Dortmund. " * 4)))
    assert doc.media_type == "application/pdf"
    assert "Lamarr-Institut" in doc.text
    assert doc.warnings and doc.warnings[0].startswith("[E112]")


def test_read_html_named_txt(write, samples: dict[str, str]) -> None:
    doc = read_file(write("seite.txt", samples["event_html"]))
    assert doc.media_type == "text/html"
    assert "TRACKINGCODE" not in doc.text
    assert any(w.startswith("[E112]") for w in doc.warnings)


def test_read_docx_named_pdf(write, docx_bytes) -> None:
    doc = read_file(
        write("vertrag.pdf", docx_bytes(["Kooperationsvertrag zwischen Wilo und der TU Dortmund."]))
    )
    assert "Kooperationsvertrag" in doc.text
    assert any("DOCX" in w for w in doc.warnings)


def test_read_unknown_extension_is_sniffed(write) -> None:
    doc = read_file(write("notizen.log", "Treffen mit der IHK Dortmund am Montag."))
    assert doc.text == "Treffen mit der IHK Dortmund am Montag."
    assert doc.warnings == []


# -- bad input ----------------------------------------------------------------------------


def test_read_random_bytes_is_binary(write) -> None:
    rng = random.Random(7)
    path = write("zufall.txt", bytes(rng.randrange(256) for _ in range(4096)))
    assert _code(path) == "E101"


def test_read_png_named_txt_names_the_kind(write) -> None:
    path = write("foto.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    with pytest.raises(errors.ReadError) as info:
        read_file(path)
    assert info.value.code == "E101"
    assert "PNG" in str(info.value)


def test_read_pdf_without_text_layer(write, pdf_bytes) -> None:
    assert _code(write("scan.pdf", pdf_bytes(None))) == "E104"


def test_read_truncated_pdf(write, pdf_bytes) -> None:
    data = pdf_bytes("Die Wirtschaftsförderung Dortmund berichtet. " * 10)
    assert _code(write("halb.pdf", data[: len(data) // 2])) == "E105"


def test_read_junk_pdf(write) -> None:
    assert _code(write("kaputt.pdf", b"%PDF-1.4\n" + b"garbage " * 50 + b"\n%%EOF\n")) == "E105"


def test_read_broken_docx(write, docx_bytes) -> None:
    data = docx_bytes(["Ein Absatz über die Hochschule."])
    assert _code(write("kaputt.docx", data[: len(data) // 2])) == "E108"
    assert _code(write("kaputt.pdf", data[: len(data) // 2])) == "E108"  # sniffed as DOCX
    assert _code(write("leer.docx", b"PK\x03\x04" + b"word/document.xml" + bytes(50))) == "E108"


def test_read_html_with_only_scripts(write) -> None:
    html = "<html><head><script>var a = 1;</script></head><body><script>track();</script></body></html>"
    assert _code(write("leer.html", html)) == "E106"


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf\n"])
def test_read_empty_file(write, content: bytes) -> None:
    assert _code(write("leer.txt", content)) == "E102"


def test_read_undecodable_text(write) -> None:
    assert _code(write("kodierung.txt", b"Text " + bytes(range(0x80, 0x100)) * 20)) == "E110"


def test_read_over_limit_checks_size_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "riesig.txt"
    with path.open("wb") as handle:
        handle.truncate(52 * 1024 * 1024)  # sparse: 52 MB of NUL bytes without writing them

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened although it is over the limit")

    monkeypatch.setattr(Path, "open", no_open)
    monkeypatch.setattr(Path, "read_bytes", no_open)
    with pytest.raises(errors.ReadError) as info:
        read_file(path)
    assert info.value.code == "E103"
    assert "52" in str(info.value)


def test_read_over_custom_limit(write) -> None:
    path = write("gross.txt", "Dortmund " * 20000)
    assert _code(path, max_mb=0.1) == "E103"
    assert read_file(path, max_mb=1).text.startswith("Dortmund")


def test_read_permission_error(write, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write("gesperrt.txt", "Geheim")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)
    assert _code(path) == "E111"


def test_read_missing_file_and_folder(tmp_path: Path) -> None:
    assert _code(tmp_path / "fehlt.txt") == "E111"
    assert _code(tmp_path) == "E111"


# -- input files --------------------------------------------------------------------------


def test_read_iter_input_files(tmp_path: Path) -> None:
    for name in (
        "b.txt",
        "a.md",
        "sub/c.pdf",
        "sub/d.CSV",
        "bild.png",
        ".versteckt.txt",
        ".git/x.txt",
        "sub/.cache/y.txt",
    ):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    single = tmp_path / "bild.png"
    found = list(iter_input_files([tmp_path, single]))
    rel = [p.relative_to(tmp_path).as_posix() for p in found]
    assert rel == ["a.md", "b.txt", "sub/c.pdf", "sub/d.CSV", "bild.png"]
    assert ".csv" in SUPPORTED_SUFFIXES


def test_read_iter_input_files_missing_path(tmp_path: Path) -> None:
    with pytest.raises(errors.ConfigError) as info:
        list(iter_input_files([tmp_path / "gibt-es-nicht"]))
    assert info.value.code == "E402"


def test_read_iter_input_files_accepts_strings(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x")
    assert list(iter_input_files([os.fspath(tmp_path)])) == [tmp_path / "x.txt"]


def test_read_html_fallback_drops_scripts(monkeypatch: pytest.MonkeyPatch, write) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("parser exploded")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    html = "<html><body><script>track();</script><p>Die IHK zu Dortmund l&auml;dt ein.</p></body></html>"
    doc = read_file(write("kaputt.html", html))
    assert doc.text == "Die IHK zu Dortmund lädt ein."
    assert "extraction_error" in doc.meta
