"""Organisations by cue nouns, legal forms, descriptors and shape; the detectors' driver.

German names of institutions are noun phrases around a cue noun ("Institut", "Hochschule",
"Kammer") extended by a prepositional tail ("für Software- und Systemtechnik"), a place
("Universität Bonn", "IHK zu Köln") or a proper prefix ("Lamarr-Institut"). A cue noun
alone is generic ("die Hochschulen") and is not proposed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from hafen.extract.candidates import Cand, Toks
from hafen.extract.cues import (
    ABSTRACT,
    ACRONYM,
    ADJ_CAP,
    ADJ_LOW,
    DESCRIPTOR_RE,
    FUNCTION_WORDS,
    ODD_SHAPE,
    ORG_CUE_RE,
    RESEARCH_ALLIANCE,
    TAIL_PREPS,
    URL_END,
    acronym_word,
    city_adjective,
    context_type,
    coordinated_start,
    head_cue,
    is_acronym,
    is_place,
    quote_end,
    search_org_cue,
    search_project_cue,
)
from hafen.extract.lexicon import (
    BUILD_CUES,
    CIVIC_CUES,
    DETERMINERS,
    GENERIC_ACRONYMS,
    INDEFINITE,
    INSTITUTION_ABBREVIATIONS,
    KNOWN_ACRONYMS,
    LEGAL_FORMS,
    ORG_CUES,
    RESEARCH_SOCIETIES,
    STANDALONE_ORGS,
    dotted_legal_form,
    first_names,
    places,
    topic_forms,
    zipf,
)
from hafen.extract.persons import role_of
from hafen.extract.projects import (
    BULLETS,
    example_list,
    listed_project,
    may_head_project,
    project_or_event,
    quoted,
)


def _tail(toks: Toks, j: int) -> int:
    """Extend a name over 'für Software- und Systemtechnik', 'zu Köln', a place, a year."""
    t, sent = toks.t, toks.sent_start
    if t(j) in TAIL_PREPS:
        k = j + 1
        last = j
        while k < toks.n and not sent[k]:
            w = toks.text[k]
            if acronym_word(w) or (k > j + 1 and t(k - 1) == ")"):
                break  # "Institut für X ISST": the acronym is a name of its own
            if w in _PRONOUNS or (k == j + 1 and t(j) in {"zum", "beim"} and _infinitive(w)):
                break  # "Kammer zum Herunterladen", "... finden Sie": a clause, not a name
            if w[:1].isupper() or (w.endswith("-") and w[:1].isalpha()) or _elided_head(toks, k):
                k += 1
                last = k
            elif (ADJ_LOW.match(w) and w not in FUNCTION_WORDS and toks.cap(k + 1)) or (
                (
                    w in {"und", "&"}
                    and (toks.cap(k + 1) or ADJ_LOW.match(t(k + 1)) or _elided_head(toks, k + 1))
                )
                or (w == "and" and toks.cap(k + 1))
            ):
                k += 1
            elif w == "," and k > j + 1 and toks.cap(k + 1) and _list_closes(toks, k + 1):
                k += 1  # "Ministerium für Wirtschaft, Arbeit, Tourismus und Verkehr"
            else:
                break
        if last > j + 1 or (last == j + 1 and toks.cap(j + 1)):
            return max(last, j + 2) if last == j + 1 else last
        return j
    if is_place(toks, j) and not sent[j]:
        if _region_compound(toks, j + 1):
            return j + 2  # "Handwerkskammer Mannheim Rhein-Neckar-Odenwald"
        if t(j + 1) == "zu" and is_place(toks, j + 2) and not sent[j + 2]:
            return j + 3  # "IHK Ostwestfalen zu Bielefeld": the region and the chamber's seat
        return j + 1
    if t(j) in {"Region", "Metropolregion", "Raum", "Landkreis", "Kreis"} and is_place(toks, j + 1):
        return j + 2  # "Wirtschaftsförderung Region Stuttgart"
    if ADJ_CAP.match(t(j)) and is_place(toks, j + 1) and not sent[j]:
        return j + 2  # "Regionalagentur Westfälisches Ruhrgebiet"
    if "-" in t(j) and t(j).split("-")[0] in places() and not sent[j]:
        return j + 1  # "DGB Dortmund-Hellweg"
    return j


def _elided_head(toks: Toks, k: int) -> bool:
    """'-automatisierung' in 'für Fabrikbetrieb und -automatisierung': the second part of a
    compound whose first part is elided, right after 'und'/'oder'."""
    w = toks.t(k)
    return (
        len(w) > 3 and w[0] == "-" and w[1:].isalpha() and w[1].islower() and toks.t(k - 1) in {"und", "oder"}
    )


def _region_compound(toks: Toks, k: int) -> bool:
    """'Rhein-Neckar-Odenwald' after a town in a chamber's name: a hyphenated run of
    capitalised parts, one of them a known place, names the chamber's district."""
    parts = toks.t(k).split("-")
    return (
        len(parts) >= 2
        and not toks.sent_start[k]
        and all(p[:1].isupper() and p.isalpha() for p in parts)
        and any(p in places() for p in parts)
    )


