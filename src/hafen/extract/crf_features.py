"""Token features for the statistical entity tagger (CRF), kept lean for speed.

Each token becomes a list of string features (crfsuite's binary features). Features that
depend only on the word itself are computed once per distinct word (``lru_cache``);
context features (neighbours, sentence start, inside quotes) are added per position.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import groupby
from operator import add, itemgetter
from typing import NamedTuple

from wordfreq import get_frequency_dict


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Small, general cue lists written for hafen. They name word classes, not entities.
ORG_CUES = _words(
    """institut instituts institute universität universitaet university hochschule fachhochschule
    gmbh ag se kg ug mbh e.v. e. v. eg kgaa co. holding gruppe group verband verbandes netzwerk
    netzwerks zentrum zentrums center centre kammer ihk hwk stiftung gesellschaft akademie
    agentur ministerium cluster verein labs lab werk werke bank amt behörde fakultät lehrstuhl
    fraunhofer max-planck helmholtz leibniz stadtwerke wirtschaftsförderung landesregierung
    bundesministerium senat stadtverwaltung kreisverwaltung inkubator accelerator hub sparkasse
    konzern unternehmen startup start-up software systems technologies solutions consulting
    """
)
ORG_SUFFIXES = (
    "institut",
    "instituts",
    "universität",
    "hochschule",
    "zentrum",
    "zentrums",
    "verband",
    "netzwerk",
    "gesellschaft",
    "agentur",
    "ministerium",
    "stiftung",
    "kammer",
    "werke",
    "förderung",
    "akademie",
    "gmbh",
    "labs",
)
PERSON_TITLES = _words(
    "prof. dr. dr.-ing. dipl.-ing. prof prof.in herr frau herrn professor professorin "
    "mag. ing. b.sc. m.sc. phd"
)
ROLE_PREFIXES = (
    "geschäftsführ",
    "direktor",
    "leiter",
    "vorstand",
    "vorsitz",
    "präsident",
    "gründer",
    "mitgründer",
    "sprecher",
    "bürgermeister",
    "oberbürgermeister",
    "minister",
    "rektor",
    "dekan",
    "dezernent",
    "staatssekretär",
    "landrat",
    "landrätin",
    "ceo",
    "cto",
    "coo",
    "cfo",
    "projektleit",
    "koordinator",
    "managerin",
    "manager",
    "referent",
    "beauftragt",
    "chef",
    "inhaber",
    "vizepräsident",
    "kanzler",
    "professor",
    "wissenschaftler",
    "forscher",
)
# Street and square heads: the shared core of the place suffixes here and the site cues of crf.py
STREET_HEADS = ("straße", "strasse", "str.", "platz", "weg", "allee")
PLACE_SUFFIXES = (
    *STREET_HEADS,
    "ring",
    "damm",
    "ufer",
    "quartier",
    "viertel",
    "hafen",
    "campus",
    "kreis",
    "gasse",
    "chaussee",
    "insel",
    "tal",
    "berg",
    "feld",
    "land",
    "stadt",
    "dorf",
    "heim",
    "hausen",
    "burg",
    "ingen",
    "bach",
)
PLACE_CUES = _words(
    "stadt landkreis kreis region bundesland land gemeinde bezirk stadtteil standort quartier "
    "in im aus nach bei nahe"
)
EVENT_CUES = _words(
    """konferenz kongress messe festival tag tage woche gipfel summit forum award preis
    wettbewerb hackathon meetup barcamp symposium workshop challenge night day days week
    expo fachtagung tagung jahrestagung konvent pitch demo-day innovationstag"""
)
PROJECT_CUES = _words(
    """projekt projekts projekte programm programms strategie plattform initiative vorhaben
    verbund verbundprojekt reallabor plan konzept fonds förderprogramm roadmap masterplan
    modellregion bündnis allianz offensive pakt"""
)
TOPIC_SUFFIXES = (
    "technik",
    "technologie",
    "technologien",
    "wirtschaft",
    "logistik",
    "sicherheit",
    "ierung",
    "robotik",
    "intelligenz",
    "forschung",
    "mobilität",
    "energie",
    "medizin",
    "wissenschaft",
    "analytik",
    "informatik",
    "tronik",
    "stoff",
)
QUOTE_OPEN = frozenset("„‚«»")
QUOTE_TOGGLE = frozenset("\"“”'")

_SHAPE_MAP = str.maketrans(
    {
        **{c: "X" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜ"},
        **{c: "x" for c in "abcdefghijklmnopqrstuvwxyzäöüß"},
        **{c: "d" for c in "0123456789"},
    }
)
_REPEAT = re.compile(r"(.)\1+")


def word_shape(word: str) -> str:
    """Compressed character-class shape: "Fraunhofer-IPA" -> "Xx-X", "smart:LAB" -> "x:X"."""
    mapped = word.translate(_SHAPE_MAP)
    if "\n" in mapped:  # "." of the pattern skips line breaks: keep its exact behaviour there
        return _REPEAT.sub(r"\1", mapped)[:8]
    return _collapse(mapped)


@lru_cache(maxsize=4096)
def _collapse(mapped: str) -> str:
    """Runs of one character collapsed to one, cut to eight characters.

    Three times faster than the regex substitution; cached, as words share few class patterns
    ("Xxxxxx", "xxxx-Xxx").
    """
    return "".join([k for k, _ in groupby(mapped)])[:8]


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    # wordfreq's own table (shared with zipf_frequency, which caches it too); a dict lookup is
    # about fifty times faster than zipf_frequency's per-call tokenisation
    return get_frequency_dict("de")


def zipf_of(lower: str) -> float:
    """Zipf frequency of a word in German; hyphenated compounds combine their parts like wordfreq."""
    freqs = _frequencies()
    key = lower.casefold()
    freq = freqs.get(key, 0.0)
    if not freq and "-" in key:
        parts = [freqs.get(p, 0.0) for p in key.split("-") if p]
        freq = 1.0 / sum(1.0 / f for f in parts) if parts and all(parts) else 0.0
    return math.log10(freq) + 9.0 if freq else 0.0


def _zipf_bucket(lower: str) -> str:
    if not lower.isalpha() and not any(map(str.isalpha, lower)):
        return "p"
    z = zipf_of(lower)
    return str(min(int(z), 6)) if z > 0 else "0"


def _cue(lower: str) -> str:
    if lower in PERSON_TITLES:
        return "title"
    if lower in ORG_CUES:
        return "org"
    if lower.startswith(ROLE_PREFIXES):
        return "role"
    if lower in EVENT_CUES:
        return "event"
    if lower in PROJECT_CUES:
        return "project"
    if lower.endswith(ORG_SUFFIXES):
        return "orgsuf"
    if lower in PLACE_CUES:
        return "placecue"
    if lower.endswith(PLACE_SUFFIXES):
        return "placesuf"
    if lower.endswith(TOPIC_SUFFIXES):
        return "topicsuf"
    return "-"


@lru_cache(maxsize=1)
def _gazetteers() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(cities, regions, first names, one-word topics) from the shipped lexicons, if present."""
    try:
        from hafen.extract import lexicon

        places = lexicon.places()
        cities = frozenset(k for k, v in places.items() if v.kind == "city" and " " not in k)
        regions = frozenset(k for k, v in places.items() if v.kind != "city" and " " not in k)
        topics = frozenset(k for k in lexicon.topic_forms() if " " not in k)
        return cities, regions, frozenset(lexicon.first_names()), topics
    except Exception:  # the lexicons are optional for the tagger; without them no gazetteer features
        return frozenset(), frozenset(), frozenset(), frozenset()


