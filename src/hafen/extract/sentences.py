"""``hafen.sentences.v1``: sentence spans from the shared tokenizer, also cut at line breaks.

Headings, list items and table rows carry no full stop; a line break ends them.
"""

from __future__ import annotations

from collections.abc import Callable

from hafen.document import Document
from hafen.extract.tokens import spacy_doc


def sentence_spans(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    spans: list[tuple[int, int]] = []
    for sent in spacy_doc(doc).sents:
        start = sent.start_char
        end = sent.end_char
        for piece_start, piece_end in _lines(text, start, end):
            a, b = piece_start, piece_end
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                spans.append((a, b))
    return spans


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    a = start
    while True:
        nl = text.find("\n", a, end)
        if nl < 0:
            out.append((a, end))
            return out
        out.append((a, nl))
        a = nl + 1


def make_stage() -> Callable[[Document], Document]:
    def stage(doc: Document) -> Document:
        doc.sentences = sentence_spans(doc)
        return doc

    return stage
