"""Measure resolution against hand-judged pairs: pairwise merge precision and recall."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hafen.resolve.cluster import Resolution
from hafen.resolve.records import EntityRecord, RecordId


@dataclass(frozen=True, slots=True)
class PairScores:
    precision: float
    recall: float
    true_positives: int
    predicted: int
    gold: int
    false_merges: list[tuple[RecordId, RecordId]]
    missed: list[tuple[RecordId, RecordId]]


def gold_records(gold_dir: Path) -> list[EntityRecord]:
    """Entity records (name, aliases, type) from gold annotation files (shared/eval/gold)."""
    out: list[EntityRecord] = []
    for path in sorted(gold_dir.glob("*.json")):
        if path.name.endswith(".table.json"):
            continue
        gold = json.loads(path.read_text(encoding="utf-8"))
        for ent in gold["entities"]:
            out.append(
                EntityRecord(
                    doc=gold["doc"],
                    key=ent["key"],
                    name=ent["name"],
                    type=ent["type"],
                    subtype=ent.get("subtype"),
                    aliases=tuple(ent.get("aliases") or ()),
                )
            )
    return out


def _closure(pairs: Iterable[tuple[RecordId, RecordId]]) -> set[frozenset[RecordId]]:
    """All pairs implied by the given ones (sameness is transitive)."""
    parent: dict[RecordId, RecordId] = {}

    def find(x: RecordId) -> RecordId:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups: dict[RecordId, list[RecordId]] = {}
    for x in list(parent):
        groups.setdefault(find(x), []).append(x)
    return {frozenset(p) for g in groups.values() for p in itertools.combinations(sorted(g), 2)}


def pairwise_scores(resolution: Resolution, same: Iterable[tuple[RecordId, RecordId]]) -> PairScores:
    """Precision and recall of merges over all cross-document record pairs."""
    gold = {p for p in _closure(same) if len({r[0] for r in p}) == 2}
    predicted: set[frozenset[RecordId]] = set()
    for c in resolution.clusters:
        for a, b in itertools.combinations(c.members, 2):
            if a[0] != b[0]:
                predicted.add(frozenset((a, b)))
    tp = len(gold & predicted)
    return PairScores(
        precision=tp / len(predicted) if predicted else 1.0,
        recall=tp / len(gold) if gold else 1.0,
        true_positives=tp,
        predicted=len(predicted),
        gold=len(gold),
        false_merges=sorted(tuple(sorted(p)) for p in predicted - gold),  # type: ignore[misc]
        missed=sorted(tuple(sorted(p)) for p in gold - predicted),  # type: ignore[misc]
    )


def load_pairs(path: Path) -> list[tuple[RecordId, RecordId]]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return [((r[0], r[1]), (r[2], r[3])) for r in rows]
