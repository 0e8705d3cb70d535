"""Paged profiles and documents, precomputed fact counts, and caches that follow the store.

A busy entity of a generated store (bench/make_big_store.py at 3,000 entities) has hundreds
of mentions: its profile comes page by page, in document order, with the full counts. The
web app's caches are keyed by the store's revision, so a write to the store shows up.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from hafen.build import build
from hafen.store import read
from hafen.store.sqlite import SQLiteStore
from hafen.web import cache, pages
from hafen.web.app import make_app
from hafen.web.render import pieces, window

REPO = Path(__file__).resolve().parents[2]
SIZE = read.PROFILE_LIMIT


@pytest.fixture(scope="module")
def busy_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("make_big_store", REPO / "bench" / "make_big_store.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    db = tmp_path_factory.mktemp("busy") / "busy.db"
    module.build(db, 3000, 60, 200)
    return db


@pytest.fixture(scope="module")
def busy(busy_db: Path) -> Iterator[tuple[TestClient, SQLiteStore, int]]:
    with SQLiteStore(busy_db) as store, TestClient(make_app(str(busy_db))) as client:
        top = store.read_entities(type="ORG", limit=1)["items"][0]["id"]
        yield client, store, top


def test_profile_pages_follow_each_other_in_document_order(busy: tuple[TestClient, SQLiteStore, int]) -> None:
    client, store, top = busy
    full = store.read_entity(top)
    assert full and len(full["mentions"]) > 2 * SIZE
    first = client.get(f"/api/entities/{top}").json()
    second = client.get(f"/api/entities/{top}?offset={SIZE}").json()
    assert first["mentions"] + second["mentions"] == full["mentions"][: 2 * SIZE]
    assert [(m["doc_id"], m["start"]) for m in full["mentions"]] == sorted(
        (m["doc_id"], m["start"]) for m in full["mentions"]
    )
    both = first["relations_out"] + second["relations_out"]
    assert [r["id"] for r in both] == [r["id"] for r in full["relations_out"][: len(both)]]
    assert first["counts"] == second["counts"]
    assert first["counts"]["mentions"] == len(full["mentions"])
    assert first["counts"]["relations_in"] == len(full["relations_in"])
    # Every evidence sentence holds its span.
    assert all(m["text"] in m["sentence"] for m in first["mentions"] + second["mentions"])


def test_profile_page_links_in_both_languages(busy: tuple[TestClient, SQLiteStore, int]) -> None:
    client, store, top = busy
    n = store.read_entity(top, limit=1)["counts"]["mentions"]  # type: ignore[index]
    pages_total = -(-n // SIZE)
    de = client.get(f"/entity/{top}?lang=de").text
    assert f'href="/entity/{top}?page=2"' in de and "weitere Belege" in de
    assert re.search(rf"1–{SIZE} von [\d.]+", de)
    assert f"Seite 1 von {pages_total}" in de
    en = client.get(f"/entity/{top}?page=2&lang=en").text
    assert f'href="/entity/{top}"' in en and f'href="/entity/{top}?page=3"' in en
    assert f"showing {SIZE + 1}–{2 * SIZE} of" in en and "more evidence" in en
    last = client.get(f"/entity/{top}?page={pages_total}&lang=en").text
    assert "more evidence" not in last and f"page {pages_total} of {pages_total}" in last
    assert client.get(f"/entity/{top}?page=0").status_code == 400
    assert client.get(f"/entity/{top}?page=zwei").status_code == 400


def test_precomputed_fact_counts_agree_with_the_profile(busy: tuple[TestClient, SQLiteStore, int]) -> None:
    _, store, _ = busy
    counts = store.read_fact_counts()
    for ent in store.read_entities(limit=8)["items"] + store.read_entities(limit=4, offset=1500)["items"]:
        profile = store.read_entity(ent["id"], limit=5)
        assert profile is not None
        own = profile["counts"]
        assert counts.get(ent["id"], (0, 0, 0)) == (
            own["mentions"],
            own["relations_out"],
            own["relations_in"],
        )
        known = store.read_entity(ent["id"], limit=5, offset=5, known=counts.get(ent["id"], (0, 0, 0)))
        counted = store.read_entity(ent["id"], limit=5, offset=5)
        assert known == counted


def test_cooccurring_topics_are_ranked_by_shared_documents(busy: tuple[TestClient, SQLiteStore, int]) -> None:
    _, store, top = busy
    profile = store.read_entity(top, limit=10)
    assert profile is not None
    shared = [t["shared_docs"] for t in profile["topics"]]
    assert shared and shared == sorted(shared, reverse=True) and len(profile["topics"]) <= 10
    conn = store._reader()
    best = profile["topics"][0]
    n = conn.execute(
        "SELECT COUNT(DISTINCT a.doc_id) FROM doc_entities a JOIN doc_entities b ON b.doc_id = a.doc_id "
        "WHERE a.entity_id = ? AND b.entity_id = ? AND a.doc_id IN "
        "(SELECT doc_id FROM doc_entities WHERE entity_id = ? ORDER BY doc_id LIMIT 20)",
        (top, best["id"], top),
    ).fetchone()[0]
    assert best["shared_docs"] == n


@pytest.fixture()
def small_db(tmp_path: Path, examples_dir: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(examples_dir, corpus)
    db = tmp_path / "small.db"
    with SQLiteStore(db) as store:
        build([corpus], store)
    return db


def test_pages_are_cached_until_the_store_changes(
    small_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "REVISION_TTL", 0.0)  # look at the store on every request
    with SQLiteStore(small_db) as store:
        before = store.revision()
        assert store.revision() == before  # no write, no change
        n_docs = store.read_documents()["total"]
    with TestClient(make_app(str(small_db))) as client:
        first = client.get("/docs?lang=de").text
        hits = cache.stats()["hits"]
        assert client.get("/docs?lang=de").text == first
        assert cache.stats()["hits"] > hits
        assert "neu-hafenbericht.txt" not in first
        extra = tmp_path / "extra"
        extra.mkdir()
        (extra / "neu-hafenbericht.txt").write_text(
            "Die Hafenlogistik Dortmund GmbH kooperiert mit der TU Dortmund im Projekt DataPort.",
            encoding="utf-8",
        )
        with SQLiteStore(small_db) as writer:
            build([extra], writer)
            assert writer.revision() != before
            assert writer.read_documents()["total"] == n_docs + 1
        after = client.get("/docs?lang=de").text
        assert "neu-hafenbericht.txt" in after
        assert client.get("/docs?lang=en").status_code == 200


def test_long_document_comes_in_parts_with_the_focus_in_view(
    small_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "DOC_PART", 400)
    with SQLiteStore(small_db) as store:
        doc = max(store.read_documents()["items"], key=lambda d: d["n_words"])
        full = store.read_document(doc["id"])
    assert full is not None and len(full["text"]) > 800
    late = next(m for m in full["mentions"] if m["start"] > 400 and m["end"] < len(full["text"]))
    with TestClient(make_app(str(small_db))) as client:
        n_parts = -(-len(full["text"]) // 400)
        first = client.get(f"/doc/{doc['id']}?lang=de").text
        assert f"Teil 1 von {n_parts} des Textes" in first and f'href="/doc/{doc["id"]}?part=2"' in first
        hl = client.get(f"/doc/{doc['id']}?hl={late['start']}-{late['end']}&lang=en").text
        part = late["start"] // 400 + 1
        assert f"part {part} of {n_parts} of the text" in hl
        assert f'id="span-{late["start"]}"' in hl
        assert client.get(f"/doc/{doc['id']}?part=0").status_code == 400


def test_window_and_pieces_keep_offsets() -> None:
    assert window(1000, 400, None, None) == (0, 400, 0, 3)
    assert window(1000, 400, None, (850, 860)) == (800, 1000, 2, 3)
    assert window(1000, 400, 9, None) == (800, 1000, 2, 3)
    assert window(10, 400, None, None) == (0, 10, 0, 1)
    text = "Die Ruhr-Universität Bochum und die Universität Duisburg-Essen forschen."
    outer = {"start": 4, "end": 27, "entity_id": 1}
    inner = {"start": 21, "end": 27, "entity_id": 2}
    parts = pieces(text, [outer, inner], (36, 62))
    assert "".join(p["text"] for p in parts) == text
    by_text = {p["text"]: p for p in parts}
    assert by_text["Ruhr-Universität "]["mention"] is outer
    assert by_text["Bochum"]["mention"] is inner  # the most specific name wins
    assert by_text["Universität Duisburg-Essen"]["focus"]


def test_warmer_counts_facts_and_reads_the_busiest_profiles_ahead(
    busy_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hafen.web import app as web_app
    from hafen.web import matching

    monkeypatch.setattr(matching, "warm", lambda store: None)  # the match index is not under test
    with SQLiteStore(busy_db) as store:
        assert cache.peek(store, "fact_counts") is None
        web_app.warm_once(store)
        counts = cache.peek(store, "fact_counts")
        assert counts == store.read_fact_counts()
        top = store.read_entities(limit=1)["items"][0]["id"]
        hits = cache.stats()["hits"]
        page = cache.profile(store, top, read.PROFILE_LIMIT)
        assert cache.stats()["hits"] == hits + 1  # read ahead by the warmer
        assert page == store.read_entity(top, limit=read.PROFILE_LIMIT)
        cache.forget(store)
        assert cache.peek(store, "fact_counts") is None