_SOCIETY_NAME = re.compile("|".join(map(re.escape, sorted(RESEARCH_SOCIETIES))))
_NAME_PARTS = re.compile(r"[.:]")  # "ruhr:HUB", "STARTUP.INNOLAB"
# "Kompetenzzentrum 4.0"; "Themengruppe 3"
_VERSION = re.compile(r"^\d+\.\d+\.?$")
_UNIT_NUMBER = re.compile(r"^\d{1,2}$")
_PRONOUNS = frozenset({"Sie", "Ihr", "Ihre", "Ihnen", "Wir", "Er", "Es", "Ich", "Du"})
_ENGLISH_ADJ = re.compile(r"^(?:[A-Z][a-z]+(?:ian|ean|ish)|German|French|Dutch)$")


def _list_closes(toks: Toks, k: int) -> bool:
    """From token k, capitalised words and commas run into 'und X' within a few tokens: the
    comma continues an enumerated name instead of ending it."""
    e = k
    while e < k + 8 and not toks.sent_start[e]:
        w = toks.t(e)
        if w in {"und", "&"}:
            return _field_word(toks, e + 1)
        if not (_field_word(toks, e) or w == ","):
            return False
        e += 1
    return False


def _field_word(toks: Toks, k: int) -> bool:
    """A common capitalised noun naming a field ('Arbeit', 'Verkehr'), not a name ('Bosch')."""
    w = toks.t(k)
    return (
        toks.cap(k)
        and not toks.sent_start[k]
        and w not in places()
        and zipf(w) >= 3.0
        and not _plural_cue(w.lower())  # "Agentur für Arbeit, Kammern und ...": actors, not fields
    )


def _plural_cue(low: str) -> bool:
    """An organisation cue noun, also in the plural ('Kammern', 'Verbände', 'Institute')."""
    stems = [low] + [low[: -len(e)] for e in ("n", "en", "e", "s") if low.endswith(e)]
    stems.append(low.replace("ä", "a").replace("ü", "u").replace("ö", "o"))
    return any(ORG_CUE_RE.search(s) for s in stems)


def _brand_acronym(w: str) -> bool:
    """'GEOMAR', 'DESY' before a hyphenated cue noun: an acronym naming the institution."""
    return (
        len(w) >= 4
        and acronym_word(w)
        and w.upper() not in GENERIC_ACRONYMS
        and w not in places()
        and w.lower() not in topic_forms()
    )


def _infinitive(w: str) -> bool:
    """A verb used as a noun ('Herunterladen', 'Mitmachen'): -en, and common as a verb."""
    return w[:1].isupper() and w.endswith("en") and w not in places() and zipf(w.lower()) >= 2.0


