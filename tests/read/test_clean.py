from __future__ import annotations

import pytest

from hafen import errors
from hafen.read import clean


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("„Grüße“ – 5 €".encode("cp1252"), "cp1252"),
        ("Straße in Köln".encode("latin-1"), "cp1252"),
        ("\ufeffAkteur*innen in Dortmund".encode(), "utf-8-sig"),
        (b"Akteur*innen in Dortmund", "utf-8"),
    ],
)
def test_clean_decode_detects_encoding(data: bytes, encoding: str) -> None:
    text, used = clean.decode(data, "x.txt")
    assert used == encoding
    assert "\ufeff" not in text


def test_clean_decode_cp1252_keeps_quotes_dash_and_euro() -> None:
    text, _ = clean.decode("Sie sagte „Grüße“ – das kostet 5 €.".encode("cp1252"), "x.txt")
    assert text == "Sie sagte „Grüße“ – das kostet 5 €."


def test_clean_decode_rejects_control_garbage() -> None:
    with pytest.raises(errors.ReadError) as info:
        clean.decode(bytes(range(0x80, 0x100)) * 20, "kaputt.txt")
    assert info.value.code == "E110"
    assert "kaputt.txt" in str(info.value)


def test_clean_normalize_spaces_hyphens_and_line_ends() -> None:
    raw = "Wirt\u00adschafts\u00adförderung\u00a0Dortmund\r\nam\u202fHafen\u200b!\r\n\r\n\r\n\r\n\r\nEnde  "
    assert clean.normalize(raw) == "Wirtschaftsförderung Dortmund\nam Hafen!\n\n\nEnde"


def test_clean_normalize_keeps_german_typography() -> None:
    text = "„Akteur*innen“ der Straße – Grüße aus Münster"
    assert clean.normalize(text) == text


def test_clean_normalize_composes_umlauts_nfc() -> None:
    decomposed = "Mu\u0308nster"
    assert clean.normalize(decomposed) == "Münster"


def test_clean_strip_chrome_removes_web_page_chrome(samples: dict[str, str]) -> None:
    text, removed = clean.strip_chrome(clean.normalize(samples["chrome_dump"]))
    for gone in (
        "Menü",
        "Anzeige",
        "Image",
        "Schaper",
        "fotolia",
        "Cookies",
        "Artikel teilen",
        "Facebook",
        "LinkedIn",
        "Drucken",
        "Nach oben",
        "Eröffnung",
    ):
        assert gone not in text, gone
    for kept in (
        "Innovationsquartier am Phoenix-See",
        "Neue Räume für Gründer*innen",
        "Ansprechpartner",
        "Gründungszentrum „Werk 4“",
        "Weitere Auskünfte",
    ):
        assert kept in text, kept
    assert removed >= 14


def test_clean_strip_chrome_keeps_short_headings_and_lists() -> None:
    text = (
        "Projekte und Ansätze:\n\nKontakt\n\nSie erreichen uns im Hafen.\n\n"
        "Forschung / Entwicklung\n\nDie Hochschule forscht zur Logistik.\n\n"
        "  • Stärkung des Wissenschaftsraumes\n  • Aufbau Digital Hub"
    )
    assert clean.strip_chrome(text) == (text, 0)


def test_clean_strip_chrome_drops_caption_with_inline_credit() -> None:
    text = "Technologiepark Dortmund (Bild: TU Dortmund)\n\nDer Technologiepark wächst weiter."
    assert clean.strip_chrome(text)[0] == "Der Technologiepark wächst weiter."


def test_clean_strip_chrome_drops_download_size_lines() -> None:
    text = "Infektionsschutzplan für Nordrhein-Westfalen\n\nPDF, 243.4 KB\n\nWeitere Hinweise folgen."
    assert "KB" not in clean.strip_chrome(text)[0]


def test_clean_strip_chrome_keeps_source_notes() -> None:
    text = "Die Arbeitslosenquote lag 2023 bei 11,2 Prozent (Quelle: IT.NRW)"
    assert clean.strip_chrome(text) == (text, 0)


def test_clean_normalize_keeps_empty_cells_of_tab_rows() -> None:
    assert clean.normalize("Stadt\tQuote\t\nDortmund\t4,7\t  \n") == "Stadt\tQuote\t\nDortmund\t4,7\t"


def test_clean_strip_chrome_removes_header_block_with_breadcrumbs() -> None:
    text = (
        "Menü\nStartseite\nWirtschaft & Arbeit\nStart-ups\nSuche\n"
        "Diese Website verwendet Cookies. Mit der weiteren Nutzung stimmen Sie zu.\n\n"
        "Neue Labore im BioMedizinZentrum\n\nDas BioMedizinZentrum Dortmund bekommt Zuwachs."
    )
    assert clean.strip_chrome(text)[0] == (
        "Neue Labore im BioMedizinZentrum\n\nDas BioMedizinZentrum Dortmund bekommt Zuwachs."
    )


def test_clean_strip_chrome_keeps_short_block_with_title() -> None:
    # Two chrome lines above a title are not a header block: the title stays.
    text = "Menü\nAnzeige - Ein Angebot des Anzeigenpartners.\nDigitalhafen Dortmund\n\nText über den Hafen."
    assert clean.strip_chrome(text)[0] == "Digitalhafen Dortmund\n\nText über den Hafen."


def test_clean_strip_chrome_removes_caption_with_inline_credit() -> None:
    text = (
        "Image\nGründerteam VitaSens\nGründerteam VitaSens Foto: VitaSens GmbH\n\n"
        "Das Team entwickelt Sensoren."
    )
    assert clean.strip_chrome(text)[0] == "Das Team entwickelt Sensoren."


def test_clean_strip_chrome_removes_related_links_up_to_wide_gap() -> None:
    text = (
        "Die Flächen sind zu 96 Prozent belegt.\n\nDas könnte Sie auch interessieren\n"
        "Digitaltag Dortmund 2025: Jetzt anmelden\nFachkräfte-Monitor: Neue Zahlen für Dortmund\n\n\n"
        "DORTMUND\n\nDie Stadt meldet neue Zahlen."
    )
    assert clean.strip_chrome(text)[0] == (
        "Die Flächen sind zu 96 Prozent belegt.\n\n\nDORTMUND\n\nDie Stadt meldet neue Zahlen."
    )
