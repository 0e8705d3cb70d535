"""Projects and events: programme/strategy/plan names, event formats, names in quotes.

The type of a quoted or oddly shaped name comes from a cue noun inside it, right before
it, in an apposition, or (for events and projects only) in its sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache

from hafen.extract.candidates import Cand, Toks
from hafen.extract.cues import (
    ABSTRACT,
    ADJ_CAP,
    ADJ_LOW,
    BARE_DESCRIPTORS,
    DEFINITE,
    DESCRIPTOR_RE,
    ENGLISH_HEADS,
    EVENT_RE,
    ODD_SHAPE,
    PROJECT_RE,
    RESEARCH_ALLIANCE,
    city_adjective,
    context_type,
    head_cue,
    is_acronym,
    is_place,
    quote_end,
    search_event_cue,
    search_project_cue,
)
from hafen.extract.lexicon import (
    COMPASS,
    DETERMINERS,
    EVENT_CUES,
    GENERIC_MODIFIERS,
    INDEFINITE,
    LEGAL_FORMS,
    LOCATIVE,
    NOT_EVENT_RE,
    PROJECT_CUES,
    SPANS_OF_TIME,
    TITLE_INNER,
    places,
    topic_forms,
    zipf,
)


@lru_cache(maxsize=65536)
def _kind(low: str) -> tuple[bool, bool]:
    """(event head, project head) of a word, cached: most words are neither."""
    is_event = search_event_cue(low) is not None and not NOT_EVENT_RE.search(low)
    return is_event, not is_event and search_project_cue(low) is not None


_MODEL_HEADS = frozenset({"modell", "modells"})


def may_head_project(low: str) -> bool:
    """Whether ``project_or_event`` can propose anything at a word of this lower-case form:
    a time noun with a genitive, "Modell", or an event or project cue noun. Callers skip
    the call for the other words (nearly all capitalised words of a text) and cache it."""
    return low in _GENITIVE_EVENT_HEADS or low in _MODEL_HEADS or any(_kind(low))


def project_or_event(toks: Toks, k: int, low: str) -> Cand | None:
    t, sent = toks.t, toks.sent_start
    w = toks.text[k]
    if low in _GENITIVE_EVENT_HEADS and t(k + 1) in {"der", "des"}:
        return genitive_event(toks, k)
    if low in _MODEL_HEADS:  # "nach dem Ulmer Modell": a town's way of doing things
        if city_adjective(t(k - 1)) and not sent[k]:
            return Cand(k - 1, k + 1, "PROJECT", priority=70, confidence=0.7)
        return None
    is_event, is_project = _kind(low)
    if not (is_event or is_project):
        return None
    typ = "EVENT" if is_event else "PROJECT"
    nxt_rare = toks.name_like(k + 1) and not sent[k + 1] and t(k + 1).isalpha()
    if low == "campus" and (
        t(k + 1) in places()
        or t(k + 1) in COMPASS
        or (nxt_rare and zipf(t(k + 1)) < 2.0 and not head_cue(t(k + 1).lower()))
    ):  # "Campus Duisburg", "Campus Nord", "Campus Melaten": a site
        j = k + 3 if t(k + 2) in COMPASS else k + 2
        return Cand(k, j, "PLACE", "site", priority=70, confidence=0.75)  # "Campus Duisburg": a site
    head = low.rsplit("-", 1)[-1]
    if head == "campus" and "-" in w and _named_site(w.rsplit("-", 1)[0]):
        return Cand(k, k + 1, "PLACE", "site", priority=70, confidence=0.7)  # "Beutenberg-Campus"
    a = k
    if head in ENGLISH_HEADS or w in {"Woche", "Award", "Summit"} or ADJ_CAP.match(t(k - 1)):
        while (
            a > 0
            and a > k - 4  # "Medical Valley Digital Health Summit"
            and toks.cap(a - 1)
            and not sent[a]
            and t(a - 1) not in {"Der", "Die", "Das", "Ein", "Eine"}
            and (ADJ_CAP.match(t(a - 1)) or zipf(t(a - 1)) < 4.5)
            and (ADJ_CAP.match(t(a - 1)) or not _VERBAL_NOUN.search(t(a - 1)))
            and not head_cue(t(a - 1).lower())
            and not DESCRIPTOR_RE.search(t(a - 1).lower())
        ):
            a -= 1
    if a == k and "-" in w and t(k - 1) == "und" and len(t(k - 2)) > 3 and t(k - 2).endswith("-"):
        a = k - 2  # "Gründungs- und Innovations-Campus"
    while a < k and (t(a) in DETERMINERS or city_adjective(t(a))):
        a += 1
    attached = k >= 2 and toks.end[k - 2] == toks.start[k - 1] and toks.end[k - 1] == toks.start[k]
    if a == k and t(k - 1) == "/" and toks.cap(k - 2) and attached:
        a = k - 2  # "Logistik/IT-Campus": a slash joins the first part of the name
    local = False
    cue = (EVENT_RE if is_event else PROJECT_RE).search(low)
    plan = (
        not is_event
        and cue is not None
        and cue.group(1) in _PLAN_CUES
        and cue.start() > 2
        and low[: cue.start()].rstrip("s") not in GENERIC_MODIFIERS
    )
    if (is_event or plan) and a == k and not sent[k]:
        before = t(k - 1)
        # "Kieler Woche", "Leipziger Innovationspreis", "Hannover Messe": the town's own event
        town = low in EVENT_CUES and is_place(toks, k - 1) and t(k - 2) not in LOCATIVE
        if city_adjective(before) or town:
            a, local = k - 1, True
    j = k + 1
    if toks.is_quote_open(j):
        q = quote_end(toks, j)
        # right after its cue noun even a slogan is a name: Plattform „Wir kaufen lokal ein“
        if q and (not _sentence_like(toks.text[j + 1 : q]) or _slogan(toks.text[j + 1 : q])):
            return Cand(j + 1, q, typ, priority=75, confidence=0.8)
    # "Masterplan Wissenschaft 2.0", "Programm Zukunft Region", "KI-Campus NRW"
    while (
        j < k + 4
        and (
            toks.name_like(j)
            or (j > k + 1 and (is_place(toks, j) or t(j) in COMPASS))
            or (j > k + 1 and _NUMBER.match(t(j)))
            or (toks.cap(j) and j == k + 1 and not sent[j] and t(j + 1) not in {"der", "des", "die"})
            or (  # "Programm Zukunft Region": a second noun that closes the phrase
                j == k + 2
                and toks.cap(j)
                and t(j) not in DETERMINERS
                and not toks.cap(j + 1)
                and t(j + 1) not in {"der", "des", "die", "(", "/"}
                and zipf(t(j)) < 5.5
            )
        )
        and not sent[j]
    ):
        if t(j)[:1].isupper() and head_cue(t(j).lower()) and j > k + 1 and t(j).lower() not in ENGLISH_HEADS:
            break
        j += 1
    if is_event and j == k + 2 and _PROGRAMME_ITEM.match(t(k + 1)):
        return None  # "Workshop A", "Forum 2": an item of a programme, not a named event
    if (
        ADJ_LOW.match(t(j))
        and toks.cap(j + 1)
        and t(j + 2) == "("
        and is_acronym(t(j + 3))
        and t(j + 4) == ")"
    ):
        j += 2  # "Servicecenter lokale Arbeit (SCA)": the bracketed abbreviation confirms the name
    if (j > k + 1 or local) and _NUMBER.match(t(j)):
        j += 1  # "Masterplan Wissenschaft 2.0", "Leipziger Klimastrategie 2035"
    if t(j) == "/" and t(j + 1).rstrip(".").isdigit() and t(j - 1).isdigit():
        j += 2  # "Mark 51/7" (the tokenizer reads "7." at a sentence end as one token)
    proper_prefix = (
        "-" in w and w[:1].isupper() and (zipf(w.split("-")[0]) < 4.0 or w.split("-")[0].isupper())
    )
    descriptor = low in BARE_DESCRIPTORS or (
        cue is not None and cue.start() > 2 and "-" not in w and low not in _CUE_NOUNS
    )
    if not is_event and _generic_category(low):
        descriptor = True  # "Förderprogramm Zukunft Region": the name follows the category noun
    if is_event and descriptor and cue is not None:
        # "Fachkonferenz X" describes; "Digitaltag Kiel 2024" is itself the name
        descriptor = low[: cue.start()].rstrip("s") in GENERIC_MODIFIERS
    if (
        descriptor
        and a == k
        and is_place(toks, k + 1)
        and (j == k + 2 or (j == k + 3 and _YEAR.match(t(k + 2))))
    ):
        # "Infrastrukturoffensive Ruhrgebiet", "Innovationsstrategie Freiburg 2030"
        return Cand(k, j, typ, priority=70, confidence=0.7)
    if descriptor and a == k and j > k + 1:
        if cue is not None and cue.group(1) in _SITE_CUES:
            return Cand(k + 1, j, "PLACE", "site", priority=70, confidence=0.7)  # "Technologiecampus Nord"
        return Cand(k + 1, j, typ, priority=70, confidence=0.7)  # "Förderprogramm Zukunft Region"
    if (
        j == k + 1
        and a == k
        and not proper_prefix
        and "-" not in w
        and zipf(w) < 1.0
        and t(k - 1) in DEFINITE
        and not low.endswith(("en", "e"))
    ):
        return Cand(k, k + 1, typ, priority=60, confidence=0.6)  # a coined name: "der Eventfonds"
    if j == k + 1 and a == k and not proper_prefix and not local:
        return None
    if j == k + 1 and a == k and len(w) < 5:
        return None
    if t(a - 1).lower() in INDEFINITE and a == k and (not proper_prefix or _funded_kind(w)):
        return None  # "ein EU-Projekt", "ein DFG-Programm": a kind of project, named by its funder
    return Cand(a, j, typ, priority=70, confidence=0.7)


@lru_cache(maxsize=65536)
def _generic_category(low: str) -> bool:
    """'förderprogramm', 'modellprojekt': a generic modifier before a category noun."""
    return any(low.startswith(g) and low[len(g) :] in _CATEGORY_HEADS for g in GENERIC_MODIFIERS)


_NUMBER = re.compile(r"^\d+(\.\d+)?\.?$")  # "2.0", "2035", "7."
_YEAR = re.compile(r"^20\d\d$")
_CUE_NOUNS = PROJECT_CUES | EVENT_CUES


# "Tag der Industriekultur", "Lange Nacht der Wissenschaften", "Woche der Umwelt": an event
# format named by a time noun and a genitive - unless the genitive names a moment or an
# occasion ("am Tag der Eröffnung", "in der Woche des Umzugs").
_GENITIVE_EVENT_HEADS = frozenset({"tag", "tage", "nacht", "woche", "wochen"})
_OCCASIONS = re.compile(
    r"^(eröffnung|einweihung|veröffentlichung|unterzeichnung|übergabe|wahl|abstimmung|"
    r"entscheidung|ankunft|abreise|rückkehr|premiere|veranstaltung|tat|geburt|umzugs?|"
    r"anmeldung|prüfung|abgabe|zahlung|ausstellung|messe|konferenz|woche|jahr(es)?|"
    r"monats?|sommers?|winters?|sitzung|rede|feier|katastrophe|pandemie|krise|lockdowns?)$"
)


def genitive_event(toks: Toks, k: int) -> Cand | None:
    prev = toks.t(k - 1)
    if prev.lower() in SPANS_OF_TIME or prev.isdigit():
        return None  # "mehrere Tage der Quarantäne", "die ersten Wochen des Jahres": a span of time
    j = k + 2
    while j < k + 4 and ADJ_LOW.match(toks.t(j)) and toks.t(j) not in INDEFINITE:
        j += 1  # "Tag der offenen Tür"
    noun = toks.t(j)
    if (
        not noun[:1].isupper()
        or toks.sent_start[j]
        or noun in DETERMINERS
        or _OCCASIONS.match(noun.lower())
        or head_cue(noun.lower())
        or is_place(toks, j)
    ):
        return None
    j += 1
    if ADJ_CAP.match(noun) and toks.cap(j) and not toks.sent_start[j] and not is_place(toks, j):
        j += 1  # "Tag der Deutschen Einheit"
    a = k
    if not toks.sent_start[k] and (ADJ_CAP.match(prev) or prev in {"Lange", "Langen", "Offene", "Offenen"}):
        a = k - 1  # "Lange Nacht der Museen", "Europäische Woche der Mobilität"
    return Cand(a, j, "EVENT", priority=72, confidence=0.7)


def _funded_kind(w: str) -> bool:
    prefix, _, head = w.rpartition("-")
    return prefix.isupper() and head.lower() in BARE_DESCRIPTORS


def _slogan(words: list[str]) -> bool:
    """A short motto ('Wir kaufen lokal ein'); a longer phrase reads as a description."""
    return (
        2 <= len(words) <= 5
        and words[0][:1].isupper()
        and not any(w in {".", "!", "?", ":", ";"} for w in words)
    )


def _sentence_like(words: list[str]) -> bool:
    return sum(1 for w in words if w[:1].islower() and w not in {"und", "für", "der", "des", "&"}) > 1


def _plural_cue(low: str) -> tuple[str, str] | None:
    return next((c for c in (head_cue(low[: len(low) - n]) for n in (1, 2) if len(low) > 4) if c), None)


def examples_after(toks: Toks, k: int) -> Cand | None:
    """'neue Wettbewerbe wie Zukunft Region', 'Landesinitiativen wie der ruhr:HUB': a plural
    cue noun introduces an example, typed by the cue."""
    low = toks.t(k).lower()
    cue = _plural_cue(low)
    if cue is None and low in {"firmen", "unternehmen", "konzerne", "hersteller", "start-ups", "startups"}:
        cue = ("ORG", "company")  # "Firmen wie Testo"
    if cue is None or toks.t(k + 1) != "wie":
        return None
    i = k + 2
    if toks.t(i) in {"der", "die", "das", "den", "dem"}:
        i += 1
    j = i
    while j < i + 3 and (toks.name_like(j) or (toks.cap(j) and zipf(toks.t(j)) < 5.5)):
        if toks.sent_start[j] or head_cue(toks.t(j).lower()) or DESCRIPTOR_RE.search(toks.t(j).lower()):
            break  # "Startups wie dem Medizintechnikhersteller „X“": the descriptor comes first
        j += 1
    if j == i or not toks.cap(i) or toks.t(i) in DETERMINERS or (j == i + 1 and not toks.name_like(i)):
        return None  # one common noun ("Programme wie Forschung") is no name
    typ, sub = cue[0], cue[1] or None
    # below places and sites: "Orte wie PHOENIX See" names a site
    return Cand(i, j, typ, sub if typ == "ORG" else None, priority=42, confidence=0.65)


def example_list(toks: Toks, k: int) -> list[Cand]:
    """'Programme wie Innovationsgutschein, Digitalbonus und Mittelstandskredit': every item
    of the enumeration after the cue noun is an example of it."""
    first = examples_after(toks, k)
    if first is None and toks.t(k + 1) == "wie" and ODD_SHAPE.match(toks.t(k + 2)) and not toks.cap(k + 2):
        cue = _plural_cue(toks.t(k).lower())  # "Programme wie unternehmensWert:Mensch, ..."
        if cue is not None and cue[0] != "ORG":
            first = Cand(k + 2, k + 3, cue[0], None, priority=42, confidence=0.65)
    if first is None:
        return []
    out = [first]
    j = first.j
    while len(out) < 8 and (toks.t(j) == "," or toks.t(j) in {"und", "oder", "sowie"}):
        i = j + 1
        if toks.t(i) in {"und", "oder", "sowie"} and toks.t(j) == ",":
            i += 1
        if toks.t(i) in {"der", "die", "das", "den", "dem"}:
            i += 1
        e = _example_end(toks, i)
        if e is None:
            break
        out.append(
            Cand(i, e, first.type, first.subtype, priority=first.priority, confidence=first.confidence)
        )
        j = e
    return out


def _example_end(toks: Toks, i: int) -> int | None:
    j = i
    while j < i + 3 and (toks.name_like(j) or (toks.cap(j) and zipf(toks.t(j)) < 5.5)):
        if toks.sent_start[j] or head_cue(toks.t(j).lower()) or DESCRIPTOR_RE.search(toks.t(j).lower()):
            break
        j += 1
    if j == i or not toks.cap(i) or toks.t(i) in DETERMINERS or (j == i + 1 and not toks.name_like(i)):
        return None
    return j


def quoted(toks: Toks, q: int) -> Cand | None:
    e = quote_end(toks, q)
    if e is None:
        return None
    words = toks.text[q + 1 : e]
    if any(w in {".", "!", "?"} for w in words):
        return None  # a closing quote read as an opening one: the span runs across a sentence
    inner_low = [w.lower() for w in words]
    title = (
        len(words) <= 6
        and words[-1][:1].isupper()
        and all(w[:1].isupper() or w in TITLE_INNER for w in words)
    )
    if _sentence_like(words) and not title:
        return None  # a quoted sentence, not a name ("Entführung aus dem Serail" is a title)
    typ: str | None = None
    sub: str | None = None
    first_cue = head_cue(inner_low[0]) if words[0][:1].isupper() else None
    if first_cue and first_cue[0] == "ORG" and len(words) > 1:
        typ, sub = first_cue[0], first_cue[1] or None  # "„Beirat Wachstum“": the first noun heads
    for w in reversed(inner_low if typ is None else []):
        cue = head_cue(w)
        if cue and cue[0] != "ORG":
            typ = cue[0]
            break
    before = toks.t(q - 1).lower()
    if typ is None and before:
        cue = head_cue(before) if toks.t(q - 1)[:1].isupper() else None
        if RESEARCH_ALLIANCE.match(before):
            typ, sub = "PROJECT", None  # "im Forschungsverbund „GaN4Grid“"
        elif DESCRIPTOR_RE.search(before):
            typ, sub = "ORG", "company"
        elif before in {"team", "teams"}:
            typ, sub = "ORG", "other"  # "das Team „Gemeinsam stärker“" acts as a unit
        elif cue:
            typ, sub = cue[0], cue[1] or None
        elif _WORK_NOUNS.search(before) or _creator_genitive(toks, q - 1):
            typ = "EVENT"  # "Haydns Oratorium „Die Schöpfung“", "Mozarts „Entführung“": a staged work
    if typ is None:
        ctx = context_type(toks, q, e + 1)
        if ctx and (len(words) > 1 or ctx[0] != "ORG"):
            typ, sub = ctx
    if typ is None and any(_STAGING.match(w) for w in toks.text[max(0, q - 6) : e + 6]):
        typ = "EVENT"  # "statt „Carmen“ als erste Premiere": a staged work
    if typ is None:
        return None
    if typ == "ORG" and sub is None:
        sub = "other"
    return Cand(q + 1, e, typ, sub, priority=68, confidence=0.65)


# Stage works whose performances are events: "die Oper „Carmen“", "das Theaterstück „Faust“"
_WORK_NOUNS = re.compile(
    r"(oper|operette|oratorium|singspiel|musical|theaterstück|schauspiel|ballett|inszenierung|"
    r"komödie|tragödie|sinfonie|symphonie|requiem|kantate)$"
)


_STAGING = re.compile(r"^(Premiere|Uraufführung|Erstaufführung|Aufführung|Wiederaufnahme)(n|en)?$")


def _creator_genitive(toks: Toks, k: int) -> bool:
    """'Mozarts', 'Brechts' right before a quoted title: a person's name in the genitive."""
    w = toks.t(k)
    return (
        len(w) > 3
        and w.endswith("s")
        and w[:1].isupper()
        and w[1:-1].islower()
        and not toks.sent_start[k]
        and toks.t(k - 1) not in DETERMINERS
        and zipf(w[:-1]) < 4.0  # a surname, not a common noun ("des Projekts „X“" has a determiner anyway)
        and not is_place(toks, k)
        and w[:-1] not in places()
    )


