"""The corpus graph in SQLite: cross-document resolution, its merge reasons, curated decisions.

``resolve_corpus`` is the table-to-table corpus step: it reads ``doc_entities`` (with the
sentences of their mentions as context), runs ``hafen.resolve.cluster.resolve`` with the
curated overrides, and writes ``entities``, ``doc_entities.entity_id`` and one ``merges``
row per merge with its rule, score and detail.

Curated decisions (``hafen merge`` / ``hafen split``) are stored by natural keys (type,
folded name, document source) instead of ids, because ids change when a file is rebuilt;
they are turned into ``Overrides`` on every resolution.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from hafen.resolve import normalize as nz
from hafen.resolve.cluster import Overrides, resolve
from hafen.resolve.records import EntityRecord, RecordId

CONTEXT_SENTENCES = 3  # sentences per record handed to resolution (place vocabulary)
MAX_SPLIT_PAIRS = 400  # cannot-links one curated split may expand to


@dataclass(frozen=True, slots=True)
class Side:
    """One side of a curated decision, by natural key: survives rebuilds that renumber ids."""

    type: str
    norm: str  # nz.fold of the document entity's name
    source: str  # the document it was named in when the decision was made
    label: str  # the name as the person saw it

    def to_json(self) -> dict[str, str]:
        return {"type": self.type, "name": self.label, "norm": self.norm, "source": self.source}


@dataclass(slots=True)
class _Row:
    id: int
    doc_id: int
    source: str
    key: str
    name: str
    type: str
    subtype: str | None
    aliases: tuple[str, ...]
    attrs: dict[str, Any]
    confidence: float
    entity_id: int | None

    @property
    def rid(self) -> RecordId:
        return (self.source, self.key)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _load_rows(conn: sqlite3.Connection) -> list[_Row]:
    return [
        _Row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7])), json.loads(r[8]), r[9], r[10])
        for r in conn.execute(
            "SELECT de.id, de.doc_id, d.source, de.key, de.name, de.type, de.subtype, de.aliases, "
            "de.attrs, de.confidence, de.entity_id FROM doc_entities de "
            "JOIN documents d ON d.id = de.doc_id ORDER BY de.id"
        )
    ]


def _contexts(conn: sqlite3.Connection) -> dict[int, tuple[str, ...]]:
    """The first few sentences that mention each document entity (one document in memory at a time)."""
    out: dict[int, list[str]] = defaultdict(list)
    doc_ids = [d for (d,) in conn.execute("SELECT id FROM documents ORDER BY id")]
    for doc_id in doc_ids:
        text, sentences = conn.execute(
            "SELECT text, sentences FROM documents WHERE id = ?", (doc_id,)
        ).fetchone()
        bounds = json.loads(sentences) or [[0, len(text)]]
        starts, ends = [b[0] for b in bounds], [b[1] for b in bounds]
        for de_id, start in conn.execute(
            "SELECT doc_entity_id, start FROM mentions WHERE doc_id = ? AND doc_entity_id IS NOT NULL "
            "ORDER BY start",
            (doc_id,),
        ):
            if len(out[de_id]) >= CONTEXT_SENTENCES:
                continue
            i = max(0, bisect.bisect_right(starts, start) - 1)
            sentence = text[starts[i] : ends[i]]
            if sentence not in out[de_id]:
                out[de_id].append(sentence)
    return {k: tuple(v) for k, v in out.items()}


# -- curated decisions ---------------------------------------------------------------------
def _side(row: tuple[Any, ...]) -> Side:
    return Side(type=row[0], norm=row[1], source=row[2], label=row[3])


def load_curations(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Curated decisions, oldest first, as JSON-ready dicts."""
    out = []
    for r in conn.execute(
        "SELECT id, action, a_type, a_norm, a_source, a_label, b_type, b_norm, b_source, b_label, created_at "
        "FROM curations ORDER BY id"
    ):
        out.append(
            {
                "id": r[0],
                "action": r[1],
                "a": _side(r[2:6]).to_json(),
                "b": _side(r[6:10]).to_json(),
                "created_at": r[10],
            }
        )
    return out


