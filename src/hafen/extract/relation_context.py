"""Sentence context for ``hafen.relations.v1``: linked mentions of one sentence and the text between them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from wordfreq import zipf_frequency

from hafen.document import Document
from hafen.extract import relation_patterns as P
from hafen.extract.tokens import spacy_doc

QUOTES = '["„“”‚‘’«»‹›]'
# the first KEY_LEN characters of every word (maximal run of \w, the words \b sees)
_WORD_KEYS = re.compile(rf"(\w{{1,{P.KEY_LEN}}})\w*")


class LinkedMention(NamedTuple):
    """A linked mention: span, entity key and entity type.

    A named tuple (immutable and hashable, like a frozen dataclass) since the stage makes one
    per mention of every document, and a tuple is made several times faster.
    """

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
        self.sentence = text[start:end]
        self.out: list[Candidate] = []
        self.group_in: list[LinkedMention] = []  # a group of actors named in the sentence before
        self.group_out: list[LinkedMention] = []  # ... and the one named in this sentence
        self._keys: set[str] | None = None  # the keys of the sentence's words, made on first use
        self._gaps: dict[tuple[int, int], str] = {}  # gap(i, j), made on first use

    def may_match(self, keys: frozenset[str]) -> bool:
        """False when no word of the sentence starts with one of ``keys``: a cue they gate cannot match."""
        if self._keys is None:
            self._keys = set(_WORD_KEYS.findall(self.text, self.start, self.end))
        return not keys.isdisjoint(self._keys)

    def cues(self, pattern: re.Pattern[str], keys: frozenset[str]) -> Iterator[re.Match[str]]:
        """The matches of ``pattern`` in the sentence; no scan when ``keys`` (its gate) rule them out."""
        return pattern.finditer(self.text, self.start, self.end) if self.may_match(keys) else iter(())

    def gap(self, i: int, j: int) -> str:
        gap = self._gaps.get((i, j))
        if gap is None:  # most families read the same neighbouring gaps
            gap = self._gaps[i, j] = between(self.text, self.ments[i].end, self.ments[j].start)
        return gap

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
        m = P.ANAPHOR.match(self.sentence)
        if not m:
            return None
        at = self.start + m.start(1)
        if any(x.start <= at < x.end for x in self.ments):
            return None
        if any(0 <= x.start - m.end(1) - self.start <= 4 for x in self.ments):
            return None  # "Das dritte Projekt, „AquaPro“, …": the name stands in apposition
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


_QUOTE = re.compile(QUOTES)


def between(text: str, end: int, start: int) -> str:
    """Text between two mentions, without quotes and the ")" that closes an abbreviation "(IML)"."""
    gap = _QUOTE.sub("", text[end:start])
    return gap[1:] if gap.startswith(")") else gap


def sentence_spans(doc: Document) -> list[tuple[int, int]]:
    spans = doc.sentences or [(s.start_char, s.end_char) for s in spacy_doc(doc).sents]
    out = []
    text = doc.text
    for start, end in spans:
        pos = start
        for part in text[start:end].split("\n"):
            body = part.lstrip()
            if body:
                lead = len(part) - len(body)
                out.append((pos + lead, pos + lead + len(body.rstrip())))
            pos += len(part) + 1
    return out


def linked_mentions(doc: Document) -> list[LinkedMention]:
    types = {e.key: e.type for e in doc.entities}
    spans = [(m.start, m.end, m.entity) for m in doc.mentions if m.entity in types]
    spans += _unlinked_repeats(doc, spans)
    out: list[LinkedMention] = []
    for start, end, key in sorted(spans, key=lambda m: (m[0], -(m[1] - m[0]))):
        if out and start < out[-1].end:
            continue  # nested or overlapping: keep the longer, earlier one
        assert key is not None
        out.append(LinkedMention(start, end, key, types[key]))
    return out


_LEGAL_TAIL = re.compile(
    r"\s+(?:GmbH\s*&\s*Co\.\s*KG|gGmbH|GmbH|AG|SE|UG(?:\s*\(haftungsbeschränkt\))?|KGaA|KG|OHG"
    r"|e\.\s?V\.|eG|Inc\.|Ltd\.|LLC)$"
)
_REPEAT_TYPES = frozenset({"ORG", "PERSON", "PROJECT", "EVENT"})


def _unlinked_repeats(doc: Document, spans: Sequence[tuple[int, int, object]]) -> list[tuple[int, int, str]]:
    """Later occurrences of an entity's own forms that the entity stage left unlinked.

    "Die Aixtron SE … Vorstandsvorsitzender von Aixtron": the company named without its
    legal form, or a name repeated verbatim, is the same entity. A one-word short form is
    used only when it is no common word ("Aixtron", not "Messe").
    """
    forms: dict[str, str] = {}
    for e in doc.entities:
        if e.type not in _REPEAT_TYPES:
            continue
        for form in (e.name, *e.aliases):
            forms.setdefault(form, e.key)
            short = _LEGAL_TAIL.sub("", form) if e.type == "ORG" else form
            if short != form and len(short) >= 4 and (" " in short or _rare_word(short)):
                forms.setdefault(short, e.key)
    taken = sorted([(a, b) for a, b, _ in spans])
    exact = set(taken)
    out: list[tuple[int, int, str]] = []
    text = doc.text
    for form, key in forms.items():
        if len(form) < 4 or not form[:1].isupper():
            continue
        start = text.find(form)
        while start >= 0:  # plain substring search: far cheaper than a regex per form
            end = start + len(form)
            if (start, end) not in exact:  # most occurrences are mentions already (and overlap them)
                i = bisect_right(taken, (start, len(text)))
                overlaps = (i and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end)
                if not overlaps and not (_word_char(text, start - 1) or _word_char(text, end)):
                    out.append((start, end, key))  # a whole word, overlapping no mention
            start = text.find(form, start + 1)
    return out


def _word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "-_")


@lru_cache(maxsize=4096)
def _rare_word(word: str) -> bool:
    return zipf_frequency(word.lower(), "de") < 2.5 and zipf_frequency(word.lower(), "en") < 2.5


# -- pattern families ------------------------------------------------------------------
