"""Search on the entity search index (migration 0030): German folding, stems, short words, ranks, facets."""

from __future__ import annotations

from pathlib import Path

import pytest

from hafen.document import Document, Entity, Mention
from hafen.store import migrations
from hafen.store.read_search import snippet
from hafen.store.sqlite import SQLiteStore


def _doc(
    source: str, text: str, names: list[tuple[str, str] | tuple[str, str, str | None, list[str]]]
) -> Document:
    doc = Document(source=source, name=Path(source).name, text=text, content_hash=source, lang="de")
    for i, item in enumerate(names):
        name, type_ = item[0], item[1]
        subtype = item[2] if len(item) > 2 else None  # type: ignore[misc]
        aliases = item[3] if len(item) > 3 else []  # type: ignore[misc]
        start = text.index(name)
        doc.entities.append(Entity(f"e{i}", name, type_, subtype=subtype, aliases=aliases))
        doc.mentions.append(Mention(start, start + len(name), name, type_, entity=f"e{i}"))
    return doc


CORPUS = [
    (
        "/r/uni.txt",
        "Die Technische Universität Dortmund baut mit der Hochschule Bochum ein Labor für KI auf. "
        "Die Straßenbau Ruhr GmbH liefert Wasserstoff, Wasserstoff-Speicher und den Wasserstoff-Anschluss.",
        [
            ("Technische Universität Dortmund", "ORG", "university", ["TU Dortmund"]),
            ("Hochschule Bochum", "ORG", "university", []),
            ("Straßenbau Ruhr GmbH", "ORG", "company", []),
            ("KI", "TOPIC"),
            ("Dortmund", "PLACE"),
        ],
    ),
    (
        "/r/kiel.txt",
        "Die Kinder aus Kiel besuchen das Wasserstoffnetzwerk Ruhr in Dortmund.",
        [("Kiel", "PLACE"), ("Wasserstoffnetzwerk Ruhr", "ORG", "network", []), ("Dortmund", "PLACE")],
    ),
    (
        "/r/essen.txt",
        "An den Universitäten in Essen und Dortmund forschen Teams zu KI-Verfahren; die "
        "Universität Duisburg-Essen leitet das Vorhaben.",
        [("Universität Duisburg-Essen", "ORG", "university", []), ("Essen", "PLACE"), ("Dortmund", "PLACE")],
    ),
]


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    s = SQLiteStore(tmp_path / "s.db")
    for source, text, names in CORPUS:
        s.put_document(_doc(source, text, names), "fp")  # type: ignore[arg-type]
    s.resolve()
    return s


def _names(result: dict) -> list[str]:  # type: ignore[type-arg]
    return [e["name"] for e in result["entities"]["items"]]


def test_entities_found_by_transliterated_umlauts_and_sharp_s(store: SQLiteStore) -> None:
    for q in ("Universitaet Dortmund", "UNIVERSITÄT dortmund", "universität"):
        assert "Technische Universität Dortmund" in _names(store.read_search(q)), q
    assert _names(store.read_search("Strassenbau")) == ["Straßenbau Ruhr GmbH"]
    assert _names(store.read_search("straßenbau")) == ["Straßenbau Ruhr GmbH"]
    assert _names(store.read_search("TU Dortmund")) == ["Technische Universität Dortmund"]  # its alias


def test_plural_finds_singular_in_entities_and_documents(store: SQLiteStore) -> None:
    hits = store.read_search("Universitäten")
    assert set(_names(hits)) == {"Technische Universität Dortmund", "Universität Duisburg-Essen"}
    assert {d["name"] for d in hits["documents"]["items"]} == {"uni.txt", "essen.txt"}
    assert _names(store.read_search("Hochschulen")) == ["Hochschule Bochum"]


def test_compound_parts_found_inside_names(store: SQLiteStore) -> None:
    assert set(_names(store.read_search("stoff"))) == {"Wasserstoffnetzwerk Ruhr"}
    assert store.read_search("stoff")["documents"]["total"] == 2  # "Wasserstoff-Anschluss" too


