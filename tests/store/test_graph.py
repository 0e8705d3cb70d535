"""The corpus step in the store: real resolution, merge reasons, curated decisions across rebuilds."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from hafen.document import Document, Entity, Mention, Relation, Segment
from hafen.store import migrations
from hafen.store.sqlite import SQLiteStore

LOGISTIK = (
    "Die Technische Universität Dortmund (TU Dortmund) kooperiert eng mit dem "
    "Fraunhofer-Institut für Materialfluss und Logistik. Die Dortmunder Stadtwerke AG "
    "stellt Flächen am Hafen bereit."
)
HAFEN = (
    "Am Dortmunder Hafen erproben das Fraunhofer IML und die TU Dortmund autonome "
    "Transportsysteme. Die DSW21 fördert das Vorhaben als Partnerin vor Ort."
)
HAFEN_NEU = (
    "Die DSW21 fördert seit 2024 das Vorhaben am Dortmunder Hafen. Dort erproben das "
    "Fraunhofer IML und die TU Dortmund gemeinsam autonome Transportsysteme für Akteur*innen der Logistik."
)


def make_doc(source: str, text: str, entities: list[tuple[str, str, str, list[str]]]) -> Document:
    """A document with one mention per entity (first occurrence of its surface form)."""
    doc = Document(source=source, text=text, content_hash=f"hash-{hash(text)}", lang="de")
    doc.segments.append(Segment(0, len(text), lang="de"))
    start = 0
    for part in text.split(". "):
        end = start + len(part) + (1 if start + len(part) < len(text) else 0)
        doc.sentences.append((start, min(end, len(text))))
        start = end + 1
    for i, (form, name, typ, aliases) in enumerate(entities):
        key = f"e{i}"
        doc.entities.append(Entity(key=key, name=name, type=typ, aliases=aliases))
        pos = text.index(form)
        doc.mentions.append(Mention(pos, pos + len(form), form, typ, entity=key))
    return doc


def logistik() -> Document:
    return make_doc(
        "/korpus/logistik.txt",
        LOGISTIK,
        [
            ("Technische Universität Dortmund", "Technische Universität Dortmund", "ORG", ["TU Dortmund"]),
            (
                "Fraunhofer-Institut für Materialfluss und Logistik",
                "Fraunhofer-Institut für Materialfluss und Logistik",
                "ORG",
                [],
            ),
            ("Dortmunder Stadtwerke AG", "Dortmunder Stadtwerke AG", "ORG", []),
        ],
    )


def hafen(text: str = HAFEN, reverse: bool = False) -> Document:
    entities = [
        ("Fraunhofer IML", "Fraunhofer IML", "ORG", []),
        ("TU Dortmund", "TU Dortmund", "ORG", []),
        ("DSW21", "DSW21", "ORG", []),
    ]
    # reverse: the rebuilt file lists its entities in another order, so their keys change.
    doc = make_doc("/korpus/hafen.txt", text, entities[::-1] if reverse else entities)
    doc.relations.append(Relation("e0", "cooperates_with", "e1", 0, len(text)))
    return doc


def entity_names(store: SQLiteStore) -> dict[str, set[str]]:
    """Corpus entity name -> names of the document records linked to it."""
    out: dict[str, set[str]] = {}
    with sqlite3.connect(store.path) as conn:
        for entity, record in conn.execute(
            "SELECT e.name, d.name FROM doc_entities d JOIN entities e ON e.id = d.entity_id"
        ):
            out.setdefault(entity, set()).add(record)
    return out


def together(store: SQLiteStore, a: str, b: str) -> bool:
    return any({a, b} <= names for names in entity_names(store).values())


def entity_id(store: SQLiteStore, name: str) -> int:
    found = store.find_entities(name)
    assert len(found) == 1, found
    return int(found[0]["id"])


@pytest.fixture
def built(store: SQLiteStore) -> SQLiteStore:
    store.put_document(logistik(), "fp")
    store.put_document(hafen(), "fp")
    store.resolve()
    return store


def test_graph_migrations_are_named_and_appended(tmp_path: Path) -> None:
    names = [name for name, _ in migrations.MIGRATIONS]
    # Appended after the ones stores in the field already recorded, in this order.
    assert names.index("0004_fulltext_search") < names.index("0010_merges_and_curations")
    assert names.index("0010_merges_and_curations") + 1 == names.index("0011_embeddings")
    s = SQLiteStore(tmp_path / "m.db")
    with sqlite3.connect(s.path) as conn:
        assert {"0010_merges_and_curations", "0011_embeddings"} <= set(migrations.applied(conn))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    s.close()
    assert {"merges", "curations", "embeddings"} <= tables


def test_graph_resolve_uses_real_resolver_and_records_reasons(built: SQLiteStore) -> None:
    assert together(built, "Fraunhofer-Institut für Materialfluss und Logistik", "Fraunhofer IML")
    assert together(built, "Technische Universität Dortmund", "TU Dortmund")
    assert not together(built, "Dortmunder Stadtwerke AG", "DSW21")  # no rule links these
    reasons = built.merge_reasons(entity_id(built, "Fraunhofer IML"))
    assert len(reasons) == 1
    reason = reasons[0]
    assert reason["rule"] == "acronym" and 0.8 <= reason["score"] < 1.0
    assert {reason["a_doc"], reason["b_doc"]} == {"logistik.txt", "hafen.txt"}
    assert "IML" in reason["detail"]
    tu = built.merge_reasons(entity_id(built, "TU Dortmund"))
    assert [r["rule"] for r in tu] == ["alias_overlap"] or [r["rule"] for r in tu] == ["same_name"]
    assert not built.needs_resolution()


def test_graph_entity_ids_stay_stable_across_rebuilds(built: SQLiteStore) -> None:
    before = entity_id(built, "Technische Universität Dortmund")
    built.put_document(hafen(HAFEN_NEU, reverse=True), "fp2")
    built.resolve()
    assert entity_id(built, "Technische Universität Dortmund") == before


def test_graph_curated_merge_survives_a_changed_file(built: SQLiteStore) -> None:
    a, b = entity_id(built, "Dortmunder Stadtwerke AG"), entity_id(built, "DSW21")
    cid = built.curate("merge", (a, "Dortmunder Stadtwerke AG"), (b, "DSW21"))
    assert built.needs_resolution()
    built.resolve()
    assert together(built, "Dortmunder Stadtwerke AG", "DSW21")
    merged = built.merge_reasons(entity_id(built, "DSW21"))
    assert [m["rule"] for m in merged] == ["curated"]
    # The file changes: new text, entities in another order, so every key and id is new.
    built.put_document(hafen(HAFEN_NEU, reverse=True), "fp2")
    built.resolve()
    assert together(built, "Dortmunder Stadtwerke AG", "DSW21")
    [curation] = built.curations()
    assert curation["id"] == cid and curation["action"] == "merge"
    assert curation["b"]["source"] == "/korpus/hafen.txt" and curation["b"]["name"] == "DSW21"
    # Undo: the automatic resolution is back.
    assert built.uncurate(cid) is True
    assert built.uncurate(cid) is False
    built.resolve()
    assert not together(built, "Dortmunder Stadtwerke AG", "DSW21")


def test_graph_curated_split_survives_a_changed_file(built: SQLiteStore) -> None:
    iml = entity_id(built, "Fraunhofer IML")
    built.curate(
        "split", (iml, "Fraunhofer IML"), (iml, "Fraunhofer-Institut für Materialfluss und Logistik")
    )
    built.resolve()
    assert not together(built, "Fraunhofer IML", "Fraunhofer-Institut für Materialfluss und Logistik")
    assert together(built, "Technische Universität Dortmund", "TU Dortmund")  # others untouched
    built.put_document(hafen(HAFEN_NEU, reverse=True), "fp2")
    built.resolve()
    assert not together(built, "Fraunhofer IML", "Fraunhofer-Institut für Materialfluss und Logistik")


def test_graph_merge_then_split_of_the_same_pair_keeps_the_newest(built: SQLiteStore) -> None:
    a, b = entity_id(built, "Dortmunder Stadtwerke AG"), entity_id(built, "DSW21")
    built.curate("merge", (a, None), (b, None))
    built.resolve()
    merged = entity_id(built, "DSW21")
    built.curate("split", (merged, "DSW21"), (merged, "Dortmunder Stadtwerke AG"))
    built.resolve()
    assert [c["action"] for c in built.curations()] == ["split"]
    assert not together(built, "Dortmunder Stadtwerke AG", "DSW21")


def test_graph_curation_of_a_removed_document_lies_dormant(built: SQLiteStore) -> None:
    a, b = entity_id(built, "Dortmunder Stadtwerke AG"), entity_id(built, "DSW21")
    built.curate("merge", (a, None), (b, None))
    built.remove_document("/korpus/hafen.txt")
    counts = built.resolve()
    assert counts["dormant_curations"] == 1
    built.put_document(hafen(), "fp")
    built.resolve()
    assert together(built, "Dortmunder Stadtwerke AG", "DSW21")


def test_graph_find_entities_by_id_name_alias_and_part(built: SQLiteStore) -> None:
    tu = entity_id(built, "Technische Universität Dortmund")
    assert [e["id"] for e in built.find_entities(str(tu))] == [tu]
    assert [e["id"] for e in built.find_entities("tu dortmund")] == [tu]  # an alias, any case
    assert [e["id"] for e in built.find_entities("TECHNISCHE UNIVERSITAET DORTMUND")] == [tu]
    several = {e["name"] for e in built.find_entities("Dortmund")}
    assert {"Technische Universität Dortmund", "Dortmunder Stadtwerke AG"} <= several
    assert built.find_entities("Ruhr-Universität Bochum") == []


def test_graph_a_name_in_hundreds_of_documents_still_merges() -> None:
    """Blocks over ``max_block`` are skipped for pairs, but exact same names must still link."""
    from hafen.resolve.cluster import Settings, resolve
    from hafen.resolve.records import EntityRecord

    n = 3 * Settings().max_block
    records = [EntityRecord(f"meldung-{i:03}.txt", "e0", "Stadt Dortmund", "ORG") for i in range(n)]
    records += [EntityRecord(f"meldung-{i:03}.txt", "e1", "Dortmund", "PLACE") for i in range(n)]
    records.append(EntityRecord("bochum.txt", "e0", "Stadt Bochum", "ORG"))
    res = resolve(records)
    sizes = sorted(len(c.members) for c in res.clusters)
    assert sizes == [1, n, n]  # Stadt Bochum stays apart (different place), the rest is one each
    assert {d.rule for d in res.decisions} == {"same_name"}