_PROGRAMME_ITEM = re.compile(r"^(?:[A-Z]|\d{1,2}|[IVX]{1,3})$")
BULLETS = frozenset({"-", "–", "•", "*", "·", "▪"})


def listed_project(toks: Toks, k: int) -> Cand | None:
    """'- SmartDock Elbe (Hafen Magdeburg GmbH): digitale Steuerung …, 520.000 Euro': in a
    bulleted list of funded work, the name before the bracketed holder and the colon is a
    project."""
    if toks.t(k - 1) not in BULLETS or not (k < 2 or "\n" in toks.t(k - 2)):
        return None
    j = k
    while j < k + 5 and (toks.cap(j) or (j > k and "-" in toks.t(j))) and _word(toks.t(j)):
        j += 1
    if j == k or toks.t(j) != "(" or toks.t(j - 1) in LEGAL_FORMS or toks.t(k) in places():
        return None
    cue = head_cue(toks.t(j - 1).lower())
    if cue is not None and cue[0] == "ORG":
        return None  # "- Hochschule Mannheim (HSMA): …" lists an organisation
    e = j + 1
    while e < j + 14 and "\n" not in toks.t(e) and not toks.t(e).startswith(")"):
        e += 1
    closes = toks.t(e) == "):" or (toks.t(e) == ")" and toks.t(e + 1) == ":")
    if not closes or e - j < 3 or not toks.cap(j + 1):
        return None  # "(HSMA)": a defined abbreviation, not a holder
    return Cand(k, j, "PROJECT", priority=78, confidence=0.7)


