"""The ``Store`` protocol: everything the pipeline and the shells need from storage.

Nothing outside ``hafen.store`` may depend on a particular backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from hafen import errors
from hafen.document import Document
from hafen.i18n import pick


@dataclass(frozen=True, slots=True)
class DocState:
    """What the store remembers of a document to decide whether it must be rebuilt."""

    doc_id: int
    content_hash: str
    fingerprint: str


@dataclass(frozen=True, slots=True)
class DocInfo:
    """A stored document as listings show it."""

    id: int
    source: str
    name: str
    media_type: str
    lang: str | None
    n_words: int
    n_entities: int
    stored_at: str


@dataclass(frozen=True, slots=True)
class FailureInfo:
    """A source the last build could not read or extract."""

    source: str
    code: str
    message: str  # as shown when it happened, in the language of that run
    at: str
    args: dict[str, Any] = field(default_factory=dict)  # the message's fields, to show it again

    def text(self, lang: str | None = None) -> str:
        """The message in ``lang`` (default: the current language), from its code and fields."""
        try:
            en, de = errors.MESSAGES[self.code]
            return pick(en, de, lang).format(**self.args)
        except (KeyError, IndexError, ValueError):  # a code or field from another hafen version
            return self.message


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

    def record_failure(
        self, source: str, code: str, message: str, args: dict[str, Any] | None = None
    ) -> None:
        """Remember that ``source`` could not be read (shown in status, cleared on success).

        ``args`` are the fields of the coded message, so it can be shown in another language.
        """
        ...

    def documents(self) -> list[DocInfo]:
        """All stored documents, ordered by source."""
        ...

    def failures(self) -> list[FailureInfo]:
        """The sources that failed in the last builds, ordered by source."""
        ...

    def needs_resolution(self) -> bool:
        """True if documents changed since the last ``resolve()`` (also after a crash)."""
        ...

    def clear_failure(self, source: str) -> None:
        """Forget a recorded failure (the file was fixed or is gone)."""
        ...

    def resolve(self) -> dict[str, int]:
        """Corpus step: link document entities to corpus entities; returns counts."""
        ...

    def stats(self) -> dict[str, Any]:
        """Counts: documents, words, entities and relations by type, figures, datasets, failures."""
        ...

    def close(self) -> None: ...
