"""Generate a large synthetic store for the web latency benchmark.

    python bench/make_big_store.py --out /tmp/big.db [--entities 100000] [--docs 5000]

The schema comes from the store's own migrations (``SQLiteStore`` creates the file); the rows
are bulk-inserted with plain SQL. The data is synthetic but consistent: every mention,
relation and dataset row points into its document's text, entities carry ``n_docs``, places
carry coordinates in the Ruhr area, and about a tenth of the actors are ``located_in`` a
place. Names follow a Zipf-like popularity, so a few entities are named very often.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from hafen.resolve.normalize import fold  # the norm_key a resolution writes
from hafen.store.read_search import refresh_search_index
from hafen.store.sqlite import SQLiteStore

PREFIX = [
    "Nord",
    "Süd",
    "Ruhr",
    "Rhein",
    "Emscher",
    "Hafen",
    "Stahl",
    "Kohle",
    "Zeche",
    "Lippe",
    "West",
    "Ost",
    "Hell",
    "Berg",
    "Tal",
    "Stern",
    "Funk",
    "Licht",
    "Blau",
    "Grün",
]
ROOT = [
    "werk",
    "tech",
    "data",
    "logik",
    "sens",
    "tron",
    "bau",
    "feld",
    "port",
    "net",
    "lab",
    "form",
    "cycle",
    "grid",
    "mind",
    "flow",
    "line",
    "core",
    "wave",
    "punkt",
]
DOMAIN = [
    "Robotik",
    "Logistik",
    "Analytics",
    "Energie",
    "Wasserstoff",
    "Medizintechnik",
    "Sensorik",
    "Software",
    "Materialien",
    "Chemie",
    "Mobilität",
    "Bau",
    "Cloud",
    "Sicherheit",
    "Photonik",
    "Umwelttechnik",
    "Automation",
    "Fertigung",
    "Design",
    "Bildung",
]
LEGAL = ["GmbH", "AG", "UG", "e. V.", "KG", "GmbH & Co. KG", "Institut", "Zentrum", "Stiftung", "Verbund"]
FIRST = [
    "Anna",
    "Jonas",
    "Miriam",
    "Tobias",
    "Aylin",
    "Sandra",
    "Petra",
    "Lukas",
    "Emre",
    "Sofia",
    "Felix",
    "Hannah",
    "Deniz",
    "Paul",
    "Lea",
    "Mehmet",
    "Clara",
    "Jan",
    "Nina",
    "Ole",
]
LAST = [
    "Kessler",
    "Okafor",
    "Wendland",
    "Demirtaş",
    "Brandhorst",
    "Lindemann",
    "Schulz",
    "Yılmaz",
    "Becker",
    "Hoffmann",
    "Krüger",
    "Wolf",
    "Neumann",
    "Schröder",
    "Zimmermann",
    "Hartmann",
    "Klein",
    "Kowalski",
    "Richter",
    "Vogel",
]
TYPES = [("ORG", 0.46), ("PERSON", 0.25), ("PLACE", 0.1), ("PROJECT", 0.1), ("EVENT", 0.08), ("TOPIC", 0.01)]
VERBS = {
    "cooperates_with": "kooperiert mit",
    "part_of": "gehört zu",
    "develops": "entwickelt",
    "focuses_on": "befasst sich mit",
    "funds": "fördert",
}


def _digits(i: int, base: int, n: int) -> list[int]:
    out = []
    for _ in range(n):
        out.append(i % base)
        i //= base
    return out


def _name(i: int, type_: str) -> str:
    a, b, c, d = _digits(i, 20, 4)
    if type_ == "PERSON":
        return f"{FIRST[a]} {FIRST[c]}-{LAST[b]} {LAST[d]}" if i >= 400 else f"{FIRST[a]} {LAST[b]}"
    if type_ == "PLACE":
        return f"{PREFIX[a]}{ROOT[b]}-{DOMAIN[c][:4].lower()}{d}"
    if type_ == "TOPIC":
        return f"{DOMAIN[a]} {PREFIX[b]}{ROOT[c]} {d}" if i >= 20 else DOMAIN[a]
    if type_ == "PROJECT":
        return f"Projekt {PREFIX[a]}{ROOT[b].upper()} {DOMAIN[c]} {d}"
    if type_ == "EVENT":
        return f"{DOMAIN[a]}tag {PREFIX[b]}{ROOT[c]} {2000 + d}"
    return f"{PREFIX[a]}{ROOT[b]} {DOMAIN[c]} {LEGAL[d % 10]} {d // 10 or ''}".strip()


def _entities(n: int, rng: random.Random) -> list[tuple[int, str, str, str]]:
    """(id, name, type, attrs) with a type mix and unique names; places get coordinates."""
    out = []
    counters: dict[str, int] = defaultdict(int)
    types = [t for t, _ in TYPES]
    weights = [w for _, w in TYPES]
    for i in range(1, n + 1):
        t = rng.choices(types, weights)[0]
        k = counters[t]
        counters[t] += 1
        # Beyond 160,000 combinations a number keeps names unique.
        name = _name(k, t) + (f" {k // 160_000}" if k >= 160_000 else "")
        attrs = {}
        if t == "PLACE":
            attrs = {"lat": round(rng.uniform(51.30, 51.70), 5), "lon": round(rng.uniform(6.60, 7.80), 5)}
        out.append((i, name, t, json.dumps(attrs)))
    return out


class _Writer:
    """One document's text, written sentence by sentence, with the spans of named parts."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.sentences: list[list[int]] = []
        self.pos = 0

    def say(self, parts: list[tuple[str, int | None]]) -> list[tuple[int, int, int]]:
        """Append one sentence; returns (entity, start, end) of each named part."""
        start = self.pos
        spans = []
        for text, ent in parts:
            if ent is not None:
                spans.append((ent, self.pos, self.pos + len(text)))
            self.parts.append(text)
            self.pos += len(text)
        self.parts.append(" ")
        self.sentences.append([start, self.pos])
        self.pos += 1
        return spans


