"""The token view the entity detectors share, and the candidate spans they propose."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.tokens import Doc as SpacyDoc

from hafen.extract.lexicon import CLOSE_QUOTES, OPEN_QUOTES, is_common_word
from hafen.extract.tokens import source_text


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


class Toks:
    """Plain lists over a spaCy Doc: fast to index in the detectors' one-pass loops."""

    def __init__(self, sdoc: SpacyDoc) -> None:
        # token attributes as one array: creating a Python Token per word is the costly part
        rows = sdoc.to_array([IDX, LENGTH, SENT_START]).tolist() if len(sdoc) else []
        source = source_text(sdoc)
        self.start: list[int] = [r[0] for r in rows]
        self.end = [r[0] + r[1] for r in rows]
        self.text: list[str] = [source[a:b] for a, b in zip(self.start, self.end, strict=True)]
        self.sent_start: list[bool] = [r[2] == 1 for r in rows]
        self.n = len(self.text)
        # Line starts count as sentence starts: headings and list items carry no full stop.
        for k in range(1, self.n):
            if "\n" in self.text[k - 1] or self.text[k - 1] in {"•", "-", "–", "*"}:
                self.sent_start[k] = True
        if self.n:
            self.sent_start[0] = True

    def t(self, k: int) -> str:
        return self.text[k] if 0 <= k < self.n else ""

    def cap(self, k: int) -> bool:
        w = self.t(k)
        return bool(w) and w[0].isupper()

    def is_quote_open(self, k: int) -> bool:
        return self.t(k) in OPEN_QUOTES

    def is_quote_close(self, k: int) -> bool:
        return self.t(k) in CLOSE_QUOTES

    def name_like(self, k: int) -> bool:
        """A capitalised token that reads as a name rather than a common noun."""
        w = self.t(k)
        if not w or not (w[0].isupper() or any(c.isupper() for c in w[1:])):
            return False
        if sum(c.isupper() for c in w) >= 2 or any(c.isdigit() for c in w):
            return True
        if is_common_word(w, 3.3):
            return False
        # a genitive of a common noun ("Projekts") is no name either
        return not (w.endswith("s") and len(w) > 5 and is_common_word(w[:-1], 3.3))

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
