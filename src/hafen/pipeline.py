"""Stage registry and ``pipe()``: per-document NLP stages, each ``(Document) -> Document``.

Stages are registered here, in one place, under versioned names; a name maps to the
``module:factory`` that builds the stage, imported only when a pipeline uses it.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from hafen import errors
from hafen.document import Document

Stage = Callable[[Document], Document]

# name -> "module:factory"; the factory takes no arguments and returns a Stage.
REGISTRY: dict[str, str] = {
    "hafen.sentences.v1": "hafen.extract.sentences:make_stage",
    "hafen.entities.v1": "hafen.extract.entities:make_stage",
    "hafen.relations.v1": "hafen.extract.relations:make_stage",
    "hafen.figures.v1": "hafen.extract.figures:make_stage",
    "hafen.tables.v1": "hafen.extract.tables:make_stage",
    "hafen.topicality.v1": "hafen.extract.topicality:make_stage",
}

DEFAULT_STAGES: tuple[str, ...] = (
    "hafen.sentences.v1",
    "hafen.entities.v1",
    "hafen.tables.v1",
    "hafen.topicality.v1",
    "hafen.relations.v1",
    "hafen.figures.v1",
)


def load_stage(name: str) -> Stage:
    try:
        target = REGISTRY[name]
    except KeyError:
        raise errors.PipelineError("E202", name=name, known=", ".join(sorted(REGISTRY))) from None
    module_name, factory_name = target.split(":")
    factory = getattr(importlib.import_module(module_name), factory_name)
    stage: Stage = factory()
    return stage


class Pipeline:
    """A list of named stages applied in order; ``pipe`` streams documents through them."""

    def __init__(self, names: Sequence[str] = DEFAULT_STAGES) -> None:
        self.names = tuple(names)
        self.stages = [(name, load_stage(name)) for name in self.names]
        self.fingerprint = _fingerprint(self.names)

    def __call__(self, doc: Document) -> Document:
        for name, stage in self.stages:
            try:
                result = stage(doc)
            except errors.HafenError:
                raise
            except Exception as exc:  # a stage bug must name the stage and the document
                raise errors.PipelineError(
                    "E203", name=name, source=doc.source, detail=f"{type(exc).__name__}: {exc}"
                ) from exc
            if not isinstance(result, Document):
                raise errors.PipelineError("E201", name=name, got=type(result).__name__)
            doc = result
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)


def _fingerprint(names: Sequence[str]) -> str:
    """Changes whenever the stages, their code or their shipped data change.

    Stored with each document, so that a rebuild after an upgrade re-extracts what the new
    code would find differently, and a rebuild with the same code does no work.
    """
    root = Path(__file__).parent
    digest = hashlib.sha256("\n".join(names).encode())
    for folder in ("extract", "data"):
        base = root / folder
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix not in {".pyc"} and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
