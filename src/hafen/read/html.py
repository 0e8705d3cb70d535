"""HTML: main content through trafilatura (paragraphs, headings, tables), then text cleaning."""

from __future__ import annotations

import logging
import re

from hafen import errors
from hafen.read import clean
from hafen.read.base import Extracted, pipe_rows_to_tabs

_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_NON_TEXT = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_BLOCK_END = re.compile(
    r"</(?:p|div|h[1-6]|li|tr|table|section|article|header|footer)\s*>|<br\s*/?>", re.IGNORECASE
)

# trafilatura logs each file it finds little in or repairs; the coded ReadError says it better.
# Only quieted when the application has not chosen a level for it.
_LOG = logging.getLogger("trafilatura")
if _LOG.level == logging.NOTSET:
    _LOG.setLevel(logging.CRITICAL)


def read(data: bytes, path: str) -> Extracted:
    import trafilatura

    markup, encoding = clean.decode(data, path)
    meta: dict[str, object] = {"encoding": encoding}
    body = ""
    try:
        found = trafilatura.bare_extraction(
            markup,
            include_tables=True,
            include_comments=False,
            include_images=False,
            include_links=False,
            deduplicate=False,
            with_metadata=True,
        )
        body = str(_field(found, "text") or "")
        for key in ("title", "author", "date", "sitename"):
            value = _field(found, key)
            if value:
                meta[key] = str(value)
        if not body.strip():
            # Pages trafilatura judges too thin (a short event notice) still have text.
            body = trafilatura.html2txt(markup) or ""
    except Exception as exc:  # trafilatura/lxml raise many kinds on malformed markup
        meta["extraction_error"] = f"{type(exc).__name__}: {exc}"
        body = _strip_tags(markup)
    if "title" not in meta:
        title = _TITLE.search(markup)
        if title:
            meta["title"] = " ".join(_TAG.sub("", title.group(1)).split())
    text = clean.normalize(_paragraphs(body))
    text, removed = clean.strip_chrome(text)
    if removed:
        meta["removed_lines"] = removed
    if not text.strip():
        raise errors.ReadError(path, "E106")
    return Extracted(text=text, meta=meta)


def _strip_tags(markup: str) -> str:
    """Last resort when trafilatura fails: text of the markup without scripts and styles."""
    import html

    text = _BLOCK_END.sub("\n", _NON_TEXT.sub(" ", markup))
    return html.unescape(_TAG.sub(" ", text))


def _field(found: object, key: str) -> object:
    # trafilatura returns a Document object (with slots), or a dict when asked for one.
    if isinstance(found, dict):
        return found.get(key)
    return getattr(found, key, None)


def _paragraphs(body: str) -> str:
    """trafilatura's one-line-per-block text as blank-line separated paragraphs.

    Table rows ('| a | b |') stay together as tab-separated lines so they become one table.
    """
    blocks: list[str] = []
    table: list[str] = []
    for line in body.split("\n"):
        if line.lstrip().startswith("|"):
            table.append(line)
            continue
        if table:
            blocks.append("\n".join(pipe_rows_to_tabs(table)))
            table = []
        if line.strip():
            blocks.append(" ".join(line.split()))
    if table:
        blocks.append("\n".join(pipe_rows_to_tabs(table)))
    return "\n\n".join(b for b in blocks if b)
