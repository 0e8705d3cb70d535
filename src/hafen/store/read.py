"""Read-side queries for the web app, the JSON API and the exports (SQLite).

Every function takes a read connection and returns plain JSON-ready values, so the shells
above stay free of SQL. Entity-level facts are the document-level facts mapped through
``doc_entities.entity_id``; each keeps its provenance (document, span, method, confidence).
"""

from __future__ import annotations

import bisect
import json
import os
import sqlite3
from typing import Any

from hafen.document import SYMMETRIC_RELATIONS
from hafen.store.read_views import ENTITY_COLS, datasets, entity_from_row, graph, map_layers

MAX_LIMIT = 500
PROFILE_LIMIT = 50  # facts of one kind on a page of a profile; the counts say how many there are
GRAPH_LIMIT = 500  # nodes of the network drawn from a large store: the best connected
MAP_LIMIT = 3000  # points on the map from a large store: the most documented
EVIDENCE_CONTEXT = 400  # characters of an evidence sentence either side of its span, at most


def page(limit: int | None, offset: int | None, default: int = 50) -> tuple[int, int]:
    """A safe (limit, offset): limit in 1..MAX_LIMIT, offset >= 0."""
    lim = default if limit is None else max(1, min(int(limit), MAX_LIMIT))
    return lim, max(0, int(offset or 0))


def revision(conn: sqlite3.Connection) -> str:
    """Changes whenever the store is written: a key for caches of derived data.

    A file store answers from the modification time and size of its file and write-ahead log
    (every commit touches one of them) plus the newest document and record ids: constant time,
    where counting the entities of a large store took tens of milliseconds. An in-memory store
    (tests) answers from its counts.
    """
    path = next((row[2] for row in conn.execute("PRAGMA database_list") if row[1] == "main"), "")
    newest = conn.execute(
        "SELECT (SELECT COALESCE(MAX(id), 0) FROM documents), (SELECT COALESCE(MAX(id), 0) FROM doc_entities)"
    ).fetchone()
    if path:
        stamps = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(path + suffix)
                stamps.append(f"{st.st_mtime_ns}:{st.st_size}")
            except OSError:
                stamps.append("-")
        return "/".join([*stamps, *(str(v) for v in newest)])
    counts = (
        "(SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM entities), (SELECT COUNT(*) FROM merges)"
    )
    row = conn.execute(f"SELECT {counts}, (SELECT COALESCE(SUM(n_docs), 0) FROM entities)").fetchone()
    return "/".join(str(v) for v in (*row, *newest))


# -- entities ---------------------------------------------------------------------------
_ENTITY_COLS = ENTITY_COLS
_entity = entity_from_row


def entities(
    conn: sqlite3.Connection,
    *,
    type: str | None = None,
    subtype: str | None = None,
    ids: set[int] | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Corpus entities, most documented first; ``total`` counts all that match the filters."""
    where, args = _entity_filters(type, subtype)
    if ids is None:  # page in SQL: a large store must not be read whole for fifty rows
        total = conn.execute(f"SELECT COUNT(*) FROM entities e {where}", args).fetchone()[0]
        rows = [
            _entity(r)
            for r in conn.execute(
                f"SELECT {_ENTITY_COLS} FROM entities e {where} "
                "ORDER BY e.n_docs DESC, e.name LIMIT ? OFFSET ?",
                [*args, limit, offset],
            )
        ]
        return {"total": total, "limit": limit, "offset": offset, "items": rows}
    ordered = conn.execute(
        f"SELECT {_ENTITY_COLS} FROM entities e {where} ORDER BY e.n_docs DESC, e.name", args
    )
    rows = [e for e in map(_entity, ordered) if e["id"] in ids]
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset : offset + limit]}


def _entity_filters(type: str | None, subtype: str | None) -> tuple[str, list[Any]]:
    clauses, args = [], []
    if type:
        clauses.append("e.type = ?")
        args.append(type)
    if subtype:
        clauses.append("e.subtype = ?")
        args.append(subtype)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", args


def entity_row(conn: sqlite3.Connection, entity_id: int) -> dict[str, Any] | None:
    row = conn.execute(f"SELECT {_ENTITY_COLS} FROM entities e WHERE e.id = ?", (entity_id,)).fetchone()
    return _entity(row) if row else None


def _entity_rows(conn: sqlite3.Connection, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Entities by id, fetched in batches (one query per 500 ids, not one per id)."""
    out: dict[int, dict[str, Any]] = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k : k + 500]
        for r in conn.execute(
            f"SELECT {_ENTITY_COLS} FROM entities e WHERE e.id IN ({','.join('?' * len(chunk))})", chunk
        ):
            out[r[0]] = _entity(r)
    return out


