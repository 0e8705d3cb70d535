"""The shared tokenizer: spaCy's ``blank("de")`` with exceptions where German names break it.

Every stage that needs tokens asks ``spacy_doc(doc)``; the spaCy Doc is built once per
document and kept in ``doc.cache``. Sentences are set as spaCy's rule ``sentencizer`` sets
them, computed over the token table that ``tokenize`` builds along the way.
"""

from __future__ import annotations

import operator
import re
from functools import lru_cache
from itertools import compress
from typing import TYPE_CHECKING, Any

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, SENT_START
from spacy.pipeline import Sentencizer
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

# The characters that end a sentence for spaCy's rule sentencizer (its defaults)
_SENT_END_CHARS = frozenset(Sentencizer.default_punct_chars)

_TEXT_KEY = "hafen_text"
_TABLE_KEY = "hafen_tokens"


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """spaCy's German tokenizer with hafen's exceptions; no pipes (``tokenize`` sets sentences)."""
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
    # IS_SPACE (crf.sequences) and IS_PUNCT (the sentence rule); token.lower_, norm_, shape_,
    # like_num, is_stop and the like are therefore not set. Use ``str`` methods instead.
    vocab: Any = nlp.vocab  # lex_attr_getters is not in spaCy's type stubs
    getters = vocab.lex_attr_getters
    vocab.lex_attr_getters = {k: f for k, f in getters.items() if k in (IS_PUNCT, IS_SPACE)}
    return nlp


def tokenize(text: str) -> SpacyDoc:
    """The spaCy Doc of ``text`` with sentence starts; it remembers ``text`` for ``source_text``.

    The same Doc as ``blank("de")`` plus the ``sentencizer`` pipe would give, and its token
    table (``token_table``) is built on the way.
    """
    sdoc = get_nlp().make_doc(text)
    sdoc.user_data[_TEXT_KEY] = text
    starts, lengths, spaces, puncts = sdoc.to_array([IDX, LENGTH, IS_SPACE, IS_PUNCT]).T.tolist()
    ends = list(map(operator.add, starts, lengths))
    texts = [text[a:b] for a, b in zip(starts, ends, strict=True)]
    sent = numpy.full((len(texts), 1), -1, dtype=numpy.int64)
    sent[_sentence_starts(texts, puncts)] = 1
    # SENT_START as spaCy stores it: 1 starts a sentence, -1 (2**64 - 1 unsigned) does not.
    # (from_array wants uint64; its stub says thinc's Ints2d)
    sent_starts: Any = sent.view(numpy.uint64)
    if len(texts):
        sdoc.from_array([SENT_START], sent_starts)
    sdoc.user_data[_TABLE_KEY] = (starts, ends, texts, spaces, sent_starts[:, 0].tolist())
    return sdoc


def _sentence_starts(texts: list[str], puncts: list[int]) -> list[int]:
    """Indices of the tokens spaCy's rule ``Sentencizer`` (default settings) marks as starts.

    Its rule: the first token starts a sentence, and so does, after a token that is one of
    the sentence-final characters, the next token that is neither punctuation nor such a
    character. The sentencizer walks every token as a Python ``Token``; here only the
    final characters are visited, each with the few tokens up to the next start. On a fresh
    Doc (the tokenizer marks only the first token) it sets every token: 1 at a start, -1
    elsewhere, as ``tokenize`` does.
    """
    n = len(texts)
    found = [0] if n else []
    after = 0  # tokens before this index are already walked
    for i in compress(range(n), map(_SENT_END_CHARS.__contains__, texts)):
        if i < after:
            continue
        j = i + 1
        while j < n and (puncts[j] or texts[j] in _SENT_END_CHARS):
            j += 1
        if j < n:
            found.append(j)
        after = j
    return found


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


# per token: start, end, text, is a space token (0/1), starts a sentence (1 where one starts)
TokenTable = tuple[list[int], list[int], list[str], list[int], list[int]]


def token_table(sdoc: SpacyDoc) -> TokenTable:
    """The token columns of a spaCy Doc as plain lists, built once and kept with the Doc.

    The entity detectors (``candidates.Toks``) and the CRF (``crf.sequences``) both read
    them; callers must not change the lists. ``tokenize`` builds the table with the Doc.
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