def _word(w: str) -> bool:
    return w.replace("-", "").isalnum()


def _named_site(prefix: str) -> bool:
    """'Beutenberg' in 'Beutenberg-Campus': a rare proper word (a hill, a street, a quarter)
    names the campus as a site; 'KI-Campus', 'Gründer-Campus' name a programme or facility."""
    return (
        prefix.isalpha()
        and prefix[:1].isupper()
        and not prefix.isupper()
        and prefix.lower() not in topic_forms()
        and zipf(prefix) < 2.5
        and head_cue(prefix.lower()) is None
    )


_SITE_CUES = frozenset({"campus", "park"})
_CATEGORY_HEADS = frozenset({"programm", "projekt", "sprogramm", "sprojekt", "vorhaben", "initiative"})
# "Kieler Digitalstrategie", "Leipziger Innovationsoffensive": a town's own plan is a name
_PLAN_CUES = frozenset({"strategie", "masterplan", "offensive", "initiative", "konzept"})
_VERBAL_NOUN = re.compile(r"(ung|heit|keit|schaft|tion)$")
_ITEM_STOP = frozenset({"auf", "mit", "im", "in", "am", "bei", "(", ":", "/"})
_ITEM_INNER = frozenset({"für", "der", "des", "und", "&", "Nr.", "-", "–"})


