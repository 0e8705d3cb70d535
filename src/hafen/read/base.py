"""What a format reader hands back before segmentation and language detection."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hafen.document import Segment


@dataclass(slots=True)
class Extracted:
    """Cleaned text of one file; ``segments`` only when the format already knows them (CSV)."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    segments: list[Segment] | None = None


def cell(value: str) -> str:
    """A table cell on one line: tabs and line breaks inside a cell would break the row."""
    return " ".join(value.split())


def pipe_rows_to_tabs(lines: list[str]) -> list[str]:
    """Markdown-style '| a | b |' rows become tab-separated rows; the '|---|' rule goes."""
    out: list[str] = []
    for line in lines:
        inner = line.strip().strip("|")
        cells = [cell(c) for c in inner.split("|")]
        if all(set(c) <= set(":- ") for c in cells):
            continue
        out.append("\t".join(cells))
    return out
