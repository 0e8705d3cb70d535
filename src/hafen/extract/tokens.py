"""The shared tokenizer: spaCy's ``blank("de")`` with exceptions where German names break it.

Every stage that needs tokens asks ``spacy_doc(doc)``; the spaCy Doc is built once per
document and kept in ``doc.cache``.
"""

from __future__ import annotations

import operator
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, SENT_START
from spacy.tokens import Doc as SpacyDoc

if TYPE_CHECKING:
    from spacy.language import Language

    from hafen.document import Document

# Name shapes that the default German tokenizer splits at a dot or colon although they are
# one token: "Start-up-Center.NRW", "STARTUP.INNOLAB", "ruhr:HUB", "EffizienzAgentur.NRW".
_KEEP_TOGETHER = re.compile(
    r"^(?:[\wÄÖÜäöüß-]+[.:][A-ZÄÖÜ][\wÄÖÜäöüß]*"
    r"|[A-Za-zÄÖÜäöüß]{2,}:[a-zäöüß]{2,}(?:\.[a-z]{2,})?"  # lower-case names: "cip:us.do"
    r"|[A-ZÄÖÜ][a-zäöüß]+str\.)$"  # street abbreviations: "Kampstr." is one word, no full stop
)


_TEXT_KEY = "hafen_text"


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.blank("de")
    tokenizer: Any = nlp.tokenizer  # a spaCy Tokenizer; typed as a plain callable upstream
    default_match = tokenizer.token_match

    def token_match(text: str) -> bool:
        if _KEEP_TOGETHER.match(text):
            return True
        return bool(default_match(text)) if default_match else False

    # German has no default token_match: then the pattern's own match (no Python frame per
    # call; spaCy only tests the result's truth) does the same
    tokenizer.token_match = token_match if default_match else _KEEP_TOGETHER.match
    # A word seen for the first time gets its lexical attributes from these getters (some
    # twenty Python calls and five new strings each). Only the two the pipeline reads stay:
    # IS_SPACE (crf.sequences) and IS_PUNCT (the sentencizer); token.lower_, norm_, shape_,
    # like_num, is_stop and the like are therefore not set. Use ``str`` methods instead.
    vocab: Any = nlp.vocab  # lex_attr_getters is not in spaCy's type stubs
    getters = vocab.lex_attr_getters
    vocab.lex_attr_getters = {k: f for k, f in getters.items() if k in (IS_PUNCT, IS_SPACE)}
    nlp.add_pipe("sentencizer")
    return nlp


def tokenize(text: str) -> SpacyDoc:
    """The spaCy Doc of ``text``; it remembers ``text`` for ``source_text``."""
    sdoc = get_nlp()(text)
    sdoc.user_data[_TEXT_KEY] = text
    return sdoc


def source_text(sdoc: SpacyDoc) -> str:
    """The text a spaCy Doc was made from.

    ``Doc.text`` joins every token back together through a Python ``Token`` object each:
    slow on long documents, and the text is at hand anyway.
    """
    text = sdoc.user_data.get(_TEXT_KEY)
    return text if isinstance(text, str) else sdoc.text


def spacy_doc(doc: Document) -> SpacyDoc:
    """The spaCy Doc of ``doc.text`` (tokens and sentences), built once per document."""
    cached = doc.cache.get("spacy")
    if cached is None:
        cached = tokenize(doc.text)
        doc.cache["spacy"] = cached
    return cached


_TABLE_KEY = "hafen_tokens"

# per token: start, end, text, is a space token (0/1), starts a sentence (1 where one starts)
TokenTable = tuple[list[int], list[int], list[str], list[int], list[int]]


def token_table(sdoc: SpacyDoc) -> TokenTable:
    """The token columns of a spaCy Doc as plain lists, built once and kept with the Doc.

    The entity detectors (``candidates.Toks``) and the CRF (``crf.sequences``) both read
    them; callers must not change the lists.
    """
    table = sdoc.user_data.get(_TABLE_KEY)
    if table is None:
        if len(sdoc):
            rows = sdoc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).tolist()
            starts, lengths, spaces, sent_starts = (list(col) for col in zip(*rows, strict=True))
        else:
            starts, lengths, spaces, sent_starts = [], [], [], []
        ends = list(map(operator.add, starts, lengths))
        source = source_text(sdoc)
        texts = [source[a:b] for a, b in zip(starts, ends, strict=True)]
        table = (starts, ends, texts, spaces, sent_starts)
        sdoc.user_data[_TABLE_KEY] = table
    return table