def _gazetteer(word: str, lower: str) -> str:
    cities, regions, first, topics = _gazetteers()
    if word in regions:
        return "region"
    if word in cities:
        return "city"
    if word in first:
        return "first"
    if lower in topics:
        return "topic"
    return "-"


class WordValues(NamedTuple):
    """What the features of one word are made of; ``word_features`` spells them as strings."""

    lower: str
    shape: str
    cue: str
    zipf: str
    gaz: str
    title: str  # "True" or "False"
    flags: tuple[str, ...]  # binary features without a value, in feature order


# WordValues(...) runs a Python-level __new__; building the tuple directly skips it
_new_values = tuple.__new__


def word_values(word: str) -> WordValues:
    lower = word.lower()
    title = word[:1].isupper()
    flags: list[str] = []
    if title:
        flags.append("title")
    if word.isupper() and len(word) > 1:
        flags.append("upper")
    if any(map(str.isdigit, word)):
        flags.append("digit")
    if "-" in word and len(word) > 1:
        flags.append("hyph")
    if len(word) > 1 and ("." in word or ":" in word):
        flags.append("dotcolon")
    if "*" in word or ":in" in lower:
        flags.append("star")
    if len(word) == 1 and not word.isalnum():
        flags.append("punct")
    return _new_values(
        WordValues,
        (
            lower,
            word_shape(word),
            _cue(lower),
            _zipf_bucket(lower),
            _gazetteer(word, lower),
            "True" if title else "False",
            tuple(flags),
        ),
    )


# The prefixes of the features a word's own values give, in feature order (before the flags).
OWN_PREFIXES = ("w=", "p2=", "p3=", "p4=", "s2=", "s3=", "s4=", "sh=", "z=", "c=", "zt=", "g=")


# w[:2], w[:3], w[:4], w[-2:], w[-3:], w[-4:] of the lower-cased word (OWN_PREFIXES order)
_AFFIXES = tuple(
    itemgetter(cut)
    for cut in (slice(2), slice(3), slice(4), slice(-2, None), slice(-3, None), slice(-4, None))
)


def own_columns(vals: Sequence[WordValues]) -> list[Iterable[str]]:
    """Per feature of ``OWN_PREFIXES``, in that order: its value for each of the words."""
    lower, shape, cue, zipf, gaz, title, _flags = zip(*vals, strict=True)
    return [lower, *(map(affix, lower) for affix in _AFFIXES), shape, zipf, cue, map(add, zipf, title), gaz]


