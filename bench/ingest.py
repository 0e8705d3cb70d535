"""Ingestion benchmark: prints words/s per core, re-ingest time, peak memory, spaCy reference.

    python bench/ingest.py [--shared DIR] [--n 2000] [--work DIR]

Not a test: it asserts nothing and only prints figures. The build is single-process, so
words per CPU-second is the per-core rate. spaCy's ``blank("de")`` tokenizer over the same
texts is the reference: no pipeline can be faster than tokenising, so the ratio says how
much of the budget extraction and storage take.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for corpus.py beside this file

import corpus as synthetic

from hafen.build import BuildReport, build
from hafen.document import Document
from hafen.store.sqlite import SQLiteStore

REPO = Path(__file__).resolve().parents[1]


class _ReadStoreOnly:
    """Stands in for the pipeline when the extraction stages are not importable."""

    fingerprint = "read-store-only"

    def __call__(self, doc: Document) -> Document:
        return doc


def choose_pipeline() -> tuple[Any, str]:
    from hafen.pipeline import Pipeline

    try:
        pipeline = Pipeline()
    except Exception as exc:  # report and fall back: the bench still measures read + store
        return _ReadStoreOnly(), f"extraction stages missing ({type(exc).__name__}: {exc}); read + store only"
    return pipeline, "default pipeline: " + ", ".join(pipeline.names)


def machine() -> str:
    pages = os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    ram_gb = pages * os.sysconf("SC_PAGE_SIZE") / 1024**3 if pages else float("nan")
    return (
        f"{os.cpu_count()} cores, {ram_gb:.1f} GB RAM, {platform.machine()}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024**2 if sys.platform == "darwin" else rss / 1024


def timed_build(label: str, paths: list[Path], db: Path, pipeline: Any) -> tuple[BuildReport, float]:
    cpu0, wall0 = cpu_seconds(), time.perf_counter()
    with SQLiteStore(db) as store:
        report = build(paths, store, pipeline=pipeline)
    wall, cpu = time.perf_counter() - wall0, cpu_seconds() - cpu0
    per_core = report.words / cpu if cpu > 0 else 0.0
    print(
        f"{label:<28} {report.read:>5} read {report.unchanged:>5} unchanged {report.failed:>3} failed  "
        f"{report.words:>8} words  {wall:7.2f} s wall  {cpu:7.2f} s cpu  "
        f"{report.words / wall if wall else 0:>9.0f} words/s  {per_core:>9.0f} words/cpu-s"
    )
    for source, reason in report.failures[:5]:
        print(f"    {source}: {reason}")
    return report, per_core


def spacy_reference(label: str, texts: list[str]) -> float:
    """Words per cpu-second of spaCy's blank German tokenizer on ``texts`` (a fresh one, cold cache)."""
    import spacy

    nlp = spacy.blank("de")
    nlp("Aufwärmen: die erste Verarbeitung lädt Tabellen nach.")  # keep one-off setup out of the timing
    words = sum(len(t.split()) for t in texts)
    cpu0 = cpu_seconds()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64))
    cpu = cpu_seconds() - cpu0
    rate = words / cpu if cpu > 0 else 0.0
    print(f"{'spaCy blank(de) ' + label:<28} {tokens:>8} tokens  {cpu:7.2f} s cpu  {rate:>9.0f} words/cpu-s")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description="hafen ingestion benchmark")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--n", type=int, default=2000, help="documents in the generated corpus")
    parser.add_argument("--work", type=Path, default=None, help="keep corpus and stores here")
    args = parser.parse_args()

    print(f"machine: {machine()}")
    pipeline, what = choose_pipeline()
    print(f"pipeline: {what}")

    with tempfile.TemporaryDirectory(prefix="hafen-bench-") as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for db in work.glob("*.db*"):
            db.unlink()

        seeds = args.shared / "seeds"
        seed_rate = 0.0
        if seeds.is_dir():
            _, seed_rate = timed_build("seeds (first build)", [seeds], work / "seeds.db", pipeline)
        else:
            print(f"seeds: not found at {seeds}")

        generated = work / "generated"
        t0 = time.perf_counter()
        files = synthetic.generate(generated, args.n)
        print(f"generated {len(files)} documents in {time.perf_counter() - t0:.1f} s")
        _, per_core = timed_build("generated (first build)", [generated], work / "generated.db", pipeline)
        timed_build("generated (unchanged)", [generated], work / "generated.db", pipeline)
        print(f"peak memory (maxrss): {peak_mb():.0f} MB")

        if seeds.is_dir():
            rate = spacy_reference(
                "seeds", [p.read_text(encoding="utf-8") for p in sorted(seeds.glob("*.txt"))]
            )
            if rate and seed_rate:
                print(
                    f"seeds: hafen build / spaCy tokenisation, words per cpu-second: {seed_rate / rate:.4f}"
                )
        rate = spacy_reference("generated", [p.read_text(encoding="utf-8") for p in files])
        if rate:
            print(f"generated: hafen build / spaCy tokenisation, words per cpu-second: {per_core / rate:.4f}")
        print(f"store size: {(work / 'generated.db').stat().st_size / 1024**2:.1f} MB")


if __name__ == "__main__":
    main()
