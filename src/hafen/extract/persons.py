"""Persons, found by academic titles, role nouns, speech verbs and common first names.

A person found with a role gets ``attrs["roles"]``, a list of
``{"role": "Geschäftsführerin", "span": [start, end], "org_mention": [start, end] | None}``
(character offsets): ``span`` covers the role phrase, ``org_mention`` the organisation it
names, when the phrase names one ("Geschäftsführerin der Wirtschaftsförderung Leipzig",
"WEG-Geschäftsführer Max Muster", "Direktor des Instituts X"). ``org_mention`` is filled
in by the entity stage once organisations are known; the relations stage turns roles into
``works_for`` relations.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress

from hafen.extract.candidates import Cand, Toks
from hafen.extract.lexicon import (
    NAME_PARTICLES,
    ORG_CUE_RE,
    ROLE_NOUNS,
    SPEECH_VERBS,
    TITLES,
    first_names,
    places,
    zipf,
)

_ROLE_SET = frozenset(ROLE_NOUNS)
_ARTICLES = frozenset(
    {"der", "des", "den", "dem", "die", "von", "vom", "beim", "bei", "am", "im", "an", "für"}
)


# Long role nouns also end compounds ("Projektgeschäftsführerin"); one regex, longest first.
_ROLE_SUFFIX = re.compile(
    "(" + "|".join(sorted((r for r in ROLE_NOUNS if len(r) >= 6), key=len, reverse=True)) + ")$"
)


@lru_cache(maxsize=65536)
def role_of(word: str) -> str | None:
    """The role noun at the end of ``word`` ('WEG-Geschäftsführer' -> 'Geschäftsführer')."""
    low = word.lower()
    if low in _ROLE_SET:
        return word
    tail = low.rsplit("-", 1)[-1]
    if tail in _ROLE_SET:
        return word[len(word) - len(tail) :]
    m = _ROLE_SUFFIX.search(low)
    if m and len(low) > len(m.group(1)) + 2:
        return word  # a compound is one role: "Oberbürgermeister", "Projektgeschäftsführerin"
    return None


_INITIAL = re.compile(r"^[A-ZÄÖÜ]\.$")


def _is_title(w: str) -> bool:
    """'Dr.', 'Prof.', and 'Dr.-Ing' whose full stop the tokenizer split off."""
    return w in TITLES or (w + ".") in TITLES


# How a person may start at a word, see ``_start_kind``; only _NO_START is false.
_NO_START, _PAIR_ONLY, _CUED = 0, 1, 2


@lru_cache(maxsize=65536)
def _start_kind(w: str) -> int:
    """A person starts at a capitalised word, a title ('med.'), a speech verb ('sagt') or a
    role noun; the other tokens are skipped at once (``_NO_START``). A word that is no title,
    given name, role noun or speech verb (nor a given name in capitals) can only start the
    pair of two title-case words (``_PAIR_ONLY``), and only when it is title-case itself;
    the others are cues (``_CUED``)."""
    cue = _is_title(w) or w in SPEECH_VERBS or role_of(w) is not None
    if not (cue or w[:1].isupper()):
        return _NO_START
    names = first_names()
    if cue or w in names or (w.isupper() and w.title() in names):
        return _CUED
    return _PAIR_ONLY if w.istitle() else _NO_START  # the pair rule needs a title-case word


def _surname_ok(toks: Toks, k: int) -> bool:
    return _surname_word(toks.t(k))


@lru_cache(maxsize=65536)
def _surname_word(w: str) -> bool:
    """Whether ``w`` can be (part of) a surname: capitalised, no title, cue noun, street,
    place or role noun."""
    if not w or not w[0].isupper() or not w[:1].isalpha() or (w.isupper() and len(w) > 3):
        return False
    if "." in w or _is_title(w):
        return False  # a title fragment ("Dr.-Ing") is no name
    low = w.lower()
    if ORG_CUE_RE.search(low) or low.endswith(("straße", "str.")):
        return False
    return w not in places() and role_of(w) is None


def _name_end(toks: Toks, k: int, max_words: int = 3) -> int:
    """End of a personal name starting at token k (given names, particles, surnames)."""
    j = k
    words = 0
    wrapped = False
    while j < toks.n and words < max_words:
        w = toks.text[j]
        if w in NAME_PARTICLES and _surname_ok(toks, j + 1) and j > k and toks.name_like(j + 1):
            j += 1
            continue
        if j > k and not w.strip() and w.count("\n") == 1 and toks.line_len(j - 1) >= 8:
            wrapped = _surname_ok(toks, j + 1)  # "Prof. Henrik\nMuster": a wrapped line (PDF text)
            if not wrapped:
                break
            j += 1
            continue
        if j > k and _INITIAL.match(w) and _surname_ok(toks, j + 1) and not toks.sent_start[j + 1]:
            j += 1  # "Michael F. Bayer": a middle initial inside the name
            continue
        if not _surname_ok(toks, j) or (j > k and toks.sent_start[j] and not wrapped):
            break
        wrapped = False
        given = toks.text[j - 1] in first_names()
        owner = w.endswith("s") and toks.is_quote_open(j + 1)  # "Wolfgang Amadé Mozarts „Entführung“"
        if words >= 2 and (
            not (toks.name_like(j) or given or owner) or (toks.text[j - 1].endswith("s") and not given)
        ):
            break  # "Joseph Haydns Oratorium": a genitive ends the name; "Amadeus" is a given name
        j += 1
        words += 1
    return j


def find_persons(toks: Toks) -> list[Cand]:
    out: list[Cand] = []
    text = toks.text
    kinds = list(map(_start_kind, text))
    end = 0  # the tokens before ``end`` belong to a person found already
    for k in compress(range(len(text)), kinds):  # the tokens a person may start at
        if k < end:
            continue
        w = text[k]
        cand = _cued_person(toks, k) if kinds[k] == _CUED else None
        if (
            cand is None
            and w.istitle()
            and toks.t(k + 1).istitle()  # both pair rules need two title-case words: skip the rest
            and (toks.t(k + 2) == "," or toks.t(k - 1) in _PAIR_CONTEXT)  # and a comma or a cue
            and (_rare_pair(toks, k) or _pair_with_role_after(toks, k))
        ):
            cand = Cand(k, k + 2, "PERSON", priority=58, confidence=0.6)
        if cand is None:
            continue
        if _prenominal_genitive(toks, cand.i, cand.j):
            cand.attrs["canonical"] = " ".join(toks.text[cand.i : cand.j])[:-1]
        role = _role_before(toks, cand.i) or _role_after(toks, cand.j)
        if role:
            cand.attrs["roles"] = [role]
        out.append(cand)
        end = cand.j
    return out


def _cued_person(toks: Toks, k: int) -> Cand | None:
    """A person introduced at token k by a title, a given name, a role noun or a speech
    verb, or a byline in capitals ("VON ANNA WEBER")."""
    w = toks.text[k]
    names = first_names()
    cand: Cand | None = None
    if (_is_title(w) and w not in {"Frau", "Herr", "Herrn"}) or (
        w in {"Frau", "Herr", "Herrn"} and toks.cap(k + 1)
    ):
        a = k
        while _is_title(toks.t(a)) or (toks.t(a) == "." and a > k and _is_title(toks.t(a - 1))):
            a += 1
        j = _name_end(toks, a)
        if j > a and (j - a >= 2 or w not in {"Frau", "Herr", "Herrn"} or toks.t(a) in names):
            cand = Cand(a, j, "PERSON", priority=70, confidence=0.9, attrs={"title_start": k})
    elif (
        w in names
        and (
            _surname_ok(toks, k + 1)
            or (toks.t(k + 1) in NAME_PARTICLES and _surname_ok(toks, k + 2))
            or (_INITIAL.match(toks.t(k + 1)) and _surname_ok(toks, k + 2))
        )
        and not toks.t(k + 1).endswith("-")
    ):
        j = _name_end(toks, k, max_words=4)
        nxt = toks.t(j).lower()
        if j > k + 1 and not any(nxt.endswith(c) for c in ("straße", "platz", "preis")):
            cand = Cand(k, j, "PERSON", priority=65, confidence=0.85)
    elif (
        (role_of(w) or w in SPEECH_VERBS)
        and toks.cap(k + 1)
        and toks.cap(k + 2)
        and toks.t(k + 1) not in TITLES
        and toks.t(k + 1) not in names
        and _surname_ok(toks, k + 1)
        and _surname_ok(toks, k + 2)
        and not toks.sent_start[k + 1]
    ):
        j = _name_end(toks, k + 1)
        if j - (k + 1) >= 2:
            cand = Cand(k + 1, j, "PERSON", priority=60, confidence=0.7)
    if (
        cand is None
        and w.isupper()
        and w.title() in names
        and toks.t(k + 1).isupper()
        and toks.t(k + 1).isalpha()
        and len(toks.t(k + 1)) > 2
    ):
        cand = Cand(k, k + 2, "PERSON", priority=60, confidence=0.7)  # bylines: "VON ANNA WEBER"
    return cand


def _prenominal_genitive(toks: Toks, i: int, j: int) -> bool:
    """'Joseph Haydns Oratorium', 'Anna Kellers „Werkstatt“': the name is in the genitive and is
    named in the nominative - unless the final s belongs to the name (Fuchs, Voss, Jonas)."""
    last = toks.t(j - 1)
    if j - i < 2 or len(last) < 4 or not last.endswith("s"):
        return False
    stem = last[:-1]
    if stem[-1] in "sxzßaeiouyäöü" or stem.endswith("ch"):
        return False
    nxt = toks.t(j)
    return (nxt[:1].isupper() and nxt.isalpha() and not toks.sent_start[j]) or toks.is_quote_open(j)


def _role_before(toks: Toks, i: int) -> dict[str, object] | None:
    """'WEG-Geschäftsführer Max Muster', 'Intendant Max Muster'."""
    a = i - 1
    while a >= 0 and (_is_title(toks.t(a)) or toks.t(a) == "."):
        a -= 1
    w = toks.t(a)
    role = role_of(w) if a >= 0 else None
    if not role:
        return None
    out: dict[str, object] = {"role": role, "span": [toks.start[a], toks.end[a]], "org_mention": None}
    prefix = w[: len(w) - len(role)].rstrip("-")
    if prefix and prefix[0].isupper():
        out["org_mention"] = [toks.start[a], toks.start[a] + len(prefix)]
    return out


def _role_after(toks: Toks, j: int) -> dict[str, object] | None:
    """'Max Muster, Geschäftsführerin der Wirtschaftsförderung Leipzig'."""
    if toks.t(j) != ",":
        return None
    k = j + 1
    while toks.t(k) and toks.t(k)[0].islower() and toks.t(k) not in _ARTICLES and k < j + 3:
        k += 1  # "stellvertretende", "neue"
    role = role_of(toks.t(k))
    if not role:
        return None
    out: dict[str, object] = {
        "role": role,
        "span": [toks.start[j + 1], toks.end[k]],
        "org_mention": None,
        "org_token": k + 2 if toks.t(k + 1) in _ARTICLES else None,
    }
    return out


_ABSTRACT_NOUN = re.compile(r"(ung|heit|keit|schaft|tion|tät|ismus|stärke|werk|wesen|ik)$")
_PAIR_CONTEXT = frozenset({"von", "mit", "durch", "bei", "und", "sagt", "so", "laut", "Autorin", "Autor"})


def _rare_pair(toks: Toks, k: int) -> bool:
    """Two rare title-case words in a row, introduced like a person ('Sicht von Ana Ruiz,')."""
    a, b = toks.t(k), toks.t(k + 1)
    if not (a.istitle() and b.istitle() and a.isalpha() and b.isalpha()) or toks.sent_start[k]:
        return False
    if toks.t(k - 1) not in _PAIR_CONTEXT and toks.t(k + 2) != ",":
        return False
    if not (_surname_ok(toks, k) and _surname_ok(toks, k + 1)):
        return False
    if _ABSTRACT_NOUN.search(a) or _ABSTRACT_NOUN.search(b):
        return False
    return zipf(a) < 2.5 and zipf(b) < 2.5


def _pair_with_role_after(toks: Toks, k: int) -> bool:
    """'Ana Ruiz, die Direktorin des Instituts': an apposition with a role marks a person."""
    a, b = toks.t(k), toks.t(k + 1)
    if not (a.istitle() and b.istitle() and a.isalpha() and b.isalpha()) or toks.sent_start[k + 1]:
        return False
    if toks.t(k + 2) != "," or not (_surname_ok(toks, k) and _surname_ok(toks, k + 1)):
        return False
    if zipf(a) >= 3.5 or zipf(b) >= 3.5 or _ABSTRACT_NOUN.search(a) or _ABSTRACT_NOUN.search(b):
        return False
    r = k + 3
    if toks.t(r) in {"der", "die", "Der", "Die"}:
        r += 1
    return role_of(toks.t(r)) is not None