def own_values(v: WordValues) -> tuple[str, ...]:
    """The values of the features ``OWN_PREFIXES`` name, in the same order."""
    return tuple(next(iter(column)) for column in own_columns([v]))


SHARED_PREFIXES = ("w=", "sh=", "c=", "g=", "z=", "t=")


def shared_columns(vals: Sequence[WordValues]) -> list[tuple[str, ...]]:
    """Per feature a neighbour sees (``SHARED_PREFIXES``), in that order: its value for each word."""
    lower, shape, cue, zipf, gaz, title, _flags = zip(*vals, strict=True)
    return [lower, shape, cue, gaz, zipf, title]


def shared_values(v: WordValues) -> tuple[str, ...]:
    """The values a neighbour sees (``SHARED_PREFIXES``), in feature order."""
    return tuple(column[0] for column in shared_columns([v]))


@lru_cache(maxsize=200_000)
def word_features(word: str) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """(own features, its features as seen from each neighbour position) of one word."""
    v = word_values(word)
    own = ["b", *[p + x for p, x in zip(OWN_PREFIXES, own_values(v), strict=True)], *v.flags]
    shared = tuple(p + x for p, x in zip(SHARED_PREFIXES, shared_values(v), strict=True))
    # The same word as a neighbour, prefixed once here rather than per position.
    seen_as = tuple(tuple([prefix + x for x in shared[:keep]]) for prefix, keep in _PREFIXES)
    return tuple(own), seen_as


# (offset of the neighbour, how many of its shared features the token sees)
_NEIGHBOURS = ((-1, 6), (1, 6), (-2, 4), (2, 4))
_PREFIXES = tuple((f"{off:+d}", keep) for off, keep in _NEIGHBOURS)


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """Feature lists for the tokens of one sentence."""
    n = len(words)
    base = [word_features(w) for w in words]
    feats: list[list[str]] = []
    inside = False
    for i, w in enumerate(words):
        own = base[i][0]
        f = list(own)
        if w in QUOTE_OPEN:
            inside = True
            f.append("qmark")
        elif w in QUOTE_TOGGLE:
            inside = not inside
            f.append("qmark")
        elif inside:
            f.append("inq")
        if i == 0:
            f.append("BOS")
        else:
            f += base[i - 1][1][0]
            f.append("bi=" + base[i - 1][0][1][2:] + "|" + own[1][2:])
            if i > 1:
                f += base[i - 2][1][2]
        if i == n - 1:
            f.append("EOS")
        else:
            f += base[i + 1][1][1]
            if i < n - 2:
                f += base[i + 2][1][3]
        feats.append(f)
    return feats


class KnownFeatures:
    """``sentence_features`` restricted to the attributes a trained model has weights for.

    crfsuite ignores attributes it does not know, so dropping them before tagging gives the
    same labels; it saves turning some thirty strings per token into C++ objects for nothing.
    """

    def __init__(self, known: frozenset[str], max_words: int = 200_000) -> None:
        self.known = known
        self.max_words = max_words
        self._words: dict[str, tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]] = {}
        self._flags = {f: f in known for f in ("qmark", "inq", "BOS", "EOS")}

    def _word(self, word: str) -> tuple[str, tuple[str, ...], tuple[tuple[str, ...], ...]]:
        got = self._words.get(word)
        if got is None:
            own, seen_as = word_features(word)
            known = self.known
            got = (
                own[1][2:],  # the lower-cased word, for bigrams
                tuple(f for f in own if f in known),
                tuple(tuple(f for f in seen if f in known) for seen in seen_as),
            )
            if len(self._words) >= self.max_words:
                self._words.clear()
            self._words[word] = got
        return got

    def sentence(self, words: Sequence[str]) -> list[list[str]]:
        """The same features as ``sentence_features(words)``, minus those the model ignores."""
        n = len(words)
        base = [self._word(w) for w in words]
        known, flags = self.known, self._flags
        feats: list[list[str]] = []
        inside = False
        for i, w in enumerate(words):
            lower, own, _ = base[i]
            f = list(own)
            if w in QUOTE_OPEN:
                inside = True
                mark = "qmark"
            elif w in QUOTE_TOGGLE:
                inside = not inside
                mark = "qmark"
            else:
                mark = "inq" if inside else ""
            if mark and flags[mark]:
                f.append(mark)
            if i == 0:
                if flags["BOS"]:
                    f.append("BOS")
            else:
                prev = base[i - 1]
                f += prev[2][0]
                bigram = "bi=" + prev[0] + "|" + lower
                if bigram in known:
                    f.append(bigram)
                if i > 1:
                    f += base[i - 2][2][2]
            if i == n - 1:
                if flags["EOS"]:
                    f.append("EOS")
            else:
                f += base[i + 1][2][1]
                if i < n - 2:
                    f += base[i + 2][2][3]
            feats.append(f)
        return feats
