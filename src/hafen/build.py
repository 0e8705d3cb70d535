"""Files in, a stored and source-linked document graph out: the incremental build.

Each input file is hashed first; a file whose bytes and pipeline fingerprint match the
store is skipped without reading it. Changed files are read, run through the pipeline and
stored one transaction each. A bad file is recorded and reported; the run goes on. The
corpus step (resolution) runs at the end whenever documents changed, or when an earlier
build was killed before it got there.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

from hafen import errors, read
from hafen.document import Document, content_hash
from hafen.pipeline import DEFAULT_STAGES, Pipeline, _fingerprint
from hafen.store.base import Store

# Called after each file: (files done, files in total, path, outcome) with outcome one of
# "read", "unchanged", "failed".
Progress = Callable[[int, int, Path, str], None]


class DocumentPipeline(Protocol):
    """What the build needs of a pipeline: a fingerprint and a way to process one document."""

    fingerprint: str

    def __call__(self, doc: Document) -> Document: ...


@dataclass
class BuildReport:
    """What a build did; ``stats`` is the store's state after it."""

    read: int = 0
    unchanged: int = 0
    failed: int = 0
    removed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (source, one-line reason)
    words: int = 0  # words of the documents read in this build
    seconds: float = 0.0
    resolved: bool = False
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.read + self.unchanged + self.failed

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds > 0 else 0.0

    @property
    def exit_status(self) -> int:
        """0 all good, 3 some files failed but others are stored, 1 nothing could be done."""
        if not self.failed:
            return 0
        return 3 if self.read + self.unchanged else 1


class _LazyPipeline:
    """Knows its fingerprint at once but loads the stages only when a document needs them.

    Loading stages (spaCy, lexicons, models) is the slow part of starting a build; a
    rebuild of an unchanged corpus should not pay for it.
    """

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self.fingerprint = _fingerprint(self.names)
        self._pipeline: Pipeline | None = None

    @property
    def loaded(self) -> bool:
        return self._pipeline is not None

    def __call__(self, doc: Document) -> Document:
        if self._pipeline is None:
            self._pipeline = Pipeline(self.names)
            # The stages' lexicons and models live as long as the build: keep them out of
            # the cyclic garbage collector's full passes (some 7% of extraction time).
            gc.freeze()
        return self._pipeline(doc)


def make_pipeline(pipeline: DocumentPipeline | Sequence[str] | None = None) -> DocumentPipeline:
    """A ready pipeline as given, or a lazily loaded one for stage names (default stages)."""
    if pipeline is None:
        return _LazyPipeline(DEFAULT_STAGES)
    if isinstance(pipeline, (list, tuple)):
        return _LazyPipeline(pipeline)
    return cast(DocumentPipeline, pipeline)


def source_of(path: Path) -> str:
    """The store identity of a file: its absolute path, so builds from any cwd agree."""
    return str(path.resolve())


def build(
    paths: Iterable[str | Path],
    store: Store,
    *,
    pipeline: DocumentPipeline | Sequence[str] | None = None,
    prune: bool = False,
    max_mb: float = 25.0,
    progress: Progress | None = None,
) -> BuildReport:
    """Bring ``store`` up to date with the files under ``paths``.

    ``pipeline`` is a ready pipeline, or stage names to load lazily (default: the default
    stages). Raises ``ConfigError`` for a missing path or when no input file is found.
    """
    started = time.perf_counter()
    roots = [Path(p) for p in paths]
    pipe = make_pipeline(pipeline)
    files = list(read.iter_input_files(roots))
    if not files:
        raise errors.ConfigError("E401", paths=", ".join(str(p) for p in roots))

    report = BuildReport()
    failed_before = {f.source for f in store.failures()}
    seen: set[str] = set()
    for done, path in enumerate(files, start=1):
        source = source_of(path)
        if source in seen:  # overlapping inputs ("docs docs/a.txt") name a file twice
            continue
        seen.add(source)
        outcome = _build_one(path, source, store, pipe, max_mb, report)
        if outcome == "unchanged" and source in failed_before:
            # The file is back to the stored version after a failed edit: no longer a failure.
            store.clear_failure(source)
        if progress is not None:
            progress(done, len(files), path, outcome)

    if prune:
        under = [source_of(p) for p in roots]
        for source in store.sources():
            if source not in seen and _is_under(source, under):
                report.removed += int(store.remove_document(source))
        for source in failed_before - seen:
            if _is_under(source, under):
                store.clear_failure(source)

    if report.read or report.removed or store.needs_resolution():
        store.resolve()
        report.resolved = True
    report.seconds = time.perf_counter() - started
    report.stats = store.stats()
    return report


def _build_one(
    path: Path, source: str, store: Store, pipe: DocumentPipeline, max_mb: float, report: BuildReport
) -> str:
    try:
        size = path.stat().st_size
        # Hashing is cheap next to reading and extraction; skip it for files the reader
        # will reject as too large anyway, so an oversized file costs nothing.
        raw_hash = content_hash(path.read_bytes()) if size <= max_mb * 1024 * 1024 else None
        state = store.document_state(source)
        if (
            state is not None
            and raw_hash is not None
            and state.content_hash == raw_hash
            and state.fingerprint == pipe.fingerprint
        ):
            report.unchanged += 1
            return "unchanged"
        doc = read.read_file(path, max_mb=max_mb)
        # The store's identity and change key are the build's, whatever the reader chose.
        doc.source = source
        if raw_hash is not None:
            doc.content_hash = raw_hash
        doc = pipe(doc)
        store.put_document(doc, pipe.fingerprint)
    except (errors.ReadError, errors.PipelineError) as exc:
        _fail(store, report, source, exc)
        return "failed"
    except OSError as exc:  # vanished or unreadable between listing and reading
        _fail(store, report, source, errors.ReadError(source, "E111", detail=exc.strerror or str(exc)))
        return "failed"
    report.read += 1
    report.words += doc.n_words
    return "read"


def _fail(store: Store, report: BuildReport, source: str, exc: errors.HafenError) -> None:
    message = exc.args[0]
    store.record_failure(source, exc.code, message, dict(exc.kwargs))
    report.failed += 1
    report.failures.append((source, f"[{exc.code}] {message}"))


def _is_under(source: str, roots: list[str]) -> bool:
    return any(source == root or source.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
