"""Language of a stretch of text: German or English, or None when there is too little text."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

SAMPLE_CHARS = 1500
MIN_LETTERS = 40

_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Built once and only when needed: restricting lingua to two languages keeps it fast
    # and avoids spurious guesses (Dutch, Danish) on short German passages.
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH).build()


_CODES = {"GERMAN": "de", "ENGLISH": "en"}


def letter_count(text: str) -> int:
    return sum(len(m) for m in _LETTERS.findall(text))


def detect(text: str) -> str | None:
    """'de', 'en' or None; only a bounded sample at the start of ``text`` is classified."""
    sample = text[:SAMPLE_CHARS]
    if letter_count(sample) < MIN_LETTERS:
        return None
    found = _detector().detect_language_of(sample)
    return _CODES.get(found.name) if found is not None else None


def dominant(spans: list[tuple[str | None, int]]) -> str | None:
    """The language covering most characters among (lang, length) pairs."""
    totals: dict[str, int] = {}
    for lang, length in spans:
        if lang is not None:
            totals[lang] = totals.get(lang, 0) + length
    if not totals:
        return None
    return max(sorted(totals), key=lambda k: totals[k])


_DE_WORDS = "der die das und ist nicht mit für von den dem des ein eine auch sich auf im zu"
_EN_WORDS = "the and is are of to in for with that this from not be by on as was were"
_FUNCTION_WORDS = {"de": frozenset(_DE_WORDS.split()), "en": frozenset(_EN_WORDS.split())}
_TOKEN = re.compile(r"[a-zäöüß]+")


def quick_guess(text: str) -> str | None:
    """A cheap guess from function words, to spot where the language changes in a long text."""
    tokens = _TOKEN.findall(text[:600].lower())
    de = sum(1 for t in tokens if t in _FUNCTION_WORDS["de"])
    en = sum(1 for t in tokens if t in _FUNCTION_WORDS["en"])
    if de + en < 4:
        return None
    if de >= 2 * en:
        return "de"
    if en >= 2 * de:
        return "en"
    return None
