"""Matchmaking on the development set: gold profiles from the seeds, nDCG@10 via score.py.

    python bench/match_eval.py [--shared ../shared] [--no-embeddings] [--out results.json]
    python bench/match_eval.py --db seeds.db [--no-embeddings]     # end to end
    python bench/match_eval.py --db seeds.db --resolve             # re-resolve the store first

End to end (``--db``): the seeds are built into the store (if it is empty), resolved with
hafen.resolve, and the queries are matched against the store's own profiles with the
vectors cached in the store, exactly as ``hafen match --db`` does.

Profiles are built from the gold annotations: the gold entities of the five seed documents,
resolved across documents with hafen.resolve, each described by the seed sentences that
contain one of its names, its focuses_on topics, located_in places and stated relations.
The queries of shared/eval/queries.json are matched and scored with shared/eval/score.py.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from hafen.match.profiles import Profile, Sentence
from hafen.match.ranker import Matcher, MatchSettings, passage
from hafen.resolve.cluster import resolve
from hafen.resolve.evaluate import gold_records

REPO = Path(__file__).resolve().parents[1]
_SENT = re.compile(r"[^\n]+?(?:[.!?](?=\s)|$)", re.M)


def sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENT.finditer(text) if m.group().strip()]


def _occurs(form: str, sentence: str) -> bool:
    flags = 0 if len(form) <= 4 else re.I
    return re.search(rf"(?<!\w){re.escape(form)}(?!\w)", sentence, flags) is not None


def gold_profiles(shared: Path) -> list[Profile]:
    gold_dir = shared / "eval" / "gold"
    records = gold_records(gold_dir)
    resolution = resolve(records)
    by_id = {r.id: r for r in records}
    texts = {p.name: p.read_text(encoding="utf-8") for p in (shared / "seeds").glob("*.txt")}
    spans = {doc: sentences(t) for doc, t in texts.items()}
    relations: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    names: dict[tuple[str, str], str] = {}
    for path in sorted(gold_dir.glob("*.txt.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        keyed = {e["key"]: e for e in g["entities"]}
        for e in g["entities"]:
            names[(g["doc"], e["key"])] = e["name"]
        for r in g.get("relations", []):
            if r["head"] in keyed and r["tail"] in keyed:
                relations[(g["doc"], r["head"])].append((r["type"], keyed[r["tail"]]["name"]))
                if r["type"] == "cooperates_with":
                    relations[(g["doc"], r["tail"])].append((r["type"], keyed[r["head"]]["name"]))
    profiles = []
    for n, cluster in enumerate(resolution.clusters):
        evidence: list[Sentence] = []
        rels: list[tuple[str, str]] = []
        for rid in cluster.members:
            rec = by_id[rid]
            text = texts.get(rec.doc, "")
            for start, end in spans.get(rec.doc, []):
                sent = text[start:end]
                if any(_occurs(f, sent) for f in rec.forms):
                    evidence.append(Sentence(sent.strip(), rec.doc, start, end))
            rels.extend(relations.get(rid, []))
        topics = tuple(dict.fromkeys(o for t, o in rels if t == "focuses_on"))
        places = tuple(dict.fromkeys(o for t, o in rels if t == "located_in"))
        profiles.append(
            Profile(
                id=f"c{n}",
                name=cluster.name,
                type=cluster.type,
                subtype=cluster.subtype,
                aliases=tuple(cluster.aliases),
                text=" ".join(s.text for s in evidence),
                topics=topics,
                places=places,
                relations=tuple(dict.fromkeys(rels)),
                evidence=tuple(evidence),
            )
        )
    return profiles


def _cache_path(profiles: list[Profile]) -> Path:
    digest = hashlib.sha256("\x1e".join(passage(p) for p in profiles).encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"hafen-match-eval-{digest}.npy"


def _cached_embeddings(profiles: list[Profile]) -> np.ndarray | None:
    path = _cache_path(profiles)
    return np.load(path) if path.exists() else None


def _store_matcher(shared: Path, db: Path, use_embeddings: bool, reresolve: bool = False) -> Matcher:
    from hafen.build import build
    from hafen.match.index import store_matcher
    from hafen.store import open_store

    store = open_store(str(db))
    try:
        if not store.sources():
            build([shared / "seeds"], store)
        elif reresolve:  # measure a resolution change without extracting again
            store.resolve()
        return store_matcher(store, settings=MatchSettings(use_embeddings=use_embeddings))
    finally:
        store.close()


def run(
    shared: Path,
    use_embeddings: bool,
    out: Path | None = None,
    db: Path | None = None,
    reresolve: bool = False,
) -> dict[str, object]:
    t0 = time.perf_counter()
    if db is not None:
        matcher = _store_matcher(shared, db, use_embeddings, reresolve)
        profiles = matcher.profiles
    else:
        profiles = gold_profiles(shared)
        cached = _cached_embeddings(profiles) if use_embeddings else None
        matcher = Matcher(profiles, embeddings=cached, settings=MatchSettings(use_embeddings=use_embeddings))
        if use_embeddings and cached is None and matcher.embeddings is not None:
            np.save(_cache_path(profiles), matcher.embeddings)
    build = time.perf_counter() - t0
    queries = json.loads((shared / "eval" / "queries.json").read_text(encoding="utf-8"))
    results = {q["query"]: [r.to_json() for r in matcher.match(q["query"], top=10)] for q in queries}
    target = out or Path(tempfile.mkstemp(suffix=".json")[1])
    target.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score.py"),
            "ranking",
            str(shared / "eval" / "gold"),
            str(shared / "eval" / "queries.json"),
            str(target),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(proc.stdout)
    scores["embeddings"] = matcher.uses_embeddings
    scores["profiles"] = len(profiles)
    scores["build_seconds"] = round(build, 2)
    return scores


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--no-embeddings", action="store_true")
    ap.add_argument("--out", type=Path, default=None, help="also keep the results JSON here")
    ap.add_argument("-v", "--verbose", action="store_true", help="per-query figures")
    ap.add_argument(
        "--db",
        type=Path,
        default=None,
        help="end to end: match against this store (built from the seeds if empty)",
    )
    ap.add_argument("--resolve", action="store_true", help="with --db: resolve the stored documents again")
    a = ap.parse_args()
    scores = run(a.shared, not a.no_embeddings, a.out, a.db, a.resolve)
    if a.verbose:
        for q, v in scores["per_query"].items():  # type: ignore[attr-defined]
            print(f"  ndcg {v['ndcg']:.3f} recall {v['recall']:.3f}  {q[:90]}")
    print(
        f"embeddings={scores['embeddings']} profiles={scores['profiles']} "
        f"ndcg@10={scores['ndcg@10']} recall@10={scores['recall@10']} queries={scores['queries']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
