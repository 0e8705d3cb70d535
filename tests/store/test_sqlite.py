"""SQLiteStore: migrations, atomic replacement of a document's facts, resolution, stats."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hafen import errors
from hafen.document import Column, Document, Entity, Figure, Mention, Relation, Segment, Table
from hafen.store import DocState, Store, open_store
from hafen.store.migrations import MIGRATIONS
from hafen.store.sqlite import SQLiteStore

TEXT_A = (
    "Die Technische Universität Dortmund und das Fraunhofer‑Institut für Materialfluss und "
    "Logistik kooperieren beim Projekt „Silicon Economy“ in Dortmund."
)
TEXT_B = "Die TU Dortmund kooperiert mit dem Fraunhofer-Institut für Materialfluss und Logistik."


def _span(text: str, form: str) -> tuple[int, int]:
    start = text.index(form)
    return start, start + len(form)


def make_doc(source: str, text: str, entities: list[tuple[str, str, str, list[str]]]) -> Document:
    """A document with one mention per entity name and a cooperation between the first two ORGs."""
    doc = Document(source=source, text=text, content_hash=f"hash-{len(text)}", lang="de")
    doc.segments.append(Segment(0, len(text), lang="de"))
    doc.sentences.append((0, len(text)))
    for i, (form, name, typ, aliases) in enumerate(entities):
        key = f"e{i}"
        doc.entities.append(Entity(key=key, name=name, type=typ, aliases=aliases))
        start, end = _span(text, form)
        doc.mentions.append(Mention(start, end, form, typ, entity=key))
    orgs = [e.key for e in doc.entities if e.type == "ORG"]
    if len(orgs) >= 2:
        doc.relations.append(Relation(orgs[0], "cooperates_with", orgs[1], 0, len(text)))
    return doc


def doc_a(source: str = "/corpus/a.txt") -> Document:
    return make_doc(
        source,
        TEXT_A,
        [
            ("Technische Universität Dortmund", "Technische Universität Dortmund", "ORG", ["TU Dortmund"]),
            (
                "Fraunhofer‑Institut für Materialfluss und Logistik",
                "Fraunhofer‑Institut für Materialfluss und Logistik",
                "ORG",
                [],
            ),
            ("Silicon Economy", "Silicon Economy", "PROJECT", []),
            ("Dortmund", "Dortmund", "PLACE", []),
        ],
    )


def doc_b(source: str = "/corpus/b.txt") -> Document:
    # Head and tail swapped relative to doc A: the symmetric relation is still one relation.
    return make_doc(
        source,
        TEXT_B,
        [
            (
                "Fraunhofer-Institut für Materialfluss und Logistik",
                "Fraunhofer-Institut für Materialfluss und Logistik",
                "ORG",
                [],
            ),
            ("TU Dortmund", "TU Dortmund", "ORG", []),
        ],
    )


def rows(store: SQLiteStore, table: str, doc_id: int | None = None) -> int:
    with sqlite3.connect(store.path) as conn:
        if doc_id is None:
            return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
        return int(conn.execute(f"SELECT COUNT(*) FROM {table} WHERE doc_id = ?", (doc_id,)).fetchone()[0])


def test_sqlite_store_satisfies_protocol(store: SQLiteStore) -> None:
    assert isinstance(store, Store)


def test_sqlite_migrations_recorded_and_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        first = conn.execute("SELECT name, applied_at FROM migrations ORDER BY rowid").fetchall()
    assert [name for name, _ in first] == [name for name, _ in MIGRATIONS]
    SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT name, applied_at FROM migrations ORDER BY rowid").fetchall() == first


def test_sqlite_unknown_migration_is_e302(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    SQLiteStore(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO migrations VALUES ('9999_from_the_future', '2030-01-01')")
    with pytest.raises(errors.StoreError) as info:
        SQLiteStore(path)
    assert info.value.code == "E302"
    assert "9999_from_the_future" in str(info.value)


def test_sqlite_pragmas_wal_and_foreign_keys(store: SQLiteStore) -> None:
    conn = store._reader()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_sqlite_open_store_missing_is_e403(tmp_path: Path) -> None:
    with pytest.raises(errors.ConfigError) as info:
        open_store(str(tmp_path / "nope.db"), create=False)
    assert info.value.code == "E403"
    assert not (tmp_path / "nope.db").exists()


def test_sqlite_put_stores_every_fact_with_provenance(store: SQLiteStore) -> None:
    doc = doc_a()
    doc.figures.append(Figure(0, 3, "400", 400.0, subject="Arbeitsplätze", entity="e0"))
    doc_id = store.put_document(doc, "fp1")
    assert store.document_state("/corpus/a.txt") == DocState(doc_id, doc.content_hash, "fp1")
    assert rows(store, "doc_entities", doc_id) == 4
    assert rows(store, "mentions", doc_id) == 4
    assert rows(store, "relations", doc_id) == 1
    assert rows(store, "figures", doc_id) == 1
    with sqlite3.connect(store.path) as conn:
        start, end, text, method = conn.execute(
            'SELECT m.start, m."end", m.text, m.method FROM mentions m JOIN doc_entities e '
            "ON e.id = m.doc_entity_id WHERE e.name = 'Silicon Economy'"
        ).fetchone()
    assert TEXT_A[start:end] == text == "Silicon Economy"
    assert method == "rule"


def test_sqlite_put_replaces_facts_without_touching_other_documents(store: SQLiteStore) -> None:
    id_a = store.put_document(doc_a(), "fp")
    id_b = store.put_document(doc_b(), "fp")
    before_b = [rows(store, t, id_b) for t in ("doc_entities", "mentions", "relations")]

    smaller = make_doc("/corpus/a.txt", TEXT_A, [("Dortmund", "Dortmund", "PLACE", [])])
    assert store.put_document(smaller, "fp2") == id_a  # the id survives re-ingestion
    assert store.put_document(smaller, "fp2") == id_a
    assert rows(store, "documents") == 2
    assert rows(store, "doc_entities", id_a) == 1
    assert rows(store, "mentions", id_a) == 1
    assert rows(store, "relations", id_a) == 0
    assert [rows(store, t, id_b) for t in ("doc_entities", "mentions", "relations")] == before_b


def test_sqlite_failed_put_keeps_previous_version(store: SQLiteStore) -> None:
    doc_id = store.put_document(doc_a(), "fp")
    broken = doc_a()
    broken.entities.append(Entity(key="e0", name="Doppelt", type="ORG"))
    with pytest.raises(errors.PipelineError) as info:
        store.put_document(broken, "fp2")
    assert info.value.code == "E204"
    assert store.document_state("/corpus/a.txt").fingerprint == "fp"  # type: ignore[union-attr]
    assert rows(store, "mentions", doc_id) == 4


def test_sqlite_remove_document(store: SQLiteStore) -> None:
    id_a = store.put_document(doc_a(), "fp")
    id_b = store.put_document(doc_b(), "fp")
    store.resolve()
    assert store.remove_document("/corpus/a.txt") is True
    assert store.remove_document("/corpus/a.txt") is False
    assert store.sources() == ["/corpus/b.txt"]
    for table in ("doc_entities", "mentions", "relations", "figures", "segments"):
        assert rows(store, table, id_a) == 0
    assert rows(store, "mentions", id_b) == 2
    assert store.needs_resolution()


def test_sqlite_resolve_links_same_entity_across_documents(store: SQLiteStore) -> None:
    store.put_document(doc_a(), "fp")
    store.put_document(doc_b(), "fp")
    assert store.needs_resolution()
    store.resolve()
    assert not store.needs_resolution()
    with sqlite3.connect(store.path) as conn:
        linked = conn.execute(
            "SELECT e.name, COUNT(DISTINCT d.doc_id) FROM entities e JOIN doc_entities d "
            "ON d.entity_id = e.id GROUP BY e.id ORDER BY e.name"
        ).fetchall()
        unlinked = conn.execute("SELECT COUNT(*) FROM doc_entities WHERE entity_id IS NULL").fetchone()[0]
    names = dict(linked)
    # "TU Dortmund" is an alias in A and the name in B; the dash variants of Fraunhofer agree.
    assert names["Technische Universität Dortmund"] == 2
    assert sum(1 for n in names if n.startswith("Fraunhofer")) == 1
    assert next(n for n in names if n.startswith("Fraunhofer")) in {
        "Fraunhofer‑Institut für Materialfluss und Logistik",
        "Fraunhofer-Institut für Materialfluss und Logistik",
    }
    assert names["Dortmund"] == 1  # the city is not the university
    assert unlinked == 0


def test_sqlite_resolve_keeps_ids_and_removes_orphans(store: SQLiteStore) -> None:
    store.put_document(doc_a(), "fp")
    store.put_document(doc_b(), "fp")
    store.resolve()
    with sqlite3.connect(store.path) as conn:
        before = dict(conn.execute("SELECT name, id FROM entities").fetchall())
    store.put_document(doc_a(), "fp2")
    store.remove_document("/corpus/b.txt")
    result = store.resolve()
    with sqlite3.connect(store.path) as conn:
        after = dict(conn.execute("SELECT name, id FROM entities").fetchall())
    assert result["entities"] == 4
    assert after["Silicon Economy"] == before["Silicon Economy"]
    assert after["Technische Universität Dortmund"] == before["Technische Universität Dortmund"]
    assert len(after) == 4


def test_sqlite_stats_counts_corpus_relations_once(store: SQLiteStore) -> None:
    store.put_document(doc_a(), "fp")
    store.put_document(doc_b(), "fp")
    store.record_failure("/corpus/kaputt.pdf", "E104", "das PDF hat keine Textebene")
    store.resolve()
    stats = store.stats()
    assert stats["documents"] == 2
    assert stats["entities"] == {"ORG": 2, "PLACE": 1, "PROJECT": 1}
    assert stats["relations"] == {"cooperates_with": 1}
    assert stats["mentions"] == 6
    assert stats["failures"] == 1
    assert stats["words"] == len(TEXT_A.split()) + len(TEXT_B.split())
    assert stats["resolution_pending"] is False


def test_sqlite_failure_shown_in_either_language(store: SQLiteStore) -> None:
    store.record_failure(
        "/corpus/x.pdf", "E103", "die Datei ist 40 MB groß", {"size_mb": 40.2, "limit_mb": 25}
    )
    (failure,) = store.failures()
    assert failure.text("en") == "the file is 40 MB, over the limit of 25 MB; raise it with --max-mb"
    assert failure.text("de").startswith("die Datei ist 40 MB groß")


def test_sqlite_failure_cleared_when_document_stored(store: SQLiteStore) -> None:
    store.record_failure("/corpus/a.txt", "E110", "nicht lesbar")
    assert [f.code for f in store.failures()] == ["E110"]
    store.put_document(doc_a(), "fp")
    assert store.failures() == []


def test_sqlite_tables_stored_as_datasets(store: SQLiteStore) -> None:
    text = "Stadt;Gründungen\nDortmund;1.204\nBochum;812\n"
    doc = Document(source="/corpus/gruendungen.csv", text=text, content_hash="h", media_type="text/csv")
    doc.entities = [Entity("p1", "Dortmund", "PLACE", "city"), Entity("p2", "Bochum", "PLACE", "city")]
    doc.tables.append(
        Table(
            start=0,
            end=len(text),
            columns=[Column("Stadt", "str"), Column("Gründungen", "int")],
            rows=[{"Stadt": "Dortmund", "Gründungen": 1204}, {"Stadt": "Bochum", "Gründungen": 812}],
            row_spans=[(17, 32), (33, 43)],
            row_entities=["p1", "p2"],
            name="Gründungen 2025",
        )
    )
    doc_id = store.put_document(doc, "fp")
    assert store.stats()["datasets"] == 1
    with sqlite3.connect(store.path) as conn:
        values = conn.execute(
            'SELECT r."values", e.name FROM dataset_rows r JOIN doc_entities e ON e.id = r.doc_entity_id '
            "WHERE r.doc_id = ? ORDER BY r.seq",
            (doc_id,),
        ).fetchall()
    assert values[0] == ('{"Gründungen": 1204, "Stadt": "Dortmund"}', "Dortmund")
    store.remove_document("/corpus/gruendungen.csv")
    assert rows(store, "dataset_rows") == 0


def test_sqlite_documents_listing(store: SQLiteStore) -> None:
    store.put_document(doc_b(), "fp")
    store.put_document(doc_a(), "fp")
    listing = store.documents()
    assert [d.name for d in listing] == ["a.txt", "b.txt"]
    assert listing[0].n_entities == 4
    assert listing[0].lang == "de"


def test_sqlite_reads_proceed_during_a_write(store: SQLiteStore) -> None:
    store.put_document(doc_a(), "fp")
    other = SQLiteStore(store.path)
    try:
        with store._write() as conn:  # a write transaction left open, as mid-build
            conn.execute("DELETE FROM documents")
            # WAL: another connection still reads the last committed state, without waiting.
            assert other.sources() == ["/corpus/a.txt"]
        assert other.sources() == []
    finally:
        other.close()
