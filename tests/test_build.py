"""The incremental build: skip unchanged files, replace changed ones, prune, survive bad files and kills."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from hafen import errors
from hafen.build import build
from hafen.store.sqlite import SQLiteStore

KIT_PATH = Path(__file__).parent / "store" / "kit.py"




@pytest.fixture
def corpus(kit_corpus: Path) -> Path:
    return kit_corpus


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(tmp_path / "hafen.db")
    yield s
    s.close()


def counts(db: str | Path) -> dict[str, int]:
    tables = ("documents", "doc_entities", "mentions", "relations", "figures", "entities")
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


def dump(db: str | Path) -> list[str]:
    """The whole database as SQL: equal dumps mean equal content, down to timestamps."""
    with sqlite3.connect(db) as conn:
        return list(conn.iterdump())


def test_build_stores_documents_and_resolves(corpus: Path, store: SQLiteStore, kit: ModuleType) -> None:
    report = build([corpus], store, pipeline=[kit.STAGE])
    assert (report.read, report.unchanged, report.failed, report.removed) == (3, 0, 0, 0)
    assert report.exit_status == 0
    assert report.resolved and not store.needs_resolution()
    assert report.words == sum(len(t.split()) for t in kit.TEXTS.values())
    assert report.stats["entities"]["ORG"] == 5
    assert report.stats["relations"] == {"cooperates_with": 3}
    # The university is named "TU Dortmund" in two documents: one corpus entity.
    with sqlite3.connect(store.path) as conn:
        n_docs = conn.execute(
            "SELECT n_docs FROM entities WHERE name = 'Technische Universität Dortmund'"
        ).fetchone()[0]
    assert n_docs == 2


def test_build_second_run_is_idempotent(corpus: Path, store: SQLiteStore, kit: ModuleType) -> None:
    build([corpus], store, pipeline=[kit.STAGE])
    before_counts, before_rows = counts(store.path), dump(store.path)
    kit.BUILT.clear()
    report = build([corpus], store, pipeline=[kit.STAGE])
    assert (report.read, report.unchanged, report.failed) == (0, 3, 0)
    assert not report.resolved
    assert kit.BUILT == []  # no pipeline was loaded for an unchanged corpus
    assert counts(store.path) == before_counts
    assert dump(store.path) == before_rows


def test_build_changed_file_replaces_only_its_facts(
    corpus: Path, store: SQLiteStore, kit: ModuleType
) -> None:
    build([corpus], store, pipeline=[kit.STAGE])
    with sqlite3.connect(store.path) as conn:
        other_before = conn.execute(
            "SELECT m.* FROM mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE d.name != 'gruendung.txt' ORDER BY m.id"
        ).fetchall()
    (corpus / "gruendung.txt").write_text(
        "Die Wirtschaftsförderung Dortmund berät Start-ups im Ruhrgebiet.", encoding="utf-8"
    )
    report = build([corpus], store, pipeline=[kit.STAGE])
    assert (report.read, report.unchanged) == (1, 2)
    with sqlite3.connect(store.path) as conn:
        other_after = conn.execute(
            "SELECT m.* FROM mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE d.name != 'gruendung.txt' ORDER BY m.id"
        ).fetchall()
        changed = conn.execute(
            "SELECT m.text FROM mentions m JOIN documents d ON d.id = m.doc_id "
            "WHERE d.name = 'gruendung.txt' ORDER BY m.start"
        ).fetchall()
        persons = conn.execute("SELECT COUNT(*) FROM entities WHERE type = 'PERSON'").fetchone()[0]
    assert other_after == other_before
    assert changed == [("Wirtschaftsförderung Dortmund",), ("Ruhrgebiet",)]
    assert persons == 0  # Jürgen Weiß was only in the old version: the orphan is gone


def test_build_new_fingerprint_rebuilds(corpus: Path, store: SQLiteStore, kit: ModuleType) -> None:
    build([corpus], store, pipeline=[kit.STAGE])

    class Upgraded:
        fingerprint = "a-newer-pipeline"

        def __call__(self, doc):  # type: ignore[no-untyped-def]
            return kit.stage(doc)

    report = build([corpus], store, pipeline=Upgraded())
    assert (report.read, report.unchanged) == (3, 0)
    assert {store.document_state(s).fingerprint for s in store.sources()} == {"a-newer-pipeline"}  # type: ignore[union-attr]


def test_build_prune_removes_vanished_sources_under_the_inputs(
    tmp_path: Path, corpus: Path, store: SQLiteStore, kit: ModuleType
) -> None:
    elsewhere = tmp_path / "anderswo"
    kit.write_corpus(elsewhere, {"extra.txt": "Das Lamarr-Institut sitzt in Dortmund."})
    build([corpus, elsewhere], store, pipeline=[kit.STAGE])
    (corpus / "wasserstoff.txt").unlink()

    report = build([corpus], store, pipeline=[kit.STAGE])
    assert report.removed == 0  # without --prune nothing is removed
    report = build([corpus], store, pipeline=[kit.STAGE], prune=True)
    assert report.removed == 1
    names = sorted(Path(s).name for s in store.sources())
    assert names == ["extra.txt", "gruendung.txt", "logistik.txt"]  # outside the inputs: kept
    assert "Ruhr-Universität Bochum" not in {n for (n,) in _entity_names(store)}


def _entity_names(store: SQLiteStore) -> list[tuple[str]]:
    with sqlite3.connect(store.path) as conn:
        return conn.execute("SELECT name FROM entities").fetchall()


def test_build_bad_file_among_good_ones(corpus: Path, store: SQLiteStore, kit: ModuleType) -> None:
    build([corpus], store, pipeline=[kit.STAGE])
    stored = counts(store.path)
    (corpus / "logistik.txt").write_bytes(b"")  # was good, now broken: old facts stay
    (corpus / "leer.txt").write_bytes(b"   \n")
    report = build([corpus], store, pipeline=[kit.STAGE])
    assert (report.read, report.unchanged, report.failed) == (0, 2, 2)
    assert report.exit_status == 3
    assert sorted(Path(s).name for s, _ in report.failures) == ["leer.txt", "logistik.txt"]
    assert all(reason.startswith("[E1") and "\n" not in reason for _, reason in report.failures)
    assert counts(store.path) == stored
    assert sorted(Path(f.source).name for f in store.failures()) == ["leer.txt", "logistik.txt"]

    (corpus / "logistik.txt").write_text(kit.TEXTS["logistik.txt"], encoding="utf-8")  # edit undone
    (corpus / "leer.txt").unlink()
    report = build([corpus], store, pipeline=[kit.STAGE], prune=True)
    assert (report.read, report.unchanged, report.failed) == (0, 3, 0)
    assert store.failures() == []


def test_build_nothing_readable_is_status_1(tmp_path: Path, store: SQLiteStore, kit: ModuleType) -> None:
    folder = tmp_path / "leer"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"")
    report = build([folder], store, pipeline=[kit.STAGE])
    assert report.exit_status == 1


def test_build_stage_failure_is_reported_not_raised(
    corpus: Path, store: SQLiteStore, kit: ModuleType
) -> None:
    class Broken:
        fingerprint = "broken"

        def __call__(self, doc):  # type: ignore[no-untyped-def]
            if doc.name == "logistik.txt":
                raise errors.PipelineError(
                    "E203", name="test", source=doc.source, detail="ValueError: kaputt"
                )
            return kit.stage(doc)

    report = build([corpus], store, pipeline=Broken())
    assert (report.read, report.failed) == (2, 1)
    assert "E203" in report.failures[0][1]


def test_build_missing_path_is_config_error(tmp_path: Path, store: SQLiteStore, kit: ModuleType) -> None:
    with pytest.raises(errors.ConfigError) as info:
        build([tmp_path / "gibt-es-nicht"], store, pipeline=[kit.STAGE])
    assert info.value.code == "E402"


def test_build_completes_resolution_left_by_an_earlier_run(
    corpus: Path, store: SQLiteStore, kit: ModuleType
) -> None:
    build([corpus], store, pipeline=[kit.STAGE])
    doc = kit.stage(kit._read_file(corpus / "logistik.txt"))
    doc.source = str((corpus / "logistik.txt").resolve())
    store.put_document(doc, "fp-of-a-killed-run")  # as if killed between put and resolve
    assert store.needs_resolution()
    report = build([corpus], store, pipeline=[kit.STAGE])
    assert report.resolved and not store.needs_resolution()


CRASH_SCRIPT = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("hafen_testkit", {kit!r})
kit = importlib.util.module_from_spec(spec)
sys.modules["hafen_testkit"] = kit
spec.loader.exec_module(kit)
kit.install()
from hafen.build import build
from hafen.store.sqlite import SQLiteStore
build([{corpus!r}], SQLiteStore({db!r}), pipeline=kit.FixedPipeline())
"""


