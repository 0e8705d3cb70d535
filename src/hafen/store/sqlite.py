"""The embedded default store: one SQLite file in WAL mode with a single writer.

Every write runs inside ``BEGIN IMMEDIATE ... COMMIT`` on the one writer connection, so a
document's facts are replaced all at once or not at all, and a process killed at any
moment leaves the previous consistent state. Reads use their own per-thread connections;
WAL lets them proceed while a write is under way.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hafen import errors
from hafen.document import SYMMETRIC_RELATIONS, Document
from hafen.store import graph, migrations, read_search
from hafen.store.base import DocInfo, DocState, FailureInfo
from hafen.store.read import SQLiteReads

BUSY_TIMEOUT_MS = 30_000
DIRTY = "resolution_dirty"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    if not value:  # most attrs and alias lists are empty; skip the encoder for them
        return "{}" if isinstance(value, dict) else "[]"
    # default=str: a stage may leave a date or a Path in attrs/meta; storing beats crashing.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


class SQLiteStore(SQLiteReads, graph.SQLiteGraph):
    """``Store`` backed by one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._memory = self.path == ":memory:"
        self._lock = threading.RLock()
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        try:
            self._conn = self._connect()
            applied_now = migrations.migrate(self._conn, self.path)
            if {"0030_entity_search", "0031_search_doc_facets"} & set(applied_now):
                with self._write() as conn:  # an existing store: fill its new search tables
                    read_search.refresh_search_index(conn)
        except sqlite3.Error as exc:
            # Nearly always a wrong path or missing permissions: the user's to fix (exit 2).
            raise errors.ConfigError("E301", path=self.path, detail=str(exc)) from exc

    # -- connections -----------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        # isolation_level=None: we issue BEGIN/COMMIT ourselves, the module must not.
        conn = sqlite3.connect(
            self.path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if not self._memory:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        return conn

    def _reader(self) -> sqlite3.Connection:
        if self._memory:
            return self._conn
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._readers.append(conn)
        return conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the lock keeps this process to a single writer."""
        with self._lock:
            conn = self._conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:  # another writer held the lock past the timeout
                raise errors.StoreError("E305", path=self.path, detail=str(exc)) from exc
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writes ----------------------------------------------------------------------
    def put_document(self, doc: Document, fingerprint: str) -> int:
        with self._write() as conn:
            old = conn.execute("SELECT id FROM documents WHERE source = ?", (doc.source,)).fetchone()
            if old is not None:
                # Cascades remove every fact of the old version; the id is reused so that
                # links to the document (URLs, exports) survive a re-ingestion.
                conn.execute("DELETE FROM documents WHERE id = ?", (old[0],))
            doc_id = _insert_document(conn, doc, fingerprint, old[0] if old else None)
            conn.execute("DELETE FROM failures WHERE source = ?", (doc.source,))
            _set_meta(conn, DIRTY, "1")
        return doc_id

    def remove_document(self, source: str) -> bool:
        with self._write() as conn:
            removed = conn.execute("DELETE FROM documents WHERE source = ?", (source,)).rowcount > 0
            conn.execute("DELETE FROM failures WHERE source = ?", (source,))
            if removed:
                _set_meta(conn, DIRTY, "1")
        return removed

    def record_failure(
        self, source: str, code: str, message: str, args: dict[str, Any] | None = None
    ) -> None:
        with self._write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO failures (source, code, message, at, args) VALUES (?, ?, ?, ?, ?)",
                (source, code, message, _now(), _json(args or {})),
            )

    def clear_failure(self, source: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM failures WHERE source = ?", (source,))

    def resolve(self) -> dict[str, int]:
        with self._write() as conn:
            counts = graph.resolve_corpus(conn)
            read_search.refresh_search_index(conn)
            _set_meta(conn, DIRTY, "0")
        return counts

    # -- reads -----------------------------------------------------------------------
    def document_state(self, source: str) -> DocState | None:
        row = (
            self._reader()
            .execute("SELECT id, content_hash, fingerprint FROM documents WHERE source = ?", (source,))
            .fetchone()
        )
        return DocState(doc_id=row[0], content_hash=row[1], fingerprint=row[2]) if row else None

    def sources(self) -> list[str]:
        return [r[0] for r in self._reader().execute("SELECT source FROM documents ORDER BY source")]

    def documents(self) -> list[DocInfo]:
        rows = self._reader().execute(
            "SELECT d.id, d.source, d.name, d.media_type, d.lang, d.n_words, "
            "(SELECT COUNT(*) FROM doc_entities e WHERE e.doc_id = d.id), d.stored_at "
            "FROM documents d ORDER BY d.source"
        )
        return [DocInfo(*row) for row in rows]

    def failures(self) -> list[FailureInfo]:
        rows = self._reader().execute("SELECT source, code, message, at, args FROM failures ORDER BY source")
        return [
            FailureInfo(source=source, code=code, message=message, at=at, args=json.loads(args))
            for source, code, message, at, args in rows
        ]

    def needs_resolution(self) -> bool:
        row = self._reader().execute("SELECT value FROM meta WHERE key = ?", (DIRTY,)).fetchone()
        return row is not None and row[0] == "1"

    def stats(self) -> dict[str, Any]:
        conn = self._reader()

        def count(sql: str) -> int:
            return int(conn.execute(sql).fetchone()[0])

        def by_type(sql: str) -> dict[str, int]:
            return {t: n for t, n in conn.execute(sql)}

        # Relations count once per (head entity, type, tail entity) across the corpus, with
        # symmetric types ordered so that A-B and B-A are one relation.
        symmetric = ", ".join(f"'{t}'" for t in sorted(SYMMETRIC_RELATIONS))
        relations = by_type(
            "SELECT type, COUNT(*) FROM (SELECT DISTINCT r.type, "
            f"CASE WHEN r.type IN ({symmetric}) THEN MIN(h.entity_id, t.entity_id) "
            "ELSE h.entity_id END AS a, "
            f"CASE WHEN r.type IN ({symmetric}) THEN MAX(h.entity_id, t.entity_id) "
            "ELSE t.entity_id END AS b "
            "FROM relations r JOIN doc_entities h ON h.id = r.head_id "
            "JOIN doc_entities t ON t.id = r.tail_id "
            "WHERE h.entity_id IS NOT NULL AND t.entity_id IS NOT NULL) GROUP BY type ORDER BY type"
        )
        return {
            "documents": count("SELECT COUNT(*) FROM documents"),
            "words": count("SELECT COALESCE(SUM(n_words), 0) FROM documents"),
            "entities": by_type("SELECT type, COUNT(*) FROM entities GROUP BY type ORDER BY type"),
            "relations": relations,
            "mentions": count("SELECT COUNT(*) FROM mentions"),
            "figures": count("SELECT COUNT(*) FROM figures"),
            "datasets": count("SELECT COUNT(*) FROM datasets"),
            "failures": count("SELECT COUNT(*) FROM failures"),
            "resolution_pending": self.needs_resolution(),
        }


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))


def _insert_document(conn: sqlite3.Connection, doc: Document, fingerprint: str, doc_id: int | None) -> int:
    cur = conn.execute(
        "INSERT INTO documents (id, source, name, content_hash, fingerprint, media_type, lang, text, "
        "n_words, sentences, meta, warnings, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            doc.source,
            doc.name,
            doc.content_hash,
            fingerprint,
            doc.media_type,
            doc.lang,
            doc.text,
            doc.n_words,
            _json([list(s) for s in doc.sentences]),
            _json(doc.meta),
            _json(doc.warnings),
            _now(),
        ),
    )
    new_id = cur.lastrowid
    assert new_id is not None
    conn.executemany(
        'INSERT INTO segments (doc_id, seq, start, "end", kind, lang, on_topic, title) '
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (new_id, i, s.start, s.end, s.kind, s.lang, int(s.on_topic), s.title)
            for i, s in enumerate(doc.segments)
        ],
    )
    # Ids are assigned here rather than read back row by row, so that every fact table is
    # one executemany; safe because the write lock is held for the whole transaction.
    first = conn.execute("SELECT COALESCE(MAX(id), 0) FROM doc_entities").fetchone()[0] + 1
    ent_ids = {e.key: first + i for i, e in enumerate(doc.entities)}
    if len(ent_ids) != len(doc.entities):
        raise errors.PipelineError(
            "E204", source=doc.source, key=_first_duplicate([e.key for e in doc.entities])
        )
    conn.executemany(
        "INSERT INTO doc_entities (id, doc_id, key, name, type, subtype, aliases, on_topic, attrs, "
        "method, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                ent_ids[e.key],
                new_id,
                e.key,
                e.name,
                e.type,
                e.subtype,
                _json(list(e.aliases)),
                int(e.on_topic),
                _json(e.attrs),
                e.method,
                e.confidence,
            )
            for e in doc.entities
        ],
    )
    conn.executemany(
        'INSERT INTO mentions (doc_id, doc_entity_id, start, "end", text, type, subtype, method, '
        "confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                new_id,
                ent_ids.get(m.entity) if m.entity else None,
                m.start,
                m.end,
                m.text,
                m.type,
                m.subtype,
                m.method,
                m.confidence,
            )
            for m in doc.mentions
        ],
    )
    # A relation between keys the document does not define has no anchor; like the
    # extraction contract, the store leaves it out.
    conn.executemany(
        'INSERT INTO relations (doc_id, head_id, tail_id, type, role, start, "end", method, '
        "confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (new_id, ent_ids[r.head], ent_ids[r.tail], r.type, r.role, r.start, r.end, r.method, r.confidence)
            for r in doc.relations
            if r.head in ent_ids and r.tail in ent_ids
        ],
    )
    conn.executemany(
        'INSERT INTO figures (doc_id, doc_entity_id, start, "end", text, value, unit, subject, '
        "qualifier, method, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                new_id,
                ent_ids.get(f.entity) if f.entity else None,
                f.start,
                f.end,
                f.text,
                f.value,
                f.unit,
                f.subject,
                f.qualifier,
                f.method,
                f.confidence,
            )
            for f in doc.figures
        ],
    )
    for seq, table in enumerate(doc.tables):
        cur = conn.execute(
            'INSERT INTO datasets (doc_id, seq, name, start, "end", columns, method, confidence) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                new_id,
                seq,
                table.name,
                table.start,
                table.end,
                _json([{"name": c.name, "dtype": c.dtype} for c in table.columns]),
                table.method,
                table.confidence,
            ),
        )
        dataset_id = cur.lastrowid
        rows = []
        for i, values in enumerate(table.rows):
            span = table.row_spans[i] if i < len(table.row_spans) else (None, None)
            key = table.row_entities[i] if i < len(table.row_entities) else None
            rows.append((dataset_id, new_id, i, _json(values), span[0], span[1], ent_ids.get(key or "")))
        conn.executemany(
            'INSERT INTO dataset_rows (dataset_id, doc_id, seq, "values", start, "end", doc_entity_id) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    return new_id


def _first_duplicate(keys: list[str]) -> str:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            return key
        seen.add(key)
    return ""
