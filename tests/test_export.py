"""Exports round-trip: what rdflib, networkx and csv read back matches the store."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from hafen.build import build
from hafen.cli import main
from hafen.export import SCHEMA_TYPES, export
from hafen.store.sqlite import SQLiteStore

rdflib = pytest.importorskip("rdflib")
nx = pytest.importorskip("networkx")
SCHEMA = "https://schema.org/"
RELATION = "https://hafen.invalid/vocab#Relation"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, examples_dir: Path) -> Iterator[tuple[Path, SQLiteStore]]:
    db = tmp_path_factory.mktemp("export") / "x.db"
    store = SQLiteStore(db)
    build([examples_dir], store)
    yield db, store
    store.close()


def _expected(store: SQLiteStore) -> tuple[Counter[str], int]:
    by_type = Counter({SCHEMA_TYPES[t]: n for t, n in store.read_overview()["entities"].items()})
    return by_type, store.read_relations(limit=1)["total"]


@pytest.mark.parametrize("fmt", ["jsonld", "ttl"])
def test_export_rdf_round_trip(built: tuple[Path, SQLiteStore], tmp_path: Path, fmt: str) -> None:
    _, store = built
    out = tmp_path / f"g.{fmt}"
    n, m = export(store, fmt, out)
    graph = rdflib.Graph().parse(str(out), format="json-ld" if fmt == "jsonld" else "turtle")
    by_type, relations = _expected(store)
    for schema_type, count in by_type.items():
        assert len(set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(SCHEMA + schema_type)))) == count
    found = set(graph.subjects(rdflib.RDF.type, rdflib.URIRef(RELATION)))
    assert len(found) == relations == m and sum(by_type.values()) == n
    # provenance: every relation names its document and span
    prov = rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
    assert all(graph.value(r, prov) is not None for r in found)


def test_export_graphml_round_trip(built: tuple[Path, SQLiteStore], tmp_path: Path) -> None:
    _, store = built
    out = tmp_path / "g.graphml"
    export(store, "graphml", out)
    graph = nx.read_graphml(out)
    by_type, relations = _expected(store)
    assert graph.number_of_nodes() == sum(by_type.values())
    assert graph.number_of_edges() == relations
    assert Counter(d["schema_type"] for _, d in graph.nodes(data=True)) == by_type
    assert all(d["evidence"] and d["end"] > d["start"] for _, _, d in graph.edges(data=True))


def test_export_csv_round_trip(built: tuple[Path, SQLiteStore], tmp_path: Path) -> None:
    _, store = built
    export(store, "csv", tmp_path / "csv")
    with (tmp_path / "csv" / "entities.csv").open(encoding="utf-8") as f:
        entities = list(csv.DictReader(f))
    with (tmp_path / "csv" / "relations.csv").open(encoding="utf-8") as f:
        relations = list(csv.DictReader(f))
    by_type, n_rel = _expected(store)
    assert Counter(e["schema_type"] for e in entities) == by_type
    assert len(relations) == n_rel and all(r["doc_id"] and r["evidence"] for r in relations)


def test_export_cli_writes_jsonld(built: tuple[Path, SQLiteStore], tmp_path: Path) -> None:
    db, _ = built
    out = tmp_path / "cli.jsonld"
    result = CliRunner().invoke(
        main, ["--lang", "en", "export", "--db", str(db), "--format", "jsonld", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "entities" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@context"]["@vocab"] == SCHEMA and data["@graph"]


def test_export_cli_missing_store_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["export", "--db", str(tmp_path / "none.db"), "--format", "csv", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2 and "E403" in result.output
