"""The central data model: a Document enriched stage by stage, every fact anchored in its text.

All offsets are character offsets into ``Document.text`` (the cleaned text), end exclusive.
Stages add to a Document; the store persists it whole; the JSON contract of
``hafen extract`` is ``Document.to_contract()``.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ENTITY_TYPES = ("ORG", "PERSON", "PLACE", "PROJECT", "EVENT", "TOPIC")
ORG_SUBTYPES = ("university", "research", "company", "public", "network", "other")
PLACE_SUBTYPES = ("city", "region", "site")
RELATION_TYPES = (
    "part_of",
    "located_in",
    "cooperates_with",
    "works_for",
    "organizes",
    "develops",
    "focuses_on",
    "funds",
)
SYMMETRIC_RELATIONS = frozenset({"cooperates_with"})


def content_hash(data: bytes) -> str:
    """Stable hash of a file's raw bytes: the key of incremental builds."""
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class Segment:
    """A stretch of the text that stands on its own (one article, one table, one review)."""

    start: int
    end: int
    kind: str = "text"  # "text" | "table"
    lang: str | None = None  # "de" | "en" | None when undecided
    on_topic: bool = True  # False for parts unrelated to the regional economy (a theatre review)
    title: str | None = None


@dataclass(slots=True)
class Mention:
    """One occurrence of a named thing in the text."""

    start: int
    end: int
    text: str
    type: str
    entity: str | None = None  # key of the document-level Entity it refers to
    subtype: str | None = None
    method: str = "rule"
    confidence: float = 1.0


@dataclass(slots=True)
class Entity:
    """A named thing as one document knows it: all its surface forms, linked mentions."""

    key: str  # unique within the document
    name: str
    type: str
    subtype: str | None = None
    aliases: list[str] = field(default_factory=list)
    on_topic: bool = True
    attrs: dict[str, Any] = field(default_factory=dict)  # e.g. {"lat": .., "lon": .., "ags": ..}
    method: str = "rule"
    confidence: float = 1.0


@dataclass(slots=True)
class Relation:
    """A stated relation between two document entities, with the evidence span."""

    head: str  # entity key
    type: str
    tail: str  # entity key
    start: int
    end: int
    role: str | None = None  # for works_for: "Geschäftsführerin", "Direktor", ...
    method: str = "rule"
    confidence: float = 1.0


@dataclass(slots=True)
class Figure:
    """A key figure with its subject: "bis zu 4.000 neue Arbeitsplätze"."""

    start: int
    end: int
    text: str
    value: float
    unit: str | None = None  # "€", "%", None for counts
    subject: str | None = None  # what is counted: "Arbeitsplätze", "Teilnehmende"
    entity: str | None = None  # key of the entity the figure is about, when stated
    qualifier: str | None = None  # "bis zu", "über", "rund", ...
    method: str = "rule"
    confidence: float = 1.0


@dataclass(slots=True)
class Column:
    name: str
    dtype: str  # "int" | "float" | "str"


@dataclass(slots=True)
class Table:
    """A table found in the text or read from a CSV: typed columns, rows linked to places."""

    start: int
    end: int
    columns: list[Column]
    rows: list[dict[str, Any]]
    row_spans: list[tuple[int, int]] = field(default_factory=list)
    row_entities: list[str | None] = field(default_factory=list)  # entity key per row
    name: str | None = None
    method: str = "rule"
    confidence: float = 1.0


@dataclass
class Document:
    """One input file after reading: cleaned text and everything found in it."""

    source: str  # path as given (resolved), the identity of a document in the store
    text: str
    content_hash: str
    media_type: str = "text/plain"
    name: str = ""  # file name, the ``doc`` field of the extraction contract
    lang: str | None = None
    segments: list[Segment] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    # Transient, per-run working state of stages (e.g. the spaCy Doc); never stored or exported.
    cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.name:
            self.name = Path(self.source).name

    # -- convenience -----------------------------------------------------------------
    def span(self, start: int, end: int) -> str:
        return self.text[start:end]

    def entity(self, key: str) -> Entity | None:
        for ent in self.entities:
            if ent.key == key:
                return ent
        return None

    def segment_at(self, offset: int) -> Segment | None:
        for seg in self.segments:
            if seg.start <= offset < seg.end:
                return seg
        return None

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return None

    @property
    def n_words(self) -> int:
        return len(self.text.split())

    # -- the ``hafen extract`` contract (shared/DESIGN.md); extend only by adding fields --
    def to_contract(self) -> dict[str, Any]:
        by_key = {e.key: e for e in self.entities}
        mentions_of: dict[str, list[dict[str, Any]]] = {k: [] for k in by_key}
        for m in self.mentions:
            if m.entity in mentions_of:
                mentions_of[m.entity].append({"start": m.start, "end": m.end, "text": m.text})
        entities = []
        for e in self.entities:
            entities.append(
                {
                    "name": e.name,
                    "type": e.type,
                    "subtype": e.subtype,
                    "aliases": list(e.aliases),
                    "mentions": mentions_of[e.key],
                    "on_topic": e.on_topic,
                    "confidence": round(e.confidence, 3),
                    "method": e.method,
                    **({"attrs": e.attrs} if e.attrs else {}),
                }
            )
        relations = []
        for r in self.relations:
            head, tail = by_key.get(r.head), by_key.get(r.tail)
            if head is None or tail is None:
                continue
            rel: dict[str, Any] = {
                "head": head.name,
                "type": r.type,
                "tail": tail.name,
                "evidence": {"start": r.start, "end": r.end, "text": self.text[r.start : r.end]},
                "confidence": round(r.confidence, 3),
                "method": r.method,
            }
            if r.role:
                rel["role"] = r.role
            relations.append(rel)
        return {
            "doc": self.name,
            "source": self.source,
            "content_hash": self.content_hash,
            "lang": self.lang,
            "segments": [asdict(s) for s in self.segments],
            "entities": entities,
            "relations": relations,
            "figures": [asdict(f) for f in self.figures],
            "tables": [
                {
                    "name": t.name,
                    "start": t.start,
                    "end": t.end,
                    "columns": [asdict(c) for c in t.columns],
                    "rows": t.rows,
                    "row_entities": [by_key[k].name if k in by_key else None for k in t.row_entities],
                }
                for t in self.tables
            ],
        }
