"""The token view the entity detectors share, and the candidate spans they propose."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc as SpacyDoc

from hafen.extract.lexicon import CLOSE_QUOTES, OPEN_QUOTES, is_common_word
from hafen.extract.tokens import token_table

_LINE_MARKS = frozenset({"•", "-", "–", "*"})


@dataclass(slots=True)
class Cand:
    """A proposed mention over tokens ``[i, j)``; higher ``priority`` wins on overlap."""

    i: int
    j: int
    type: str
    subtype: str | None = None
    priority: int = 50
    confidence: float = 0.8
    attrs: dict[str, Any] = field(default_factory=dict)
    start: int = -1  # char offsets, set when a span does not follow token edges
    end: int = -1


@lru_cache(maxsize=65536)
def _name_like(w: str) -> bool:
    """``Toks.name_like`` of a token's text: a pure function of the word, so cached."""
    uppers = sum(map(str.isupper, w))
    if not uppers:  # no capital letter at all (nor an empty text)
        return False
    if uppers >= 2 or any(map(str.isdigit, w)):
        return True
    if is_common_word(w, 3.3):
        return False
    # a genitive of a common noun ("Projekts") is no name either
    return not (w.endswith("s") and len(w) > 5 and is_common_word(w[:-1], 3.3))


class Toks:
    """Plain lists over a spaCy Doc: fast to index in the detectors' one-pass loops."""

    def __init__(self, sdoc: SpacyDoc) -> None:
        starts, ends, texts, _spaces, sent_starts = token_table(sdoc)
        self.start: list[int] = list(starts)
        self.end: list[int] = list(ends)
        self.text: list[str] = list(texts)
        self.n = len(self.text)
        # Line starts count as sentence starts: headings and list items carry no full stop.
        self.sent_start: list[bool] = [s == 1 for s in sent_starts]
        sent = self.sent_start
        for k, prev in enumerate(texts[:-1], start=1):
            if "\n" in prev or prev in _LINE_MARKS:
                sent[k] = True
        if self.n:
            sent[0] = True
        # the end of the text ends a sentence: rules that look one or two tokens ahead
        # ("Land" + a state, an initial + a surname) read True past the last token
        sent += (True, True)
        # t(k): the text of token k, "" outside the document (k < 0 or k >= n). A C-level
        # lookup: the detectors call it some hundred thousand times per speed corpus
        self.t: Callable[[int], str] = defaultdict(str, enumerate(texts)).__getitem__

    def cap(self, k: int) -> bool:
        return self.t(k)[:1].isupper()

    def is_quote_open(self, k: int) -> bool:
        return self.t(k) in OPEN_QUOTES

    def is_quote_close(self, k: int) -> bool:
        return self.t(k) in CLOSE_QUOTES

    def name_like(self, k: int) -> bool:
        """A capitalised token that reads as a name rather than a common noun."""
        return _name_like(self.t(k))

    def span_text(self, i: int, j: int, source: str) -> str:
        return source[self.start[i] : self.end[j - 1]]

    def line_len(self, k: int) -> int:
        """Tokens on the line of token k (short lines are headings or table rows)."""
        a = k
        while a > 0 and "\n" not in self.text[a - 1] and "\t" not in self.text[a - 1]:
            a -= 1
        b = k
        while b < self.n and "\n" not in self.text[b] and "\t" not in self.text[b]:
            b += 1
        return b - a
