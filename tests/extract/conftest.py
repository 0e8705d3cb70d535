"""Shared helpers for the extraction tests: Documents built by hand, as spaCy's tests do."""

from __future__ import annotations

import re

from hafen.document import Document, Entity, Mention

Names = dict[str, tuple[str, str]]


def annotated_doc(text: str, names: Names, subtypes: dict[str, str] | None = None) -> Document:
    """A Document with entities given as {surface form: (key, type)}; longer forms win overlaps."""
    doc = Document(source="t.txt", text=text, content_hash="x")
    spans = []
    for surface, (key, typ) in names.items():
        if doc.entity(key) is None:
            sub = (subtypes or {}).get(key)
            doc.entities.append(Entity(key=key, name=surface, type=typ, subtype=sub))
        spans += [(m.start(), m.end(), key, typ) for m in re.finditer(re.escape(surface), text)]
    taken = -1
    for start, end, key, typ in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start >= taken:
            doc.mentions.append(Mention(start, end, text[start:end], typ, entity=key))
            taken = end
    return doc
