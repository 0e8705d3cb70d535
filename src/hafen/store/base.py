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

    # -- read side for the web app, the JSON API and exports (JSON-ready values) ---------
    # Lists come as {"total", "limit", "offset", "items"}; evidence as doc_id, start, end
    # and the sentence around the span.
    def revision(self) -> str:
        """A token that changes whenever documents or entities change (a cache key)."""
        ...

    def read_overview(self) -> dict[str, Any]:
        """Counts by type and the most named topics."""
        ...

    def read_entities(
        self, *, type: str | None = None, subtype: str | None = None, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        """Corpus entities, most documented first."""
        ...

    def read_entity(
        self,
        entity_id: int,
        limit: int | None = None,
        offset: int = 0,
        known: tuple[int, int, int] | None = None,
    ) -> dict[str, Any] | None:
        """One entity's profile: mentions, relations both ways, roles, figures, dataset rows.

        ``limit`` and ``offset`` page each list (``counts`` keeps the full numbers); ``known``
        passes counts already read with ``read_fact_counts`` so a page need not count again."""
        ...

    def read_fact_counts(self) -> dict[int, tuple[int, int, int]]:
        """Per entity: (mentions, relations out, relations in), for every entity at once."""
        ...

    def read_relations(
        self, *, type: str | None = None, entity_id: int | None = None, limit: int = 50, offset: int = 0
    ) -> dict[str, Any]:
        """Relations between corpus entities, each with its evidence."""
        ...

    def read_documents(self, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Stored documents, by name."""
        ...

    def read_document(self, doc_id: int) -> dict[str, Any] | None:
        """One document's cleaned text with the spans of its mentions and figures."""
        ...

    def read_search(self, q: str, **filters: Any) -> dict[str, Any]:
        """Full-text search over entity names and document texts, with facets."""
        ...

    def read_graph(self, limit: int | None = None) -> dict[str, Any]:
        """Entities as nodes (the ``limit`` best connected, if given); relation and co-mention edges."""
        ...

    def read_map(self, limit: int | None = None) -> dict[str, Any]:
        """Points with coordinates (at most ``limit``, most documented first) and dataset layers."""
        ...

    def read_datasets(self, *, limit: int = 50, offset: int = 0) -> dict[str, Any]:
        """Tables found in documents, with their rows."""
        ...

    # -- corpus graph: merge reasons, curated decisions, match index ----------------------
    def find_entities(self, text: str) -> list[dict[str, Any]]:
        """Entities a user may mean by ``text`` (an id, a name or alias, else a part of one)."""
        ...

    def merge_reasons(self, entity_id: int) -> list[dict[str, Any]]:
        """Why the document records of an entity were joined: rule, score, detail per merge."""
        ...

    def curations(self) -> list[dict[str, Any]]:
        """Curated merge/split decisions, stored by natural keys so they survive rebuilds."""
        ...

    def curate(self, action: str, a: tuple[int, str | None], b: tuple[int, str | None]) -> int:
        """Record "merge" or "split" of two entities (id, form named); applied by ``resolve()``."""
        ...

    def uncurate(self, curation_id: int) -> bool:
        """Forget a curated decision; True if it existed."""
        ...

    def match_profiles(self) -> list[Any]:
        """Actors as ``hafen.match.Profile``: evidence sentences, topics, places, relations."""
        ...

    def cached_vectors(self, model: str) -> dict[str, tuple[str, bytes, int]]:
        """Stored profile vectors of ``model``: profile id -> (text hash, float32 bytes, dim)."""
        ...

    def save_vectors(self, model: str, rows: list[tuple[str, str, bytes, int]]) -> None:
        """Store profile vectors: (profile id, text hash, float32 bytes, dim)."""
        ...

    def close(self) -> None: ...
