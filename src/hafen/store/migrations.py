"""Named, recorded schema migrations of the SQLite store.

Each migration is applied once, inside one transaction together with the row that records
it, so a store is never left half-migrated. Append new migrations; never edit or reorder
applied ones, because stores in the field have recorded them by name.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

from hafen import errors

# Every fact table carries doc_id (ON DELETE CASCADE) and a character span into
# documents.text plus method and confidence: that is the provenance of the fact.
_INITIAL = """
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    media_type TEXT NOT NULL,
    lang TEXT,
    text TEXT NOT NULL,
    n_words INTEGER NOT NULL,
    sentences TEXT NOT NULL DEFAULT '[]',
    meta TEXT NOT NULL DEFAULT '{}',
    warnings TEXT NOT NULL DEFAULT '[]',
    stored_at TEXT NOT NULL
);

CREATE TABLE segments (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    lang TEXT,
    on_topic INTEGER NOT NULL,
    title TEXT
);

CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    norm_key TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    subtype TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',
    attrs TEXT NOT NULL DEFAULT '{}',
    n_docs INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE doc_entities (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    key TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    subtype TEXT,
    aliases TEXT NOT NULL DEFAULT '[]',
    on_topic INTEGER NOT NULL,
    attrs TEXT NOT NULL DEFAULT '{}',
    method TEXT NOT NULL,
    confidence REAL NOT NULL,
    entity_id INTEGER REFERENCES entities(id) ON DELETE SET NULL,
    UNIQUE (doc_id, key)
);

