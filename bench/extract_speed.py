"""Extraction speed per stage: words per CPU-second for reading and every pipeline stage.

    python bench/extract_speed.py [--shared DIR] [--n 300] [--profile OUT.prof] [--repeat 1]

Not a test: it asserts nothing and only prints figures. CPU time is ``time.process_time``
(this process, all threads), so words per CPU-second is the per-core rate. Models and
lexicons are loaded and the stages warmed up on a text outside the measured corpora
before any timing. Tokenising is measured as its own step ("tokens": the shared spaCy Doc
every stage reuses), beside spaCy's plain ``blank("de")`` on the same cleaned texts.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for corpus.py beside this file

import corpus as synthetic

from hafen import read
from hafen.document import Document
from hafen.extract import crf
from hafen.extract.tokens import spacy_doc
from hafen.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
WARM_UP = (
    "Die Technische Hochschule Lübeck und die Fraunhofer-Einrichtung für Marine Biotechnologie "
    "kooperieren seit 2021 im Projekt „BlueHealth“. Prof. Dr. Karin Möller, Leiterin des "
    "Instituts, sagt: „Wir forschen an Wasserstoff und Künstlicher Intelligenz.“ Rund 40 neue "
    "Arbeitsplätze entstehen bis 2026 in Lübeck-Travemünde. Die Kielwerk GmbH liefert die "
    "Sensoren; Kielwerk baut dafür in Rostock.\n"
    "Standort\tBeschäftigte\nKiel\t1.200\nRostock\t950\n"
)


def machine() -> str:
    pages = os.sysconf("SC_PHYS_PAGES") if hasattr(os, "sysconf") else 0
    ram_gb = pages * os.sysconf("SC_PAGE_SIZE") / 1024**3 if pages else float("nan")
    return (
        f"{os.cpu_count()} cores ({len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}"
        f" usable), {ram_gb:.1f} GB RAM, {platform.machine()}, {platform.processor() or '?'}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


# CPU seconds of the CRF inside the entity stage (its share is printed beside the stage)
_CRF_CPU = [0.0]


def _time_crf() -> None:
    """Wrap ``crf.predict_mentions`` before the entity stage picks it up."""
    predict = crf.predict_mentions

    def timed(*args: Any, **kwargs: Any) -> Any:
        t0 = time.process_time()
        try:
            return predict(*args, **kwargs)
        finally:
            _CRF_CPU[0] += time.process_time() - t0

    crf.predict_mentions = timed


def _timed(totals: dict[str, float], name: str, fn: Callable[[], object]) -> object:
    t0 = time.process_time()
    result = fn()
    totals[name] = totals.get(name, 0.0) + time.process_time() - t0
    return result


def run_corpus(pipeline: Pipeline, files: list[Path]) -> tuple[dict[str, float], int, list[str]]:
    """CPU seconds per step over ``files``, the word count, and the cleaned texts."""
    totals: dict[str, float] = {}
    words = 0
    texts: list[str] = []
    crf_before = _CRF_CPU[0]
    for path in files:
        doc = _timed(totals, "read", lambda p=path: read.read_file(p))  # type: ignore[misc]
        assert isinstance(doc, Document)
        words += doc.n_words
        texts.append(doc.text)
        _timed(totals, "tokens", lambda d=doc: spacy_doc(d))  # type: ignore[misc]
        for name, stage in pipeline.stages:
            doc = _timed(totals, name.removeprefix("hafen.").removesuffix(".v1"), lambda s=stage, d=doc: s(d))  # type: ignore[misc]
            assert isinstance(doc, Document)
    totals["(crf)"] = _CRF_CPU[0] - crf_before
    return totals, words, texts


def spacy_blank_rate(texts: list[str], words: int) -> float:
    import spacy

    nlp = spacy.blank("de")
    nlp("Aufwärmen: die erste Verarbeitung lädt Tabellen nach.")
    t0 = time.process_time()
    for text in texts:
        nlp(text)
    cpu = time.process_time() - t0
    return words / cpu if cpu > 0 else 0.0


def report(label: str, totals: dict[str, float], words: int, spacy_rate: float) -> None:
    crf_secs = totals.get("(crf)", 0.0)
    totals = {k: v for k, v in totals.items() if k != "(crf)"}
    total = sum(totals.values())
    print(f"\n{label}: {words} words")
    print(f"  {'step':<12} {'cpu s':>8} {'words/s':>10} {'share':>6}")
    for name, secs in totals.items():
        rate = words / secs if secs > 0 else float("inf")
        print(f"  {name:<12} {secs:8.3f} {rate:10.0f} {secs / total:6.1%}")
        if name == "entities" and crf_secs:
            crf_rate = words / crf_secs
            print(f"  {'  of it crf':<12} {crf_secs:8.3f} {crf_rate:10.0f} {crf_secs / total:6.1%}")
    rate = words / total if total > 0 else 0.0
    extract = total - totals.get("read", 0.0)
    without_read = words / extract if extract else 0.0
    print(f"  {'TOTAL':<12} {total:8.3f} {rate:10.0f}  (without read: {without_read:.0f})")
    ratio = rate / spacy_rate if spacy_rate else 0.0
    print(f"  spaCy blank(de) on the same texts: {spacy_rate:.0f} words/s; hafen/spaCy = {ratio:.3f}")


def corpora(shared: Path, n: int, tmp: Path) -> list[tuple[str, list[Path]]]:
    out = []
    seeds = shared / "seeds"
    if seeds.is_dir():
        out.append(("seeds", sorted(seeds.glob("*.txt"))))
    examples = REPO / "examples"
    if examples.is_dir():
        out.append(("examples", sorted(read.iter_input_files([examples]))))
    out.append((f"generated ({n} docs)", synthetic.generate(tmp / "generated", n)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="hafen per-stage extraction speed")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--n", type=int, default=300, help="documents in the generated corpus")
    parser.add_argument("--profile", type=Path, default=None, help="write cProfile stats of all corpora here")
    parser.add_argument("--only", default=None, help="measure only corpora whose label starts with this")
    args = parser.parse_args()

    print(f"machine: {machine()}")
    t0 = time.process_time()
    _time_crf()
    pipeline = Pipeline()
    pipeline(Document(source="warm-up.txt", text=WARM_UP, content_hash="0"))
    # every reader once (file formats, language models load lazily), outside the timing
    for path in sorted(read.iter_input_files([REPO / "examples"])) if (REPO / "examples").is_dir() else []:
        read.read_file(path)
    gc.freeze()  # as the build does once its stages are loaded
    print(f"pipeline: {', '.join(pipeline.names)}; load + warm-up {time.process_time() - t0:.2f} cpu s")

    profiler = cProfile.Profile() if args.profile else None
    grand: dict[str, float] = {}
    grand_words = 0
    grand_texts: list[str] = []
    with tempfile.TemporaryDirectory(prefix="hafen-speed-") as tmp:
        for label, files in corpora(args.shared, args.n, Path(tmp)):
            if args.only and not label.startswith(args.only):
                continue
            if profiler:
                profiler.enable()
            totals, words, texts = run_corpus(pipeline, files)
            if profiler:
                profiler.disable()
            report(f"{label}, {len(files)} files", totals, words, spacy_blank_rate(texts, words))
            for name, secs in totals.items():
                grand[name] = grand.get(name, 0.0) + secs
            grand_words += words
            grand_texts += texts
    report("all corpora", grand, grand_words, spacy_blank_rate(grand_texts, grand_words))
    if profiler and args.profile:
        profiler.dump_stats(str(args.profile))
        print(f"\nprofile written to {args.profile} (python -m pstats {args.profile})")


if __name__ == "__main__":
    main()
