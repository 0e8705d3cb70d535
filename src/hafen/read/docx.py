"""DOCX through python-docx: paragraphs and headings in order, tables as tab-separated rows."""

from __future__ import annotations

import io
from typing import Any

from hafen import errors
from hafen.read import clean
from hafen.read.base import Extracted, cell


def read(data: bytes, path: str) -> Extracted:
    try:
        blocks, title, headings = _blocks(data)
    except errors.ReadError:
        raise
    except Exception as exc:  # zipfile, lxml and python-docx each raise their own errors
        raise errors.ReadError(path, "E108", detail=f"{type(exc).__name__}: {exc}") from exc
    text = clean.normalize("\n\n".join(blocks))
    if not text.strip():
        raise errors.ReadError(path, "E102")
    meta: dict[str, object] = {"headings": headings}
    if title:
        meta["title"] = title
    return Extracted(text=text, meta=meta)


def _blocks(data: bytes) -> tuple[list[str], str | None, int]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    blocks: list[str] = []
    headings = 0
    title = document.core_properties.title or None
    # paragraph style id -> style name: python-docx looks a style up in the styles part on
    # every ``Paragraph.style`` (the default style by a scan of all styles)
    style_names: dict[str | None, str] = {}
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            line = item.text.strip()
            if not line:
                continue
            style_id = item._p.style
            if style_id not in style_names:
                found = item.style
                style_names[style_id] = (found.name if found is not None else "") or ""
            style = style_names[style_id]
            if style.startswith(("Heading", "Überschrift", "Title", "Titel")):
                headings += 1
                title = title or line
            blocks.append(line)
        elif isinstance(item, Table):
            rows = ["\t".join(_row_cells(row)) for row in item.rows]
            rows = [r for r in rows if r.strip()]
            if rows:
                blocks.append("\n".join(rows))
    return blocks, title, headings


def _row_cells(row: Any) -> list[str]:
    cells: list[str] = []
    last = None
    for c in row.cells:
        # Merged cells repeat the same cell object; one column per distinct cell.
        if c._tc is last:
            continue
        last = c._tc
        cells.append(cell(c.text))
    return cells
