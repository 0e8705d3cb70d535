"""Organisations by cue nouns, legal forms, descriptors and shape; the detectors' driver.

German names of institutions are noun phrases around a cue noun ("Institut", "Hochschule",
"Kammer") extended by a prepositional tail ("für Software- und Systemtechnik"), a place
("Universität Bonn", "IHK zu Köln") or a proper prefix ("Lamarr-Institut"). A cue noun
alone is generic ("die Hochschulen") and is not proposed.
"""

from __future__ import annotations

import re
from functools import lru_cache

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
    PROJECT_RE,
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
    first_names,
    places,
    topic_forms,
    zipf,
)
from hafen.extract.projects import BULLETS, example_list, listed_project, project_or_event, quoted


def _tail(toks: Toks, j: int) -> int:
    """Extend a name over 'für Software- und Systemtechnik', 'zu Köln', a place, a year."""
    if toks.t(j) in TAIL_PREPS:
        k = j + 1
        last = j
        while k < toks.n and not toks.sent_start[k]:
            w = toks.text[k]
            if acronym_word(w) or (k > j + 1 and toks.t(k - 1) == ")"):
                break  # "Institut für X ISST": the acronym is a name of its own
            if w in _PRONOUNS or (k == j + 1 and toks.t(j) in {"zum", "beim"} and _infinitive(w)):
                break  # "Kammer zum Herunterladen", "... finden Sie": a clause, not a name
            if w[:1].isupper() or (w.endswith("-") and w[:1].isalpha()) or _elided_head(toks, k):
                k += 1
                last = k
            elif (ADJ_LOW.match(w) and w not in FUNCTION_WORDS and toks.cap(k + 1)) or (
                (
                    w in {"und", "&"}
                    and (toks.cap(k + 1) or ADJ_LOW.match(toks.t(k + 1)) or _elided_head(toks, k + 1))
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
    if is_place(toks, j) and not toks.sent_start[j]:
        if _region_compound(toks, j + 1):
            return j + 2  # "Handwerkskammer Mannheim Rhein-Neckar-Odenwald"
        if toks.t(j + 1) == "zu" and is_place(toks, j + 2) and not toks.sent_start[j + 2]:
            return j + 3  # "IHK Ostwestfalen zu Bielefeld": the region and the chamber's seat
        return j + 1
    if toks.t(j) in {"Region", "Metropolregion", "Raum", "Landkreis", "Kreis"} and is_place(toks, j + 1):
        return j + 2  # "Wirtschaftsförderung Region Stuttgart"
    if ADJ_CAP.match(toks.t(j)) and is_place(toks, j + 1) and not toks.sent_start[j]:
        return j + 2  # "Regionalagentur Westfälisches Ruhrgebiet"
    if "-" in toks.t(j) and toks.t(j).split("-")[0] in places() and not toks.sent_start[j]:
        return j + 1  # "DGB Dortmund-Hellweg"
    return j


def _elided_head(toks: Toks, k: int) -> bool:
    """'-automatisierung' in 'für Fabrikbetrieb und -automatisierung': the second part of a
    compound whose first part is elided, right after 'und'/'oder'."""
    w = toks.t(k)
    return (
        len(w) > 3 and w[0] == "-" and w[1:].isalpha() and w[1].islower()
        and toks.t(k - 1) in {"und", "oder"}
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
    w = toks.text[k]
    a = k
    # proper adjectives before the cue: "Technische Universität", "Europäischen Kommission"
    while (
        a > 0
        and (ADJ_CAP.match(toks.t(a - 1)) or city_adjective(toks.t(a - 1)))
        and zipf(toks.t(a - 1)) < 5.5
        and toks.t(a - 1) not in DETERMINERS
    ):
        a -= 1
        if toks.sent_start[a]:
            break
    if a > 0 and _ENGLISH_ADJ.match(toks.t(a - 1)) and toks.t(k + 1) in {"of", "for"}:
        a -= 1  # "Bavarian Ministry of Economic Affairs"
    if a > 0 and toks.t(a - 1).lower() in RESEARCH_SOCIETIES:  # "Fraunhofer Institute for ..."
        a -= 1
    if a == k and a > 0 and "-" in w and _brand_acronym(toks.t(a - 1)):
        a -= 1  # "GEOMAR Helmholtz-Zentrum für Ozeanforschung": the acronym brand is part of it
    if a > 0 and toks.t(a - 1) in first_names() and "-" in w:  # "Robert Koch-Institut"
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
    nxt = toks.t(k + 1)
    if j == k + 1 and nxt.isupper() and len(nxt) >= 3 and not toks.sent_start[k + 1] and nxt not in places():
        j = k + 2  # "Bundesverband BITKOM", "Netzwerk ZENIT"
    elif j == k + 1 and re.match(r"^\d+\.\d+\.?$", nxt):
        j = k + 2  # "Kompetenzzentrum 4.0"
    elif j == k + 1 and re.match(r"^\d{1,2}$", nxt) and w.lower().endswith(("gruppe", "arbeitskreis")):
        j, subtype = k + 2, "other"  # "Themengruppe 3", "Arbeitskreis 2": a numbered unit
    elif j == k + 1 and toks.cap(k + 1):
        # "Landeszentrum Gesundheit (LZG)", "Verband Deutscher Maschinen- und Anlagenbau (VDMA)"
        e = k + 1
        while (
            e < min(k + 7, toks.n)
            and not toks.sent_start[e]
            and (toks.cap(e) or toks.t(e) in {"und", "&", "für"} or toks.t(e).endswith("-"))
        ):
            e += 1
            if _bracket_after(toks, e) and toks.cap(e - 1):
                j = e
                break
    if (
        j == k + 1
        and toks.name_like(k + 1)
        and not toks.sent_start[k + 1]
        and toks.t(k + 1) not in places()
        and not ODD_SHAPE.match(toks.t(k + 1))
        and not toks.t(k + 1).isupper()
    ):
        j = k + 2  # cue + proper name: "Beirat Wachstumsinitiative"
        while j < k + 4 and toks.name_like(j) and not toks.sent_start[j]:
            j += 1
        if is_place(toks, j):
            j += 1
    if j > k + 1 and _dotted_form(toks.t(j)):
        return None  # "Gesellschaft für … mbH." ending a sentence: the legal-form rule takes it
    if j > k + 1 and (toks.t(j) in LEGAL_FORMS or (toks.t(j) == "e." and toks.t(j + 1) == "V.")):
        # "Gesellschaft für Wirtschaftsförderung und Standortmarketing mbH": the legal form closes it
        j += 2 if toks.t(j) == "e." else 1
        if toks.t(j) == "&" and toks.t(j + 1) == "Co.":
            j += 3 if toks.t(j + 2) in LEGAL_FORMS else 2
        opener = toks.t(a - 1)
        brand = acronym_word(opener) and opener.upper() not in GENERIC_ACRONYMS
        if a > 0 and brand and not toks.sent_start[a]:
            a -= 1  # "WFO Oldenburger Gesellschaft für … mbH": the acronym opens the registered name
    if RESEARCH_ALLIANCE.match(w.lower()) and j > k + 1 and a == k:
        return Cand(k + 1, j, "PROJECT", priority=80, confidence=0.75)  # "Forschungsverbund ProBio"
    adjectives = [t for t in toks.text[a:k] if t not in first_names()]
    adjectival = bool(adjectives) and not all(city_adjective(t) for t in adjectives)
    cue = ORG_CUE_RE.search(w.lower())
    if adjectives and not adjectival and (subtype == "public" or (cue and cue.group(1) in CIVIC_CUES)):
        adjectival = True  # "Leipziger Wirtschaftsförderung" is the city's agency
    if j == k + 1 and not proper_prefix and not adjectival and not _bracket_after(toks, j):
        return None
    c = coordinated_start(toks, a) if a == k else a  # "Industrie- und Handelskammer zu Köln"
    b = c - 1
    while b > c - 4 and ADJ_LOW.match(toks.t(b)) and toks.t(b) not in INDEFINITE:
        b -= 1  # "eines gemeinsamen Spitzenclusters für X"
    if toks.t(b).lower() in INDEFINITE and not proper_prefix and a == k:
        return None  # "ein Zentrum für digitale Innovation" describes, it does not name
    p = b
    while p > 0 and not toks.t(p).strip():
        p -= 1  # a line or page break inside the sentence
    if toks.t(p) == "als" and toks.t(k + 1) in {"für", "of", "for"} and not proper_prefix and a == k:
        return None  # "seine Position als Zentrum für Robotik": a role, not a name
    a = c
    if any(s in w.lower() for s in RESEARCH_SOCIETIES):
        subtype = "research"
    if any(t in BUILD_CUES for t in toks.text[max(0, a - 3) : a]) and subtype in {"other", "research"}:
        return Cand(a, j, "PROJECT", None, priority=80, confidence=0.7)  # a facility being built
    return Cand(a, j, "ORG", subtype, priority=80, confidence=0.85)


@lru_cache(maxsize=65536)
def _descriptor(low: str) -> bool:
    return DESCRIPTOR_RE.search(low) is not None


@lru_cache(maxsize=65536)
def _org_cue(low: str) -> str | None:
    """The organisation cue noun heading ``low``, if any (cached per word)."""
    m = ORG_CUE_RE.search(low)
    project_head = PROJECT_RE.search(low)
    if project_head and m and project_head.start() < m.start():
        return None  # the longer head wins: "Werkbank" is no bank, "Lernfabrik" no factory
    if m is None or low.endswith(("gesellschaften", "ämter")):
        return None
    return m.group(1)


_QUOTE_OPENERS = frozenset({"„", "“", '"', "»", "‚"})
_LOWER_STARTS = frozenset(f for f in LEGAL_FORMS if not f[:1].isupper()) | {"e."} | _QUOTE_OPENERS


@lru_cache(maxsize=65536)
def _may_start(w: str) -> bool:
    """Every detector below needs a capitalised word, a quote, a legal form or an odd shape
    ('ruhr:HUB', 'iCapital'): the other tokens (most of a text) are skipped at once."""
    return w[:1].isupper() or w in _LOWER_STARTS or ODD_SHAPE.match(w) is not None or _dotted_form(w)


def find_orgs(toks: Toks, source: str) -> list[Cand]:
    out: list[Cand] = []
    tforms = topic_forms()
    k = 0
    while k < toks.n:
        w = toks.text[k]
        if not _may_start(w):
            k += 1
            continue
        low = w.lower()
        cand: Cand | None = None
        if w in _SOCIETIES and acronym_word(toks.t(k + 1)) and not toks.sent_start[k + 1]:
            # "Fraunhofer IIS" is the institute whose abbreviation is "IIS"
            cand = Cand(
                k,
                k + 2,
                "ORG",
                "research",
                priority=82,
                confidence=0.9,
                attrs={"group": toks.t(k + 1).lower()},
            )
        elif w in INSTITUTION_ABBREVIATIONS:
            j = _tail(toks, k + 1)
            if j > k + 1 or w in {"IHK", "HWK", "DGB", "DIHK"}:
                cand = Cand(k, j, "ORG", INSTITUTION_ABBREVIATIONS[w], priority=82, confidence=0.9)
        elif w[:1].isupper() and _descriptor(low) and toks.t(k + 1) != ".":
            cand = _after_descriptor(toks, k)
        if cand is None and toks.t(k - 1) in BULLETS:
            cand = listed_project(toks, k)
        if cand is None and w[:1].isupper() and len(w) > 2:
            org_cue = _org_cue(low)
            if org_cue is not None:
                cand = _cue_org(toks, k, ORG_CUES[org_cue])
                if (
                    cand is None
                    and low in STANDALONE_ORGS
                    and toks.t(k - 1).lower() in {"der", "die", "das", "dem", "des"}
                ):
                    cand = Cand(k, k + 1, "ORG", STANDALONE_ORGS[low], priority=60, confidence=0.7)
            if cand is None:
                cand = project_or_event(toks, k, low)
            if (
                cand is None
                and w in {"Stadt", "Landeshauptstadt", "Gemeinde", "Hansestadt"}
                and toks.t(k + 1) in places()
            ) or (cand is None and _land(toks, k)):
                cand = Cand(k, k + 2, "ORG", "public", priority=85, confidence=0.85)
        if cand is None and "-" in w and w[:1].isupper():
            cand = _role_prefix(toks, k)
        if (cand is None and (w in LEGAL_FORMS or _dotted_form(w))) or (w == "e." and toks.t(k + 1) == "V."):
            cand = _legal_form(toks, k)
        if cand is None and toks.t(k + 1) == "wie" and w[:1].isupper():
            items = example_list(toks, k)
            if items:
                out.extend(items[:-1])
                cand = items[-1]
        if cand is None and toks.t(k + 1) == "," and w[:1].isupper():
            cand = _apposition(toks, k)
        if cand is None and w in _QUOTE_OPENERS:
            cand = quoted(toks, k)
        if (
            cand is None
            and ODD_SHAPE.match(w)
            and w not in LEGAL_FORMS
            and not _law(toks, k)
            and not w.endswith(URL_END)
            and not (len(w) <= 6 and w.endswith("."))
            and low not in tforms
            and not ADJ_LOW.match(w)
            and "@" not in w
        ):
            j = k + 1
            while (
                ODD_SHAPE.match(toks.t(j))
                and not toks.sent_start[j]
                and not toks.t(j).endswith(URL_END)
                and toks.t(j) not in LEGAL_FORMS
            ):
                j += 1  # "EffizienzCluster LogistikRuhr": one name of two coined words
            parts = re.split(r"[.:]", w)
            head = head_cue(toks.t(j).lower()) if toks.cap(j) else None
            inner = next((head_cue(p.lower()) for p in parts[1:] + parts[:1] if head_cue(p.lower())), None)
            described = DESCRIPTOR_RE.search(toks.t(k - 1).lower()) and toks.cap(k - 1)
            # "die Tochtergesellschaft ruhr:HUB": the descriptor outranks a cue inside the name
            ctx = ("ORG", "company") if described else head or inner or context_type(toks, k, k + 1)
            if head:
                j += 1  # "iCapital Award", "RuhrValley Campus"
            typ, sub = (ctx[0], ctx[1] or None) if ctx else ("ORG", "other")
            if toks.t(j) in places() and typ != "ORG":
                j += 1
            cand = Cand(k, j, typ, sub if typ == "ORG" else None, priority=55, confidence=0.6)
        if cand is None and w in KNOWN_ACRONYMS:
            typ, sub = KNOWN_ACRONYMS[w].split("/") if "/" in KNOWN_ACRONYMS[w] else (KNOWN_ACRONYMS[w], "")
            cand = Cand(k, k + 1, typ, sub or None, priority=30, confidence=0.75)
        if (
            cand is None
            and ACRONYM.match(w)
            and w.upper() not in GENERIC_ACRONYMS
            and w not in LEGAL_FORMS
            and w not in places()
            and low not in tforms
            and toks.line_len(k) != 1
            and (zipf(w) < 3.0 or any(c.isdigit() for c in w))
        ):
            cand = Cand(k, k + 1, "ORG", "other", priority=20, confidence=0.4, attrs={"acronym": True})
            if toks.t(k + 1).isdigit() and len(toks.t(k + 1)) == 4:
                cand = Cand(k, k + 2, "EVENT", priority=50, confidence=0.6)
        if cand is not None:
            out.append(cand)
            k = max(cand.j, k + 1)
        else:
            k += 1
    return out


def _land(toks: Toks, k: int) -> bool:
    """'das Land Sachsen-Anhalt', 'Land NRW': a federal state named as 'Land' acts (funds,
    administers) as a public body; 'im Land Bremen' is a place."""
    return (
        toks.t(k) == "Land"
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
    if _dotted_form(toks.t(end - 1)):  # "GmbH." ending a sentence: the full stop is not the name's
        return Cand(a, end, "ORG", subtype, 85, 0.9, start=toks.start[a], end=toks.end[end - 1] - 1)
    return Cand(a, end, "ORG", subtype, priority=85, confidence=0.9)


def _dotted_form(w: str) -> bool:
    """'GmbH.', 'mbH.': a legal form the tokenizer kept together with the sentence's full stop."""
    return len(w) > 2 and w[-1] == "." and w[:-1] in LEGAL_FORMS and w not in LEGAL_FORMS


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


def _role_prefix(toks: Toks, k: int) -> Cand | None:
    """'WEG-Geschäftsführer', 'VW-Managerin': the organisation named before a role noun."""
    from hafen.extract.persons import role_of

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