CREATE TABLE mentions (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc_entity_id INTEGER REFERENCES doc_entities(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    subtype TEXT,
    method TEXT NOT NULL,
    confidence REAL NOT NULL
);

CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    head_id INTEGER NOT NULL REFERENCES doc_entities(id) ON DELETE CASCADE,
    tail_id INTEGER NOT NULL REFERENCES doc_entities(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    role TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    method TEXT NOT NULL,
    confidence REAL NOT NULL
);

CREATE TABLE figures (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    doc_entity_id INTEGER REFERENCES doc_entities(id) ON DELETE SET NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    value REAL NOT NULL,
    unit TEXT,
    subject TEXT,
    qualifier TEXT,
    method TEXT NOT NULL,
    confidence REAL NOT NULL
);

CREATE TABLE datasets (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    columns TEXT NOT NULL,
    method TEXT NOT NULL,
    confidence REAL NOT NULL
);

CREATE TABLE dataset_rows (
    id INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    "values" TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    doc_entity_id INTEGER REFERENCES doc_entities(id) ON DELETE SET NULL
);

CREATE TABLE failures (
    source TEXT PRIMARY KEY,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Child-side foreign keys need indexes, or every cascading delete scans the whole table.
_INDEXES = """
CREATE INDEX segments_doc ON segments(doc_id);
CREATE INDEX doc_entities_doc ON doc_entities(doc_id);
CREATE INDEX doc_entities_entity ON doc_entities(entity_id);
CREATE INDEX doc_entities_type_name ON doc_entities(type, name);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_entity ON mentions(doc_entity_id);
CREATE INDEX relations_doc ON relations(doc_id);
CREATE INDEX relations_head ON relations(head_id);
CREATE INDEX relations_tail ON relations(tail_id);
CREATE INDEX figures_doc ON figures(doc_id);
CREATE INDEX figures_entity ON figures(doc_entity_id);
CREATE INDEX datasets_doc ON datasets(doc_id);
CREATE INDEX dataset_rows_dataset ON dataset_rows(dataset_id);
CREATE INDEX dataset_rows_doc ON dataset_rows(doc_id);
CREATE INDEX dataset_rows_entity ON dataset_rows(doc_entity_id);
CREATE INDEX entities_type_key ON entities(type, norm_key);
"""

# The fields of a failure's coded message, so status can show it in the reader's language.
_FAILURE_ARGS = """
ALTER TABLE failures ADD COLUMN args TEXT NOT NULL DEFAULT '{}';
"""

# Full-text search. The trigram tokenizer matches inside German compounds ("Wasserstoff"
# finds "Wasserstoffstrategie") and leaves umlauts and ß alone; both indexes are external
# content tables kept in step by triggers, so they cost no second copy of the text.
_FULLTEXT = """
CREATE VIRTUAL TABLE documents_fts USING fts5(
    text, content='documents', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO documents_fts (rowid, text) VALUES (new.id, new.text);
END;
INSERT INTO documents_fts (documents_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE entities_fts USING fts5(
    name, aliases, content='entities', content_rowid='id', tokenize='trigram'
);
CREATE TRIGGER entities_fts_insert AFTER INSERT ON entities BEGIN
    INSERT INTO entities_fts (rowid, name, aliases) VALUES (new.id, new.name, new.aliases);
END;
CREATE TRIGGER entities_fts_delete AFTER DELETE ON entities BEGIN
    INSERT INTO entities_fts (entities_fts, rowid, name, aliases)
    VALUES ('delete', old.id, old.name, old.aliases);
END;
CREATE TRIGGER entities_fts_update AFTER UPDATE OF name, aliases ON entities BEGIN
    INSERT INTO entities_fts (entities_fts, rowid, name, aliases)
    VALUES ('delete', old.id, old.name, old.aliases);
    INSERT INTO entities_fts (rowid, name, aliases) VALUES (new.id, new.name, new.aliases);
END;
INSERT INTO entities_fts (entities_fts) VALUES ('rebuild');
"""

# Resolution keeps every merge with its reason (rebuilt on each resolve); curated decisions
# are stored by natural keys (type, folded name, document source) so that they survive
# rebuilds that renumber document entities.
_MERGES_AND_CURATIONS = """
CREATE TABLE merges (
    id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    a INTEGER NOT NULL REFERENCES doc_entities(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES doc_entities(id) ON DELETE CASCADE,
    rule TEXT NOT NULL,
    score REAL NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX merges_entity ON merges(entity_id);
CREATE INDEX merges_a ON merges(a);
CREATE INDEX merges_b ON merges(b);

CREATE TABLE curations (
    id INTEGER PRIMARY KEY,
    action TEXT NOT NULL CHECK (action IN ('merge', 'split')),
    a_type TEXT NOT NULL,
    a_norm TEXT NOT NULL,
    a_source TEXT NOT NULL,
    a_label TEXT NOT NULL,
    b_type TEXT NOT NULL,
    b_norm TEXT NOT NULL,
    b_source TEXT NOT NULL,
    b_label TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""

# Profile vectors for matchmaking, recomputed only when the profile text (its hash) changes.
_EMBEDDINGS = """
CREATE TABLE embeddings (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    text_hash TEXT NOT NULL,
    PRIMARY KEY (entity_id, model)
);
"""

# The web app's lists and profiles on a large store: entities by documentation (overall and
# per type), documents by name, topics and places per document (profile side lists).
_WEB_INDEXES = """
CREATE INDEX entities_n_docs ON entities(n_docs DESC, name);
CREATE INDEX entities_type_n_docs ON entities(type, n_docs DESC, name);
CREATE INDEX documents_name ON documents(name);
CREATE INDEX doc_entities_doc_type ON doc_entities(doc_id, type, entity_id);
"""

# An entity's profile page by page on a large store: its records in document order, and each
# record's mentions by position, so a page of evidence stops after its rows instead of sorting
# every mention of the busiest entity; relations by both ends and records with their entity
# as covering indexes, so counting the relations of an entity reads no table rows. Each wider
# index replaces the one that is its prefix (same lookups, one index fewer to write).
_PROFILE_PAGE_INDEXES = """
DROP INDEX IF EXISTS doc_entities_entity;
CREATE INDEX doc_entities_entity_doc ON doc_entities(entity_id, doc_id);
CREATE INDEX doc_entities_id_entity ON doc_entities(id, entity_id);
DROP INDEX IF EXISTS mentions_entity;
CREATE INDEX mentions_entity_start ON mentions(doc_entity_id, start);
DROP INDEX IF EXISTS relations_head;
CREATE INDEX relations_head_tail ON relations(head_id, tail_id);
DROP INDEX IF EXISTS relations_tail;
CREATE INDEX relations_tail_head ON relations(tail_id, head_id);
"""

# Entity search on a large store: a compact trigram index over folded names and aliases
# (umlauts and ß transliterated, as in hafen.resolve.normalize.fold), contentless, whose rowid
# is (kind code << 32) | popularity rank. FTS5 walks rowids in order, so the most documented
# hits come first and a page stops early; facet counts group on the rowid alone. Filled by
# hafen.store.read_search.refresh_search_index at every resolution (and once after this
# migration); the old entities_fts and its triggers are dropped, as nothing reads them now.
_ENTITY_SEARCH = """
DROP TRIGGER IF EXISTS entities_fts_insert;
DROP TRIGGER IF EXISTS entities_fts_delete;
DROP TRIGGER IF EXISTS entities_fts_update;
DROP TABLE IF EXISTS entities_fts;
CREATE VIRTUAL TABLE entity_search USING fts5(names, content='', tokenize='trigram');
CREATE TABLE entity_search_ids (pos INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL);
CREATE TABLE entity_search_kinds (
    code INTEGER PRIMARY KEY,
    type TEXT NOT NULL,
    subtype TEXT,
    n INTEGER NOT NULL
);
CREATE INDEX entity_search_ids_entity ON entity_search_ids(entity_id);
CREATE INDEX entities_norm_key ON entities(norm_key);
"""

# Search facets on a large store: per document, the ids of the topics and places it names
# (comma-separated, each once), so the facets of the best document hits come from one row
# per document instead of its every record. Filled with the entity search index.
_SEARCH_DOC_FACETS = """
CREATE TABLE search_doc_facets (
    doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    topics TEXT NOT NULL,
    places TEXT NOT NULL
);
"""

MIGRATIONS: list[tuple[str, str]] = [
    ("0001_documents_and_facts", _INITIAL),
    ("0002_lookup_indexes", _INDEXES),
    ("0003_failure_args", _FAILURE_ARGS),
    ("0004_fulltext_search", _FULLTEXT),
    ("0010_merges_and_curations", _MERGES_AND_CURATIONS),
    ("0011_embeddings", _EMBEDDINGS),
    ("0020_web_indexes", _WEB_INDEXES),
    ("0030_entity_search", _ENTITY_SEARCH),
    ("0031_search_doc_facets", _SEARCH_DOC_FACETS),
    ("0040_profile_page_indexes", _PROFILE_PAGE_INDEXES),
]


def _statements(sql: str) -> list[str]:
    """Split a script into statements; ``executescript`` would commit, breaking atomicity."""
    statements, current = [], ""
    for line in sql.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements


def applied(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations recorded in the store, in the order they were applied."""
    rows = conn.execute("SELECT name FROM migrations ORDER BY rowid").fetchall()
    return [row[0] for row in rows]


def migrate(conn: sqlite3.Connection, path: str) -> list[str]:
    """Apply the migrations the store lacks; returns the names applied now.

    ``conn`` must be in autocommit mode; each migration runs in its own transaction.
    """
    conn.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    known = {name for name, _ in MIGRATIONS}
    for name in applied(conn):
        if name not in known:
            raise errors.StoreError("E302", path=path, name=name)
    done: list[str] = []
    for name, sql in MIGRATIONS:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-check under the write lock: another process may have migrated meanwhile.
            if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                conn.execute("COMMIT")
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                (name, datetime.now(UTC).isoformat(timespec="seconds")),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        done.append(name)
    return done
