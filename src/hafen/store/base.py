"""The ``Store`` protocol: everything the pipeline and the shells need from storage.

Nothing outside ``hafen.store`` may depend on a particular backend.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from hafen.document import Document


@dataclass(frozen=True, slots=True)
class DocState:
    """What the store remembers of a document to decide whether it must be rebuilt."""

    doc_id: int
    content_hash: str
    fingerprint: str


@runtime_checkable
class Store(Protocol):
    def document_state(self, source: str) -> DocState | None:
        """The stored state of ``source``, or None if it was never stored."""
        ...

    def put_document(self, doc: Document, fingerprint: str) -> int:
        """Store ``doc`` and all its facts atomically, replacing what ``source`` had before."""
        ...

    def remove_document(self, source: str) -> bool:
        """Remove a document and its facts; True if it existed."""
        ...

    def sources(self) -> list[str]:
        """All stored document sources."""
        ...

    def record_failure(self, source: str, code: str, message: str) -> None:
        """Remember that ``source`` could not be read (shown in status, cleared on success)."""
        ...

    def resolve(self) -> dict[str, int]:
        """Corpus step: link document entities to corpus entities; returns counts."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts of documents, entities by type, relations by type, figures, tables."""
        ...

    def close(self) -> None: ...
