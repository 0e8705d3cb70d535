"""Full-text search for the web app and the JSON API: entity names and document texts, with facets.

Split from ``hafen.store.read``; uses its entity helpers. User words are quoted for FTS5 (no
query syntax from users).

- **Entities** are found in ``entity_search`` (migration 0030): one trigram row per entity with
  its name and aliases folded (case, umlauts and ß transliterated: "Universitaet" finds
  "Universität"), whose rowid is ``(kind code << 32) | popularity rank``. FTS5 walks rowids
  in order, so a page of the most documented hits stops early, and the type and subtype
  facets are exact counts grouped on the rowid alone, without reading any entity row. An
  entity whose folded name is the whole query comes first.
- **Documents** are found in ``documents_fts`` (trigram over the stored text), best bm25 first
  (words found in most documents of a large store: newest first, see ``_documents``);
  the topic and place facets count the best ``FACET_DOCS`` of them, read from
  ``search_doc_facets`` (migration 0031: one row of topic and place ids per document).
- Words of eight letters or more are searched by their stem, so "Universitäten" also finds
  "Universität" (``hafen.resolve.normalize.stem``); words under three characters, where
  trigrams cannot work, are matched as whole words ("KI", "AG"), via their bounding spaces
  and punctuation, which the trigram index holds too.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from typing import Any

from hafen.resolve.normalize import fold, stem

FACET_DOCS = 100  # document hits whose topics and places are counted for the search facets
FACET_TOP = 15  # topics and places shown each
SHORT = 3  # words shorter than this are matched as whole words
COMMON_SHARE = 0.5  # words in more of the documents than this share are not ranked by bm25
COMMON_MIN_DOCS = 1000  # ... in stores of at least this many documents
STEM_MIN = 8  # words at least this long are searched by their stem
RANK_BITS = 32
_RANK_MASK = (1 << RANK_BITS) - 1
_TERM = re.compile(r"\w[\w\-*]*", re.UNICODE)
# Characters that bound a short word in a document: its whole-word phrases are all pairs.
_LEFT = (" ", "\n", "(", "-", "/")
_RIGHT = (" ", "\n", "-", ",", ".", ")", ":", "/")


def _terms(q: str) -> list[str]:
    return [t.strip("*-") for t in _TERM.findall(q) if len(t.strip("*-")) >= 1]


def _quote(phrase: str) -> str:
    return '"' + phrase.replace('"', '""') + '"'


def _doc_form(term: str) -> str:
    """The substring a document must contain for ``term``: its stem when the word is long."""
    low = term.lower()
    return stem(low) if len(low) >= STEM_MIN else low


def _doc_query(terms: list[str]) -> tuple[str, str] | None:
    """FTS5 queries over document texts: every term, as substring or (short) as whole word.

    Returns the query that finds the documents and the one that ranks them: in the latter a
    short word is only its space-bounded form, since bm25 costs a pass per phrase.
    """
    find, rank = [], []
    for t in terms:
        form = _doc_form(t)
        if len(form) >= SHORT:
            find.append(_quote(form))
            rank.append(_quote(form))
        else:
            find.append("(" + " OR ".join(_quote(a + form + b) for a in _LEFT for b in _RIGHT) + ")")
            rank.append(_quote(f" {form} "))
    return (" AND ".join(find), " AND ".join(rank)) if find else None


def _entity_form(term: str) -> str | None:
    """The folded substring an entity's names must contain for ``term`` (see ``_names``)."""
    words = fold(term).split()
    if not words:
        return None
    if len(words[-1]) >= STEM_MIN:
        words[-1] = stem(words[-1])
    form = " ".join(words)
    return f" {form} " if len(form) < SHORT else form


def _entity_query(terms: list[str]) -> str | None:
    forms = [f for f in (_entity_form(t) for t in terms) if f]
    return " AND ".join(_quote(f) for f in forms) or None


def _names(name: str, aliases: list[str]) -> str:
    """Indexed text of an entity: folded name and aliases, each bounded by spaces."""
    forms = dict.fromkeys(f for f in (fold(n) for n in [name, *aliases]) if f)
    return " " + " | ".join(forms) + " "