class _Texts:
    """Document texts and sentence bounds, loaded once per request."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._cache: dict[int, tuple[str, str, list[int], list[int]]] = {}

    def _load(self, doc_id: int) -> tuple[str, str, list[int], list[int]]:
        if doc_id not in self._cache:
            name, text, sentences = self.conn.execute(
                "SELECT name, text, sentences FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
            bounds = json.loads(sentences) or [[0, len(text)]]
            self._cache[doc_id] = (name, text, [b[0] for b in bounds], [b[1] for b in bounds])
        return self._cache[doc_id]

    def evidence(self, doc_id: int, start: int, end: int) -> dict[str, Any]:
        """The sentence around ``start:end`` with the span's position inside it."""
        name, text, starts, ends = self._load(doc_id)
        i = max(0, bisect.bisect_right(starts, start) - 1)
        s_start = min(starts[i], start)
        j = max(i, bisect.bisect_left(ends, end))
        s_end = max(ends[min(j, len(ends) - 1)], end)
        # A text without sentence bounds (a table, a PDF dump) must not become one "sentence":
        # at most EVIDENCE_CONTEXT characters either side, cut at a space.
        if start - s_start > EVIDENCE_CONTEXT:
            cut = start - EVIDENCE_CONTEXT
            space = text.find(" ", cut, start)
            s_start = space + 1 if space >= 0 else cut
        if s_end - end > EVIDENCE_CONTEXT:
            cut = end + EVIDENCE_CONTEXT
            space = text.rfind(" ", end, cut)
            s_end = space if space >= 0 else cut
        return {
            "doc_id": doc_id,
            "doc": name,
            "start": start,
            "end": end,
            "sentence": text[s_start:s_end],
            "sentence_start": s_start,
            "text": text[start:end],
        }


def _entity_relations(
    conn: sqlite3.Connection, texts: _Texts | None, entity_id: int | None
) -> list[dict[str, Any]]:
    if entity_id is not None:
        out = _relations_of(conn, entity_id, True, None)[1] + _relations_of(conn, entity_id, False, None)[1]
        return [_relation(r, texts) for r in sorted(out, key=lambda r: (r[1], r[9], r[12], r[3], r[4]))]
    rows = conn.execute(
        f"{_RELATION_SELECT} WHERE h.entity_id IS NOT NULL AND t.entity_id IS NOT NULL "
        "ORDER BY r.type, he.name, te.name, r.doc_id, r.start"
    )
    return [_relation(r, texts) for r in rows]


_RELATION_SELECT = (
    'SELECT r.id, r.type, r.role, r.doc_id, r.start, r."end", r.method, r.confidence, '
    "he.id, he.name, he.type, te.id, te.name, te.type "
    "FROM relations r JOIN doc_entities h ON h.id = r.head_id JOIN doc_entities t ON t.id = r.tail_id "
    "JOIN entities he ON he.id = h.entity_id JOIN entities te ON te.id = t.entity_id"
)