def test_short_words_match_whole_words_only(store: SQLiteStore) -> None:
    hits = store.read_search("KI")
    assert _names(hits) == ["KI"]  # not "Kiel"
    assert {d["name"] for d in hits["documents"]["items"]} == {"uni.txt", "essen.txt"}  # "KI-Verfahren"
    pieces = snippet("Die Kinder lernen KI-Verfahren.", ["ki"])
    assert [p for p, hit in pieces if hit] == ["KI"]


def test_exact_name_first_then_most_documented(store: SQLiteStore) -> None:
    # "Dortmund" is named in three documents; the university in one.
    assert _names(store.read_search("Dortmund"))[0] == "Dortmund"
    essen = _names(store.read_search("Essen"))
    assert essen[0] == "Essen" and "Universität Duisburg-Essen" in essen


def test_type_facets_are_exact_and_type_filter_pages(store: SQLiteStore) -> None:
    hits = store.read_search("u")  # one letter: whole word only, nothing
    assert hits["entities"]["total"] == 0
    allh = store.read_search("Dortmund")
    assert {f["value"]: f["count"] for f in allh["facets"]["type"]} == {"ORG": 1, "PLACE": 1}
    unis = store.read_search("", type="ORG", subtype="university")
    assert unis["entities"]["total"] == 3
    assert {f["value"]: f["count"] for f in unis["facets"]["subtype"]} == {
        "university": 3,
        "company": 1,
        "network": 1,
    }
    first = store.read_search("", type="ORG", limit=2)
    second = store.read_search("", type="ORG", limit=2, offset=2)
    everything = store.read_search("", type="ORG", limit=10)
    assert _names(first) + _names(second) == _names(everything)[:4]
    assert everything["entities"]["total"] == 5


def test_topic_filter_keeps_entities_of_documents_naming_it(store: SQLiteStore) -> None:
    ki = store.read_search("KI")["entities"]["items"][0]["id"]
    hits = store.read_search("Ruhr", topic=ki)
    assert _names(hits) == ["Straßenbau Ruhr GmbH"]  # the network's document does not name KI
    assert hits["entities"]["total"] == 1
    assert hits["documents"]["total"] == 1


def test_existing_store_gets_its_search_index_when_migrated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    new = {"0030_entity_search", "0031_search_doc_facets"}
    before = [m for m in migrations.MIGRATIONS if m[0] not in new]
    with monkeypatch.context() as m:
        m.setattr(migrations, "MIGRATIONS", before)
        old = SQLiteStore(path)
        old.put_document(
            _doc(
                "/r/a.txt",
                "Die Universität Witten/Herdecke lädt nach Witten ein.",
                [("Universität Witten/Herdecke", "ORG"), ("Witten", "PLACE")],
            ),
            "fp",
        )
        with old._write() as conn:  # an old store's resolution: entities without the new index
            from hafen.store import graph

            graph.resolve_corpus(conn)
        old.close()
    with SQLiteStore(path) as store:
        hits = store.read_search("Universitaet Witten")
        assert _names(hits) == ["Universität Witten/Herdecke"]
        places = store.read_search("Herdecke")["facets"]["place"]  # the facet lists were filled too
        assert [(f["label"], f["count"]) for f in places] == [("Witten", 1)]


def test_documents_ranked_by_bm25_unless_the_word_is_in_most_of_them(
    store: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hafen.store.read_search as rs

    # "Dortmund" is in all three documents: in a large store that is listed newest first.
    monkeypatch.setattr(rs, "COMMON_MIN_DOCS", 1)
    monkeypatch.setattr(rs, "COMMON_SHARE", 0.7)
    common = store.read_search("Dortmund")["documents"]["items"]
    assert [d["name"] for d in common] == ["essen.txt", "kiel.txt", "uni.txt"]
    # "Wasserstoff" is in two of three: ranked by bm25, the text that names it thrice first.
    ranked = store.read_search("Wasserstoff")["documents"]["items"]
    assert [d["name"] for d in ranked] == ["uni.txt", "kiel.txt"]