def _personal(prefix: str) -> bool:
    """'Carl-Orff' in 'Carl-Orff-Chor': a first name and a surname name the house."""
    parts = prefix.split("-")
    return len(parts) == 2 and parts[0] in first_names() and parts[1][:1].isupper() and zipf(parts[1]) < 4.0


def _bracket_after(toks: Toks, j: int) -> bool:
    """'(ABBR)' right after: a defined abbreviation marks the phrase before it as a name."""
    return (
        toks.t(j) == "("
        and is_acronym(toks.t(j + 1))
        and (toks.t(j + 2) == ")" or (toks.t(j + 3) == ")" and toks.t(j + 2).isupper()))
    )


def _cue_org(toks: Toks, k: int, subtype: str) -> Cand | None:
    t, sent = toks.t, toks.sent_start
    w = toks.text[k]
    low = w.lower()
    a = k
    # proper adjectives before the cue: "Technische Universität", "Europäischen Kommission"
    while (
        a > 0
        and (ADJ_CAP.match(t(a - 1)) or city_adjective(t(a - 1)))
        and zipf(t(a - 1)) < 5.5
        and t(a - 1) not in DETERMINERS
    ):
        a -= 1
        if sent[a]:
            break
    if a > 0 and t(k + 1) in {"of", "for"} and _ENGLISH_ADJ.match(t(a - 1)):
        a -= 1  # "Bavarian Ministry of Economic Affairs"
    if a > 0 and t(a - 1).lower() in RESEARCH_SOCIETIES:  # "Fraunhofer Institute for ..."
        a -= 1
    if a == k and a > 0 and ("-" in w or subtype == "research") and _brand_acronym(t(a - 1)):
        # "GEOMAR Helmholtz-Zentrum für Ozeanforschung", "MEET Batterieforschungszentrum": the
        # acronym brand is part of it
        a -= 1
    if a > 0 and "-" in w and t(a - 1) in first_names():  # "Robert Koch-Institut"
        a -= 1
    j = _tail(toks, k + 1)
    prefix = w.rsplit("-", 1)[0] if "-" in w else ""
    first = prefix.split("-")[0]
    proper_prefix = (
        bool(prefix)
        and prefix[:1].isupper()
        and (first.upper() not in GENERIC_ACRONYMS or prefix in places())
        and (zipf(first) < 4.0 or prefix.isupper() or prefix in places() or _personal(prefix))
    )  # "Lamarr-Institut", "NRW-Gesundheitsministerium"
    nxt = t(k + 1)
    if j == k + 1 and nxt.isupper() and len(nxt) >= 3 and not sent[k + 1] and nxt not in places():
        j = k + 2  # "Bundesverband BITKOM", "Netzwerk ZENIT"
    elif j == k + 1 and _VERSION.match(nxt):
        j = k + 2  # "Kompetenzzentrum 4.0"
    elif j == k + 1 and _UNIT_NUMBER.match(nxt) and low.endswith(("gruppe", "arbeitskreis")):
        j, subtype = k + 2, "other"  # "Themengruppe 3", "Arbeitskreis 2": a numbered unit
    elif j == k + 1 and toks.cap(k + 1):
        # "Landeszentrum Gesundheit (LZG)", "Verband Deutscher Maschinen- und Anlagenbau (VDMA)"
        e = k + 1
        while (
            e < min(k + 7, toks.n)
            and not sent[e]
            and (toks.cap(e) or t(e) in {"und", "&", "für"} or t(e).endswith("-"))
        ):
            e += 1
            if _bracket_after(toks, e) and toks.cap(e - 1):
                j = e
                break
    if (
        j == k + 1
        and toks.name_like(k + 1)
        and not sent[k + 1]
        and t(k + 1) not in places()
        and not ODD_SHAPE.match(t(k + 1))
        and not t(k + 1).isupper()
    ):
        j = k + 2  # cue + proper name: "Beirat Wachstumsinitiative"
        while j < k + 4 and toks.name_like(j) and not sent[j]:
            j += 1
        if is_place(toks, j):
            j += 1
    if j > k + 1 and dotted_legal_form(t(j)):
        return None  # "Gesellschaft für … mbH." ending a sentence: the legal-form rule takes it
    if j > k + 1 and (t(j) in LEGAL_FORMS or (t(j) == "e." and t(j + 1) == "V.")):
        # "Gesellschaft für Wirtschaftsförderung und Standortmarketing mbH": the legal form closes it
        j += 2 if t(j) == "e." else 1
        if t(j) == "&" and t(j + 1) == "Co.":
            j += 3 if t(j + 2) in LEGAL_FORMS else 2
        opener = t(a - 1)
        brand = acronym_word(opener) and opener.upper() not in GENERIC_ACRONYMS
        if a > 0 and brand and not sent[a]:
            a -= 1  # "WFO Oldenburger Gesellschaft für … mbH": the acronym opens the registered name
    if j > k + 1 and a == k and RESEARCH_ALLIANCE.match(low):
        return Cand(k + 1, j, "PROJECT", priority=80, confidence=0.75)  # "Forschungsverbund ProBio"
    adjectives = [x for x in toks.text[a:k] if x not in first_names()]
    adjectival = bool(adjectives) and not all(city_adjective(x) for x in adjectives)
    if adjectives and not adjectival:
        cue = ORG_CUE_RE.search(low)
        if subtype == "public" or (cue and cue.group(1) in CIVIC_CUES):
            adjectival = True  # "Leipziger Wirtschaftsförderung" is the city's agency
    if j == k + 1 and not proper_prefix and not adjectival and not _bracket_after(toks, j):
        return None
    c = coordinated_start(toks, a) if a == k else a  # "Industrie- und Handelskammer zu Köln"
    b = c - 1
    while b > c - 4 and ADJ_LOW.match(t(b)) and t(b) not in INDEFINITE:
        b -= 1  # "eines gemeinsamen Spitzenclusters für X"
    if t(b).lower() in INDEFINITE and not proper_prefix and a == k:
        return None  # "ein Zentrum für digitale Innovation" describes, it does not name
    p = b
    while p > 0 and not t(p).strip():
        p -= 1  # a line or page break inside the sentence
    if t(p) == "als" and t(k + 1) in {"für", "of", "for"} and not proper_prefix and a == k:
        return None  # "seine Position als Zentrum für Robotik": a role, not a name
    a = c
    if _SOCIETY_NAME.search(low):  # any of RESEARCH_SOCIETIES inside the word
        subtype = "research"
    if subtype in {"other", "research"} and not BUILD_CUES.isdisjoint(toks.text[max(0, a - 3) : a]):
        return Cand(a, j, "PROJECT", None, priority=80, confidence=0.7)  # a facility being built
    return Cand(a, j, "ORG", subtype, priority=80, confidence=0.85)