def find_list_items(toks: Toks) -> list[Cand]:
    """Numbered items '(3) Eventfonds' in plans and strategies name projects when the item
    reads as a name: a coined compound, a cue noun, a place or a number - not an action
    ('(2) Stärkung der Gastronomie') and not a phrase with verbs or adjectives."""
    out: list[Cand] = []
    for k in range(toks.n - 3):
        if toks.text[k] != "(" or not toks.text[k + 1].isdigit() or toks.text[k + 2] != ")":
            continue
        if k > 0 and "\n" not in toks.text[k - 1]:
            continue
        i = k + 3
        j = i
        while j < toks.n and "\n" not in toks.text[j] and toks.text[j] not in _ITEM_STOP:
            j += 1
        while j > i and toks.text[j - 1] in _ITEM_INNER:
            j -= 1
        words = [w.strip("*") for w in toks.text[i:j]]
        if "und" in words[1:]:
            cut = words.index("und", 1) + 1  # "Altschuldenfrage und Infrastrukturoffensive X"
            cued = [bool(head_cue(w.lower())) for w in words]
            if any(cued[cut:]) and not any(cued[:cut]):
                i, words = i + cut, words[cut:]
        if not words or not words[0][:1].isupper() or j - i > 8:
            continue
        if ABSTRACT.search(words[0]) or any(
            w[:1].islower() and w not in _ITEM_INNER and not w[:1].isdigit() for w in words
        ):
            continue
        cues = [head_cue(w.lower()) for w in words if w[:1].isupper()]
        signal = (
            any(cues)
            or any("-" in w.strip("-") and w[:1].isupper() for w in words)
            or any(
                ODD_SHAPE.match(w) or w[:1].isdigit() or is_place(toks, i + n) for n, w in enumerate(words)
            )
        )
        if not signal:
            continue
        # an item's centre or institute is a measure being set up; a network or agency acts
        first = cues[0] if cues else None
        actor = first is not None and first[0] == "ORG" and first[1] in {"network", "public", "university"}
        typ, sub = (first[0], first[1]) if first and actor else ("PROJECT", None)
        if any(c and c[0] == "EVENT" for c in cues):
            typ, sub = "EVENT", None
        out.append(Cand(i, j, typ, sub, priority=88, confidence=0.7))
    return out
