"""``hafen.sentences.v1``: sentence spans from the shared tokenizer, also cut at line breaks.

Headings, list items and table rows carry no full stop; a line break ends them.
"""

from __future__ import annotations

from collections.abc import Callable

from hafen.document import Document
from hafen.extract.tokens import spacy_doc, token_table


def sentence_spans(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    spans: list[tuple[int, int]] = []
    for start, end in _sentences(doc):
        # each line of the sentence, without the whitespace at its ends
        a = start
        while True:
            nl = text.find("\n", a, end)
            b = end if nl < 0 else nl
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                spans.append((a, b))
            if nl < 0:
                break
            a = nl + 1
    return spans


def _sentences(doc: Document) -> list[tuple[int, int]]:
    """(start_char, end_char) of each of the spaCy Doc's ``sents``, from its token table.

    A sentence runs from a token whose SENT_START is 1 (or the first token) to the end of the
    token before the next one, as ``Doc.sents`` has it; but no ``Span`` per sentence.
    """
    starts, ends, _texts, _spaces, sent_starts = token_table(spacy_doc(doc))
    n = len(starts)
    if not n:
        return []
    firsts = [0]
    # list.index scans in C: one call per sentence rather than a Python step per token
    try:
        while True:
            firsts.append(sent_starts.index(1, firsts[-1] + 1))
    except ValueError:
        pass
    return [(starts[a], ends[b - 1]) for a, b in zip(firsts, [*firsts[1:], n], strict=True)]


def make_stage() -> Callable[[Document], Document]:
    def stage(doc: Document) -> Document:
        doc.sentences = sentence_spans(doc)
        return doc

    return stage