def _relations_of(
    conn: sqlite3.Connection,
    entity_id: int,
    outgoing: bool,
    limit: int | None,
    offset: int = 0,
    known: int | None = None,
) -> tuple[int, list[tuple[Any, ...]]]:
    """(count, rows ``offset`` to ``offset + limit``) of the relations from (or to) one entity.

    In document order (document, then stored order), so that a page is read through the
    entity's records index and stops early: the busiest entity of a large store costs no more
    than a quiet one for its first page.
    """
    other = "t" if outgoing else "h"
    own = "h" if outgoing else "t"
    where = (
        "WHERE h.entity_id = ?1 AND t.entity_id IS NOT NULL"
        if outgoing
        else "WHERE t.entity_id = ?1 AND h.entity_id IS NOT NULL AND h.entity_id != ?1"
    )
    end = "head_id" if outgoing else "tail_id"
    other_end = "tail_id" if outgoing else "head_id"

    def joins(hint: str = "") -> str:
        return (
            f"FROM doc_entities {own} JOIN relations r ON r.{end} = {own}.id "
            f"JOIN doc_entities {other} {hint} ON {other}.id = r.{other_end}"
        )

    rows = conn.execute(
        'SELECT r.id, r.type, r.role, r.doc_id, r.start, r."end", r.method, r.confidence, '
        f"he.id, he.name, he.type, te.id, te.name, te.type {joins()} "
        "JOIN entities he ON he.id = h.entity_id JOIN entities te ON te.id = t.entity_id "
        f"{where} ORDER BY {own}.doc_id, r.id LIMIT ?2 OFFSET ?3",
        (entity_id, -1 if limit is None else limit, offset),
    ).fetchall()
    if limit is None or (len(rows) < limit and (rows or offset == 0)):
        total = offset + len(rows)
    elif known is not None:
        total = known
    else:
        # The other end's entity from the covering index (migration 0040), not from 3,000
        # table rows; a store without that index still counts, slowly.
        try:
            count = f"SELECT COUNT(*) {joins('INDEXED BY doc_entities_id_entity')} {where}"
            total = conn.execute(count, (entity_id,)).fetchone()[0]
        except sqlite3.OperationalError:
            total = conn.execute(f"SELECT COUNT(*) {joins()} {where}", (entity_id,)).fetchone()[0]
    return total, rows


def _relation(r: tuple[Any, ...], texts: _Texts | None) -> dict[str, Any]:
    """One relation row as a dict; its evidence sentence only if ``texts`` is given."""
    return {
        "id": r[0],
        "type": r[1],
        "role": r[2],
        "symmetric": r[1] in SYMMETRIC_RELATIONS,
        "head": {"id": r[8], "name": r[9], "type": r[10]},
        "tail": {"id": r[11], "name": r[12], "type": r[13]},
        "method": r[6],
        "confidence": r[7],
        "evidence": texts.evidence(r[3], r[4], r[5])
        if texts
        else {"doc_id": r[3], "start": r[4], "end": r[5]},
    }


def relations(
    conn: sqlite3.Connection,
    *,
    type: str | None = None,
    entity_id: int | None = None,
    limit: int = 50,
    offset: int = 0,
) -> dict[str, Any]:
    """Relations between corpus entities, one item per stored occurrence with its evidence."""
    items = _entity_relations(conn, None, entity_id)
    if type:
        items = [r for r in items if r["type"] == type]
    shown = _with_evidence(items[offset : offset + limit], _Texts(conn))
    return {"total": len(items), "limit": limit, "offset": offset, "items": shown}


def _with_evidence(items: list[dict[str, Any]], texts: _Texts) -> list[dict[str, Any]]:
    for r in items:
        ev = r["evidence"]
        r["evidence"] = texts.evidence(ev["doc_id"], ev["start"], ev["end"])
    return items


