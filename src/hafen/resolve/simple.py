"""Baseline cross-document resolution: same type and same normalised name or alias.

A table-to-table step with no storage in it: the store hands in the document entities,
this module groups them, and the store writes the corpus entities back. A later issue
replaces the grouping with real entity resolution behind the same shape.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_QUOTES = "\"'\u201e\u201c\u201d\u201a\u2018\u2019\u00ab\u00bb\u2039\u203a"
_EDGE = _QUOTES + ".,;:!?()[]{}*/ "
# Keys this short ("TU", "IT") are too ambiguous to merge documents' entities on.
MIN_KEY_LEN = 3


_FOLD = str.maketrans({**dict.fromkeys(_DASHES, " "), **dict.fromkeys(_QUOTES, None)})


def norm_key(form: str) -> str:
    """Normalise a surface form: case, Unicode form, dashes, quotes and spacing don't count."""
    s = unicodedata.normalize("NFC", form).casefold().translate(_FOLD)
    return " ".join(s.split()).strip(_EDGE)


@dataclass(frozen=True, slots=True)
class DocEntityRow:
    """One document's entity as the store holds it."""

    id: int
    type: str
    name: str
    subtype: str | None
    aliases: tuple[str, ...]
    attrs: dict[str, Any]
    confidence: float
    entity_id: int | None  # the corpus entity it was linked to before, if any


@dataclass(slots=True)
class Cluster:
    """A corpus entity to write: its members and merged description."""

    type: str
    name: str
    norm_key: str
    subtype: str | None
    aliases: list[str]
    attrs: dict[str, Any]
    members: list[int] = field(default_factory=list)  # doc entity ids
    entity_id: int | None = None  # an id to keep, so links and URLs stay stable


def _keys(row: DocEntityRow) -> set[str]:
    keys = {norm_key(row.name)}
    keys.update(norm_key(a) for a in row.aliases)
    return {k for k in keys if len(k) >= MIN_KEY_LEN} or {norm_key(row.name)}


def cluster(
    rows: Iterable[DocEntityRow], existing: dict[tuple[str, str], int] | None = None
) -> list[Cluster]:
    """Group document entities that share a type and a normalised name or alias.

    ``existing`` maps (type, norm_key) of the corpus entities already stored to their ids:
    a re-ingested document's entities lost their links, but should get their ids back.
    """
    items = list(rows)
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    row_keys = [_keys(row) for row in items]
    first_with_key: dict[tuple[str, str], int] = {}
    for i, row in enumerate(items):
        for key in row_keys[i]:
            j = first_with_key.setdefault((row.type, key), i)
            if j != i:
                parent[find(i)] = find(j)

    groups: dict[int, list[DocEntityRow]] = {}
    group_keys: dict[int, set[tuple[str, str]]] = {}
    for i, row in enumerate(items):
        root = find(i)
        groups.setdefault(root, []).append(row)
        group_keys.setdefault(root, set()).update((row.type, k) for k in row_keys[i])

    clusters = [_describe(members) for members in groups.values()]
    _keep_ids(clusters, list(group_keys.values()), {row.id: row.entity_id for row in items}, existing or {})
    return clusters


def _describe(members: list[DocEntityRow]) -> Cluster:
    # The name most documents use wins; a tie goes to the longer, more explicit form.
    names = Counter(m.name for m in members)
    name = max(names, key=lambda n: (names[n], len(n), n))
    subtypes = Counter(m.subtype for m in members if m.subtype)
    subtype = max(subtypes, key=lambda s: (subtypes[s], s)) if subtypes else None
    canonical = norm_key(name)
    seen = {canonical}
    aliases: list[str] = []
    for form in sorted({f for m in members for f in (m.name, *m.aliases)}):
        key = norm_key(form)
        if key not in seen:
            seen.add(key)
            aliases.append(form)
    attrs: dict[str, Any] = {}
    for m in sorted(members, key=lambda m: -m.confidence):
        for k, v in m.attrs.items():
            attrs.setdefault(k, v)
    return Cluster(
        type=members[0].type,
        name=name,
        norm_key=canonical,
        subtype=subtype,
        aliases=aliases,
        attrs=attrs,
        members=sorted(m.id for m in members),
    )


def _keep_ids(
    clusters: list[Cluster],
    keys: list[set[tuple[str, str]]],
    previous: dict[int, int | None],
    existing: dict[tuple[str, str], int],
) -> None:
    """Give each cluster the corpus id its members had, else one stored under its name or alias.

    Larger clusters choose first, and an id goes to one cluster only.
    """
    taken: set[int] = set()
    order = sorted(range(len(clusters)), key=lambda i: -len(clusters[i].members))
    for i in order:
        c = clusters[i]
        votes = Counter(previous[m] for m in c.members if previous[m] is not None)
        candidates = [entity_id for entity_id, _ in votes.most_common() if entity_id is not None]
        canonical = (c.type, c.norm_key)
        candidates += [existing[canonical]] if canonical in existing else []
        candidates += sorted(existing[k] for k in keys[i] if k in existing)
        for entity_id in candidates:
            if entity_id not in taken:
                c.entity_id = entity_id
                taken.add(entity_id)
                break
