"""The shared tokenizer: spaCy's ``blank("de")`` with exceptions where German names break it.

Every stage that needs tokens asks ``spacy_doc(doc)``; the spaCy Doc is built once per
document and kept in ``doc.cache``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

import spacy
from spacy.tokens import Doc as SpacyDoc

if TYPE_CHECKING:
    from spacy.language import Language

    from hafen.document import Document

# Name shapes that the default German tokenizer splits at a dot or colon although they are
# one token: "Start-up-Center.NRW", "STARTUP.INNOLAB", "ruhr:HUB", "EffizienzAgentur.NRW".
_KEEP_TOGETHER = re.compile(r"^[\wÄÖÜäöüß-]+[.:][A-ZÄÖÜ][\wÄÖÜäöüß]*$")


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.blank("de")
    default_match = nlp.tokenizer.token_match

    def token_match(text: str) -> bool:
        if _KEEP_TOGETHER.match(text):
            return True
        return bool(default_match(text)) if default_match else False

    nlp.tokenizer.token_match = token_match
    nlp.add_pipe("sentencizer")
    return nlp


def spacy_doc(doc: Document) -> SpacyDoc:
    """The spaCy Doc of ``doc.text`` (tokens and sentences), built once per document."""
    cached = doc.cache.get("spacy")
    if cached is None:
        cached = get_nlp()(doc.text)
        doc.cache["spacy"] = cached
    return cached