def entity_profile(
    conn: sqlite3.Connection,
    entity_id: int,
    limit: int | None = None,
    offset: int = 0,
    known: tuple[int, int, int] | None = None,
) -> dict[str, Any] | None:
    """Everything the store knows about one entity, each fact with its evidence sentence.

    With ``limit``, mentions, relations each way and documents are cut to the ``limit`` from
    ``offset`` on (a page; mentions and relations in document order), co-named topics/places
    to ``limit``; ``counts`` keeps the full numbers. ``known``: the counts of mentions and
    relations out and in from ``fact_counts()``, so that a page need not count them.
    """
    ent = entity_row(conn, entity_id)
    if ent is None:
        return None
    texts = _Texts(conn)
    cap = -1 if limit is None else limit  # SQLite: LIMIT -1 is no limit
    mentions = [
        {**texts.evidence(d, s, e), "method": m, "confidence": c}
        for d, s, e, m, c in conn.execute(
            'SELECT de.doc_id, m.start, m."end", m.method, m.confidence FROM doc_entities de '
            "JOIN mentions m ON m.doc_entity_id = de.id WHERE de.entity_id = ? "
            "ORDER BY de.doc_id, m.start LIMIT ? OFFSET ?",
            (entity_id, cap, offset),
        )
    ]
    n_mentions = (
        offset + len(mentions)
        if limit is None or (len(mentions) < limit and (mentions or offset == 0))
        else known[0]
        if known
        else conn.execute(
            "SELECT COUNT(*) FROM doc_entities de JOIN mentions m ON m.doc_entity_id = de.id "
            "WHERE de.entity_id = ?",
            (entity_id,),
        ).fetchone()[0]
    )
    n_out, out_rows = _relations_of(conn, entity_id, True, limit, offset, known[1] if known else None)
    n_in, in_rows = _relations_of(conn, entity_id, False, limit, offset, known[2] if known else None)
    counts = {"mentions": n_mentions, "relations_out": n_out, "relations_in": n_in}
    figures = [
        {**texts.evidence(d, s, e), "value": v, "unit": u, "subject": sub, "qualifier": q, "figure": txt}
        for d, s, e, txt, v, u, sub, q in conn.execute(
            'SELECT f.doc_id, f.start, f."end", f.text, f.value, f.unit, f.subject, f.qualifier '
            "FROM figures f JOIN doc_entities de ON de.id = f.doc_entity_id WHERE de.entity_id = ? "
            "ORDER BY f.doc_id, f.start",
            (entity_id,),
        )
    ]
    rows = [
        {
            "dataset_id": ds,
            "dataset": name or "",
            "doc_id": doc,
            "values": json.loads(values),
            "start": s,
            "end": e,
        }
        for ds, name, doc, values, s, e in conn.execute(
            'SELECT d.id, d.name, r.doc_id, r."values", r.start, r."end" FROM dataset_rows r '
            "JOIN datasets d ON d.id = r.dataset_id JOIN doc_entities de ON de.id = r.doc_entity_id "
            "WHERE de.entity_id = ? ORDER BY d.id, r.seq",
            (entity_id,),
        )
    ]
    roles = []
    # Only persons carry roles (the entity stage puts them there): other entities skip the scan.
    for doc_id, attrs in (
        conn.execute(
            "SELECT doc_id, attrs FROM doc_entities WHERE entity_id = ? AND attrs LIKE '%roles%'",
            (entity_id,),
        )
        if ent["type"] == "PERSON"
        else ()
    ):
        for role in json.loads(attrs).get("roles", []):
            span = role.get("span") or [0, 0]
            roles.append({"role": role.get("role"), **texts.evidence(doc_id, span[0], span[1])})
    counts["documents"] = conn.execute(
        "SELECT COUNT(DISTINCT doc_id) FROM doc_entities WHERE entity_id = ?", (entity_id,)
    ).fetchone()[0]
    docs = sorted(
        (
            {"id": i, "name": n}
            for i, n in conn.execute(
                "SELECT d.id, d.name FROM documents d WHERE d.id IN (SELECT DISTINCT doc_id FROM doc_entities"
                " WHERE entity_id = ? ORDER BY doc_id LIMIT ? OFFSET ?)",
                (entity_id, cap, offset),
            )
        ),
        key=lambda d: d["name"],
    )
    related = _cooccurring(conn, entity_id, cap)
    return {
        **ent,
        "mentions": mentions,
        "relations_out": [_relation(r, texts) for r in out_rows],
        "relations_in": [_relation(r, texts) for r in in_rows],
        "roles": roles,
        "figures": figures,
        "dataset_rows": rows,
        "documents": docs,
        "topics": [r for r in related if r["type"] == "TOPIC"],
        "places": [r for r in related if r["type"] == "PLACE"],
        "counts": counts,  # before the lists were cut to ``limit``
        "offset": offset,
    }


