"""Language of a stretch of text: German or English, or None when there is too little text."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

SAMPLE_CHARS = 1500
MIN_LETTERS = 40
_PREFIX_CHARS = 4 * MIN_LETTERS

_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    # Built once and only when needed: restricting lingua to two languages keeps it fast
    # and avoids spurious guesses (Dutch, Danish) on short German passages.
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH).build()


_CODES = {"GERMAN": "de", "ENGLISH": "en"}


def letter_count(text: str) -> int:
    return sum(map(len, _LETTERS.findall(text)))


# Function words of one language only (no "in", "was", "die" of the other). A sample with
# many of one list and none of the other is that language beyond doubt; lingua, some thirty
# times slower, decides all other samples.
_ONLY_DE_WORDS = (
    "der die das und ist nicht mit für von den dem des eine einer einem auch sich auf zu im "
    "wird werden sind wurde vom zum zur bei aus über nach sowie oder"
)
_ONLY_EN_WORDS = "the and is are of that this from with were been has have which their its at by for"
SURE_HITS = 12

# Words are the runs of a-z, ä, ö, ü and ß in the lower-cased text (what the regex
# ``[a-zäöüß]+`` finds), split out as Latin-1 bytes, which is faster: all these letters are
# Latin-1, so encoding (any other character becomes "?") and turning every byte but theirs
# into a space leaves exactly the same words for bytes.split().
_WORD_LETTERS = "abcdefghijklmnopqrstuvwxyzäöüß"
_SPACE_OUT = bytes(b if chr(b) in _WORD_LETTERS else 0x20 for b in range(256))


def _words(text: str) -> list[bytes]:
    """The words of ``text`` (lower-cased), Latin-1 encoded."""
    return text.lower().encode("latin-1", "replace").translate(_SPACE_OUT).split()


def _word_set(words: str) -> frozenset[bytes]:
    return frozenset(words.encode("latin-1").split())


_ONLY_DE = _word_set(_ONLY_DE_WORDS)
_ONLY_EN = _word_set(_ONLY_EN_WORDS)
_ONLY_EITHER = _ONLY_DE | _ONLY_EN


def _sure(sample: str) -> str | None:
    """'de' or 'en' when the sample's function words leave no doubt, else None."""
    hits = list(filter(_ONLY_EITHER.__contains__, _words(sample)))
    de = sum(map(_ONLY_DE.__contains__, hits))
    en = len(hits) - de  # the two lists share no word
    if de >= SURE_HITS and not en:
        return "de"
    if en >= SURE_HITS and not de:
        return "en"
    return None


def detect(text: str) -> str | None:
    """'de', 'en' or None; only a bounded sample at the start of ``text`` is classified."""
    sample = text[:SAMPLE_CHARS]
    # letters only add up along the text: a short prefix with enough of them settles it
    if letter_count(sample[:_PREFIX_CHARS]) < MIN_LETTERS and letter_count(sample) < MIN_LETTERS:
        return None
    sure = _sure(sample)
    if sure is not None:
        return sure
    return _lingua(sample)


def _lingua(sample: str) -> str | None:
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
_DE_FUNCTION_WORDS = _word_set(_DE_WORDS)
_EN_FUNCTION_WORDS = _word_set(_EN_WORDS)
_FUNCTION_WORDS = _DE_FUNCTION_WORDS | _EN_FUNCTION_WORDS


def quick_guess(text: str) -> str | None:
    """A cheap guess from function words, to spot where the language changes in a long text."""
    hits = list(filter(_FUNCTION_WORDS.__contains__, _words(text[:600])))
    de = sum(map(_DE_FUNCTION_WORDS.__contains__, hits))
    en = len(hits) - de  # the two lists share no word
    if de + en < 4:
        return None
    if de >= 2 * en:
        return "de"
    if en >= 2 * de:
        return "en"
    return None
