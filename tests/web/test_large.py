"""A large store stays usable: capped network, map and profiles, totals left off the district map.

The generated store comes from bench/make_big_store.py at a small size (3,000 entities), so
the caps (500 network nodes) are reached in a second.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from hafen.store import read, read_views
from hafen.store.sqlite import SQLiteStore
from hafen.web.app import make_app

REPO = Path(__file__).resolve().parents[2]


def _make_big_store() -> object:
    spec = importlib.util.spec_from_file_location("make_big_store", REPO / "bench" / "make_big_store.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def big_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("big") / "big.db"
    counts = _make_big_store().build(db, 3000, 60, 200)  # type: ignore[attr-defined]
    assert counts["entities"] == 3000 and counts["mentions"] > 5000
    return db


@pytest.fixture(scope="module")
def big_client(big_db: Path) -> Iterator[TestClient]:
    with TestClient(make_app(str(big_db))) as c:
        yield c


def test_large_generated_store_is_consistent(big_db: Path) -> None:
    with SQLiteStore(big_db) as store:
        conn = store._reader()
        bad = conn.execute(
            "SELECT COUNT(*) FROM mentions m JOIN documents d ON d.id = m.doc_id "
            'WHERE m."end" > length(d.text) '
            'OR substr(d.text, m.start + 1, m."end" - m.start) != m.text'
        ).fetchone()[0]
        assert bad == 0
        n_docs = conn.execute(
            "SELECT COUNT(*) FROM entities e WHERE n_docs != "
            "(SELECT COUNT(DISTINCT doc_id) FROM doc_entities WHERE entity_id = e.id)"
        ).fetchone()[0]
        assert n_docs == 0


@pytest.mark.parametrize(
    "path",
    ["/", "/search?q=Logistik", "/graph", "/map", "/datasets", "/docs", "/doc/1", "/api/graph", "/api/map"],
)
def test_large_store_pages_answer(big_client: TestClient, path: str) -> None:
    assert big_client.get(path).status_code == 200


def test_large_network_is_capped_with_a_note(big_client: TestClient) -> None:
    data = big_client.get("/api/graph").json()
    assert data["capped"] and len(data["nodes"]) == read.GRAPH_LIMIT and data["total"] == 3000
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    page = big_client.get("/graph?lang=en").text
    assert f"showing the {read.GRAPH_LIMIT} best-connected of 3000 entities" in page


def test_large_network_keeps_the_best_connected(big_db: Path) -> None:
    with SQLiteStore(big_db) as store:
        conn = store._reader()
        capped = read_views.graph(conn, limit=20)
        full = read_views.graph(conn)
    degree: dict[int, int] = {}
    for e in full["edges"]:
        if e["type"] != "co_mention":
            for end in (e["source"], e["target"]):
                degree[end] = degree.get(end, 0) + e["weight"]
    kept = {n["id"] for n in capped["nodes"]}
    weakest_kept = min(degree.get(i, 0) for i in kept)
    strongest_left = max(d for i, d in degree.items() if i not in kept)
    assert weakest_kept >= strongest_left
    assert not full["capped"] and len(full["nodes"]) == 3000


def test_large_profile_lists_are_cut_but_counted(big_client: TestClient, big_db: Path) -> None:
    with SQLiteStore(big_db) as store:
        top = store.read_entities(limit=1)["items"][0]
        full = store.read_entity(top["id"])
        cut = store.read_entity(top["id"], limit=5)
    assert full and cut
    assert len(full["mentions"]) == cut["counts"]["mentions"] > 5 == len(cut["mentions"])
    assert len(full["relations_out"]) == cut["counts"]["relations_out"]
    assert len(full["documents"]) == cut["counts"]["documents"] == top["n_docs"]
    assert cut["mentions"] == full["mentions"][:5]
    page = big_client.get(f"/entity/{top['id']}?lang=en").text
    assert re.search(rf"showing 1–{read.PROFILE_LIMIT} of [\d,]+", page)


def test_district_layer_leaves_out_a_total_row() -> None:
    rows = [{"place": p, "values": {"n": v}} for p, v in [("A", 10), ("B", 20), ("C", 30), ("D", 25)]]
    kept, totals = read_views._without_totals([*rows, {"place": "Land", "values": {"n": 85}}], ["n"])
    assert totals == ["Land"] and kept == rows
    assert read_views._without_totals(rows, ["n"]) == (rows, [])
