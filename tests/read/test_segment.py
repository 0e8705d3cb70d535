from __future__ import annotations

import re

import pytest

from hafen.document import Segment
from hafen.read.segment import _is_byline, segment


def _check_cover(text: str, segments: list[Segment]) -> None:
    """Segments are ordered, do not overlap, and only whitespace lies outside them."""
    pos = 0
    for seg in segments:
        assert pos <= seg.start < seg.end <= len(text)
        assert text[pos : seg.start].strip() == ""
        pos = seg.end
    assert text[pos:].strip() == ""


def test_segment_mixed_file(samples: dict[str, str]) -> None:
    text = "\n\n".join(samples[k] for k in ("table", "press", "review", "strategy"))
    segments = segment(text)
    _check_cover(text, segments)
    assert [s.kind for s in segments] == ["table", "text", "text", "text"]
    press, review, strategy = segments[1:]
    assert text[press.start : press.end].startswith("DORTMUND")
    assert text[review.start : review.end].startswith("VON ANNA BERGER")
    assert strategy.title == "Strategie Wissenschaftsstandort 2030"
    assert text[segments[0].start : segments[0].end] == samples["table"].strip()
    assert all(s.lang == "de" for s in segments[1:])


def test_segment_single_article_stays_whole(samples: dict[str, str]) -> None:
    segments = segment(samples["strategy"])
    assert len(segments) == 1
    assert segments[0].title == "Strategie Wissenschaftsstandort 2030"


def test_segment_table_after_gap_with_repeated_header_is_a_new_table(samples: dict[str, str]) -> None:
    header = samples["table"].split("\n", 1)[0]
    text = samples["table"] + "\n" + header + "\nHamm\t300\t60.000\t2,1\nHagen\t280\t70.000\t2,4\n"
    segments = segment(text)
    assert [s.kind for s in segments] == ["table", "table"]
    _check_cover(text, segments)


def test_segment_semicolon_table_needs_consistent_columns() -> None:
    table = "Jahr;Gründungen;Quote\n2021;1.100;4,2\n2022;1.150;4,4\n2023;1.204;4,7"
    prose = "Er kam; sie ging.\nDann regnete es; alle blieben.\nAm Ende war es spät."
    assert [s.kind for s in segment(table)] == ["table"]
    assert [s.kind for s in segment(prose)] == ["text"]


def test_segment_language_change_splits() -> None:
    german = (
        "Die Wirtschaftsförderung Dortmund unterstützt Unternehmen bei der Ansiedlung und begleitet "
        "Gründerinnen und Gründer auf dem Weg zur Finanzierung. Sie ist für die Stadt und die Region tätig."
    )
    english = (
        "The agency also works with international investors and helps them to find sites in the region. "
        "It is the first point of contact for companies that are looking for partners in the Ruhr area."
    )
    text = f"{german}\n\n{german}\n\n{english}\n\n{english}"
    segments = segment(text)
    assert [s.lang for s in segments] == ["de", "en"]
    _check_cover(text, segments)
    assert text[segments[1].start :].startswith("The agency")


def test_segment_empty_text_has_no_segments() -> None:
    assert segment("") == []
    assert segment("\n\n  \n") == []


def test_segment_offsets_point_at_content() -> None:
    text = "  \n\nÜberschrift\n\n  Eingerückter Absatz mit Inhalt.  \n\n"
    segments = segment(text)
    assert len(segments) == 1
    assert text[segments[0].start : segments[0].end] == "Überschrift\n\n  Eingerückter Absatz mit Inhalt."
    assert re.match(r"\S", text[segments[0].start])


def test_segment_table_keeps_empty_edge_cells() -> None:
    text = "Stadt\tGründungen\tQuote\nDortmund\t\t4,7\n\tBochum\t3,9\nEssen\t1.051\t\n\nDanach folgt Text."
    segments = segment(text)
    assert [s.kind for s in segments] == ["table", "text"]
    assert text[segments[0].start : segments[0].end].endswith("Essen\t1.051\t")
    _check_cover(text, segments)


def test_segment_headline_above_byline_opens_the_article(samples: dict[str, str]) -> None:
    headline = "Mozart im Hotel am Meer: Eine Oper zum Staunen"
    text = samples["strategy"] + "\n\n" + headline + "\n\n" + samples["review"]
    segments = segment(text)
    assert len(segments) == 2
    assert segments[1].title == headline
    assert text[segments[1].start :].startswith(headline + "\n\nVON ANNA BERGER")


def test_segment_table_takes_caption_line_as_title(samples: dict[str, str]) -> None:
    text = "Gründungen im Ruhrgebiet 2023\n" + samples["table"] + "\nQuelle: IT.NRW"
    kinds = [(s.kind, s.title) for s in segment(text)]
    assert kinds == [("text", None), ("table", "Gründungen im Ruhrgebiet 2023"), ("text", None)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("VON MICHAEL STALLKNECHT", True),
        ("Von Anna Berger", True),
        ("Von unserer Kulturredaktion", True),
        ("DORTMUND", True),
        ("Von der Idee zum Produkt", False),
        ("Dortmund", False),
    ],
)
def test_segment_byline_shapes(line: str, expected: bool) -> None:
    assert _is_byline(line) is expected
