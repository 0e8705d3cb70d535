"""Read-side queries for the web app, the JSON API and the exports (SQLite).

Every function takes a read connection and returns plain JSON-ready values, so the shells
above stay free of SQL. Entity-level facts are the document-level facts mapped through
``doc_entities.entity_id``; each keeps its provenance (document, span, method, confidence).
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from typing import Any

from hafen.document import SYMMETRIC_RELATIONS

MAX_LIMIT = 500
PROFILE_LIMIT = 100  # facts of one kind shown on a profile; the counts say how many there are
GRAPH_LIMIT = 500  # nodes of the network drawn from a large store: the best connected
MAP_LIMIT = 3000  # points on the map from a large store: the most documented


def page(limit: int | None, offset: int | None, default: int = 50) -> tuple[int, int]:
    """A safe (limit, offset): limit in 1..MAX_LIMIT, offset >= 0."""
    lim = default if limit is None else max(1, min(int(limit), MAX_LIMIT))
    return lim, max(0, int(offset or 0))


def revision(conn: sqlite3.Connection) -> str:
    """Changes whenever documents or entities change: a key for caches of derived data."""
    row = conn.execute(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COALESCE(MAX(stored_at), '') FROM documents), "
        "(SELECT COUNT(*) FROM entities), (SELECT COALESCE(SUM(n_docs), 0) FROM entities), "
        "(SELECT COALESCE(MAX(id), 0) FROM doc_entities)"
    ).fetchone()
    return "/".join(str(v) for v in row)


# -- entities ---------------------------------------------------------------------------
_ENTITY_COLS = "e.id, e.name, e.type, e.subtype, e.aliases, e.attrs, e.n_docs"


def _entity(row: tuple[Any, ...]) -> dict[str, Any]:
    return {
        "id": row[0],
        "name": row[1],
        "type": row[2],
        "subtype": row[3],
        "aliases": json.loads(row[4]),
        "attrs": json.loads(row[5]),
        "n_docs": row[6],
    }


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
    rows = [
        _entity(r)
        for r in conn.execute(
            f"SELECT {_ENTITY_COLS} FROM entities e {where} ORDER BY e.n_docs DESC, e.name", args
        )
    ]
    if ids is not None:
        rows = [r for r in rows if r["id"] in ids]
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
    conn: sqlite3.Connection, entity_id: int, outgoing: bool, limit: int | None
) -> tuple[int, list[tuple[Any, ...]]]:
    """(count, first ``limit`` rows) of the relations from (or to) one entity, via its records' index."""
    if outgoing:
        where = "WHERE h.entity_id = ?1 AND t.entity_id IS NOT NULL"
        count_sql = (
            "SELECT COUNT(*) FROM doc_entities h JOIN relations r ON r.head_id = h.id "
            "JOIN doc_entities t ON t.id = r.tail_id " + where
        )
    else:
        where = "WHERE t.entity_id = ?1 AND h.entity_id IS NOT NULL AND h.entity_id != ?1"
        count_sql = (
            "SELECT COUNT(*) FROM doc_entities t JOIN relations r ON r.tail_id = t.id "
            "JOIN doc_entities h ON h.id = r.head_id " + where
        )
    rows = conn.execute(
        f"{_RELATION_SELECT} {where} ORDER BY r.type, he.name, te.name, r.doc_id, r.start LIMIT ?2",
        (entity_id, -1 if limit is None else limit),
    ).fetchall()
    total = (
        len(rows)
        if limit is None or len(rows) < limit
        else conn.execute(count_sql, (entity_id,)).fetchone()[0]
    )
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
    conn: sqlite3.Connection, entity_id: int, limit: int | None = None
) -> dict[str, Any] | None:
    """Everything the store knows about one entity, each fact with its evidence sentence.

    With ``limit``, mentions, relations each way, documents and co-named topics/places are
    cut to that many each; ``counts`` keeps the full numbers.
    """
    ent = entity_row(conn, entity_id)
    if ent is None:
        return None
    texts = _Texts(conn)
    cap = -1 if limit is None else limit  # SQLite: LIMIT -1 is no limit
    n_mentions = conn.execute(
        "SELECT COUNT(*) FROM mentions m JOIN doc_entities de ON de.id = m.doc_entity_id "
        "WHERE de.entity_id = ?",
        (entity_id,),
    ).fetchone()[0]
    mentions = [
        {**texts.evidence(d, s, e), "method": m, "confidence": c}
        for d, s, e, m, c in conn.execute(
            'SELECT m.doc_id, m.start, m."end", m.method, m.confidence FROM mentions m '
            "JOIN doc_entities de ON de.id = m.doc_entity_id WHERE de.entity_id = ? "
            "ORDER BY m.doc_id, m.start LIMIT ?",
            (entity_id, cap),
        )
    ]
    n_out, out_rows = _relations_of(conn, entity_id, True, limit)
    n_in, in_rows = _relations_of(conn, entity_id, False, limit)
    counts = {"mentions": n_mentions, "relations_out": n_out, "relations_in": n_in}
    outgoing = [_relation(r, texts) for r in out_rows]
    incoming = [_relation(r, texts) for r in in_rows]
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
    for doc_id, attrs in conn.execute(
        "SELECT doc_id, attrs FROM doc_entities WHERE entity_id = ? AND attrs LIKE '%roles%'", (entity_id,)
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
                "SELECT d.id, d.name FROM documents d WHERE d.id IN "
                "(SELECT DISTINCT doc_id FROM doc_entities WHERE entity_id = ? ORDER BY doc_id LIMIT ?)",
                (entity_id, cap),
            )
        ),
        key=lambda d: d["name"],
    )
    related = _cooccurring(conn, entity_id, cap)
    return {
        **ent,
        "mentions": mentions,
        "relations_out": outgoing,
        "relations_in": incoming,
        "roles": roles,
        "figures": figures,
        "dataset_rows": rows,
        "documents": docs,
        "topics": [r for r in related if r["type"] == "TOPIC"],
        "places": [r for r in related if r["type"] == "PLACE"],
        "counts": counts,  # before the lists were cut to ``limit``
    }