def _descriptor(low: str) -> bool:
    return DESCRIPTOR_RE.search(low) is not None


@lru_cache(maxsize=65536)
def _org_cue(low: str) -> str | None:
    """The organisation cue noun heading ``low``, if any (cached per word)."""
    m = search_org_cue(low)
    project_head = search_project_cue(low)
    if project_head and m and project_head.start() < m.start():
        return None  # the longer head wins: "Werkbank" is no bank, "Lernfabrik" no factory
    if m is None or low.endswith(("gesellschaften", "ämter")):
        return None
    return m.group(1)


_QUOTE_OPENERS = frozenset({"„", "“", '"', "»", "‚"})
_LOWER_STARTS = frozenset(f for f in LEGAL_FORMS if not f[:1].isupper()) | {"e."} | _QUOTE_OPENERS
_TOWN_NOUNS = frozenset({"Stadt", "Landeshauptstadt", "Gemeinde", "Hansestadt"})
_STATE_NOUNS = frozenset({"Land", "Freistaat", "Freistaates"})  # "der Freistaat Sachsen fördert"


class _Word(NamedTuple):
    """What ``find_orgs`` can tell from a token's text alone, worked out once per word.

    The flags hold only the word-level part of each rule; the checks on context and on
    the loaded lexicons (places, topic forms) stay in ``find_orgs``.
    """

    keyed: bool  # some rule of find_orgs other than the three keyed on context may apply
    low: str
    cap: bool  # starts with a capital letter
    descriptor: bool  # capitalised descriptor noun: "Technologiekonzern", "Start-up"
    head: bool  # capitalised and longer than two letters: may head a cue-noun phrase
    org_cue: str | None  # the organisation cue noun heading a head word
    project: bool  # a head word ``project_or_event`` may propose a name for
    legal: bool  # a legal form, also with a sentence's full stop ("GmbH", "GmbH.")
    odd: bool  # an odd shape ("ruhr:HUB", "iCapital") that may be a name by itself
    acronym: bool  # an acronym shape ("ISST", "AI24") that is no generic one and no legal form


