from __future__ import annotations

from hafen.read.pdf import dehyphenate


def test_pdf_dehyphenate_joins_split_words_only() -> None:
    text = "Die Wirtschafts-\nförderung und die Software-\nund Systemtechnik in Nord-\nrhein-Westfalen"
    assert (
        dehyphenate(text)
        == "Die Wirtschaftsförderung und die Software-\nund Systemtechnik in Nordrhein-Westfalen"
    )