def _cooccurring(conn: sqlite3.Connection, entity_id: int, cap: int) -> list[dict[str, Any]]:
    """Topics and places named in the same documents, by the number of shared documents.

    With a ``cap``, only the entity's first ``2 * cap`` documents are looked at.
    """
    sample = (
        "AND me.doc_id IN (SELECT doc_id FROM doc_entities WHERE entity_id = ? ORDER BY doc_id LIMIT ?)"
        if cap > 0
        else ""
    )
    rows = conn.execute(
        "SELECT e.id, e.name, e.type, COUNT(DISTINCT o.doc_id) AS n FROM doc_entities me "
        "JOIN doc_entities o ON o.doc_id = me.doc_id AND o.type IN ('TOPIC', 'PLACE') "
        "AND o.entity_id != me.entity_id "
        "JOIN entities e ON e.id = o.entity_id WHERE me.entity_id = ? AND e.type IN ('TOPIC', 'PLACE') "
        f"{sample} GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?",
        (entity_id, *([entity_id, 2 * cap] if sample else []), cap),
    )
    return [{"id": i, "name": n, "type": t, "shared_docs": k} for i, n, t, k in rows]


# -- documents --------------------------------------------------------------------------
def documents(conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    total = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    rows = conn.execute(
        "SELECT d.id, d.name, d.source, d.media_type, d.lang, d.n_words, d.stored_at, "
        "(SELECT COUNT(DISTINCT entity_id) FROM doc_entities WHERE doc_id = d.id) "
        "FROM documents d ORDER BY d.name LIMIT ? OFFSET ?",
        (limit, offset),
    )
    items = [
        dict(
            zip(
                ("id", "name", "source", "media_type", "lang", "n_words", "stored_at", "n_entities"),
                r,
                strict=True,
            )
        )
        for r in rows
    ]
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


# -- graph, map, datasets, overview -----------------------------------------------------
def graph(conn: sqlite3.Connection, limit: int | None = None) -> dict[str, Any]:
    """Nodes and edges: relations, plus co-mention in a document.

    With ``limit`` and more entities than that, only the ``limit`` entities with the most
    relations (then the most documented) are nodes (``capped`` says so, ``total`` counts
    all); co-mention edges are left out when the chosen entities share too many documents
    to count pairs quickly.
    """
    total = conn.execute("SELECT COUNT(*) FROM entities").fetchone()[0]
    chosen: set[int] | None = None
    if limit is not None and total > limit:
        chosen = {
            i
            for (i,) in conn.execute(
                "SELECT e.id FROM entities e LEFT JOIN (SELECT entity_id, COUNT(*) AS n FROM ("
                "SELECT h.entity_id AS entity_id FROM relations r JOIN doc_entities h ON h.id = r.head_id "
                "UNION ALL SELECT t.entity_id FROM relations r JOIN doc_entities t ON t.id = r.tail_id) "
                "GROUP BY entity_id) rc ON rc.entity_id = e.id "
                "ORDER BY COALESCE(rc.n, 0) DESC, e.n_docs DESC, e.id LIMIT ?",
                (limit,),
            )
        }
    rows = (
        conn.execute(f"SELECT {_ENTITY_COLS} FROM entities e ORDER BY e.id")
        if chosen is None
        else (
            conn.execute(
                f"SELECT {_ENTITY_COLS} FROM entities e "
                f"WHERE e.id IN ({','.join('?' * len(chosen))}) ORDER BY e.id",
                sorted(chosen),
            )
        )
    )
    nodes = [_entity(r) for r in rows]
    edges: dict[tuple[int, int, str], dict[str, Any]] = {}
    for a, b, t, n in conn.execute(
        "SELECT h.entity_id, t.entity_id, r.type, COUNT(*) FROM relations r "
        "JOIN doc_entities h ON h.id = r.head_id JOIN doc_entities t ON t.id = r.tail_id "
        "WHERE h.entity_id IS NOT NULL AND t.entity_id IS NOT NULL AND h.entity_id != t.entity_id "
        "GROUP BY 1, 2, 3"
    ):
        if chosen is not None and (a not in chosen or b not in chosen):
            continue
        key = (min(a, b), max(a, b), t) if t in SYMMETRIC_RELATIONS else (a, b, t)
        edge = edges.setdefault(key, {"source": key[0], "target": key[1], "type": t, "weight": 0})
        edge["weight"] += n
    co_mentions = True
    if chosen is None:
        pairs = conn.execute(
            "SELECT x.entity_id, y.entity_id, COUNT(DISTINCT x.doc_id) FROM doc_entities x "
            "JOIN doc_entities y ON y.doc_id = x.doc_id AND y.entity_id > x.entity_id "
            "WHERE x.entity_id IS NOT NULL GROUP BY 1, 2"
        ).fetchall()
    else:
        marks = ",".join("?" * len(chosen))
        n_rows = conn.execute(
            f"SELECT COUNT(*) FROM doc_entities WHERE entity_id IN ({marks})", sorted(chosen)
        ).fetchone()[0]
        co_mentions = n_rows <= 20_000
        pairs = (
            conn.execute(
                "SELECT x.entity_id, y.entity_id, COUNT(DISTINCT x.doc_id) FROM doc_entities x "
                "JOIN doc_entities y ON y.doc_id = x.doc_id AND y.entity_id > x.entity_id "
                f"WHERE x.entity_id IN ({marks}) AND y.entity_id IN ({marks}) GROUP BY 1, 2",
                [*sorted(chosen), *sorted(chosen)],
            ).fetchall()
            if co_mentions
            else []
        )
    for a, b, n in pairs:
        edges[(a, b, "co_mention")] = {"source": a, "target": b, "type": "co_mention", "weight": n}
    return {
        "nodes": nodes,
        "edges": list(edges.values()),
        "total": total,
        "capped": chosen is not None,
        "co_mentions": co_mentions,
    }


def map_layers(conn: sqlite3.Connection, limit: int | None = None) -> dict[str, Any]:
    """Entities with coordinates, actors placed through ``located_in``, district dataset layers.

    With ``limit``, at most that many points, the most documented first (``capped`` says so).
    """
    located: dict[int, dict[str, Any]] = {}
    points = []
    for ent in (
        _entity(r)
        for r in conn.execute(f"SELECT {_ENTITY_COLS} FROM entities e WHERE e.attrs LIKE '%\"lat\"%'")
    ):
        lat, lon = ent["attrs"].get("lat"), ent["attrs"].get("lon")
        if isinstance(lat, (int, float)) and isinstance(lon, (int, float)):
            located[ent["id"]] = ent
            points.append(
                {
                    "id": ent["id"],
                    "name": ent["name"],
                    "type": ent["type"],
                    "subtype": ent["subtype"],
                    "lat": lat,
                    "lon": lon,
                    "via": None,
                    "n_docs": ent["n_docs"],
                }
            )
    for a, a_name, a_type, a_docs, b in conn.execute(
        "SELECT DISTINCT he.id, he.name, he.type, he.n_docs, t.entity_id FROM relations r "
        "JOIN doc_entities h ON h.id = r.head_id JOIN doc_entities t ON t.id = r.tail_id "
        "JOIN entities he ON he.id = h.entity_id WHERE r.type = 'located_in'"
    ):
        place = located.get(b)
        if place and a not in located:
            points.append(
                {
                    "id": a,
                    "name": a_name,
                    "type": a_type,
                    "subtype": None,
                    "lat": place["attrs"]["lat"],
                    "lon": place["attrs"]["lon"],
                    "via": place["name"],
                    "n_docs": a_docs,
                }
            )
    total_points = len(points)
    if limit is not None and total_points > limit:
        points = sorted(points, key=lambda p: -p["n_docs"])[:limit]
    layers = []
    for ds_id, name, columns, doc in conn.execute(
        "SELECT d.id, d.name, d.columns, doc.name FROM datasets d JOIN documents doc ON doc.id = d.doc_id "
        "ORDER BY d.id"
    ):
        numeric = [c["name"] for c in json.loads(columns) if c.get("dtype") in ("int", "float")]
        rows = []
        for values, ent_id in conn.execute(
            'SELECT r."values", de.entity_id FROM dataset_rows r '
            "JOIN doc_entities de ON de.id = r.doc_entity_id WHERE r.dataset_id = ? ORDER BY r.seq",
            (ds_id,),
        ):
            if ent_id in located:
                place = located[ent_id]
                rows.append(
                    {
                        "place": place["name"],
                        "lat": place["attrs"]["lat"],
                        "lon": place["attrs"]["lon"],
                        "values": json.loads(values),
                    }
                )
        rows, totals = _without_totals(rows, numeric)
        if rows and numeric:
            layers.append(
                {
                    "id": ds_id,
                    "name": name or doc,
                    "columns": numeric,
                    "rows": rows,
                    "totals_left_out": totals,
                }
            )
    return {
        "points": points,
        "layers": layers,
        "total_points": total_points,
        "capped": len(points) < total_points,
    }


def _without_totals(rows: list[dict[str, Any]], numeric: list[str]) -> tuple[list[dict[str, Any]], list[str]]:
    """Leave out rows that are sums of the others (a state total among its districts).

    A row counts as a total when, in most numeric columns, its value is at least 90 % of all
    the other rows together; one such circle would shrink every district to a dot.
    """
    if len(rows) < 4:
        return rows, []

    def number(row: dict[str, Any], column: str) -> float:
        value = row["values"].get(column)
        return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0

    sums = {c: sum(number(r, c) for r in rows) for c in numeric}
    kept, totals = [], []
    for r in rows:
        big = sum(1 for c in numeric if number(r, c) > 0 and number(r, c) >= 0.9 * (sums[c] - number(r, c)))
        if numeric and big > len(numeric) / 2:
            totals.append(r["place"])
        else:
            kept.append(r)
    return kept, totals


def datasets(conn: sqlite3.Connection, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    total = conn.execute("SELECT COUNT(*) FROM datasets").fetchone()[0]
    items = []
    for ds_id, doc_id, doc, name, columns, start, end in conn.execute(
        'SELECT d.id, d.doc_id, doc.name, d.name, d.columns, d.start, d."end" FROM datasets d '
        "JOIN documents doc ON doc.id = d.doc_id ORDER BY d.id LIMIT ? OFFSET ?",
        (limit, offset),
    ):
        rows = [
            json.loads(v)
            for (v,) in conn.execute(
                'SELECT "values" FROM dataset_rows WHERE dataset_id = ? ORDER BY seq', (ds_id,)
            )
        ]
        items.append(
            {
                "id": ds_id,
                "doc_id": doc_id,
                "doc": doc,
                "name": name,
                "start": start,
                "end": end,
                "columns": json.loads(columns),
                "rows": rows,
            }
        )
    return {"total": total, "limit": limit, "offset": offset, "items": items}


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

    def read_entity(self, entity_id: int, limit: int | None = None) -> dict[str, Any] | None:
        return entity_profile(self._reader(), entity_id, limit)

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
