"""Matchmaking latency over a generated index: p50/p95 of Matcher.match with cached embeddings.

    python bench/match_latency.py [--n 100000] [--queries 60] [--no-embeddings]

The profiles are generated from German and English sentence templates (names, topics,
places). Embeddings are cached the way a built index holds them: a pool of distinct
passages is embedded once with the real e5 model and every profile reuses one pool
vector (plus a little noise), so the timed path is exactly the production one: one e5
query embedding, sparse TF-IDF and topic products, a dense product, top-k, explanations.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time

import numpy as np

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
    a = ap.parse_args()

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
    needs = [NEEDS[i % len(NEEDS)] for i in range(a.queries)]
    for need in NEEDS[:3]:  # warm up caches and the model
        matcher.match(need, top=10)
    times = []
    for need in needs:
        start = time.perf_counter()
        results = matcher.match(need, top=10)
        times.append((time.perf_counter() - start) * 1000)
        assert results, need
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * len(times)) - 1)]
    print(f"profiles={a.n} embeddings={matcher.uses_embeddings} pool={len(pool_texts)} cpus={os.cpu_count()}")
    print(f"generate+embed pool {t1 - t0:.1f}s, build index {t2 - t1:.1f}s")
    print(
        f"match latency over {len(times)} needs: p50={statistics.median(times):.1f} ms p95={p95:.1f} ms "
        f"max={times[-1]:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
