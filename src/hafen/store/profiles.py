"""Matchmaking profiles from the SQLite store, and the cache of their embedding vectors.

A profile is a corpus entity (any type but TOPIC) described by the sentences that mention
it, its topics (``focuses_on`` targets first, then topics named in its sentences), its
places (``located_in`` targets first, then places named in its sentences) and its stated
relations. Vectors are cached per entity and model with the hash of the embedded text,
so that only profiles whose text changed are embedded again.
"""

from __future__ import annotations

import bisect
import json
import sqlite3
from collections import Counter, defaultdict

from hafen.document import SYMMETRIC_RELATIONS
from hafen.match.profiles import Profile, Sentence

MAX_TOPICS = 8
MAX_PLACES = 5
MAX_SENTENCES = 40  # per profile; the first ones (document order) carry the identity
HEADING_WORDS = 8  # a mention in a line this short without closing punctuation is a heading
HEADING_BODY_CHARS = 600  # how much of the paragraph under a heading describes its subject
_CLOSING = (".", "!", "?", ":", ";", ",", "“", '"', "»", ")")
_BULLETS = ("•", "-", "–", "—", "*", "·", "▪", "◦", "‣", "→", "✓")


def _sentence_index(conn: sqlite3.Connection) -> dict[int, tuple[str, str, list[int], list[int]]]:
    out = {}
    for doc_id, name, text, sentences in conn.execute("SELECT id, name, text, sentences FROM documents"):
        bounds = json.loads(sentences) or [[0, len(text)]]
        out[doc_id] = (name, text, [b[0] for b in bounds], [b[1] for b in bounds])
    return out


def _is_heading(sentence: str) -> bool:
    """A short line without closing punctuation: a heading whose paragraph describes its subject.

    A list item ("• Aufbau eines Digital Campus am Hafen") is no heading: the items after it
    name other things.
    """
    body = sentence.strip()
    return (
        0 < len(body.split()) <= HEADING_WORDS
        and not body.endswith(_CLOSING)
        and not body.startswith(_BULLETS)
    )


def _with_body(doc: tuple[str, str, list[int], list[int]], i: int) -> list[int]:
    """Sentence ``i``, and when it is a heading the sentences of the paragraph under it."""
    _, text, starts, ends = doc
    out = [i]
    if not _is_heading(text[starts[i] : ends[i]]):
        return out
    size = 0
    for j in range(i + 1, len(starts)):
        sentence = text[starts[j] : ends[j]]
        if _is_heading(sentence) or size >= HEADING_BODY_CHARS:
            break
        out.append(j)
        size += len(sentence)
    return out


def match_profiles(conn: sqlite3.Connection) -> list[Profile]:
    """All actors of the store as matchmaking profiles, ordered by entity id."""
    docs = _sentence_index(conn)
    entities = {
        eid: (name, typ, subtype, json.loads(aliases))
        for eid, name, typ, subtype, aliases in conn.execute(
            "SELECT id, name, type, subtype, aliases FROM entities ORDER BY id"
        )
    }
    sentences_of: dict[int, list[tuple[int, int]]] = defaultdict(list)  # entity -> (doc, sentence index)
    in_sentence: dict[tuple[int, int], set[int]] = defaultdict(set)
    for doc_id, start, entity_id in conn.execute(
        "SELECT m.doc_id, m.start, de.entity_id FROM mentions m "
        "JOIN doc_entities de ON de.id = m.doc_entity_id "
        "WHERE de.entity_id IS NOT NULL ORDER BY m.doc_id, m.start"
    ):
        if doc_id not in docs:
            continue
        i = max(0, bisect.bisect_right(docs[doc_id][2], start) - 1)
        key = (doc_id, i)
        if key not in in_sentence or entity_id not in in_sentence[key]:
            sentences_of[entity_id].append(key)
        in_sentence[key].add(entity_id)
    relations: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for typ, head, tail in conn.execute(
        "SELECT DISTINCT r.type, h.entity_id, t.entity_id FROM relations r "
        "JOIN doc_entities h ON h.id = r.head_id JOIN doc_entities t ON t.id = r.tail_id "
        "WHERE h.entity_id IS NOT NULL AND t.entity_id IS NOT NULL AND h.entity_id != t.entity_id "
        "ORDER BY r.id"
    ):
        relations[head].append((typ, tail))
        if typ in SYMMETRIC_RELATIONS:
            relations[tail].append((typ, head))
    profiles = []
    for eid, (name, typ, subtype, aliases) in entities.items():
        if typ == "TOPIC":
            continue
        evidence: list[Sentence] = []
        near: Counter[int] = Counter()
        keys = [(d, j) for d, i in sentences_of.get(eid, []) for j in _with_body(docs[d], i)]
        for doc_id, i in list(dict.fromkeys(keys))[:MAX_SENTENCES]:
            doc_name, text, starts, ends = docs[doc_id]
            raw = text[starts[i] : ends[i]]
            lead = len(raw) - len(raw.lstrip())
            body = raw.strip()
            if body:
                start = starts[i] + lead
                evidence.append(Sentence(body, doc_name, start, start + len(body)))
            near.update(o for o in in_sentence[(doc_id, i)] if o != eid)
        rels = [(t, o) for t, o in relations.get(eid, []) if o in entities]
        topics = [entities[o][0] for t, o in rels if t == "focuses_on" and entities[o][1] == "TOPIC"]
        topics += [entities[o][0] for o, _ in near.most_common() if entities.get(o, ("", ""))[1] == "TOPIC"]
        places = [entities[o][0] for t, o in rels if t == "located_in"]
        places += [entities[o][0] for o, _ in near.most_common() if entities.get(o, ("", ""))[1] == "PLACE"]
        profiles.append(
            Profile(
                id=str(eid),
                name=name,
                type=typ,
                subtype=subtype,
                aliases=tuple(aliases),
                text=" ".join(s.text for s in evidence),
                topics=tuple(dict.fromkeys(topics))[:MAX_TOPICS],
                places=tuple(dict.fromkeys(places))[:MAX_PLACES],
                relations=tuple(dict.fromkeys((t, entities[o][0]) for t, o in rels)),
                evidence=tuple(evidence),
            )
        )
    return profiles


def cached_vectors(conn: sqlite3.Connection, model: str) -> dict[str, tuple[str, bytes, int]]:
    return {
        str(eid): (text_hash, bytes(vector), dim)
        for eid, text_hash, vector, dim in conn.execute(
            "SELECT entity_id, text_hash, vector, dim FROM embeddings WHERE model = ?", (model,)
        )
    }


def save_vectors(conn: sqlite3.Connection, model: str, rows: list[tuple[str, str, bytes, int]]) -> None:
    """Insert or replace vectors; rows of entities that no longer exist are skipped."""
    known = {str(i) for (i,) in conn.execute("SELECT id FROM entities")}
    conn.executemany(
        "INSERT OR REPLACE INTO embeddings (entity_id, model, dim, vector, text_hash) VALUES (?, ?, ?, ?, ?)",
        [(int(pid), model, dim, vec, h) for pid, h, vec, dim in rows if pid in known],
    )