def _cooccurring(conn: sqlite3.Connection, entity_id: int, cap: int) -> list[dict[str, Any]]:
    """Topics and places named in the same documents, by the number of shared documents.

    With a ``cap``, only the entity's first ``2 * cap`` documents are looked at. Counted on the
    records' (document, type) index alone; names are fetched for the ones shown.
    """
    sample = "ORDER BY doc_id LIMIT ?2" if cap > 0 else ""
    counted = conn.execute(
        "SELECT o.entity_id, COUNT(DISTINCT o.doc_id) AS n FROM doc_entities o WHERE o.doc_id IN "
        f"(SELECT DISTINCT doc_id FROM doc_entities WHERE entity_id = ?1 {sample}) "
        "AND o.type IN ('TOPIC', 'PLACE') AND o.entity_id != ?1 GROUP BY o.entity_id",
        (entity_id, 2 * cap) if sample else (entity_id,),
    ).fetchall()
    # Names only for the most shared (ties on the cut included), fetched in one query.
    counted.sort(key=lambda r: -r[1])
    if cap > 0 and len(counted) > cap:
        counted = [r for r in counted if r[1] >= counted[cap - 1][1]]
    names: dict[int, tuple[str, str]] = {}
    for k in range(0, len(counted), 500):
        chunk = [i for i, _ in counted[k : k + 500]]
        for i, name, type_ in conn.execute(
            f"SELECT id, name, type FROM entities WHERE id IN ({','.join('?' * len(chunk))}) "
            "AND type IN ('TOPIC', 'PLACE')",
            chunk,
        ):
            names[i] = (name, type_)
    rows = sorted(((i, *names[i], n) for i, n in counted if i in names), key=lambda r: (-r[3], r[1]))
    return [
        {"id": i, "name": n, "type": t, "shared_docs": k} for i, n, t, k in rows[: cap if cap > 0 else None]
    ]


def fact_counts(conn: sqlite3.Connection) -> dict[int, tuple[int, int, int]]:
    """Per entity: (mentions, relations out, relations in), counted as ``entity_profile`` does.

    One pass over the whole store (seconds on 100,000 entities): the web app computes it in the
    background once per store revision, so that the pages of busy profiles need not count.
    """
    counts: dict[int, list[int]] = {}
    for ent, n in conn.execute(
        "SELECT de.entity_id, COUNT(*) FROM mentions m JOIN doc_entities de ON de.id = m.doc_entity_id "
        "WHERE de.entity_id IS NOT NULL GROUP BY de.entity_id"
    ):
        counts[ent] = [n, 0, 0]
    for head, tail, n in conn.execute(
        "SELECT h.entity_id, t.entity_id, COUNT(*) FROM relations r "
        "JOIN doc_entities h ON h.id = r.head_id JOIN doc_entities t ON t.id = r.tail_id "
        "WHERE h.entity_id IS NOT NULL AND t.entity_id IS NOT NULL GROUP BY 1, 2"
    ):
        counts.setdefault(head, [0, 0, 0])[1] += n
        if head != tail:
            counts.setdefault(tail, [0, 0, 0])[2] += n
    return {ent: (m, o, i) for ent, (m, o, i) in counts.items()}


