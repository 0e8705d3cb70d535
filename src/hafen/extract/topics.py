"""Topics: technology and competence fields from a lexicon, with adjective inflection.

"Künstliche Intelligenz", "Künstlicher Intelligenz" and "KI" are one topic; the canonical
form is the lexicon's. Only whole words match: "KI-Forschung" is not a mention of KI.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import compress

from hafen.extract.candidates import Cand, Toks
from hafen.extract.lexicon import is_common_word, topic_forms

_MAX_WORDS = 4


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(form.split()[0] for form in topic_forms())


def find_topics(toks: Toks) -> list[Cand]:
    forms = topic_forms()
    firsts = _first_words()
    text = toks.text
    out: list[Cand] = []
    end = 0  # the tokens before ``end`` belong to a topic found already
    for k in compress(range(len(text)), map(_topic_cue, text)):  # the tokens a topic may start at
        if k < end:
            continue
        w = text[k]
        low = w.lower()
        if low not in firsts:
            prefix = _compound_topic(w) if len(low) >= 9 and w[:1].isupper() else None
            if prefix:
                start = toks.start[k]
                out.append(
                    Cand(
                        k,
                        k + 1,
                        "TOPIC",
                        priority=25,
                        confidence=0.6,
                        attrs={"canonical": prefix[1]},
                        start=start,
                        end=start + prefix[0],
                    )
                )
            continue
        hit = None
        for width in range(_MAX_WORDS, 0, -1):
            j = k + width
            if j > toks.n:
                continue
            phrase = " ".join(text[k:j])
            canon = forms.get(phrase.lower())
            if canon and width == 1 and len(phrase) <= 3 and not phrase.isupper():
                canon = None  # "It was ...", "Ki": an abbreviation is written in capitals
            # the head noun must be capitalised as German nouns are ("digitale Bildung"),
            # so the verb "design" or the adverb "stahl" never match
            if canon and (text[j - 1][:1].isupper() or text[j - 1][:1].isdigit()):
                hit = (j, canon)
                break
        if hit is not None:
            j, canon = hit
            out.append(Cand(k, j, "TOPIC", priority=30, confidence=0.75, attrs={"canonical": canon}))
            end = j
    return out


@lru_cache(maxsize=65536)
def _topic_cue(w: str) -> bool:
    """Whether a topic may start at ``w``: the first word of a topic's form, or a compound
    whose first part is a topic ("Wasserstoffnetzwerk")."""
    low = w.lower()
    return low in _first_words() or (len(low) >= 9 and w[:1].isupper() and _compound_topic(w) is not None)


@lru_cache(maxsize=1)
def _one_word_forms() -> dict[str, str]:
    return {form: canon for form, canon in topic_forms().items() if " " not in form and len(form) >= 5}


@lru_cache(maxsize=65536)
def _compound_topic(word: str) -> tuple[int, str] | None:
    """'Wasserstoffnetzwerk', 'Medizintechnikhersteller': a field named as the first part of
    a compound whose head is a common noun -> (length of the field, canonical name)."""
    forms = _one_word_forms()
    low = word.lower()
    for cut in range(len(low) - 4, 4, -1):
        canon = forms.get(low[:cut])
        if canon is None:
            continue
        rest = word[cut:].lstrip("-")
        if len(rest) >= 4 and is_common_word(rest.capitalize(), 3.0):
            if low[cut - 1] == "s" and low[: cut - 1] in forms:
                cut -= 1  # the linking -s is not part of the field: "Stadtentwicklungs|prozess"
            return cut, canon
    return None