@lru_cache(maxsize=65536)
def _word(w: str) -> _Word | None:
    """The word-level facts about ``w``; None if no detector below can start at it: every
    one needs a capitalised word, a quote, a legal form or an odd shape ('ruhr:HUB',
    'iCapital'), so the other tokens (most of a text) are skipped at once."""
    dotted = dotted_legal_form(w)
    # a word of letters with no capital after the first ("Haus", "und") has neither an odd
    # shape nor an acronym's: both need a capital, digit, '.' or ':' after the first letter
    plain = w.isalpha() and w[1:].islower()
    odd_shape = not plain and ODD_SHAPE.match(w) is not None
    cap = w[:1].isupper()
    if not (cap or w in _LOWER_STARTS or odd_shape or dotted):
        return None
    low = w.lower()
    head = cap and len(w) > 2
    descriptor = cap and _descriptor(low)
    org_cue = _org_cue(low) if head else None
    project = head and may_head_project(low)
    legal = w in LEGAL_FORMS or dotted
    odd = (
        odd_shape
        and w not in LEGAL_FORMS
        and not w.endswith(URL_END)
        and not (len(w) <= 6 and w.endswith("."))
        and not ADJ_LOW.match(w)
        and "@" not in w
    )
    acronym = (
        not plain
        and ACRONYM.match(w) is not None
        and w.upper() not in GENERIC_ACRONYMS
        and w not in LEGAL_FORMS
    )
    # the word-level condition of every rule in find_orgs except the bulleted item, the
    # "X wie Y" list and the apposition, which depend on the tokens around (find_orgs
    # skips the other words: a new rule must add its own condition here)
    keyed = (
        descriptor
        or org_cue is not None
        or project
        or legal
        or odd
        or acronym
        or (cap and "-" in w)  # _role_prefix
        or w in _KEYWORDS
    )
    return _Word(keyed, low, cap, descriptor, head, org_cue, project, legal, odd, acronym)


# the context of the rules not keyed on the word: a bulleted item, "X wie Y", "X, ..."
_CONTEXT_NEXT = frozenset({"wie", ","})


