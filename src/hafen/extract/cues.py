"""Cue words and name shapes shared by the organisation and project/event detectors."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from hafen.extract.candidates import Toks
from hafen.extract.lexicon import (
    CLOSE_QUOTES,
    EVENT_CUES,
    NOT_EVENT_RE,
    ORG_CUE_RE,
    ORG_CUES,
    PROJECT_CUES,
    city_of_adjective,
    places,
)
from hafen.extract.persons import role_of

PROJECT_RE = re.compile("(" + "|".join(sorted(PROJECT_CUES, key=len, reverse=True)) + r")(s|es)?$")
EVENT_RE = re.compile("(" + "|".join(sorted(EVENT_CUES, key=len, reverse=True)) + r")(s|es|n)?$")
DESCRIPTOR_RE = re.compile(
    r"(konzern|hersteller|unternehmen|dienstleister|startup|start-up|firma|"
    r"zulieferer|anbieter|tochtergesellschaft|tochter|spezialist|softwarehaus|"
    r"mittelständler|maschinenbauer|händler|versicherer|marktführer|"
    # "der Anlagenbauer Aixtron", "der Wagniskapitalgeber UVC Partners", "der Netzbetreiber X"
    r"anlagenbauer|autobauer|kapitalgeber|investor|betreiber|produzent|ausrüster)s?$"
)


class EndSearch:
    """``pattern.search(word)`` for a cue pattern ``(head|head|...)(suffix|...)?$`` that
    skips the regex for most words: a match ends the word with a head noun and a suffix,
    so the word's last three characters are those of one such ending (or the word ends in
    a line break, before which ``$`` matches too). A set lookup on them is far cheaper
    than the search, which tries every head noun at every position of the word.

    A pattern of any other form (flags, nested groups, heads shorter than three
    characters or with characters other than letters, digits and '-') is always searched.
    """

    _FORM = re.compile(r"\(([^()]*)\)\(([^()]*)\)\?\$")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self._search: Callable[[str], re.Match[str] | None] = pattern.search
        self.ends: frozenset[str] | None = None
        form = self._FORM.fullmatch(pattern.pattern)
        if form is None or pattern.flags != re.UNICODE:
            return
        heads, suffixes = form.group(1).split("|"), ["", *form.group(2).split("|")]
        plain = all(len(h) >= 3 and h.replace("-", "").isalnum() for h in heads)
        if plain and all(x.replace("-", "").isalnum() for x in suffixes if x):
            self.ends = frozenset((h + x)[-3:] for h in heads for x in suffixes)

    def __call__(self, word: str) -> re.Match[str] | None:
        if self.ends is None or word[-3:] in self.ends or word.endswith("\n"):
            return self._search(word)
        return None


search_org_cue = EndSearch(ORG_CUE_RE)
search_event_cue = EndSearch(EVENT_RE)
search_project_cue = EndSearch(PROJECT_RE)
ODD_SHAPE = re.compile(
    r"^(?:[A-Za-zÄÖÜäöüß0-9-]+[:.][A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß.:]*"  # ruhr:HUB, STARTUP.INNOLAB
    r"|[A-ZÄÖÜ]{2,}[a-zäöüß]{3,}\w*"  # BOtechnologies
    r"|[a-zäöüß]+[A-ZÄÖÜ]\w*"  # iCapital
    r"|[A-ZÄÖÜ][a-zäöüß]+[A-ZÄÖÜ]\w*"  # RuhrValley, TechnologieZentrum
    r"|[A-Za-z]+\d+[A-Za-z-]*\d*)$"  # B1st, UN1DO, ML2R, AI24, H2-Ruhr
)
ACRONYM = re.compile(r"^[A-ZÄÖÜ][A-ZÄÖÜ0-9&]{1,6}$")
ADJ_CAP = re.compile(
    r"^[A-ZÄÖÜ][a-zäöüß]+(isch|lich|al|ell|ig|iv|är|sch|ei|ös|nt|rt|ier|ern|im|ß)(e|en|er|es|em)$"
)
# "Forschungsverbund X", "Verbundprojekt X": a joint research project named after its head
RESEARCH_ALLIANCE = re.compile(
    r"^(?:forschungs|wissenschafts|innovations)verbund(?:e?s)?$|^verbundprojekte?s?$"
)
ADJ_LOW = re.compile(r"^[a-zäöüß]+(e|en|er|es|em)$")
# "of"/"for" only occur in English names: "University of Leeds", "Center for Robotics"
TAIL_PREPS = frozenset({"für", "zu", "zur", "zum", "of", "for"})
FUNCTION_WORDS = frozenset(
    {
        "der",
        "des",
        "den",
        "dem",
        "die",
        "einen",
        "einem",
        "einer",
        "eines",
        "eine",
        "seine",
        "seinen",
        "ihre",
        "ihren",
        "unsere",
        "unseren",
        "diese",
        "dieser",
        "diesem",
        "dieses",
        "jeder",
        "jede",
        "jedem",
        "alle",
        "aller",
        "sowie",
        "oder",
    }
)

ENGLISH_HEADS = frozenset(
    {
        "hub",
        "campus",
        "lab",
        "factory",
        "center",
        "port",
        "space",
        "award",
        "summit",
        "week",
        "conference",
        "network",
        "cluster",
        "alliance",
    }
)
ABSTRACT = re.compile(r"(ung|heit|keit|schaft|tion|tät|ismus|ik|en)$")
DEFINITE = frozenset({"der", "die", "das", "dem", "den", "des", "im", "am", "zum", "beim", "vom"})
BARE_DESCRIPTORS = frozenset({"projekt", "projekts", "projektes", "programm", "programms", "vorhaben"})
URL_END = (".de", ".com", ".org", ".net", ".eu", ".html", ".nrw")


def is_acronym(w: str) -> bool:
    return not w[1:].islower() and sum(map(str.isupper, w)) >= 2


_LOWER_RUN = re.compile(r"[a-zäöüß]{3,}")


@lru_cache(maxsize=65536)
def acronym_word(w: str) -> bool:
    """An abbreviation by itself ('ISST', 'KfW', 'H2NR'), not a compound with one ('IT-Sicherheit')."""
    return is_acronym(w) and not _LOWER_RUN.search(w)


def coordinated_start(toks: Toks, a: int) -> int:
    """'Industrie- und Handelskammer': the first conjunct of a hyphen-elided compound."""
    first = toks.t(a - 2)
    if (
        a >= 2
        and toks.t(a - 1) in {"und", "oder", "&"}
        and len(first) > 2
        and first.endswith("-")
        and first[:1].isupper()
        and not toks.sent_start[a - 1]
    ):
        return a - 2
    return a


def is_place(toks: Toks, k: int) -> bool:
    p = places().get(toks.t(k))
    return (p is not None and not p.ambiguous) or (p is not None and toks.t(k - 1) in {"zu", "Stadt"})


def city_adjective(w: str) -> bool:
    return city_of_adjective(w) is not None


@lru_cache(maxsize=65536)
def head_cue(low: str) -> tuple[str, str] | None:
    """The kind of name a lower-case word heads as a cue noun: ("ORG", subtype), ("EVENT",
    "") or ("PROJECT", ""); cached per word, asked for again and again across a text."""
    m = search_org_cue(low)
    if m:
        return "ORG", ORG_CUES[m.group(1)]
    m = search_event_cue(low)
    if m and not NOT_EVENT_RE.search(low):
        return "EVENT", ""
    m = search_project_cue(low)
    if m:
        return "PROJECT", ""
    return None


# English head nouns written in lower case after a name
_ENGLISH_HEADS = frozenset(
    {
        "programme",
        "program",
        "project",
        "platform",
        "initiative",
        "conference",
        "summit",
        "festival",
        "hackathon",
        "accelerator",
        "network",
        "cluster",
        "award",
    }
)


def context_type(toks: Toks, i: int, j: int) -> tuple[str, str | None] | None:
    """Type of an unknown name from a cue noun right beside it or from an apposition
    ('AI24, eine internationale Konferenz'); wider context types only events and projects."""
    before = toks.t(i - 1)
    if before[:1].isupper() and not toks.sent_start[i]:
        if RESEARCH_ALLIANCE.match(before.lower()):
            return "PROJECT", None  # "im Forschungsverbund InfectoGnostics"
        if DESCRIPTOR_RE.search(before.lower()):
            return "ORG", "company"
        cue = head_cue(before.lower())
        if cue:
            return cue[0], cue[1] or None
    after = toks.t(j)
    if after in _ENGLISH_HEADS:
        cue = head_cue(after)  # "the BayTOU programme", "the AI24 conference": English heads
        if cue:
            return cue[0], cue[1] or None
    if before in {"von", "bei"} and toks.cap(i - 2) and role_of(toks.t(i - 2)):
        return "ORG", "other"  # "Geschäftsführerin von next:harbour": a role is held at an organisation
    k = j
    if toks.t(k) == ",":
        k += 1
        while k < j + 5 and toks.t(k)[:1].islower():
            k += 1
        cue = head_cue(toks.t(k).lower()) if toks.cap(k) else None
        if cue:
            return cue[0], cue[1] or None
    for k in range(max(0, i - 8), min(toks.n, j + 8)):
        if i <= k < j or not toks.cap(k):
            continue
        cue = head_cue(toks.text[k].lower())
        if cue and cue[0] != "ORG" and toks.text[k] not in {"Tag", "Tage", "Forum"}:
            return cue[0], None
    return None


def quote_end(toks: Toks, q: int) -> int | None:
    t = toks.t
    for e in range(q + 1, min(q + 10, toks.n)):
        if t(e) in CLOSE_QUOTES:  # toks.is_quote_close(e)
            return e if e > q + 1 else None
        if "\n" in toks.text[e]:
            return None
    return None


def long_form_type(toks: Toks, i: int, j: int) -> tuple[str, str | None] | None:
    """Type of the long form of a defined abbreviation, from its head noun."""
    for k in range(j - 1, i - 1, -1):
        w = toks.text[k]
        if not w[:1].isupper():
            continue
        cue = head_cue(w.lower())
        if cue:
            return cue[0], cue[1] or None
        if DESCRIPTOR_RE.search(w.lower()):
            return "ORG", "company"
    return None