def add_curation(conn: sqlite3.Connection, action: str, a: Side, b: Side) -> int:
    """Store a decision; a contrary decision on the same pair is replaced (the newest wins)."""
    if action not in ("merge", "split"):
        raise ValueError(f"unknown curation action {action!r}")
    for x, y in ((a, b), (b, a)):
        conn.execute(
            "DELETE FROM curations WHERE a_type = ? AND a_norm = ? AND a_source = ? "
            "AND b_type = ? AND b_norm = ? AND b_source = ?",
            (x.type, x.norm, x.source, y.type, y.norm, y.source),
        )
    cur = conn.execute(
        "INSERT INTO curations (action, a_type, a_norm, a_source, a_label, "
        "b_type, b_norm, b_source, b_label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (action, a.type, a.norm, a.source, a.label, b.type, b.norm, b.source, b.label, _now()),
    )
    assert cur.lastrowid is not None
    return cur.lastrowid


def _matching(side: Side, rows: list[_Row]) -> list[RecordId]:
    """Records a side names: same type and name in its document, else anywhere in the corpus."""
    same = [r for r in rows if r.type == side.type and nz.fold(r.name) == side.norm]
    here = [r.rid for r in same if r.source == side.source]
    if here:
        return here
    if same:
        return [r.rid for r in same]
    return [r.rid for r in rows if r.type == side.type and side.norm in {nz.fold(a) for a in r.aliases}]


def overrides_for(conn: sqlite3.Connection, rows: list[_Row]) -> tuple[Overrides, list[int]]:
    """The curated decisions as resolver overrides, and the ids of those that found no record."""
    overrides = Overrides()
    dormant: list[int] = []
    for c in load_curations(conn):
        a = _matching(Side(c["a"]["type"], c["a"]["norm"], c["a"]["source"], c["a"]["name"]), rows)
        b = _matching(Side(c["b"]["type"], c["b"]["norm"], c["b"]["source"], c["b"]["name"]), rows)
        if not a or not b:
            dormant.append(c["id"])
            continue
        if c["action"] == "merge":
            if a[0] != b[0]:
                overrides = overrides.merge(a[0], b[0])
        else:
            pairs = [(x, y) for x in a for y in b if x != y][:MAX_SPLIT_PAIRS]
            for x, y in pairs:
                overrides = overrides.split(x, y)
    return overrides, dormant


# -- the corpus step -----------------------------------------------------------------------
def resolve_corpus(conn: sqlite3.Connection) -> dict[str, int]:
    """Resolve document entities into corpus entities; call inside a write transaction."""
    rows = _load_rows(conn)
    by_rid = {r.rid: r for r in rows}
    contexts = _contexts(conn)
    records = [
        EntityRecord(
            doc=r.source,
            key=r.key,
            name=r.name,
            type=r.type,
            subtype=r.subtype,
            aliases=r.aliases,
            context=contexts.get(r.id, ()),
        )
        for r in rows
    ]
    overrides, dormant = overrides_for(conn, rows)
    resolution = resolve(records, overrides)
    existing = {(t, k): i for i, t, k in conn.execute("SELECT id, type, norm_key FROM entities")}
    clusters = resolution.clusters
    ids = _keep_ids(clusters, by_rid, existing)
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM entities").fetchone()[0]
    entity_of: dict[RecordId, int] = {}
    links: list[tuple[int, int]] = []
    for n, c in enumerate(clusters):
        members = [by_rid[m] for m in c.members]
        values = (nz.fold(c.name), c.name, c.type, c.subtype, _json(c.aliases), _json(_attrs(members)))
        kept = ids.get(n)
        if kept is None:
            next_id += 1
            entity_id: int = next_id
            conn.execute(
                "INSERT INTO entities (norm_key, name, type, subtype, aliases, attrs, id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (*values, entity_id),
            )
        else:
            entity_id = kept
            conn.execute(
                "UPDATE entities SET norm_key = ?, name = ?, type = ?, subtype = ?, aliases = ?, attrs = ? "
                "WHERE id = ?",
                (*values, entity_id),
            )
        for m in members:
            entity_of[m.rid] = entity_id
            if m.entity_id != entity_id:
                links.append((entity_id, m.id))
    conn.executemany("UPDATE doc_entities SET entity_id = ? WHERE id = ?", links)
    orphans = conn.execute(
        "DELETE FROM entities WHERE id NOT IN "
        "(SELECT entity_id FROM doc_entities WHERE entity_id IS NOT NULL)"
    ).rowcount
    conn.execute(
        "UPDATE entities SET n_docs = (SELECT COUNT(DISTINCT doc_id) FROM doc_entities "
        "WHERE entity_id = entities.id)"
    )
    conn.execute("DELETE FROM merges")
    conn.executemany(
        "INSERT INTO merges (entity_id, a, b, rule, score, detail) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (entity_of[d.a], by_rid[d.a].id, by_rid[d.b].id, d.rule, d.score, d.detail)
            for d in resolution.decisions
        ],
    )
    return {
        "entities": len(clusters),
        "linked": len(links),
        "removed": orphans,
        "merges": len(resolution.decisions),
        "conflicts": len(resolution.conflicts),
        "dormant_curations": len(dormant),
    }


