"""Full-text search for the web app and the JSON API: entity names and document texts, with facets.

Split from ``hafen.store.read``; uses its entity helpers. User words are quoted for FTS5 (no
query syntax from users); words under three characters fall back to ``LIKE``.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from typing import Any

FACET_DOCS = 100  # document hits whose topics and places are counted for the search facets
_TERM = re.compile(r"\w[\w\-*]*", re.UNICODE)


def _terms(q: str) -> list[str]:
    return [t.strip("*-") for t in _TERM.findall(q) if len(t.strip("*-")) >= 1]


def _fts_query(terms: list[str]) -> str | None:
    """An FTS5 query of quoted terms (no operators from user input); None if too short for trigrams."""
    usable = [t for t in terms if len(t) >= 3]
    if not usable:
        return None
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in usable)


def snippet(text: str, terms: list[str], width: int = 220) -> list[tuple[str, bool]]:
    """A window of ``text`` around the first hit, cut into (piece, is_hit) pairs."""
    if not terms:
        return [(text[:width], False)]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    window = text[start : start + width]
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    pos = 0
    for m in pattern.finditer(window):
        if m.start() > pos:
            pieces.append((window[pos : m.start()], False))
        pieces.append((m.group(0), True))
        pos = m.end()
    pieces.append((window[pos:], False))
    if start + width < len(text):
        pieces.append(("…", False))
    return pieces


def _docs_mentioning(conn: sqlite3.Connection, entity_id: int) -> set[int]:
    return {
        d
        for (d,) in conn.execute("SELECT DISTINCT doc_id FROM doc_entities WHERE entity_id = ?", (entity_id,))
    }


def search(
    conn: sqlite3.Connection,
    q: str,
    *,
    type: str | None = None,
    subtype: str | None = None,
    topic: int | None = None,
    place: int | None = None,
    limit: int = 20,
    offset: int = 0,
) -> dict[str, Any]:
    """Entities whose name or alias matches and documents whose text matches, with facets.

    Topic and place filters keep documents that name that topic/place, and entities named
    in such a document.
    """
    terms = _terms(q)
    fts = _fts_query(terms)
    like = [f"%{t}%" for t in terms]
    # entity hits
    if fts:
        ent_ids = [
            i
            for (i,) in conn.execute(
                "SELECT rowid FROM entities_fts WHERE entities_fts MATCH ? ORDER BY bm25(entities_fts)",
                (fts,),
            )
        ]
    elif terms:
        clause = " AND ".join("(name LIKE ? OR aliases LIKE ?)" for _ in like)
        ent_ids = [
            i
            for (i,) in conn.execute(
                f"SELECT id FROM entities WHERE {clause} ORDER BY n_docs DESC",
                [v for t in like for v in (t, t)],
            )
        ]
    elif type:  # no words, only a type: list that type
        ent_ids = [
            i
            for (i,) in conn.execute(
                "SELECT id FROM entities WHERE type = ? ORDER BY n_docs DESC, name", (type,)
            )
        ]
    else:
        ent_ids = []
    # document hits
    if fts:
        doc_ids = [
            i
            for (i,) in conn.execute(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY bm25(documents_fts)",
                (fts,),
            )
        ]
    elif terms:
        clause = " AND ".join("text LIKE ?" for _ in like)
        doc_ids = [i for (i,) in conn.execute(f"SELECT id FROM documents WHERE {clause}", like)]
    else:
        doc_ids = []
    scope: set[int] | None = None
    for facet_id in (topic, place):
        if facet_id is not None:
            found = _docs_mentioning(conn, facet_id)
            scope = found if scope is None else scope & found
    if scope is not None:
        doc_ids = [d for d in doc_ids if d in scope]
        in_scope = (
            {
                e
                for (e,) in conn.execute(
                    "SELECT DISTINCT entity_id FROM doc_entities "
                    f"WHERE doc_id IN ({','.join('?' * len(scope))})",
                    list(scope),
                )
            }
            if scope
            else set()
        )
        ent_ids = [e for e in ent_ids if e in in_scope]
    # Facets need only type and subtype of every hit; full rows are read for one page only.
    kinds = _kinds(conn, ent_ids)
    hits = [(i, *kinds[i]) for i in ent_ids if i in kinds]
    facets = {
        "type": _count(t for _, t, _ in hits),
        "subtype": _count(st for _, t, st in hits if st and (not type or t == type)),
    }
    hit_ids = [i for i, t, st in hits if (not type or t == type) and (not subtype or st == subtype)]
    from hafen.store.read import _entity_rows  # here: hafen.store.read imports this module

    page_rows = _entity_rows(conn, hit_ids[offset : offset + limit])
    ent_page = [page_rows[i] for i in hit_ids[offset : offset + limit] if i in page_rows]
    # Topic and place facets are counted over the best-ranked FACET_DOCS document hits.
    facets["topic"], facets["place"] = _doc_facets(conn, doc_ids[:FACET_DOCS])
    docs = []
    for d in doc_ids[offset : offset + limit]:
        name, text = conn.execute("SELECT name, text FROM documents WHERE id = ?", (d,)).fetchone()
        docs.append({"id": d, "name": name, "snippet": snippet(text, terms)})
    return {
        "q": q,
        "entities": {"total": len(hit_ids), "items": ent_page},
        "documents": {"total": len(doc_ids), "items": docs},
        "facets": facets,
        "limit": limit,
        "offset": offset,
    }


def _kinds(conn: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """Type and subtype of each entity, in batches of 500 ids."""
    out: dict[int, tuple[str, str | None]] = {}
    for k in range(0, len(ids), 500):
        chunk = ids[k : k + 500]
        marks = ",".join("?" * len(chunk))
        for i, t, st in conn.execute(f"SELECT id, type, subtype FROM entities WHERE id IN ({marks})", chunk):
            out[i] = (t, st)
    return out


def _count(values: Any) -> list[dict[str, Any]]:
    counts: dict[str, int] = defaultdict(int)
    for v in values:
        counts[v] += 1
    return [{"value": k, "count": n} for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _doc_facets(conn: sqlite3.Connection, doc_ids: list[int]) -> tuple[list[dict[str, Any]], ...]:
    if not doc_ids:
        return [], []
    marks = ",".join("?" * len(doc_ids))
    rows = conn.execute(
        "SELECT e.id, e.name, e.type, COUNT(DISTINCT de.doc_id) FROM doc_entities de "
        f"JOIN entities e ON e.id = de.entity_id WHERE de.doc_id IN ({marks}) "
        "AND de.type IN ('TOPIC', 'PLACE') AND e.type IN ('TOPIC', 'PLACE') "
        "GROUP BY e.id ORDER BY 4 DESC, e.name",
        doc_ids,
    ).fetchall()
    pick = [
        [{"value": i, "label": n, "count": k} for i, n, t, k in rows if t == kind][:15]
        for kind in ("TOPIC", "PLACE")
    ]
    return pick[0], pick[1]
