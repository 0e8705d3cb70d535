"""Pairwise resolution rules grounded in German naming, and the vetoes that keep names apart.

Each rule looks at two prepared records of the same type and either says nothing or
names itself with a score; the strongest rule wins. A veto is an automatic cannot-link:
two records that carry different acronyms (Fraunhofer IML / Fraunhofer ISST) or the same
name qualified by different places (Stadt Bochum / Stadt Dortmund) never share a cluster.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from hafen.resolve import normalize as nz
from hafen.resolve.records import Prepared

# Rule scores: how sure each kind of evidence makes us, highest first.
SCORES = {
    "same_name": 1.0,
    "alias_overlap": 0.97,
    "abbreviation": 0.95,
    "inflection": 0.95,
    "compound": 0.95,
    "topic_synonym": 0.93,
    "acronym": 0.9,
    "token_typo": 0.88,
    "acronym_suffix": 0.87,
    "place_qualifier": 0.85,
    "head_name": 0.8,
}
# Evidence strong enough to join two entities of one document, which the document step
# failed to link ("HWK" / "Handwerkskammer Dortmund", "Comeback-Programm" /
# "Comebackprogramm", "DINT-Port (Dive into next technologies)"). A place qualifier counts
# only when the short name has one such long form in the document (cluster.py).
WITHIN_DOCUMENT_RULES = frozenset(
    {
        "same_name",
        "alias_overlap",
        "abbreviation",
        "inflection",
        "compound",
        "topic_synonym",
        "acronym",
        "acronym_suffix",
        "place_qualifier",
    }
)
MIN_SHARED_FORM = 3  # two-letter forms ("WF", "TZ", "IT") are too ambiguous to link on


@dataclass(frozen=True, slots=True)
class Evidence:
    rule: str
    score: float
    detail: str


def _substantial(form: str) -> bool:
    compact = form.replace(" ", "")
    return len(compact) >= MIN_SHARED_FORM and not compact.isdigit()


@lru_cache(maxsize=65536)
def _candidates_without(form: str, drop: frozenset[str]) -> frozenset[str]:
    """Acronym candidates of a long form after removing the words a short form repeats."""
    words = [w for w in re.split(r"[\s\-/]+", form) if w]
    kept = [w for w in words if nz.stem(nz.fold(w)) not in drop]
    return frozenset(nz.acronym_candidates(" ".join(kept))) if len(kept) >= 2 else frozenset()


def _acronym_link(a: Prepared, b: Prepared) -> Evidence | None:
    """A short form made of an acronym (and maybe a brand) matches a long form of the other."""
    if a.whole_acronyms:
        for acr in a.whole_acronyms:
            if len(acr) >= 3 and acr in b.long_acronyms:
                return Evidence("acronym", SCORES["acronym"], f"{acr.upper()} = {b.long_acronyms[acr]}")
    for tokens, form in a.token_sets:
        acrs = {t for t in tokens if t in a.acronyms}
        prefix = tokens - acrs
        if len(acrs) != 1 or not prefix:
            continue
        acr = next(iter(acrs))
        if len(acr) < 3:
            continue
        for b_tokens, long_form in b.token_sets:
            if prefix <= b_tokens and acr not in b_tokens and acr in _candidates_without(long_form, prefix):
                return Evidence("acronym", SCORES["acronym"], f"{form} = {long_form}")
    return None


def _tokens_close(xs: frozenset[str], ys: frozenset[str]) -> bool:
    """Every token on each side has an equal or typo-close partner on the other."""
    return all(any(nz.damerau_close(x, y) for y in ys) for x in xs) and all(
        any(nz.damerau_close(y, x) for x in xs) for y in ys
    )


def _extras_allowed(extras: frozenset[str], short: Prepared, long_: Prepared) -> str | None:
    """Which rule lets the longer name add these tokens, if any."""
    if not extras:
        return None
    if all(t in long_.acronyms for t in extras):
        own = {t for t in short.acronyms if t not in short.places}
        if not own or all(any(nz.damerau_close(t, o) for o in own) for t in extras):
            return "acronym_suffix"
        return None
    if all(t in short.places for t in extras):
        return "place_qualifier"
    return None


def _subset_link(a: Prepared, b: Prepared) -> Evidence | None:
    best: Evidence | None = None
    for ta, fa in a.token_sets:
        for tb, fb in b.token_sets:
            if ta == tb:
                continue
            if len(ta) == len(tb) and _tokens_close(ta, tb):
                return Evidence("token_typo", SCORES["token_typo"], f"{fa} ≈ {fb}")
            for short, long_, ts, tl, fs, fl in ((a, b, ta, tb, fa, fb), (b, a, tb, ta, fb, fa)):
                if not ts or not ts < tl or not (ts - short.places):
                    continue
                rule = _extras_allowed(tl - ts, short, long_)
                if rule and (best is None or SCORES[rule] > best.score):
                    jaccard = len(ts) / len(tl)
                    score = round(SCORES[rule] - 0.05 * (1 - jaccard), 4)
                    best = Evidence(rule, score, f"{fs} ⊂ {fl}")
    return best


def _head_link(a: Prepared, b: Prepared, ambiguous_heads: set[str]) -> Evidence | None:
    """A distinctive head ("Lamarr-Institut") names its long form ("Lamarr-Institut für ...")."""
    for short, long_ in ((a, b), (b, a)):
        for k, form in short.keys.items():
            distinctive = any(t not in nz.GENERIC_WORDS for t in k.split())
            if k in long_.heads and k not in ambiguous_heads and distinctive:
                return Evidence("head_name", SCORES["head_name"], f"{form} heads {long_.heads[k]}")
    return None


def compare(a: Prepared, b: Prepared, ambiguous_heads: set[str]) -> Evidence | None:
    """The strongest rule linking two records of the same type, or None."""
    if nz.fold(a.record.name) == nz.fold(b.record.name) and _substantial(nz.fold(a.record.name)):
        return Evidence("same_name", SCORES["same_name"], a.record.name)
    shared = sorted(f for f in a.folded & b.folded if _substantial(f))
    if shared:
        return Evidence("alias_overlap", SCORES["alias_overlap"], shared[0])
    shared_keys = sorted(k for k in a.keys.keys() & b.keys.keys() if _substantial(k))
    if shared_keys:
        k = shared_keys[0]
        fa, fb = a.keys[k], b.keys[k]
        rule = "abbreviation" if nz.used_abbreviation(fa) != nz.used_abbreviation(fb) else "inflection"
        return Evidence(rule, SCORES[rule], f"{fa} ~ {fb}")
    shared_compacts = sorted(a.compacts.keys() & b.compacts.keys())
    if shared_compacts:
        c = shared_compacts[0]
        return Evidence("compound", SCORES["compound"], f"{a.compacts[c]} ~ {b.compacts[c]}")
    if a.topics & b.topics:
        concept = sorted(a.topics & b.topics)[0]
        return Evidence("topic_synonym", SCORES["topic_synonym"], concept)
    found = _acronym_link(a, b) or _acronym_link(b, a)
    if found:
        return found
    return _subset_link(a, b) or _head_link(a, b, ambiguous_heads)


def veto(a: Prepared, b: Prepared) -> str | None:
    """Why two records must stay apart whatever links them, or None."""
    own_a = {t for t in a.acronyms if t not in a.places and t not in b.places}
    own_b = {t for t in b.acronyms if t not in b.places and t not in a.places}
    expanded = own_a & b.long_acronyms.keys() or own_b & a.long_acronyms.keys()
    if own_a and own_b and not expanded and not any(nz.damerau_close(x, y) for x in own_a for y in own_b):
        return f"different acronyms {sorted(own_a)[0].upper()} / {sorted(own_b)[0].upper()}"
    places = a.places | b.places
    for ta, _ in a.token_sets:
        for tb, _ in b.token_sets:
            pa, pb = ta & places, tb & places
            if pa and pb and not pa & pb and (ta - pa) == (tb - pb) and ta - pa:
                return f"different places {sorted(pa)[0]} / {sorted(pb)[0]}"
    return None