# -- documents --------------------------------------------------------------------------
def documents(conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    total = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    rows = conn.execute(
        "SELECT d.id, d.name, d.source, d.media_type, d.lang, d.n_words, d.stored_at, "
        "(SELECT COUNT(DISTINCT entity_id) FROM doc_entities WHERE doc_id = d.id) "
        "FROM documents d ORDER BY d.name LIMIT ? OFFSET ?",
        (limit, offset),
    )
    keys = ("id", "name", "source", "media_type", "lang", "n_words", "stored_at", "n_entities")
    items = [dict(zip(keys, r, strict=True)) for r in rows]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def document(conn: sqlite3.Connection, doc_id: int) -> dict[str, Any] | None:
    """One document's cleaned text and the spans of its mentions, relations and figures."""
    row = conn.execute(
        "SELECT id, name, source, media_type, lang, n_words, stored_at, text FROM documents WHERE id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return None
    keys = ("id", "name", "source", "media_type", "lang", "n_words", "stored_at", "text")
    doc = dict(zip(keys, row, strict=True))
    doc["mentions"] = [
        {"start": s, "end": e, "type": t, "entity_id": ent, "entity": name}
        for s, e, t, ent, name in conn.execute(
            'SELECT m.start, m."end", m.type, de.entity_id, en.name FROM mentions m '
            "LEFT JOIN doc_entities de ON de.id = m.doc_entity_id "
            "LEFT JOIN entities en ON en.id = de.entity_id WHERE m.doc_id = ? ORDER BY m.start",
            (doc_id,),
        )
    ]
    doc["figures"] = [
        {"start": s, "end": e, "text": t}
        for s, e, t in conn.execute(
            'SELECT start, "end", text FROM figures WHERE doc_id = ? ORDER BY start', (doc_id,)
        )
    ]
    doc["entities"] = [
        {"id": i, "name": n, "type": t}
        for i, n, t in conn.execute(
            "SELECT DISTINCT e.id, e.name, e.type FROM doc_entities de "
            "JOIN entities e ON e.id = de.entity_id WHERE de.doc_id = ? ORDER BY e.type, e.name",
            (doc_id,),
        )
    ]
    return doc


# -- overview -------------------------------------------------------------------------
def overview(conn: sqlite3.Connection, top: int = 12) -> dict[str, Any]:
    """Counts and the most connected actors and most named topics, for the start page."""
    by_type = dict(conn.execute("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY type").fetchall())
    topics = [
        {"id": i, "name": n, "n_docs": k}
        for i, n, k in conn.execute(
            "SELECT id, name, n_docs FROM entities WHERE type = 'TOPIC' ORDER BY n_docs DESC, name LIMIT ?",
            (top * 2,),
        )
    ]
    return {
        "documents": conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
        "entities": by_type,
        "relations": conn.execute("SELECT COUNT(*) FROM relations").fetchone()[0],
        "figures": conn.execute("SELECT COUNT(*) FROM figures").fetchone()[0],
        "datasets": conn.execute("SELECT COUNT(*) FROM datasets").fetchone()[0],
        "topics": topics,
    }


class SQLiteReads:
    """The read side of ``SQLiteStore``: each method one function above on a read connection."""

    def _reader(self) -> sqlite3.Connection:  # provided by SQLiteStore
        raise NotImplementedError

    def revision(self) -> str:
        return revision(self._reader())

    def read_overview(self) -> dict[str, Any]:
        return overview(self._reader())

    def read_entities(
        self, *, type: str | None = None, subtype: str | None = None, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        return entities(self._reader(), type=type, subtype=subtype, limit=limit, offset=offset)

    def read_entity(
        self,
        entity_id: int,
        limit: int | None = None,
        offset: int = 0,
        known: tuple[int, int, int] | None = None,
    ) -> dict[str, Any] | None:
        return entity_profile(self._reader(), entity_id, limit, offset, known)

    def read_fact_counts(self) -> dict[int, tuple[int, int, int]]:
        return fact_counts(self._reader())

    def read_relations(
        self, *, type: str | None = None, entity_id: int | None = None, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        return relations(self._reader(), type=type, entity_id=entity_id, limit=limit, offset=offset)

    def read_documents(self, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        return documents(self._reader(), limit=limit, offset=offset)

    def read_document(self, doc_id: int) -> dict[str, Any] | None:
        return document(self._reader(), doc_id)

    def read_search(self, q: str, **filters: Any) -> dict[str, Any]:
        return search(self._reader(), q, **filters)

    def read_graph(self, limit: int | None = None) -> dict[str, Any]:
        return graph(self._reader(), limit=limit)

    def read_map(self, limit: int | None = None) -> dict[str, Any]:
        return map_layers(self._reader(), limit=limit)

    def read_datasets(self, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        return datasets(self._reader(), limit=limit, offset=offset)


from hafen.store.read_search import search, snippet  # noqa: E402  (uses the helpers above)

__all__ = ["search", "snippet"]
