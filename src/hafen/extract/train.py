"""Retrain the CRF entity tagger: ``python -m hafen.extract.train [--exclude DOC] [--out PATH]``.

Training data: the passages written for hafen (``training/*.jsonl``, exact offsets) plus the
development gold projected onto the seed texts (every name and alias found with word
boundaries; the longest match wins). Before the final fit on everything, a model trained
without a fixed held-out part of the written passages is scored on that part.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import sklearn_crfsuite

from hafen.extract.crf import MODEL_PATH, encode_bio, tag_sequences, text_sequences
from hafen.extract.crf_features import sentence_features

REPO = Path(__file__).resolve().parents[3]
TRAINING_DIR = REPO / "training"
SHARED_DIR = REPO.parent / "shared"
HELD_OUT_EVERY = 6  # one written passage in six is held out for the evaluation split

Span = tuple[int, int, str]


@dataclass(slots=True)
class Example:
    """A text with its entity spans (character offsets, end exclusive)."""

    id: str
    text: str
    spans: list[Span]


def load_written(folder: Path = TRAINING_DIR) -> list[Example]:
    """The annotated passages in ``folder/*.jsonl``."""
    out: list[Example] = []
    for path in sorted(folder.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            rec = json.loads(line)
            spans = [(e["start"], e["end"], e["type"]) for e in rec["entities"]]
            out.append(Example(rec["id"], rec["text"], spans))
    return out


def project_gold(gold: dict, text: str) -> list[Span]:
    """Spans of every occurrence of a gold name or alias in ``text``; longest match wins."""
    forms: dict[str, str] = {}
    for ent in gold["entities"]:
        for form in [ent["name"], *ent.get("aliases", [])]:
            form = form.strip()
            if len(form) >= 2:
                forms.setdefault(form, ent["type"])
    candidates: list[tuple[int, int, str]] = []
    for form, etype in forms.items():
        pattern = re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)")
        candidates.extend((m.start(), m.end(), etype) for m in pattern.finditer(text))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken = bytearray(len(text) + 1)
    chosen: list[Span] = []
    for start, end, etype in candidates:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        chosen.append((start, end, etype))
    return sorted(chosen)


def matches_doc(name: str, patterns: Iterable[str]) -> bool:
    """Whether a seed file name is meant by any ``--exclude`` value (full name or prefix)."""
    return any(name == p or name.startswith(p) for p in patterns)


def load_seeds(shared: Path = SHARED_DIR, exclude: Sequence[str] = ()) -> list[Example]:
    """Seed texts with their projected gold, except the excluded documents."""
    out: list[Example] = []
    for gpath in sorted((shared / "eval" / "gold").glob("*.json")):
        if gpath.name.endswith(".table.json"):
            continue
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        doc = gold["doc"]
        seed = shared / "seeds" / doc
        if matches_doc(doc, exclude) or not seed.is_file():
            continue
        text = seed.read_text(encoding="utf-8")
        out.append(Example(doc, text, project_gold(gold, text)))
    return out


def to_xy(examples: Iterable[Example]) -> tuple[list[list[list[str]]], list[list[str]]]:
    """Feature and label sequences for crfsuite."""
    xs: list[list[list[str]]] = []
    ys: list[list[str]] = []
    for ex in examples:
        for seq in text_sequences(ex.text):
            if not seq:
                continue
            lo, hi = seq[0].start, seq[-1].end
            spans = [s for s in ex.spans if s[0] >= lo and s[1] <= hi]
            xs.append(sentence_features([t.text for t in seq]))
            ys.append(encode_bio(seq, spans))
    return xs, ys


def fit(
    examples: Sequence[Example],
    out: Path,
    c1: float = 0.02,
    c2: float = 0.1,
    iterations: int = 150,
    min_freq: int = 1,
) -> Path:
    """Train a CRF on ``examples`` and write it to ``out``."""
    xs, ys = to_xy(examples)
    out.parent.mkdir(parents=True, exist_ok=True)
    crf = sklearn_crfsuite.CRF(
        algorithm="lbfgs",
        c1=c1,
        c2=c2,
        max_iterations=iterations,
        min_freq=min_freq,
        all_possible_transitions=True,
        model_filename=str(out),
    )
    crf.fit(xs, ys)
    return out


def evaluate(examples: Sequence[Example], model: Path) -> dict[str, dict[str, float]]:
    """Token accuracy and exact-span entity P/R/F1 per type of ``model`` on ``examples``."""
    tok_ok = tok_all = 0
    counts: Counter[tuple[str, str]] = Counter()
    for ex in examples:
        seqs = text_sequences(ex.text)
        pred = {(m.start, m.end, m.type) for m in tag_sequences(seqs, ex.text, model)}
        pred_labels: dict[int, str] = {}
        gold_labels: dict[int, str] = {}
        for seq in seqs:
            gold_seq = encode_bio(seq, ex.spans)
            pred_seq = encode_bio(seq, pred)
            for tok, g, p in zip(seq, gold_seq, pred_seq, strict=True):
                gold_labels[tok.start], pred_labels[tok.start] = g, p
        for k, label in gold_labels.items():
            tok_all += 1
            tok_ok += label == pred_labels[k]
        gold = set(ex.spans)
        for etype in {s[2] for s in gold | pred}:
            gold_t = {s for s in gold if s[2] == etype}
            pred_t = {s for s in pred if s[2] == etype}
            counts[(etype, "tp")] += len(gold_t & pred_t)
            counts[(etype, "pred")] += len(pred_t)
            counts[(etype, "gold")] += len(gold_t)
    report: dict[str, dict[str, float]] = {"TOKENS": {"accuracy": tok_ok / max(tok_all, 1)}}
    types = sorted({t for t, _ in counts})
    for etype in [*types, "ALL"]:
        keys = types if etype == "ALL" else [etype]
        tp = sum(counts[(t, "tp")] for t in keys)
        npred = sum(counts[(t, "pred")] for t in keys)
        ngold = sum(counts[(t, "gold")] for t in keys)
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        report[etype] = {
            "p": prec,
            "r": rec,
            "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "tp": tp,
            "pred": npred,
            "gold": ngold,
        }
    return report


def split_written(examples: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """(train, held out): a fixed, content-independent choice by passage id."""
    train: list[Example] = []
    held: list[Example] = []
    for ex in examples:
        (held if zlib.crc32(ex.id.encode()) % HELD_OUT_EVERY == 0 else train).append(ex)
    return train, held


def print_report(title: str, report: dict[str, dict[str, float]]) -> None:
    print(title)
    print(f"  token accuracy {report['TOKENS']['accuracy']:.3f}")
    for etype, v in report.items():
        if etype != "TOKENS":
            print(
                f"  {etype:<8} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}"
                f"  ({v['tp']:.0f}/{v['pred']:.0f} pred, {v['gold']:.0f} gold)"
            )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m hafen.extract.train",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ap.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="DOC",
        help="seed document (file name or prefix) left out of training; repeatable",
    )
    ap.add_argument("--out", type=Path, default=MODEL_PATH, help=f"model file (default {MODEL_PATH})")
    ap.add_argument("--training-dir", type=Path, default=TRAINING_DIR)
    ap.add_argument(
        "--shared-dir", type=Path, default=SHARED_DIR, help="development set (seeds/ and eval/gold/)"
    )
    ap.add_argument("--no-seeds", action="store_true", help="train on the written passages only")
    ap.add_argument("--skip-eval", action="store_true", help="no held-out evaluation, final fit only")
    ap.add_argument("--c1", type=float, default=0.02)
    ap.add_argument("--c2", type=float, default=0.1)
    ap.add_argument("--iterations", type=int, default=150)
    args = ap.parse_args(argv)

    written = load_written(args.training_dir)
    seeds = [] if args.no_seeds else load_seeds(args.shared_dir, args.exclude)
    if not written and not seeds:
        print(f"no training data: neither {args.training_dir}/*.jsonl nor seeds", file=sys.stderr)
        return 2
    print(
        f"written passages: {len(written)} ({sum(len(e.spans) for e in written)} entities); "
        f"seed documents: {len(seeds)} ({sum(len(e.spans) for e in seeds)} projected mentions)"
    )
    params = {"c1": args.c1, "c2": args.c2, "iterations": args.iterations}
    if not args.skip_eval:
        train, held = split_written(written)
        if held and train:
            with tempfile.TemporaryDirectory() as tmp:
                t0 = time.perf_counter()
                model = fit([*train, *seeds], Path(tmp) / "split.crfsuite", **params)
                print(f"split model trained in {time.perf_counter() - t0:.1f}s")
                print_report(f"held-out written passages ({len(held)}):", evaluate(held, model))
    t0 = time.perf_counter()
    fit([*written, *seeds], args.out, **params)
    size = args.out.stat().st_size / 1e6
    print(f"model written to {args.out} ({size:.2f} MB, {time.perf_counter() - t0:.1f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
