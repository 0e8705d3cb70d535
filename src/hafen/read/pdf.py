"""PDF through pypdf: the text layer page by page, pages separated by blank lines."""

from __future__ import annotations

import io
import logging
import re

from hafen import errors
from hafen.read import clean
from hafen.read.base import Extracted

# A complete PDF ends with this marker (possibly followed by a little whitespace); a
# download cut short does not, and pypdf would otherwise quietly recover what it can.
_EOF_MARKER = b"%%EOF"
_TAIL = 2048
# "Wirtschafts-\nförderung" was split by the page layout; "Software-\nund" is a real
# hyphen of a shortened compound and stays.
_LINE_HYPHEN = re.compile(r"(?<=[a-zäöüß])-\n(?=[a-zäöüß])(?!(?:und|oder|bzw|bis|sowie)\b)")

# pypdf logs each file it finds little in or repairs; the coded ReadError says it better.
# Only quieted when the application has not chosen a level for it.
_LOG = logging.getLogger("pypdf")
if _LOG.level == logging.NOTSET:
    _LOG.setLevel(logging.CRITICAL)


def read(data: bytes, path: str) -> Extracted:
    from pypdf import PdfReader

    if _EOF_MARKER not in data[-_TAIL:]:
        raise errors.ReadError(path, "E105", detail="no end-of-file marker")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise errors.ReadError(path, "E105", detail="encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        title = str(info.title) if info is not None and info.title else None
    except errors.ReadError:
        raise
    except Exception as exc:  # pypdf raises a wide variety of errors on damaged files
        raise errors.ReadError(path, "E105", detail=f"{type(exc).__name__}: {exc}") from exc
    text = clean.normalize("\n\n".join(p.strip("\n") for p in pages if p.strip()))
    text = dehyphenate(text)
    if not text.strip():
        raise errors.ReadError(path, "E104")
    meta: dict[str, object] = {"pages": len(pages)}
    if title:
        meta["title"] = title
    return Extracted(text=text, meta=meta)


def dehyphenate(text: str) -> str:
    """Join words the page layout split at a line end."""
    return _LINE_HYPHEN.sub("", text) if "-\n" in text else text