def find_orgs(toks: Toks, source: str) -> list[Cand]:
    out: list[Cand] = []
    tforms = topic_forms()
    text, t = toks.text, toks.t
    resume = 0  # the token after the last candidate: candidates do not overlap
    for k, word in enumerate(map(_word, text)):
        if word is None or k < resume:
            continue
        if not word.keyed and t(k + 1) not in _CONTEXT_NEXT and t(k - 1) not in BULLETS:
            continue  # most capitalised words: no rule below can start at them
        w = text[k]
        low = word.low
        cand: Cand | None = None
        if w in _SOCIETIES and acronym_word(t(k + 1)) and not toks.sent_start[k + 1]:
            # "Fraunhofer IIS" is the institute whose abbreviation is "IIS"
            cand = Cand(
                k,
                k + 2,
                "ORG",
                "research",
                priority=82,
                confidence=0.9,
                attrs={"group": t(k + 1).lower()},
            )
        elif w in INSTITUTION_ABBREVIATIONS:
            j = _compass_region(toks, k + 1) or _tail(toks, k + 1)
            if j > k + 1 or w in {"IHK", "HWK", "DGB", "DIHK"}:
                cand = Cand(k, j, "ORG", INSTITUTION_ABBREVIATIONS[w], priority=82, confidence=0.9)
        elif word.descriptor and t(k + 1) != ".":
            cand = _after_descriptor(toks, k)
        if cand is None and t(k - 1) in BULLETS:
            cand = listed_project(toks, k)
        if cand is None and word.head:
            if word.org_cue is not None:
                cand = _cue_org(toks, k, ORG_CUES[word.org_cue])
                if (
                    cand is None
                    and low in STANDALONE_ORGS
                    and t(k - 1).lower() in {"der", "die", "das", "dem", "des"}
                ):
                    cand = Cand(k, k + 1, "ORG", STANDALONE_ORGS[low], priority=60, confidence=0.7)
            if cand is None and word.project:
                cand = project_or_event(toks, k, low)
            if cand is None and (
                (w in _TOWN_NOUNS and t(k + 1) in places()) or (w in _STATE_NOUNS and _land(toks, k))
            ):
                cand = Cand(k, k + 2, "ORG", "public", priority=85, confidence=0.85)
        if cand is None and word.cap and "-" in w:
            cand = _role_prefix(toks, k)
        if (cand is None and word.legal) or (w == "e." and t(k + 1) == "V."):
            cand = _legal_form(toks, k)
        if cand is None and word.cap and t(k + 1) == "wie":
            items = example_list(toks, k)
            if items:
                out.extend(items[:-1])
                cand = items[-1]
        if cand is None and word.cap and t(k + 1) == ",":
            cand = _apposition(toks, k)
        if cand is None and w in _QUOTE_OPENERS:
            cand = quoted(toks, k)
        if cand is None and word.odd and not _law(toks, k) and low not in tforms:
            j = k + 1
            while (
                ODD_SHAPE.match(t(j))
                and not toks.sent_start[j]
                and not t(j).endswith(URL_END)
                and t(j) not in LEGAL_FORMS
            ):
                j += 1  # "EffizienzCluster LogistikRuhr": one name of two coined words
            parts = _NAME_PARTS.split(w)
            head = head_cue(t(j).lower()) if toks.cap(j) else None
            inner = next((head_cue(p.lower()) for p in parts[1:] + parts[:1] if head_cue(p.lower())), None)
            described = DESCRIPTOR_RE.search(t(k - 1).lower()) and toks.cap(k - 1)
            # "die Tochtergesellschaft ruhr:HUB": the descriptor outranks a cue inside the name
            ctx = ("ORG", "company") if described else head or inner or context_type(toks, k, k + 1)
            if head:
                j += 1  # "iCapital Award", "RuhrValley Campus"
            typ, sub = (ctx[0], ctx[1] or None) if ctx else ("ORG", "other")
            if t(j) in places() and typ != "ORG":
                j += 1
            cand = Cand(k, j, typ, sub if typ == "ORG" else None, priority=55, confidence=0.6)
        if cand is None and w in KNOWN_ACRONYMS:
            typ, sub = KNOWN_ACRONYMS[w].split("/") if "/" in KNOWN_ACRONYMS[w] else (KNOWN_ACRONYMS[w], "")
            cand = Cand(k, k + 1, typ, sub or None, priority=30, confidence=0.75)
        if (
            cand is None
            and word.acronym
            and w not in places()
            and low not in tforms
            and toks.line_len(k) != 1
            and (zipf(w) < 3.0 or any(c.isdigit() for c in w))
        ):
            cand = Cand(k, k + 1, "ORG", "other", priority=20, confidence=0.4, attrs={"acronym": True})
            if t(k + 1).isdigit() and len(t(k + 1)) == 4:
                cand = Cand(k, k + 2, "EVENT", priority=50, confidence=0.6)
        if cand is not None:
            out.append(cand)
            resume = cand.j
    return out


