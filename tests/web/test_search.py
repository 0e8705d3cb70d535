"""Full-text search: the 0004 migration, German compounds, facets, index kept in step."""

from __future__ import annotations

from pathlib import Path

from starlette.testclient import TestClient

from hafen.document import Document, Entity, Mention
from hafen.store import read
from hafen.store.sqlite import SQLiteStore


def _doc(source: str, text: str, names: list[tuple[str, str]]) -> Document:
    doc = Document(source=source, name=Path(source).name, text=text, content_hash=source, lang="de")
    for i, (name, type_) in enumerate(names):
        start = text.index(name)
        doc.entities.append(Entity(f"e{i}", name, type_))
        doc.mentions.append(Mention(start, start + len(name), name, type_, entity=f"e{i}"))
    return doc


def test_search_migration_is_recorded(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        names = [r[0] for r in store._conn.execute("SELECT name FROM migrations")]
    assert "0004_fulltext_search" in names


def test_search_finds_parts_of_german_compounds_and_follows_removal(tmp_path: Path) -> None:
    with SQLiteStore(tmp_path / "s.db") as store:
        store.put_document(
            _doc(
                "/k/a.txt",
                "Die Wasserstoffstrategie der Region stärkt Größenvorteile in Dortmund.",
                [("Dortmund", "PLACE")],
            ),
            "fp",
        )
        store.put_document(_doc("/k/b.txt", "Akteur*innen der Logistik treffen sich.", []), "fp")
        store.resolve()
        hits = store.read_search("stoff")
        assert [d["name"] for d in hits["documents"]["items"]] == ["a.txt"]
        assert store.read_search("größen")["documents"]["total"] == 1  # umlauts, any case
        assert store.read_search("Akteur*innen")["documents"]["total"] == 1
        assert store.read_search("Dortm")["entities"]["items"][0]["name"] == "Dortmund"
        store.remove_document("/k/a.txt")
        store.resolve()
        assert store.read_search("stoff")["documents"]["total"] == 0
        assert store.read_search("Dortm")["entities"]["total"] == 0


def test_search_snippet_marks_hits_without_html() -> None:
    pieces = read.snippet("Vor <b>dem</b> Wasserstoff-Netz", ["wasser"])
    assert ("Wasser", True) in pieces and "".join(p for p, _ in pieces).startswith("Vor <b>")


def test_search_facets_filter_entities_and_documents(client: TestClient) -> None:
    all_hits = client.get("/api/search?q=Dortmund").json()
    types = {f["value"] for f in all_hits["facets"]["type"]}
    assert "ORG" in types
    orgs = client.get("/api/search?q=Dortmund&type=ORG").json()
    assert orgs["entities"]["items"] and all(e["type"] == "ORG" for e in orgs["entities"]["items"])
    topic = all_hits["facets"]["topic"][0]
    narrowed = client.get(f"/api/search?q=Dortmund&topic={topic['value']}").json()
    assert narrowed["documents"]["total"] == topic["count"]
    doc = narrowed["documents"]["items"][0]
    assert all(0 <= a < b <= len(doc["snippet"]) for a, b in doc["hits"])
    page = client.get("/search?q=Dortmund&type=ORG&lang=de").text
    assert "<mark>" in page and "Filter zurücksetzen" in page
