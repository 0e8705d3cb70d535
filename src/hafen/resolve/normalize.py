"""Name normalisation for German organisation and place names.

Everything the resolution rules compare goes through here: folded surface forms,
inflection-insensitive tokens (Technische/Technischen, Instituts/Institutes), expanded
institutional abbreviations (TU, FH, IHK) and acronym candidates of long forms.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_QUOTES = "\"'\u201e\u201c\u201d\u201a\u2018\u2019\u00ab\u00bb\u2039\u203a"
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})

# Function words that never distinguish two names.
STOPWORDS = frozenset(
    [
        "der",
        "die",
        "das",
        "des",
        "dem",
        "den",
        "ein",
        "eine",
        "einer",
        "eines",
        "fuer",
        "und",
        "von",
        "vom",
        "zu",
        "zur",
        "zum",
        "im",
        "in",
        "am",
        "an",
        "auf",
        "bei",
        "mit",
        "aus",
        "nach",
        "ueber",
        "unter",
        "the",
        "of",
        "and",
        "for",
        "at",
        "on",
    ]
)
# Legal-form words: "TZ Net GmbH" and "TZ Net" name the same company.
LEGAL_FORMS = frozenset(
    [
        "gmbh",
        "ag",
        "kg",
        "ohg",
        "ev",
        "e",
        "v",
        "mbh",
        "gbr",
        "se",
        "co",
        "ug",
        "haftungsbeschraenkt",
        "eg",
        "ggmbh",
        "kgaa",
        "inc",
        "ltd",
    ]
)

# Institutional abbreviations whose long form is standard German usage (general knowledge:
# kinds of institution that exist in every region, never the name of one actor). Keys and
# values are folded, unstemmed; values are expanded before stemming.
ABBREVIATIONS: dict[str, str] = {
    "tu": "technische universitaet",
    "th": "technische hochschule",
    "fh": "fachhochschule",
    "hs": "hochschule",
    "ph": "paedagogische hochschule",
    "uni": "universitaet",
    "univ": "universitaet",
    "mpi": "max planck institut",
    "vhs": "volkshochschule",
    "ihk": "industrie und handelskammer",
    "hwk": "handwerkskammer",
    "hbf": "hauptbahnhof",
    "str": "strasse",
    "st": "sankt",
    "inst": "institut",
}

# Words that name a kind of organisation or place rather than one in particular.
GENERIC_WORDS = frozenset(
    [
        "institut",
        "zentrum",
        "center",
        "centrum",
        "universitaet",
        "hochschule",
        "fachhochschule",
        "stadt",
        "kreis",
        "verband",
        "netzwerk",
        "agentur",
        "amt",
        "kammer",
        "ministerium",
        "campus",
        "hub",
        "cluster",
        "initiative",
        "verein",
        "stiftung",
        "gesellschaft",
        "akademie",
        "labor",
        "lab",
        "forum",
        "programm",
        "projekt",
        "plattform",
        "bund",
        "land",
        "region",
        "strasse",
        "platz",
        "park",
        "quartier",
        "gelaende",
        "standort",
        "fraunhofer",
        "helmholtz",
        "leibniz",
        "max",
        "planck",
    ]
)

_SPLIT = re.compile(r"[^0-9a-z]+")
_ACRONYM = re.compile(r"^[A-ZÄÖÜ0-9][A-ZÄÖÜ0-9.&]{1,7}$")


@lru_cache(maxsize=262144)  # rules fold the same few thousand names millions of times
def fold(form: str) -> str:
    """Case-fold, transliterate umlauts, make dashes and quotes spaces, collapse spacing."""
    s = unicodedata.normalize("NFC", form).casefold().translate(_UMLAUTS)
    for dash in _DASHES:
        s = s.replace(dash, " ")
    for quote in _QUOTES:
        s = s.replace(quote, "")
    s = s.replace("&", " und ").replace("+", " und ")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(_SPLIT.split(s)).strip()


@lru_cache(maxsize=65536)
def stem(token: str) -> str:
    """Strip German inflection endings so that declined forms share one key.

    Deliberately light: it only has to make the forms of one name agree
    (Technischen -> technisch, Instituts -> institut, Dortmunder -> dortmund),
    never to find linguistic roots.
    """
    if len(token) <= 4 or token.isdigit() or any(ch.isdigit() for ch in token):
        return token
    for ending in ("ern", "es", "en", "er", "em", "e", "s"):
        if token.endswith(ending) and len(token) - len(ending) >= 4:
            stripped = token[: -len(ending)]
            # "Prozess", "Kongress": a double s is part of the word, not a genitive.
            if ending == "s" and stripped.endswith("s"):
                return token
            return stripped
    return token


def raw_tokens(form: str) -> list[str]:
    """Folded tokens of a form, abbreviations expanded, function words and legal forms kept."""
    out: list[str] = []
    for tok in fold(form).split():
        out.extend(ABBREVIATIONS.get(tok, tok).split())
    return out


def content_tokens(form: str) -> tuple[str, ...]:
    """Stemmed tokens that carry the identity of a name (no function words, no legal form)."""
    return tuple(stem(tok) for tok in raw_tokens(form) if tok not in STOPWORDS and tok not in LEGAL_FORMS)


def key(form: str) -> str:
    """Inflection- and order-insensitive key of a form: its sorted content tokens."""
    return " ".join(sorted(set(content_tokens(form))))


MIN_COMPACT = 6  # shorter spacing-free spellings are too ambiguous to link on


def compact_forms(form: str) -> set[str]:
    """Spellings of a form without spaces or hyphens, as written and with inflection stripped.

    German writes one compound open, hyphenated or closed ("Comeback-Programm",
    "Comebackprogramm", "Start-up Center" / "Startup Center"); the words keep their order.
    """
    written = "".join(fold(form).split())
    stemmed = stem("".join(content_tokens(form)))
    return {c for c in (written, stemmed) if len(c) >= MIN_COMPACT and not c.isdigit()}


def used_abbreviation(form: str) -> bool:
    """True when the form contains an institutional abbreviation that `raw_tokens` expands."""
    return any(tok in ABBREVIATIONS for tok in fold(form).split())


def acronym_tokens(form: str) -> set[str]:
    """Tokens written as acronyms ("ISST", "ML2R", "IML"), folded; institutional ones excluded."""
    out: set[str] = set()
    for tok in re.split(r"[\s\-/(),:]+", form):
        tok = tok.strip(".")
        if tok and _ACRONYM.match(tok) and any(ch.isalpha() for ch in tok) and not tok.isdigit():
            folded = fold(tok).replace(" ", "")
            if folded not in ABBREVIATIONS and len(folded) >= 2:
                out.add(folded)
    return out


def is_acronym_form(form: str) -> bool:
    """True when the whole form is one acronym ("ISST", "LZG.NRW" is not, "DRZ" is)."""
    parts = form.split()
    return len(parts) == 1 and bool(acronym_tokens(form))


def acronym_candidates(form: str) -> set[str]:
    """Acronyms a long form could be abbreviated to.

    Two readings: the initials of the content words ("Robert Koch-Institut" -> rki) and the
    capitals written inside words ("BioMedizinZentrum" -> bmz), both with and without
    function words.
    """
    words = [w for w in re.split(r"[\s\-/]+", unicodedata.normalize("NFC", form)) if w]
    content = [w for w in words if fold(w) not in STOPWORDS and fold(w) not in LEGAL_FORMS]
    out: set[str] = set()
    if len(content) >= 2:
        out.add(fold("".join(w[0] for w in content if w[0].isalnum())).replace(" ", ""))
    capitals = "".join(ch for w in content for ch in w if ch.isupper() or ch.isdigit())
    if len(capitals) >= 2:
        out.add(fold(capitals).replace(" ", ""))
    return {a for a in out if len(a) >= 2}


def damerau_close(a: str, b: str) -> bool:
    """True when two tokens differ by at most one edit or one swap of neighbours (typos)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