# "Nord Westfalen", "Südlicher Oberrhein", "Mittlerer Niederrhein": a chamber's district named
# by a compass word or its adjective and a landscape the gazetteer may not list
_COMPASS = re.compile(
    r"^(?:(?:Nord|Süd|Ost|West|Mittel)(?:ost|west)?|(?:Nörd|Süd|Öst|West)liche[rs]?|Mittlere[rs]?|Obere[rs]?|Untere[rs]?)$"
)


def _compass_region(toks: Toks, j: int) -> int:
    """End of 'Nord Westfalen' after 'IHK' at ``j`` (0 when no compass region follows)."""
    t = toks.t
    if _COMPASS.match(t(j)) and toks.cap(j + 1) and not toks.sent_start[j + 1] and t(j + 1).isalpha():
        return j + 2
    return 0


def _land(toks: Toks, k: int) -> bool:
    """'das Land Sachsen-Anhalt', 'Land NRW', 'vom Freistaat Thüringen': a federal state named
    as 'Land' or 'Freistaat' acts (funds, administers) as a public body; 'im Land Bremen' is a place."""
    return (
        toks.t(k) in _STATE_NOUNS
        and toks.t(k - 1) not in {"im", "ins", "Im"}
        and not toks.sent_start[k + 1]
        and (place := places().get(toks.t(k + 1))) is not None
        and place.source_id.startswith("hafen:")  # the Länder table (regions_de.tsv), not a town
    )


def _after_descriptor(toks: Toks, k: int) -> Cand | None:
    """'der Technologiekonzern Wilo', 'das Start-up „medmehr“'."""
    j = k + 1
    while toks.t(j) == "und" and toks.t(j + 1).startswith("-"):
        j += 2
    if toks.t(j) == "wie":
        j += 1
    if toks.is_quote_open(j):
        q = quote_end(toks, j)
        if q:
            return Cand(j + 1, q, "ORG", "company", priority=75, confidence=0.8)
        return None
    e = j
    while e < j + 3 and _brand_word(toks, e, e == j):
        e += 1
    if e > j:
        return Cand(j, e, "ORG", "company", priority=72, confidence=0.75)
    return None


_APPOSITION_OPEN = frozenset({"als", "der", "die", "das", "ein", "eine", "einer", "einem"})


def _apposition(toks: Toks, k: int) -> Cand | None:
    """'Wilo, als globaler Marktführer, ...': a descriptor in an apposition marks a company."""
    w = toks.t(k)
    if not w.isalpha() or w in places() or w in first_names() or zipf(w) >= 3.5 or head_cue(w.lower()):
        return None
    e = k + 2
    if toks.t(e) in _APPOSITION_OPEN:
        e += 1
    while e < k + 6 and ADJ_LOW.match(toks.t(e)):
        e += 1
    # "Hochschulen, Forschungseinrichtungen, Unternehmen": a list, not an apposition
    if e > k + 2 and toks.cap(e) and DESCRIPTOR_RE.search(toks.t(e).lower()) and not ABSTRACT.search(w):
        return Cand(k, k + 1, "ORG", "company", priority=60, confidence=0.7)
    return None


