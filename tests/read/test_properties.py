"""Invariants that must hold for any input, checked with generated text and bytes."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hafen import errors
from hafen.read import clean, read_file
from hafen.read.segment import segment

_ALPHABET = st.sampled_from([*"aäbcdeöfßgüAÄBCDÖÜ *-;|.:„“–€0123456789", "\t", "\n", "\n\n", " "])
_TEXTS = st.lists(_ALPHABET, max_size=400).map("".join)


@given(_TEXTS)
@settings(max_examples=200, deadline=None)
def test_properties_segments_cover_text_in_order(text: str) -> None:
    text = clean.normalize(text)
    pos = 0
    for seg in segment(text):
        assert pos <= seg.start < seg.end <= len(text)
        assert text[pos : seg.start].strip() == ""
        assert seg.kind in ("text", "table")
        pos = seg.end
    assert text[pos:].strip() == ""


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_properties_normalize_is_idempotent(text: str) -> None:
    once = clean.normalize(text)
    assert clean.normalize(once) == once
    assert "\r" not in once and "\u00a0" not in once and "\u00ad" not in once


_PREFIXES = st.sampled_from(
    [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]
)


@given(_PREFIXES, st.binary(min_size=1, max_size=600), st.sampled_from([b"", b"\n%%EOF\n"]))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_properties_any_bytes_give_document_or_read_error(
    tmp_path: Path, prefix: bytes, body: bytes, suffix_bytes: bytes
) -> None:
    data = prefix + body + suffix_bytes
    for suffix in (".txt", ".pdf", ".docx", ".html", ".csv"):
        path = tmp_path / f"probe{suffix}"
        path.write_bytes(data)
        try:
            doc = read_file(path)
        except errors.ReadError as exc:
            assert exc.code.startswith("E1")
        else:
            assert doc.text.strip()
