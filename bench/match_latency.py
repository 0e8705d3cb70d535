"""Matchmaking latency over a generated index: p50/p95 of Matcher.match with cached embeddings.

    python bench/match_latency.py [--n 100000] [--queries 60] [--no-embeddings] [--search-db big.db]
    python bench/match_latency.py --search-db big.db --search-only

The profiles are generated from German and English sentence templates (names, topics,
places). Embeddings are cached the way a built index holds them: a pool of distinct
passages is embedded once with the real e5 model and every profile reuses one pool
vector (plus a little noise), so the timed path is exactly the production one: one e5
query embedding, sparse TF-IDF and topic products, a dense product, top-k, explanations.

Every timed need is distinct (templates x topics x cities), so nothing the model or the
index might keep from one need helps the next. With embeddings, the top ten of the
coarse-to-fine dense scoring (``match/dense.py``) are compared with exact scoring.
The modes (lexical only, e5, "embed only" = one bare e5 query of the raw need, a gauge of
the machine's load) alternate need by need, all on one index.
``--search-db`` also times the store's ``search`` (``bench/make_big_store.py`` writes one);
``--search-only`` times nothing else.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import sqlite3
import statistics
import sys
import time

import numpy as np

from hafen.match.dense import DenseIndex
from hafen.match.embed import load_embedder
from hafen.match.profiles import Profile
from hafen.match.ranker import Matcher, MatchSettings

CITIES = [
    "Leipzig",
    "Dresden",
    "Chemnitz",
    "Bremen",
    "Kiel",
    "Rostock",
    "Essen",
    "Bochum",
    "Kassel",
    "Freiburg",
    "Ulm",
    "Jena",
    "Erfurt",
    "Magdeburg",
    "Aachen",
    "Münster",
    "Paderborn",
    "Siegen",
]
KINDS = [
    ("ORG", "research", "Institut für {t}"),
    ("ORG", "university", "Hochschule {c}"),
    ("ORG", "company", "{t} Systeme GmbH"),
    ("ORG", "network", "Netzwerk {t} {c}"),
    ("ORG", "public", "Wirtschaftsförderung {c}"),
    ("PROJECT", None, "Kompetenzzentrum {t}"),
    ("EVENT", None, "{t}-Tag {c}"),
    ("PLACE", "site", "Technologiepark {c}"),
]
TOPICS = [
    "Künstliche Intelligenz",
    "Wasserstoff",
    "Logistik",
    "Medizintechnik",
    "IT-Sicherheit",
    "Robotik",
    "3D-Druck",
    "Kreislaufwirtschaft",
    "Digitaler Zwilling",
    "Sensorik",
    "Batterietechnik",
    "Lebensmitteltechnologie",
    "Quantencomputing",
    "Photonik",
    "Leichtbau",
    "Agrartechnik",
]
SENTENCES = [
    "{n} arbeitet in {c} an {t} und {u}.",
    "Gemeinsam mit Unternehmen aus der Region entwickelt {n} Lösungen für {t}.",
    "{n} berät kleine und mittlere Unternehmen zu {u} und Fördermitteln.",
    "{n} is a partner for applied research in {t} and {u}.",
    "Start-ups finden bei {n} Flächen, Labore und Beratung zu {t}.",
    "{n} veranstaltet jährlich Workshops zu {u} mit über 200 Teilnehmenden.",
]
NEEDS = [
    "Wir suchen einen Forschungspartner für KI-gestützte vorausschauende Wartung.",
    "Startup sucht Labor und Beratung für Medizintechnik in Jena",
    "Netzwerk für Wasserstoff und Brennstoffzellen in Norddeutschland gesucht",
    "We need a partner for cyber security audits of our production systems",
    "Wer hilft bei 3D-Druck und Leichtbau für Fahrzeugteile?",
    "Kreislaufwirtschaft: Recycling von Batterien marktreif machen",
    "Robotik für die Logistik in Bremen",
    "Förderung für die Digitalisierung eines Handwerksbetriebs",
    "Veranstaltung zu Quantencomputing und Photonik",
    "Digital twin of a food processing line",
]


NEED_TEMPLATES = [
    "Wir suchen einen Forschungspartner für {t} in {c}.",
    "Startup sucht Labor und Beratung für {t}",
    "Netzwerk für {t} und {u} in {c} gesucht",
    "We need a partner for {t} and {u}",
    "Wer hilft bei {t} für kleine Unternehmen in {c}?",
    "Förderung für {u} eines Handwerksbetriebs",
    "Veranstaltung zu {t} und {u}",
]


def varied_needs(count: int, seed: int = 11) -> list[str]:
    """`count` distinct needs: the fixed examples, then templates x topics x cities."""
    rng = random.Random(seed)
    combos = list(itertools.product(NEED_TEMPLATES, TOPICS, TOPICS, CITIES))
    rng.shuffle(combos)
    out = list(NEEDS)
    for template, t, u, c in combos:
        if len(out) >= count:
            break
        if t != u:
            out.append(template.format(t=t, u=u, c=c))
    return out[:count]


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * len(ordered)) - 1)]


def overlap(matcher: Matcher, needs: list[str], tops: list[list[str]]) -> float:
    """Mean share of the recorded top ten that the matcher returns now."""
    return statistics.mean(
        len(set(top) & {r.id for r in matcher.match(need, top=10)}) / max(1, len(top))
        for need, top in zip(needs, tops, strict=True)
    )


# Queries that hit much of a store from make_big_store.py: common name parts, legal forms,
# two-word names, short words (whole-word path), and facet filters.
HEAVY = ["GmbH", "Robotik", "Ruhr", "werk", "Wasserstoff", "Anna Kessler", "KI", "AG", "Stahlwerk Energie"]


def search_latency(db: str, needs: list[str], repeat: int = 5) -> dict[str, tuple[float, ...]]:
    """Per query set, in ms: p50 and p95 of all timed runs, p95 of each query's fastest run,
    p95 of CPU time. The fastest of ``repeat`` runs is the figure a quiet machine gives.

    "needs": the first long words of the needs (the issue's figure); "heavy": queries that
    hit thousands of entities and nearly every document, plus a type and a topic filter.
    Each query runs ``repeat`` times, interleaved, after one untimed warm-up round, on a
    read-only connection.
    """
    from hafen.store.read_search import search

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    words = [w.strip("?.,:") for need in needs for w in need.split() if len(w) > 5][: len(needs)]
    topic = conn.execute(
        "SELECT id FROM entities WHERE type = 'TOPIC' ORDER BY n_docs DESC LIMIT 1"
    ).fetchone()
    heavy: list[tuple[str, dict[str, object]]] = [(w, {}) for w in HEAVY]
    heavy += [("Robotik", {"type": "ORG"}), ("GmbH", {"type": "ORG", "offset": 40})]
    if topic:
        heavy.append(("Energie", {"topic": topic[0]}))
    sets = {"needs": [(w, {}) for w in words], "heavy": heavy}
    out = {}
    for label, queries in sets.items():
        for q, kw in queries:
            search(conn, q, **kw)  # type: ignore[arg-type]
        wall: list[list[float]] = [[] for _ in queries]
        cpu: list[float] = []
        for _ in range(repeat):
            for k, (q, kw) in enumerate(queries):
                start, cstart = time.perf_counter(), time.process_time()
                search(conn, q, **kw)  # type: ignore[arg-type]
                cpu.append((time.process_time() - cstart) * 1000)
                wall[k].append((time.perf_counter() - start) * 1000)
        p50, p95 = percentiles([t for runs in wall for t in runs])
        best95 = percentiles([min(runs) for runs in wall])[1]
        out[label] = (p50, p95, best95, percentiles(cpu)[1])
    conn.close()
    return out


def print_search(db: str, needs: list[str]) -> None:
    for label, (p50, p95, best95, cpu95) in search_latency(db, needs).items():
        print(
            f"search latency ({db}, {label}): p50={p50:.1f} ms p95={p95:.1f} ms "
            f"p95-of-fastest={best95:.1f} ms cpu-p95={cpu95:.1f} ms"
        )


def generate(n: int, seed: int = 7) -> tuple[list[Profile], list[str], np.ndarray]:
    """n profiles, the pool of distinct passages, and each profile's pool index."""
    rng = random.Random(seed)
    profiles: list[Profile] = []
    pool_of: list[int] = []
    pool: dict[tuple[int, int, int], int] = {}
    pool_texts: list[str] = []
    for i in range(n):
        type_, subtype, pattern = rng.choice(KINDS)
        t, u = rng.sample(TOPICS, 2)
        c = rng.choice(CITIES)
        name = pattern.format(t=t, c=c) + (f" {i}" if type_ != "PLACE" else f" Nord {i}")
        picks = rng.sample(range(len(SENTENCES)), 2)
        text = " ".join(SENTENCES[k].format(n=name, c=c, t=t, u=u) for k in picks)
        profiles.append(
            Profile(
                id=f"p{i}",
                name=name,
                type=type_,
                subtype=subtype,
                text=text,
                topics=(t, u),
                places=(c,),
                relations=(("located_in", c),),
            )
        )
        signature = (TOPICS.index(t), TOPICS.index(u), 0)
        if signature not in pool:
            pool[signature] = len(pool_texts)
            pool_texts.append(f"{pattern.format(t=t, c=c)}. {SENTENCES[0].format(n='', c=c, t=t, u=u)}")
        pool_of.append(pool[signature])
    return profiles, pool_texts, np.asarray(pool_of)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=60)
    ap.add_argument("--no-embeddings", action="store_true")
    ap.add_argument("--search-db", default=None, help="also time search on this store")
    ap.add_argument("--search-only", action="store_true", help="time only search (needs --search-db)")
    a = ap.parse_args()
    if a.search_only:
        if not a.search_db:
            ap.error("--search-only needs --search-db")
        print_search(a.search_db, varied_needs(a.queries))
        return 0

    t0 = time.perf_counter()
    profiles, pool_texts, pool_of = generate(a.n)
    embedder = None if a.no_embeddings else load_embedder()
    cached = None
    if embedder is not None:
        pool = embedder.passages(pool_texts)
        rng = np.random.default_rng(7)
        cached = pool[pool_of] + rng.normal(0, 0.01, (a.n, pool.shape[1])).astype(np.float32)
    t1 = time.perf_counter()
    matcher = Matcher(
        profiles,
        embedder=embedder,
        embeddings=cached,
        settings=MatchSettings(use_embeddings=embedder is not None),
    )
    t2 = time.perf_counter()
    warm = varied_needs(a.queries + 3, seed=99)[-3:]
    needs = varied_needs(a.queries)
    for need in warm:  # warm up caches and the model, with needs that are not timed
        matcher.match(need, top=10)
    # The modes alternate need by need, so that load from elsewhere hits them alike.
    modes = ["lexical"] + (["e5", "embed only"] if matcher.uses_embeddings else [])
    times: dict[str, list[float]] = {m: [] for m in modes}
    tops: dict[str, list[list[str]]] = {"e5": [], "lexical": []}
    model = matcher._embedder
    for need in needs:
        for mode in modes:
            start = time.perf_counter()
            if mode == "embed only":
                assert model is not None
                model.query(need)
            else:
                matcher._embedder = model if mode == "e5" else None
                results = matcher.match(need, top=10)
                assert results, need
                tops[mode].append([r.id for r in results])
            times[mode].append((time.perf_counter() - start) * 1000)
    matcher._embedder = model
    print(f"profiles={a.n} embeddings={matcher.uses_embeddings} pool={len(pool_texts)} cpus={os.cpu_count()}")
    print(f"generate+embed pool {t1 - t0:.1f}s, build index {t2 - t1:.1f}s")
    for mode in modes:
        p50, p95 = percentiles(times[mode])
        print(
            f"{mode:>10} over {len(needs)} distinct needs: "
            f"p50={p50:.1f} ms p95={p95:.1f} ms max={max(times[mode]):.1f} ms"
        )
    dense = matcher._dense
    if isinstance(dense, DenseIndex) and dense.approximate and tops["e5"]:
        matcher._dense = DenseIndex(dense.matrix, prefilter_min=len(profiles) + 1)
        print(
            f"top-10 overlap of projected+rerank with exact dense: {overlap(matcher, needs, tops['e5']):.3f}"
        )
    if a.search_db:
        print_search(a.search_db, needs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
