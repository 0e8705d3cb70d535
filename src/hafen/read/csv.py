"""CSV: sniff encoding and delimiter, render rows tab-separated as one table segment.

Cells stay as written (German "1.234,5" included); typing the columns is another stage's job.
"""

from __future__ import annotations

import csv
import io

from hafen import errors
from hafen.document import Segment
from hafen.read import clean
from hafen.read.base import Extracted, cell

_DELIMITERS = (";", "\t", ",", "|")  # order breaks ties: ';' is the German spreadsheet default
_SAMPLE_LINES = 50


def read(data: bytes, path: str) -> Extracted:
    raw, encoding = clean.decode(data, path)
    text = clean.normalize(raw)
    delimiter = sniff_delimiter(text)
    try:
        rows = [[cell(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise errors.ReadError(path, "E109", detail=str(exc)) from exc
    rows = [row for row in rows if any(row)]
    if not rows:
        raise errors.ReadError(path, "E102")
    width = max(len(row) for row in rows)
    # Short rows are padded so that every row has the header's columns.
    lines = ["\t".join(row + [""] * (width - len(row))) for row in rows]
    out = "\n".join(lines)
    meta: dict[str, object] = {
        "encoding": encoding,
        "delimiter": delimiter,
        "rows": len(rows),
        "columns": width,
    }
    return Extracted(text=out, meta=meta, segments=[Segment(0, len(out), kind="table")])


def sniff_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most, most consistent columns."""
    sample = [line for line in text.split("\n")[:_SAMPLE_LINES] if line.strip()]
    best, best_score = ",", 0.0
    for delimiter in _DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(sample, delimiter=delimiter)]
        except csv.Error:
            continue
        if not widths:
            continue
        mode = max(set(widths), key=widths.count)
        if mode < 2:
            continue
        consistency = widths.count(mode) / len(widths)
        score = consistency * 10 + min(mode, 9) / 10
        if score > best_score:
            best, best_score = delimiter, score
    return best
