"""The reading layer: files in, ``Document`` out, with cleaned text, segments and language.

Public API: ``SUPPORTED_SUFFIXES``, ``iter_input_files`` and ``read_file``. Every bad input
raises ``errors.ReadError`` with a code (E1xx) naming the file; nothing else escapes.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from hafen import errors
from hafen.document import Document, content_hash
from hafen.read import lang as langs
from hafen.read import segment as segmenting
from hafen.read import sniff as sniffing
from hafen.read.base import Extracted

__all__ = ["SUPPORTED_SUFFIXES", "iter_input_files", "read_file"]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".csv"})

_MB = 1024 * 1024
_NOT_BLANK = re.compile(rb"\S")
_NAMES = {
    "text": "plain text",
    "markdown": "Markdown",
    "html": "HTML",
    "pdf": "PDF",
    "docx": "DOCX",
    "csv": "CSV",
}


def iter_input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given (any extension), folders recursively (supported suffixes, no hidden
    files or folders), each folder's files in sorted order; E402 for a path that does not exist."""
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise errors.ConfigError("E402", path=str(given))
        if path.is_dir():
            yield from _walk(path)
        else:
            yield path


def _walk(root: Path) -> Iterator[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        # Pruning in place keeps os.walk out of .git, .venv and other hidden folders.
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES:
                found.append(Path(folder) / name)
    yield from sorted(found)


def read_file(path: Path, *, max_mb: float = 25.0) -> Document:
    """Read one file into a Document; raises ReadError (E101-E112) for any bad input."""
    path = Path(path)
    name = str(path)
    data = _load(path, name, max_mb)
    if _NOT_BLANK.search(data, 3 if data.startswith(b"\xef\xbb\xbf") else 0) is None:
        raise errors.ReadError(name, "E102")
    kind = sniffing.sniff(data[: sniffing.HEAD_BYTES], data)
    if kind.startswith("binary:"):
        raise errors.ReadError(name, "E101", kind=kind.split(":", 1)[1])
    expected = sniffing.SUFFIX_FORMATS.get(path.suffix.lower())
    fmt = _choose_format(kind, expected, data)
    warnings: list[str] = []
    if expected is not None and _mismatch(fmt, expected):
        warnings.append(f"[E112] {errors.message('E112', actual=_NAMES[fmt], expected=_NAMES[expected])}")
    extracted = _extract(fmt, data, name)
    if not extracted.text or extracted.text.isspace():  # as `not text.strip()`, without a copy
        chrome_only = extracted.meta.get("removed_lines") or fmt == "html"
        raise errors.ReadError(name, "E106" if chrome_only else "E102")
    segments = extracted.segments
    if segments is None:
        segments = segmenting.segment(extracted.text)
    else:
        for seg in segments:
            if seg.lang is None:
                # detect() reads a bounded sample from the start only: slice no more than that
                end = min(seg.end, seg.start + langs.SAMPLE_CHARS)
                seg.lang = langs.detect(extracted.text[seg.start : end].replace("\t", " "))
    meta = dict(extracted.meta)
    meta["format"] = fmt
    meta["size_bytes"] = len(data)
    if "title" not in meta and segments and segments[0].title:
        meta["title"] = segments[0].title
    # Path.resolve() less its pathlib overhead: the file was just opened, so the path holds
    # no symlink loop (the one case where resolve() does more than realpath)
    source = os.path.realpath(path)
    return Document(
        source=source,
        name=os.path.basename(source),  # Path(source).name, which Document would work out
        text=extracted.text,
        content_hash=content_hash(data),
        media_type=sniffing.MEDIA_TYPES[fmt],
        lang=langs.dominant([(s.lang, s.end - s.start) for s in segments]),
        segments=segments,
        meta=meta,
        warnings=warnings,
    )


def _load(path: Path, name: str, max_mb: float) -> bytes:
    """The file's bytes; the size is checked before reading so a huge file costs nothing."""
    limit = int(max_mb * _MB)
    try:
        info = path.stat()  # one stat for all checks; a missing file raises here (E111)
        if stat.S_ISDIR(info.st_mode):
            raise errors.ReadError(name, "E111", detail="it is a folder")
        if not stat.S_ISREG(info.st_mode):
            # A pipe or device would block or never end.
            raise errors.ReadError(name, "E111", detail="not a regular file")
        size = info.st_size
        if size > limit:
            raise errors.ReadError(name, "E103", size_mb=size / _MB, limit_mb=max_mb)
        with path.open("rb") as handle:
            # Read one byte past the limit: the size may lie (a growing file). First the
            # size plus one byte, as read(n) allocates n bytes up front; only a file that
            # has grown since is read on, up to the limit plus one byte.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limit - size)
    except errors.ReadError:
        raise
    except OSError as exc:
        raise errors.ReadError(name, "E111", detail=exc.strerror or type(exc).__name__) from exc
    if len(data) > limit:
        raise errors.ReadError(name, "E103", size_mb=len(data) / _MB, limit_mb=max_mb)
    return data


def _choose_format(kind: str, expected: str | None, data: bytes) -> str:
    if kind in ("pdf", "docx", "html"):
        return kind
    if expected == "html" and b"<" in data[:4096] and b">" in data[:4096]:
        return "html"  # a fragment without <html> or <body> is still markup
    if expected in ("text", "markdown", "csv"):
        return expected
    return "text"


def _mismatch(actual: str, expected: str) -> bool:
    textual = {"text", "markdown", "csv"}
    return actual != expected and not (actual in textual and expected in textual)


def _extract(fmt: str, data: bytes, name: str) -> Extracted:
    if fmt == "pdf":
        from hafen.read import pdf

        return pdf.read(data, name)
    if fmt == "docx":
        from hafen.read import docx

        return docx.read(data, name)
    if fmt == "html":
        from hafen.read import html

        return html.read(data, name)
    if fmt == "csv":
        from hafen.read import csv

        return csv.read(data, name)
    from hafen.read import text

    return text.read(data, name, markdown=fmt == "markdown")