def build(out: Path, n_entities: int, n_docs: int, per_doc: int, seed: int = 7) -> dict[str, int]:
    rng = random.Random(seed)
    if out.exists():
        out.unlink()
    SQLiteStore(out).close()  # the schema through the store's migrations
    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("BEGIN")
    ents = _entities(n_entities, rng)
    by_type: dict[str, list[int]] = defaultdict(list)
    for i, _, t, _ in ents:
        by_type[t].append(i)
    names = {i: name for i, name, _, _ in ents}
    types = {i: t for i, _, t, _ in ents}
    # Zipf-like popularity: entity k (in a shuffled order) is drawn with weight 1/(k+10).
    order = list(range(1, n_entities + 1))
    rng.shuffle(order)
    cum: list[float] = []
    total = 0.0
    for k in range(n_entities):
        total += 1.0 / (k + 10)
        cum.append(total)
    places = by_type["PLACE"]
    topics = by_type["TOPIC"]

    n_docs_of: dict[int, int] = defaultdict(int)
    doc_rows: list[tuple[Any, ...]] = []
    de_rows: list[tuple[Any, ...]] = []
    m_rows: list[tuple[Any, ...]] = []
    r_rows: list[tuple[Any, ...]] = []
    de_id = m_id = r_id = 0
    stamp = "2026-01-01T00:00:00+00:00"
    local: dict[int, int] = {}  # entity -> its doc_entities id in the current document
    de_for_doc: list[tuple[int, int]] = []

    def mention(d: int, spans: list[tuple[int, int, int]], confidence: float) -> None:
        """A mention row per span; an entity's first mention in the document adds its doc entity."""
        nonlocal de_id, m_id
        for ent, s, e in spans:
            if ent not in local:
                de_id += 1
                local[ent] = de_id
                de_for_doc.append((ent, de_id))
            m_id += 1
            m_rows.append((m_id, d, local[ent], s, e, names[ent], types[ent], "pattern", confidence))

    for d in range(1, n_docs + 1):
        picked = rng.choices(order, cum_weights=cum, k=per_doc // 2)
        picked += rng.sample(topics, 2) + rng.sample(places, 2)
        local.clear()
        writer = _Writer()
        text_parts, sentences, say = writer.parts, writer.sentences, writer.say
        de_for_doc.clear()

        for k in range(0, len(picked) - 1, 2):
            a, b = picked[k], picked[k + 1]
            if a == b:
                continue
            verb = rng.choice(list(VERBS))
            if types[b] == "TOPIC":
                verb = "focuses_on"
            spans = say([(names[a], a), (f" {VERBS[verb]} ", None), (names[b], b), (".", None)])
            mention(d, spans, 0.9)
            # Each sentence names its pair again in a second, shorter form: more mentions.
            spans2 = say(
                [("Laut ", None), (names[a], a), (" ist ", None), (names[b], b), (" wichtig.", None)]
            )
            mention(d, spans2, 0.8)
            r_id += 1
            r_rows.append(
                (r_id, d, local[a], local[b], verb, None, sentences[-2][0], sentences[-2][1], "pattern", 0.8)
            )
            if types[a] in ("ORG", "PROJECT") and rng.random() < 0.2:
                place = rng.choice(places)
                spans3 = say([(names[a], a), (" sitzt in ", None), (names[place], place), (".", None)])
                mention(d, spans3, 0.9)
                r_id += 1
                r_rows.append(
                    (r_id, d, local[a], local[place], "located_in", None, *sentences[-1], "pattern", 0.8)
                )
        text = "".join(text_parts)
        doc_rows.append(
            (
                d,
                f"/synthetic/doc-{d:05d}.txt",
                f"doc-{d:05d}.txt",
                f"h{d}",
                "fp",
                "text/plain",
                "de",
                text,
                len(text.split()),
                json.dumps(sentences),
                stamp,
            )
        )
        for ent, de in de_for_doc:
            n_docs_of[ent] += 1
            de_rows.append((de, d, f"k{ent}", names[ent], types[ent], 1, "pattern", 0.9, ent))
    conn.executemany(
        "INSERT INTO documents (id, source, name, content_hash, fingerprint, media_type, lang, text, "
        "n_words, sentences, stored_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        doc_rows,
    )
    conn.executemany(
        "INSERT INTO entities (id, norm_key, name, type, subtype, attrs, n_docs) VALUES (?,?,?,?,?,?,?)",
        ((i, fold(name), name, t, None, attrs, n_docs_of.get(i, 0)) for i, name, t, attrs in ents),
    )
    conn.executemany(
        "INSERT INTO doc_entities (id, doc_id, key, name, type, on_topic, method, confidence, entity_id) "
        "VALUES (?,?,?,?,?,?,?,?,?)",
        de_rows,
    )
    conn.executemany(
        'INSERT INTO mentions (id, doc_id, doc_entity_id, start, "end", text, type, method, confidence) '
        "VALUES (?,?,?,?,?,?,?,?,?)",
        m_rows,
    )
    conn.executemany(
        'INSERT INTO relations (id, doc_id, head_id, tail_id, type, role, start, "end", method, confidence) '
        "VALUES (?,?,?,?,?,?,?,?,?,?)",
        r_rows,
    )
    _dataset(conn, places, names)
    t0 = time.perf_counter()
    refresh_search_index(conn)  # what a resolution does after writing the entities
    index_s = time.perf_counter() - t0
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()
    return {
        "documents": len(doc_rows),
        "entities": len(ents),
        "doc_entities": len(de_rows),
        "mentions": len(m_rows),
        "relations": len(r_rows),
        "entity search index ms": round(index_s * 1000),
        "store MB": round(out.stat().st_size / 1e6),
    }


def _dataset(conn: sqlite3.Connection, places: list[int], names: dict[int, str]) -> None:
    """One extra document with a district table: a dataset layer for the map."""
    rows = places[:40]
    lines = ["Kreis;Fälle"] + [f"{names[p]};{(p * 37) % 5000}" for p in rows]
    text = "\n".join(lines)
    doc = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM documents").fetchone()[0]
    conn.execute(
        "INSERT INTO documents (id, source, name, content_hash, fingerprint, media_type, lang, text, "
        "n_words, "
        "sentences, stored_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
        (
            doc,
            "/synthetic/faelle.csv",
            "faelle.csv",
            "hcsv",
            "fp",
            "text/csv",
            "de",
            text,
            len(text.split()),
            "[]",
            "2026-01-01T00:00:00+00:00",
        ),
    )
    columns = json.dumps([{"name": "Kreis", "dtype": "str"}, {"name": "Fälle", "dtype": "int"}])
    conn.execute(
        'INSERT INTO datasets (doc_id, seq, name, start, "end", columns, method, confidence) '
        "VALUES (?,?,?,?,?,?,?,?)",
        (doc, 0, "Fälle je Kreis", 0, len(text), columns, "table", 1.0),
    )
    ds = conn.execute("SELECT MAX(id) FROM datasets").fetchone()[0]
    base = conn.execute("SELECT COALESCE(MAX(id), 0) FROM doc_entities").fetchone()[0]
    pos = len(lines[0]) + 1
    for seq, p in enumerate(rows):
        line = lines[seq + 1]
        de = base + seq + 1
        conn.execute(
            "INSERT INTO doc_entities (id, doc_id, key, name, type, on_topic, method, confidence, entity_id) "
            "VALUES (?,?,?,?,?,?,?,?,?)",
            (de, doc, f"k{p}", names[p], "PLACE", 1, "table", 1.0, p),
        )
        conn.execute(
            'INSERT INTO dataset_rows (dataset_id, doc_id, seq, "values", start, "end", doc_entity_id) '
            "VALUES (?,?,?,?,?,?,?)",
            (
                ds,
                doc,
                seq,
                json.dumps({"Kreis": names[p], "Fälle": (p * 37) % 5000}),
                pos,
                pos + len(line),
                de,
            ),
        )
        pos += len(line) + 1
    marks = ",".join("?" * len(rows))
    conn.execute(f"UPDATE entities SET n_docs = n_docs + 1 WHERE id IN ({marks})", rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="store file to write (replaced)")
    parser.add_argument("--entities", type=int, default=100_000)
    parser.add_argument("--docs", type=int, default=5_000)
    parser.add_argument("--mentions-per-doc", type=int, default=200)
    args = parser.parse_args()
    t0 = time.perf_counter()
    counts = build(Path(args.out), args.entities, args.docs, args.mentions_per_doc)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()) + f" in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
