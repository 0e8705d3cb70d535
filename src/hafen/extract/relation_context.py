"""Sentence context for ``hafen.relations.v1``: linked mentions of one sentence and the text between them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hafen.document import Document
from hafen.extract import relation_patterns as P
from hafen.extract.tokens import spacy_doc

QUOTES = '["„“”‚‘’«»‹›]'


@dataclass(frozen=True, slots=True)
class LinkedMention:
    """A linked mention: span, entity key and entity type."""

    start: int
    end: int
    key: str
    type: str


@dataclass(slots=True)
class Candidate:
    head: str
    rel: str
    tail: str
    family: str
    role: str | None = None


class SentenceContext:
    def __init__(
        self, text: str, start: int, end: int, ments: list[LinkedMention], prev: list[LinkedMention]
    ) -> None:
        self.text, self.start, self.end, self.ments, self.prev = text, start, end, ments, prev
        self.out: list[Candidate] = []
        self.group_in: list[LinkedMention] = []  # a group of actors named in the sentence before
        self.group_out: list[LinkedMention] = []  # ... and the one named in this sentence

    def gap(self, i: int, j: int) -> str:
        return between(self.text, self.ments[i].end, self.ments[j].start)

    def add(
        self, head: LinkedMention, rel: str, tail: LinkedMention, family: str, role: str | None = None
    ) -> None:
        if head.key != tail.key and P.type_ok(rel, head.type, tail.type):
            self.out.append(Candidate(head.key, rel, tail.key, family, role))

    def before(self, pos: int, types: Iterable[str], clause: bool = True) -> list[LinkedMention]:
        """Mentions of ``types`` ending before ``pos``, nearest first, in the same clause."""
        types = set(types)
        limit = self.start
        if clause:
            for brk in P.CLAUSE_BREAK.finditer(self.text, self.start, pos):
                limit = brk.end()
        found = [
            m
            for m in self.ments
            if m.end <= pos
            and m.start >= limit
            and m.type in types
            and not P.FRAME_BEFORE.search(self.text[max(self.start, m.start - 40) : m.start])
        ]
        return sorted(found, key=lambda m: -m.end)

    def anaphor_cue(self) -> str | None:
        """The head noun of a sentence-initial "Das … Projekt" that refers back to a named thing.

        None when the noun belongs to a name of this sentence ("Das Lamarr-Institut ist …").
        """
        m = P.ANAPHOR.match(self.text[self.start : self.end])
        if not m:
            return None
        at = self.start + m.start(1)
        if any(x.start <= at < x.end for x in self.ments):
            return None
        return m.group(1)

    def anaphor(self) -> LinkedMention | None:
        """The named thing a sentence-initial "Das … Projekt" refers to, from earlier sentences."""
        cue = self.anaphor_cue()
        if cue is None:
            return None
        want = P.ANAPHOR_TYPES[cue]
        return next((x for x in reversed(self.prev) if x.type == want), None)

    def after(self, pos: int, types: Iterable[str]) -> list[LinkedMention]:
        types = set(types)
        stop = self.end
        brk = P.CLAUSE_BREAK.search(self.text, pos, self.end)
        if brk:
            stop = brk.start()
        return [m for m in self.ments if m.start >= pos and m.start < stop and m.type in types]

    def governor(self, m: LinkedMention) -> LinkedMention:
        """Climb "X der Y" chains: the mention that ``m`` depends on, or ``m`` itself."""
        if m not in self.ments:
            return m  # a mention of the previous sentence
        idx = self.ments.index(m)
        while idx > 0 and (
            P.GENITIVE_GAP.match(self.gap(idx - 1, idx))
            or P.AT_ORG_GAP.match(self.gap(idx - 1, idx))
            or (self.ments[idx - 1].key == self.ments[idx].key and self.gap(idx - 1, idx).strip() == "(")
        ):
            idx -= 1
        return self.ments[idx]

    def listed_after(self, pos: int, types: Iterable[str]) -> list[LinkedMention]:
        """The first mention after ``pos`` and those coordinated with it ("X, Y und Z")."""
        cands = self.after(pos, types)
        if not cands:
            return []
        out = [cands[0]]
        idx = self.ments.index(cands[0])
        for j in range(idx + 1, len(self.ments)):
            m = self.ments[j]
            gap = between(self.text, self.ments[j - 1].end, m.start)
            if P.LIST_GAP.match(gap) or P.GENITIVE_GAP.match(gap) or P.PLACE_GAP.match(gap):
                if m.type in types and not P.GENITIVE_GAP.match(gap) and not P.PLACE_GAP.match(gap):
                    out.append(m)
                continue
            break
        return out


_NO_QUOTES = str.maketrans("", "", QUOTES[1:-1])


def between(text: str, end: int, start: int) -> str:
    """Text between two mentions, without quotes and the ")" that closes an abbreviation "(IML)"."""
    gap = text[end:start].translate(_NO_QUOTES)
    return gap[1:] if gap.startswith(")") else gap


def sentence_spans(doc: Document) -> list[tuple[int, int]]:
    spans = doc.sentences or [(s.start_char, s.end_char) for s in spacy_doc(doc).sents]
    out = []
    for start, end in spans:
        pos = start
        for part in doc.text[start:end].split("\n"):
            if part.strip():
                lead = len(part) - len(part.lstrip())
                out.append((pos + lead, pos + len(part.rstrip())))
            pos += len(part) + 1
    return out


def linked_mentions(doc: Document) -> list[LinkedMention]:
    types = {e.key: e.type for e in doc.entities}
    ments = sorted(
        (m for m in doc.mentions if m.entity in types), key=lambda m: (m.start, -(m.end - m.start))
    )
    out: list[LinkedMention] = []
    for m in ments:
        if out and m.start < out[-1].end:
            continue  # nested or overlapping: keep the longer, earlier one
        assert m.entity is not None
        out.append(LinkedMention(m.start, m.end, m.entity, types[m.entity]))
    return out


# -- pattern families ------------------------------------------------------------------