def _attrs(members: list[_Row]) -> dict[str, Any]:
    attrs: dict[str, Any] = {}
    for m in sorted(members, key=lambda m: -m.confidence):
        for k, v in m.attrs.items():
            attrs.setdefault(k, v)
    return attrs


def _keep_ids(
    clusters: list[Any], by_rid: dict[RecordId, _Row], existing: dict[tuple[str, str], int]
) -> dict[int, int]:
    """Cluster index -> the corpus id to keep: the one its members had, else one stored under its name.

    Larger clusters choose first and an id goes to one cluster only, so links and URLs stay
    stable across rebuilds.
    """
    taken: set[int] = set()
    out: dict[int, int] = {}
    order = sorted(range(len(clusters)), key=lambda i: -len(clusters[i].members))
    for i in order:
        c = clusters[i]
        votes = Counter(by_rid[m].entity_id for m in c.members if by_rid[m].entity_id is not None)
        candidates = [e for e, _ in votes.most_common() if e is not None]
        named = existing.get((c.type, nz.fold(c.name)))
        if named is not None:
            candidates.append(named)
        for entity_id in candidates:
            if entity_id not in taken:
                out[i] = entity_id
                taken.add(entity_id)
                break
    return out


# -- lookups for the shells ----------------------------------------------------------------
def find_entities(conn: sqlite3.Connection, text: str) -> list[dict[str, Any]]:
    """Entities a user may mean by ``text``: an id, else exact names, aliases, then substrings."""
    cols = "id, name, type, subtype, aliases, n_docs, attrs"

    def as_dict(r: tuple[Any, ...]) -> dict[str, Any]:
        return {
            "id": r[0],
            "name": r[1],
            "type": r[2],
            "subtype": r[3],
            "aliases": json.loads(r[4]),
            "n_docs": r[5],
            "attrs": json.loads(r[6]),
        }

    q = text.strip()
    if q.isdigit():
        row = conn.execute(f"SELECT {cols} FROM entities WHERE id = ?", (int(q),)).fetchone()
        if row:
            return [as_dict(row)]
    folded = nz.fold(q)
    if not folded:
        return []
    everything = [as_dict(r) for r in conn.execute(f"SELECT {cols} FROM entities ORDER BY n_docs DESC, id")]
    exact = [e for e in everything if nz.fold(e["name"]) == folded]
    if exact:
        return exact
    by_doc_name = {
        eid
        for eid, name in conn.execute("SELECT entity_id, name FROM doc_entities WHERE entity_id IS NOT NULL")
        if nz.fold(name) == folded
    }
    alias = [e for e in everything if e["id"] in by_doc_name or folded in {nz.fold(a) for a in e["aliases"]}]
    if alias:
        return alias
    return [
        e
        for e in everything
        if folded in nz.fold(e["name"]) or any(folded in nz.fold(a) for a in e["aliases"])
    ][:20]


