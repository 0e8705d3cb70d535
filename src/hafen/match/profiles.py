"""What matchmaking reads (entity profiles) and what it answers (explained results)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ0-9„\"])|\n+")


@dataclass(frozen=True, slots=True)
class Sentence:
    """An evidence sentence; doc and offsets point into the document it came from."""

    text: str
    doc: str | None = None
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Profile:
    """An entity as matchmaking sees it: who it is and what the documents say about it."""

    id: str
    name: str
    type: str
    subtype: str | None = None
    aliases: tuple[str, ...] = ()
    text: str = ""  # evidence sentences joined
    topics: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    relations: tuple[tuple[str, str], ...] = ()  # (relation type, name of the other entity)
    evidence: tuple[Sentence, ...] = ()  # the same sentences with provenance, when known

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def sentences(self) -> tuple[Sentence, ...]:
        if self.evidence:
            return self.evidence
        return tuple(Sentence(s.strip()) for s in split_sentences(self.text) if s.strip())


@dataclass(slots=True)
class Result:
    """One ranked actor, with the reasons and sentences that explain its place."""

    name: str
    type: str
    aliases: list[str]
    score: float
    reasons: list[str]
    evidence: list[Sentence]
    id: str = ""
    subtype: str | None = None
    role: str | None = None  # set by consortium suggestions
    signals: dict[str, float] = field(default_factory=dict)  # the score's parts, for debugging

    def to_json(self) -> dict[str, Any]:
        """The ``hafen match --json`` contract (shared/DESIGN.md), extended by added fields only."""
        out: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "evidence": [s.to_json() for s in self.evidence],
            "id": self.id,
            "subtype": self.subtype,
        }
        if self.role:
            out["role"] = self.role
        return out


def split_sentences(text: str) -> list[str]:
    """Split joined evidence text into sentences (good enough for display)."""
    return [s for s in _SENTENCE_END.split(text) if s]