@pytest.mark.slow
def test_build_killed_midway_leaves_consistent_store(tmp_path: Path, kit: ModuleType) -> None:
    corpus = tmp_path / "viele"
    texts = {
        f"meldung_{i:03d}.txt": list(kit.TEXTS.values())[i % 3] + f" Meldung Nr. {i}." for i in range(60)
    }
    kit.write_corpus(corpus, texts)
    db = tmp_path / "crash.db"
    script = tmp_path / "run_build.py"
    script.write_text(textwrap.dedent(CRASH_SCRIPT.format(kit=str(KIT_PATH), corpus=str(corpus), db=str(db))))
    env = {**os.environ, kit.SLEEP_ENV: "0.05"}
    proc = subprocess.Popen([sys.executable, str(script)], env=env)
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while stored < 5 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
            if db.exists():
                try:
                    with sqlite3.connect(db) as conn:
                        stored = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
                except sqlite3.OperationalError:  # schema not created yet
                    stored = 0
        assert proc.poll() is None, "the build finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        docs = conn.execute("SELECT id, text FROM documents").fetchall()
        assert 0 < len(docs) < len(texts)
        for doc_id, text in docs:  # every stored document has all of its facts
            found = tuple(
                conn.execute(f"SELECT COUNT(*) FROM {t} WHERE doc_id = ?", (doc_id,)).fetchone()[0]
                for t in ("doc_entities", "mentions", "relations")
            )
            assert found == kit.expected_counts(text)
        dirty = conn.execute("SELECT value FROM meta WHERE key = 'resolution_dirty'").fetchone()[0]
    assert dirty == "1"

    with SQLiteStore(db) as store:
        report = build([corpus], store, pipeline=kit.FixedPipeline())
        assert report.unchanged == len(docs)
        assert report.read == len(texts) - len(docs)
        assert not store.needs_resolution()
        with sqlite3.connect(db) as conn:
            unlinked = conn.execute("SELECT COUNT(*) FROM doc_entities WHERE entity_id IS NULL").fetchone()[0]
        assert unlinked == 0
        assert store.stats()["documents"] == len(texts)