def side_of(conn: sqlite3.Connection, entity_id: int, form: str | None) -> Side | None:
    """The natural key of an entity's document record named ``form`` (else its canonical record)."""
    rows = conn.execute(
        "SELECT de.name, de.type, d.source FROM doc_entities de JOIN documents d ON d.id = de.doc_id "
        "WHERE de.entity_id = ? ORDER BY de.id",
        (entity_id,),
    ).fetchall()
    if not rows:
        return None
    canonical = conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
    wanted = [nz.fold(form)] if form else []
    wanted += [nz.fold(canonical[0])] if canonical else []
    for target in wanted:
        for name, typ, source in rows:
            if nz.fold(name) == target:
                return Side(typ, nz.fold(name), source, name)
    name, typ, source = rows[0]
    return Side(typ, nz.fold(name), source, name)


def merge_reasons(conn: sqlite3.Connection, entity_id: int) -> list[dict[str, Any]]:
    """Why the records of an entity were joined: one item per merge, with both names and documents."""
    out = []
    for a_name, a_doc, b_name, b_doc, rule, score, detail in conn.execute(
        "SELECT x.name, dx.name, y.name, dy.name, m.rule, m.score, m.detail FROM merges m "
        "JOIN doc_entities x ON x.id = m.a JOIN documents dx ON dx.id = x.doc_id "
        "JOIN doc_entities y ON y.id = m.b JOIN documents dy ON dy.id = y.doc_id "
        "WHERE m.entity_id = ? ORDER BY m.score DESC, m.id",
        (entity_id,),
    ):
        out.append(
            {
                "a": a_name,
                "a_doc": a_doc,
                "b": b_name,
                "b_doc": b_doc,
                "rule": rule,
                "score": score,
                "detail": detail,
            }
        )
    return out


class SQLiteGraph:
    """The graph side of ``SQLiteStore``: curated decisions, merge reasons, entity lookup."""

    def _reader(self) -> sqlite3.Connection:  # provided by SQLiteStore
        raise NotImplementedError

    def _write(self) -> Any:  # provided by SQLiteStore
        raise NotImplementedError

    def find_entities(self, text: str) -> list[dict[str, Any]]:
        return find_entities(self._reader(), text)

    def merge_reasons(self, entity_id: int) -> list[dict[str, Any]]:
        return merge_reasons(self._reader(), entity_id)

    def curations(self) -> list[dict[str, Any]]:
        return load_curations(self._reader())

    def curate(self, action: str, a: tuple[int, str | None], b: tuple[int, str | None]) -> int:
        """Record "merge" or "split" of two entities (id, the form the person named); returns its id."""
        with self._write() as conn:
            side_a, side_b = side_of(conn, a[0], a[1]), side_of(conn, b[0], b[1])
            if side_a is None or side_b is None:
                raise ValueError("entity without document records")
            if side_a == side_b:
                raise ValueError("both sides name the same record")
            curation_id = add_curation(conn, action, side_a, side_b)
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('resolution_dirty', '1')")
        return curation_id

    def uncurate(self, curation_id: int) -> bool:
        """Forget a curated decision; True if it existed. The next ``resolve()`` applies it."""
        with self._write() as conn:
            gone = conn.execute("DELETE FROM curations WHERE id = ?", (curation_id,)).rowcount > 0
            if gone:
                conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('resolution_dirty', '1')")
        return gone

    # -- match index (hafen.store.profiles) ------------------------------------------------
    def match_profiles(self) -> list[Any]:
        from hafen.store.profiles import match_profiles

        return match_profiles(self._reader())

    def cached_vectors(self, model: str) -> dict[str, tuple[str, bytes, int]]:
        from hafen.store.profiles import cached_vectors

        return cached_vectors(self._reader(), model)

    def save_vectors(self, model: str, rows: list[tuple[str, str, bytes, int]]) -> None:
        from hafen.store.profiles import save_vectors

        with self._write() as conn:
            save_vectors(conn, model, rows)