def refresh_search_index(conn: sqlite3.Connection) -> int:
    """Rebuild the entity search index and the per-document facet lists; in a write transaction.

    Call after the entities were written (resolution). Rowids of ``entity_search`` are
    ``(code << 32) | rank``: ``code`` numbers the (type, subtype) kinds, ``rank`` orders all
    entities by documents (most first), then name. Returns the entities indexed.
    """
    conn.execute("DELETE FROM search_doc_facets")
    conn.execute(
        "INSERT INTO search_doc_facets (doc_id, topics, places) "
        "SELECT doc_id, COALESCE(GROUP_CONCAT(CASE WHEN type = 'TOPIC' THEN entity_id END), ''), "
        "COALESCE(GROUP_CONCAT(CASE WHEN type = 'PLACE' THEN entity_id END), '') "
        "FROM (SELECT DISTINCT doc_id, type, entity_id FROM doc_entities "
        "WHERE type IN ('TOPIC', 'PLACE') AND entity_id IS NOT NULL) GROUP BY doc_id"
    )
    rows = conn.execute(
        "SELECT id, name, aliases, type, subtype FROM entities ORDER BY n_docs DESC, name, id"
    ).fetchall()
    kinds = sorted({(t, st or "") for _, _, _, t, st in rows})
    code_of = {k: n + 1 for n, k in enumerate(kinds)}
    counts: dict[int, int] = defaultdict(int)
    index, ids = [], []
    for rank, (entity_id, name, aliases, t, st) in enumerate(rows, start=1):
        code = code_of[(t, st or "")]
        counts[code] += 1
        pos = (code << RANK_BITS) | rank
        try:
            alias_list = [a for a in json.loads(aliases or "[]") if isinstance(a, str)]
        except ValueError:
            alias_list = []
        index.append((pos, _names(name, alias_list)))
        ids.append((pos, entity_id))
    conn.execute("INSERT INTO entity_search (entity_search) VALUES ('delete-all')")
    conn.execute("DELETE FROM entity_search_ids")
    conn.execute("DELETE FROM entity_search_kinds")
    conn.executemany("INSERT INTO entity_search (rowid, names) VALUES (?, ?)", index)
    conn.executemany("INSERT INTO entity_search_ids (pos, entity_id) VALUES (?, ?)", ids)
    conn.executemany(
        "INSERT INTO entity_search_kinds (code, type, subtype, n) VALUES (?, ?, ?, ?)",
        [(code_of[k], k[0], k[1] or None, counts[code_of[k]]) for k in kinds],
    )
    return len(rows)


def snippet(text: str, terms: list[str], width: int = 220) -> list[tuple[str, bool]]:
    """A window of ``text`` around the first hit, cut into (piece, is_hit) pairs.

    Terms under three characters are marked as whole words only, as search finds them.
    """
    if not terms:
        return [(text[:width], False)]
    alternatives = [
        re.escape(t) if len(t) >= SHORT else rf"(?<!\w){re.escape(t)}(?!\w)"
        for t in sorted(terms, key=len, reverse=True)
    ]
    pattern = re.compile("|".join(alternatives), re.IGNORECASE)
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


def _scope_sql(topic: int | None, place: int | None) -> tuple[str, list[int]] | None:
    """A subquery of the documents that name the topic and the place (None: no such filter)."""
    facets = [f for f in (topic, place) if f is not None]
    if not facets:
        return None
    sql = " INTERSECT ".join("SELECT doc_id FROM doc_entities WHERE entity_id = ?" for _ in facets)
    return sql, facets


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
    scope = _scope_sql(topic, place)
    entity_query = _entity_query(terms)
    if entity_query or (type and not terms):  # no words, only a type: list that type
        exact = fold(q) if entity_query else None
        ent = _entities(conn, entity_query, exact, type, subtype, scope, limit, offset)
    else:
        ent = {"total": 0, "items": [], "type": [], "subtype": []}
    doc_query = _doc_query(terms)
    doc_ids = _documents(conn, *doc_query) if doc_query else []
    if scope is not None and doc_ids:
        in_scope = {d for (d,) in conn.execute(scope[0], scope[1])}
        doc_ids = [d for d in doc_ids if d in in_scope]
    facets = {"type": ent.pop("type"), "subtype": ent.pop("subtype")}
    # Topic and place facets are counted over the best-ranked FACET_DOCS document hits.
    facets["topic"], facets["place"] = _doc_facets(conn, doc_ids[:FACET_DOCS])
    marks = [_doc_form(t) for t in terms]
    docs = []
    for d in doc_ids[offset : offset + limit]:
        name, text = conn.execute("SELECT name, text FROM documents WHERE id = ?", (d,)).fetchone()
        docs.append({"id": d, "name": name, "snippet": snippet(text, marks)})
    return {
        "q": q,
        "entities": ent,
        "documents": {"total": len(doc_ids), "items": docs},
        "facets": facets,
        "limit": limit,
        "offset": offset,
    }