def _legal_form(toks: Toks, k: int) -> Cand | None:
    end = k + 1
    if toks.t(k) == "e.":
        end = k + 2
    if toks.t(end) == "&" and toks.t(end + 1) == "Co.":
        end += 2
        if toks.t(end) in LEGAL_FORMS:
            end += 1
    if toks.t(k) in {"UG", "gUG"} and toks.t(end) == "(" and toks.t(end + 1) == "haftungsbeschränkt":
        end += 3 if toks.t(end + 2) == ")" else 0  # "UG (haftungsbeschränkt)": the bracket is the form's
    a = k
    reach = k - 5
    while a > 0 and a > reach:
        if toks.sent_start[a] and _wrapped(toks, a):
            a -= 1  # "Lindemann\nSpedition GmbH": a line wrapped inside the name
        crossing = toks.t(a - 1) in {"für", "zur", "zum"} and a < k and toks.cap(a - 2)
        if crossing and _org_cue(toks.t(a - 2).lower()):
            # "Gesellschaft für Investitionsförderung und Stadtentwicklung mbH", "Institut für
            # Photonische Technologien e. V.": the cue noun heads the name across its tail
            a -= 2
            reach = min(reach, a - 3)
            continue
        if not (
            (toks.cap(a - 1) or (toks.t(a - 1) in {"&", "und"} and a < k))
            and not toks.sent_start[a]
            and toks.t(a - 1) not in DETERMINERS
            and not DESCRIPTOR_RE.search(toks.t(a - 1).lower())
        ):
            break
        a -= 1
    if not toks.t(a).strip():
        a += 1
    if toks.t(a) in {"&", "und"}:
        a += 1
    if toks.t(a) in {"Verein", "Firma", "Unternehmen"} and a + 1 < k:
        a += 1  # "Verein Digitales Magdeburg e. V.": the category noun is not part of the name
    if a == k:
        return None
    subtype = "network" if toks.t(k) in {"e.", "e.V.", "eV"} else "company"  # a registered association
    if dotted_legal_form(toks.t(end - 1)):  # "GmbH." ending a sentence: the full stop is not the name's
        return Cand(a, end, "ORG", subtype, 85, 0.9, start=toks.start[a], end=toks.end[end - 1] - 1)
    return Cand(a, end, "ORG", subtype, priority=85, confidence=0.9)


_LAW = re.compile(r"^[A-ZÄÖÜ][A-Za-zäöü]{0,4}[a-zäöü][A-Za-z]*(G|GB|VO|V)$")


def _law(toks: Toks, k: int) -> bool:
    """'IfSG', 'EnWG', 'BauGB', or any abbreviation cited after '§ 11': a law, not an actor."""
    return bool(_LAW.match(toks.t(k))) or toks.t(k - 2) in {"§", "§§", "Abs."}


def _wrapped(toks: Toks, a: int) -> bool:
    """Token a starts a new line only because a long paragraph line was wrapped (PDF text)."""
    brk = toks.t(a - 1)
    return brk.strip() == "" and brk.count("\n") == 1 and toks.cap(a - 2) and toks.line_len(a - 2) >= 8


def _brand_word(toks: Toks, e: int, first: bool) -> bool:
    """A word of a company name after a descriptor ('der Autobauer Volkswagen')."""
    w = toks.t(e)
    if not toks.cap(e) or toks.sent_start[e] or w in places() or not w.isalnum() or ABSTRACT.search(w):
        return False
    if head_cue(w.lower()):
        return False  # "das Start-up Center": a cue noun, not the company's name
    return toks.name_like(e) or zipf(w) < 4.5 or (first and toks.name_like(e + 1))


_SOCIETIES = frozenset({"Fraunhofer", "Leibniz", "Helmholtz", "Max-Planck", "DLR"})
# words some rule of find_orgs starts at by name
_KEYWORDS = frozenset({"e."}).union(
    _STATE_NOUNS,
    _SOCIETIES, INSTITUTION_ABBREVIATIONS, KNOWN_ACRONYMS, _QUOTE_OPENERS, _TOWN_NOUNS
)


def _role_prefix(toks: Toks, k: int) -> Cand | None:
    """'WEG-Geschäftsführer', 'VW-Managerin': the organisation named before a role noun."""
    w = toks.text[k]
    role = role_of(w)
    if not role:
        return None
    prefix = w[: len(w) - len(role)].rstrip("-")
    if not prefix or prefix.upper() in GENERIC_ACRONYMS or not (is_acronym(prefix) or zipf(prefix) < 4.5):
        return None
    if prefix in places():
        return None  # "Leipzig-Manager" names a place, not an employer
    start = toks.start[k]
    return Cand(k, k + 1, "ORG", "other", priority=50, confidence=0.6, start=start, end=start + len(prefix))
