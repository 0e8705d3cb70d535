"""Plain text and Markdown: decode, normalise, drop web-page chrome and harmful markup."""

from __future__ import annotations

import re

from hafen.read import clean
from hafen.read.base import Extracted, pipe_rows_to_tabs


def read(data: bytes, path: str, *, markdown: bool = False) -> Extracted:
    raw, encoding = clean.decode(data, path)
    text = clean.normalize(raw)
    meta: dict[str, object] = {"encoding": encoding}
    if markdown:
        text, title = strip_markdown(text)
        if title:
            meta["title"] = title
        text = clean.normalize(text)
    text, removed = clean.strip_chrome(text)
    if removed:
        meta["removed_lines"] = removed
    return Extracted(text=text, meta=meta)


_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_FRONT_TITLE = re.compile(r"^title:\s*[\"']?(.*?)[\"']?\s*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)")
_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SETEXT = re.compile(r"^ {0,3}(?:=+|-{2,})[ \t]*$", re.MULTILINE)
_FENCE = re.compile(r"^ {0,3}(?:```|~~~).*$", re.MULTILINE)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# A lone star pair only around whole words, so gender stars (Akteur*innen) stay.
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def strip_markdown(text: str) -> tuple[str, str | None]:
    """Markdown as plain lines: headings kept as lines, link targets and markup removed.

    Markup would otherwise end up inside entity names and evidence spans.
    """
    title = None
    front = _FRONT_MATTER.match(text)
    if front:
        found = _FRONT_TITLE.search(front.group(1))
        title = found.group(1) if found else None
        text = text[front.end() :]
    text = _COMMENT.sub("", text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    if title is None:
        first = _HEADING.search(text)
        title = first.group(1).strip() if first else None
    text = _HEADING.sub(r"\1", text)
    text = _SETEXT.sub("", text)
    text = _FENCE.sub("", text)
    text = _STRONG.sub(r"\2", text)
    text = _EMPHASIS.sub(r"\1", text)
    return _pipe_tables(text), title


def _pipe_tables(text: str) -> str:
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _PIPE_ROW.match(lines[j]):
            j += 1
        if j - i >= 2:
            out.extend(pipe_rows_to_tabs(lines[i:j]))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)