def _documents(conn: sqlite3.Connection, match: str, rank: str) -> list[int]:
    """Ids of the documents that ``match``: best bm25 (of ``rank``) first, newest first for common words.

    When the words occur in more than ``COMMON_SHARE`` of the documents of a store of at
    least ``COMMON_MIN_DOCS``, FTS5's bm25 clamps their IDF to almost zero and would order
    the hits by term density alone, at the cost of a second pass over every hit; such hits
    are listed newest first instead. Set ``COMMON_SHARE = 1.0`` to always rank by bm25.
    Hits that ``rank`` does not find (a short word only as "(KI)") follow, newest first.
    """
    hits = [
        i for (i,) in conn.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", (match,))
    ]
    n_docs = conn.execute("SELECT COALESCE(MAX(id), 0) FROM documents").fetchone()[0]  # ids are kept
    if n_docs >= COMMON_MIN_DOCS and len(hits) > COMMON_SHARE * n_docs:
        return hits[::-1]
    found = set(hits)
    ranked = [
        i
        for (i,) in conn.execute(
            "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank", (rank,)
        )
        if i in found
    ]
    if len(ranked) < len(hits):
        seen = set(ranked)
        ranked += [i for i in reversed(hits) if i not in seen]
    return ranked


def _entities(
    conn: sqlite3.Connection,
    match: str | None,
    exact: str | None,
    type: str | None,
    subtype: str | None,
    scope: tuple[str, list[int]] | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    """Entity hits of ``match`` (None: every entity of ``type``): total, one page, kind counts."""
    kinds = {c: (t, st) for c, t, st in conn.execute("SELECT code, type, subtype FROM entity_search_kinds")}
    listed = [c for c, (t, _) in kinds.items() if match or t == type]  # kinds that can hit at all
    wanted = {
        c for c in listed if (not type or kinds[c][0] == type) and (not subtype or kinds[c][1] == subtype)
    }
    positions: list[int] | None = None  # every hit, in rank order: only with a topic/place filter
    if scope is not None:
        positions = _scoped_positions(conn, match, listed, scope)
    first = _exact_positions(conn, exact, wanted, positions)
    need = offset + limit + len(first)
    rest: list[int] | None = None
    if positions is not None:
        counts: dict[int, int] = Counter(pos >> RANK_BITS for pos in positions)
    elif match and not type and not subtype:  # every kind wanted: counts and page in one pass
        counts, rest = _counts_and_page(conn, match, need)
    elif match:
        counts = dict(
            conn.execute(
                f"SELECT rowid >> {RANK_BITS}, COUNT(*) FROM entity_search "
                "WHERE entity_search MATCH ? GROUP BY 1",
                (match,),
            ).fetchall()
        )
    else:
        counts = {c: n for c, n in conn.execute("SELECT code, n FROM entity_search_kinds") if c in listed}
    by_type: dict[str, int] = defaultdict(int)
    by_subtype: dict[str, int] = defaultdict(int)
    for c, n in counts.items():
        if c in kinds:
            t, st = kinds[c]
            by_type[t] += n
            if st and (not type or t == type):
                by_subtype[st] += n
    if positions is not None:
        rest = [p for p in positions if p >> RANK_BITS in wanted][:need]
    elif rest is None:  # a filtered kind or two: each page stops after ``need`` hits
        rest = []
        for c in wanted:
            if counts.get(c):
                rest.extend(_kind_page(conn, match, c, need))
        rest.sort(key=lambda p: p & _RANK_MASK)
    ahead = set(first)
    ranked = first + [p for p in rest if p not in ahead]
    page = ranked[offset : offset + limit]
    ids = dict(_ids_of(conn, page))
    from hafen.store.read import _entity_rows  # here: hafen.store.read imports this module

    rows = _entity_rows(conn, list(ids.values()))
    return {
        "total": sum(counts.get(c, 0) for c in wanted),
        "items": [rows[ids[p]] for p in page if p in ids and ids[p] in rows],
        "type": _facet(by_type),
        "subtype": _facet(by_subtype),
    }


def _counts_and_page(conn: sqlite3.Connection, match: str, n: int) -> tuple[dict[int, int], list[int]]:
    """Hits per kind and the ``n`` best ranked hits of any kind, from one pass over the index."""
    counts: dict[int, int] = {}
    page: list[int] = []
    for code, value in conn.execute(
        f"WITH hits(p) AS MATERIALIZED (SELECT rowid FROM entity_search WHERE entity_search MATCH ?) "
        f"SELECT p >> {RANK_BITS}, COUNT(*) FROM hits GROUP BY 1 "
        f"UNION ALL SELECT -1, p FROM (SELECT p FROM hits ORDER BY p & {_RANK_MASK} LIMIT ?)",
        (match, n),
    ):
        if code == -1:
            page.append(value)
        else:
            counts[code] = value
    return counts, page


def _kind_page(conn: sqlite3.Connection, match: str | None, code: int, n: int) -> list[int]:
    """The first ``n`` hit positions of one kind, best ranked first (stops after ``n``)."""
    lo, hi = code << RANK_BITS, (code + 1) << RANK_BITS
    if match:
        sql = (
            "SELECT rowid FROM entity_search WHERE entity_search MATCH ? AND rowid >= ? AND rowid < ? "
            "ORDER BY rowid LIMIT ?"
        )
        return [p for (p,) in conn.execute(sql, (match, lo, hi, n))]
    sql = "SELECT pos FROM entity_search_ids WHERE pos >= ? AND pos < ? ORDER BY pos LIMIT ?"
    return [p for (p,) in conn.execute(sql, (lo, hi, n))]


def _scoped_positions(
    conn: sqlite3.Connection, match: str | None, listed: list[int], scope: tuple[str, list[int]]
) -> list[int]:
    """All hit positions of entities named in a document of the scope, in rank order."""
    in_scope = f"i.entity_id IN (SELECT entity_id FROM doc_entities WHERE doc_id IN ({scope[0]}))"
    if match:
        rows = conn.execute(
            "SELECT s.rowid FROM entity_search s JOIN entity_search_ids i ON i.pos = s.rowid "
            f"WHERE entity_search MATCH ? AND {in_scope}",
            [match, *scope[1]],
        )
    else:
        rows = conn.execute(f"SELECT i.pos FROM entity_search_ids i WHERE {in_scope}", scope[1])
    kinds = set(listed)
    return sorted((p for (p,) in rows if p >> RANK_BITS in kinds), key=lambda p: p & _RANK_MASK)


def _exact_positions(
    conn: sqlite3.Connection, exact: str | None, wanted: set[int], positions: list[int] | None
) -> list[int]:
    """Positions of the entities whose folded name is the whole query: they come first."""
    if not exact:
        return []
    found = sorted(
        (
            p
            for (p,) in conn.execute(
                "SELECT i.pos FROM entities e JOIN entity_search_ids i ON i.entity_id = e.id "
                "WHERE e.norm_key = ?",
                (exact,),
            )
            if p >> RANK_BITS in wanted
        ),
        key=lambda p: p & _RANK_MASK,
    )
    if positions is not None:
        hits = set(positions)
        found = [p for p in found if p in hits]
    return found


def _ids_of(conn: sqlite3.Connection, positions: list[int]) -> list[tuple[int, int]]:
    if not positions:
        return []
    marks = ",".join("?" * len(positions))
    return conn.execute(
        f"SELECT pos, entity_id FROM entity_search_ids WHERE pos IN ({marks})", positions
    ).fetchall()


def _facet(counts: dict[str, int]) -> list[dict[str, Any]]:
    return [{"value": k, "count": n} for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _doc_facets(conn: sqlite3.Connection, doc_ids: list[int]) -> tuple[list[dict[str, Any]], ...]:
    """Topics and places named in most of ``doc_ids``: 15 of each, with their document counts."""
    if not doc_ids:
        return [], []
    n_of: dict[int, int] = {}
    for column in ("topics", "places"):
        counts: Counter[str] = Counter()
        for (ids,) in conn.execute(
            f"SELECT {column} FROM search_doc_facets WHERE doc_id IN ({','.join('?' * len(doc_ids))})",
            doc_ids,
        ):
            if ids:
                counts.update(ids.split(","))  # each id once per document (DISTINCT when filled)
        ranked = counts.most_common()
        if ranked:
            floor = ranked[min(FACET_TOP, len(ranked)) - 1][1]  # ties at the 15th go by name
            n_of.update({int(e): n for e, n in ranked if n >= floor})
    rows = []
    ids = list(n_of)
    for k in range(0, len(ids), 500):
        chunk = ids[k : k + 500]
        rows += conn.execute(
            f"SELECT id, name, type FROM entities WHERE id IN ({','.join('?' * len(chunk))}) "
            "AND type IN ('TOPIC', 'PLACE')",
            chunk,
        ).fetchall()
    rows.sort(key=lambda r: (-n_of[r[0]], r[1]))
    pick = [
        [{"value": i, "label": n, "count": n_of[i]} for i, n, t in rows if t == kind][:FACET_TOP]
        for kind in ("TOPIC", "PLACE")
    ]
    return pick[0], pick[1]
