"""In-document co-reference of names: overlaps, bracketed abbreviations, inflected and short
forms, surnames, and further occurrences of every known form.

Mentions are grouped with a union-find; the groups become the document's entities.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress
from operator import attrgetter

from hafen.extract.candidates import Cand, Toks
from hafen.extract.cues import acronym_word, is_acronym
from hafen.extract.lexicon import (
    GENERIC_ACRONYMS,
    INSTITUTION_ABBREVIATIONS,
    is_legal_form,
    lemma_key,
    lemma_word,
    places,
    zipf,
)

_ABBR_TOKEN = re.compile(r"^[A-Za-zÄÖÜäöüß][\w.&:/-]{1,14}$")


def resolve_overlaps(cands: list[Cand]) -> list[Cand]:
    """Keep the strongest candidates; a token belongs to at most one mention."""
    taken: set[int] = set()
    kept: list[Cand] = []
    for c in sorted(cands, key=lambda c: (-c.priority, -(c.j - c.i), c.i)):
        span = range(c.i, c.j)
        if c.j <= c.i or not taken.isdisjoint(span):
            continue
        taken.update(span)
        kept.append(c)
    kept.sort(key=attrgetter("i"))
    return kept


def acronym_expansions(toks: Toks, kept: list[Cand]) -> tuple[list[Cand], list[tuple[int, int]]]:
    """'der geplante SMILE-Hub (Smart Mobility Innovation Lab Essen)': a bracket whose words'
    initials spell the acronym of the name before it is another form of that name. Returns
    the candidates with those inside such brackets replaced by the spelled-out form, and
    (name, spelled-out form) links into the returned list."""
    spans: dict[int, tuple[int, Cand]] = {}
    for c in kept:
        if c.type not in {"ORG", "PROJECT", "EVENT"} or toks.t(c.j) != "(":
            continue
        acr = toks.t(c.i).split("-")[0]
        if not (2 <= len(acr) <= 6 and acr.isalpha() and acr.isupper()):
            continue
        close = next((e for e in range(c.j + 1, min(c.j + 9, toks.n)) if toks.t(e) == ")"), None)
        if close is None or close - c.j - 1 < 2:
            continue
        words = [w for w in toks.text[c.j + 1 : close] if w[:1].isalpha()]
        initials = "".join(w[0] for w in words).lower()
        capitals = "".join(w[0] for w in words if w[:1].isupper()).lower()
        if acr.lower() in {initials, capitals}:
            spans[c.j + 1] = (close, c)
    if not spans:
        return kept, []
    inside = {k for a, (e, _) in spans.items() for k in range(a, e)}
    out = [c for c in kept if not any(k in inside for k in range(c.i, c.j))]
    index = {id(c): n for n, c in enumerate(out)}
    links = []
    for a, (e, c) in spans.items():
        out.append(Cand(a, e, c.type, c.subtype, priority=c.priority, confidence=c.confidence * 0.95))
        links.append((index[id(c)], len(out) - 1))
    return out, links


_CLOSING_QUOTES = frozenset({"“", "”", '"', "«", "‘", "’"})


def bracket_links(toks: Toks, kept: list[Cand]) -> tuple[list[Cand], list[tuple[int, int]]]:
    """Abbreviations defined in brackets: 'Institut für X (IFX)', and acronyms right after a
    name ('Fraunhofer-Institut für X IFX'). Returns new candidates and (index, index) links
    into ``kept + new``."""
    by_start = {c.i: n for n, c in enumerate(kept)}
    new: list[Cand] = []
    links: list[tuple[int, int]] = []
    total = len(kept)
    for n, c in enumerate(kept):
        if c.type == "PERSON":
            continue
        j = c.j
        if toks.t(j) in _CLOSING_QUOTES and toks.t(j + 1) == "(":
            j += 1  # „Transferbündnis Nordhessen“ (TBN): the bracket follows the closing quote
        if toks.t(j) == "(":
            close = next((e for e in range(j + 1, min(j + 5, toks.n)) if toks.t(e) == ")"), None)
            if close is None or close == j + 1:
                continue
            inner = toks.text[j + 1 : close]
            if not all(_ABBR_TOKEN.match(w) for w in inner) or inner[0].isdigit():
                continue
            if len(inner) == 1 and inner[0][:1].islower() and zipf(inner[0]) > 3.0:
                continue
            letters = [ch.lower() for ch in "".join(inner) if ch.isalpha()]
            if (
                len(inner) == 1
                and inner[0][:1].isupper()
                and not is_acronym(inner[0])
                and j + 1 not in by_start
            ):
                continue  # "H2-Ruhr (Cleanport)": a place or second name in brackets, not an abbreviation
            if c.type == "PLACE" and _long_form_start(toks, j, letters) != c.i:
                continue  # "Energien Hamburg (EEHH)": the bracket abbreviates more than the town
            topic_text = " ".join(toks.text[c.i : c.j])
            if c.type == "TOPIC" and len(inner) == 1 and not _letters_fit(topic_text, letters):
                continue  # "Institut für IT-Sicherheit (HGI)": the bracket abbreviates the institute
            if j + 1 in by_start:
                other = by_start[j + 1]
                if kept[other].j == close or kept[other].confidence < 0.5:
                    kept[other].type, kept[other].subtype = c.type, c.subtype
                    links.append((n, other))
                continue
            new.append(
                Cand(
                    j + 1,
                    close,
                    c.type,
                    c.subtype,
                    priority=c.priority,
                    confidence=c.confidence * 0.95,
                    attrs={"abbreviation": True},
                )
            )
            links.append((n, total + len(new) - 1))
        elif (
            j in by_start
            and kept[by_start[j]].j == j + 1
            and acronym_word(toks.t(j))
            and c.type == "ORG"
            and kept[by_start[j]].type != "PLACE"  # "LZG NRW": the acronym of a Land follows
        ):
            other = by_start[j]
            kept[other].type, kept[other].subtype = c.type, c.subtype
            links.append((n, other))
        elif (
            c.type == "ORG"
            and j not in by_start
            and acronym_word(toks.t(j))
            and toks.t(j).upper() not in GENERIC_ACRONYMS
            and toks.t(j) not in places()
            and not toks.sent_start[j]
        ):
            # "Fraunhofer-Institut für Software- und Systemtechnik ISST" (also when the
            # acronym is a word: "isst")
            new.append(Cand(j, j + 1, c.type, c.subtype, priority=c.priority, confidence=c.confidence * 0.9))
            links.append((n, total + len(new) - 1))
    return new, links


_CONTINUATIONS = frozenset({"für", "zu", "zur", "zum", "der", "des", "in", "am", "an"})
# a staged work is called by its first words: „Entführung“ for „Entführung aus dem Serail“
_TITLE_CONTINUATIONS = frozenset({"aus", "im", "vom", "von", "auf", "mit", "über", "und"})


@lru_cache(maxsize=1)
def _place_keys() -> frozenset[str]:
    return frozenset(lemma_word(p) for p in places() if " " not in p)


def define_abbreviations(toks: Toks, kept: list[Cand]) -> list[tuple[Cand, Cand]]:
    """'Kommunale Arbeitsmarktstrategie (KAS)' when no detector found the long form: the
    long form is the shortest run of words before the bracket that starts with the
    abbreviation's first letter and holds its letters in order (Schwartz & Hearst, 2003)."""
    from hafen.extract.cues import long_form_type

    text = toks.text
    out: list[tuple[Cand, Cand]] = []
    # only an opening bracket starts a definition
    opening = [p for p in range(1, toks.n - 2) if text[p] == "("]
    if not opening:
        return out
    ends = {c.j for c in kept}
    taken = {k for c in kept for k in range(c.i, c.j)}
    by_start = {c.i: c for c in kept}
    for p in opening:
        if p - 1 in by_start and by_start[p - 1].j == p:
            pair = _reverse_definition(toks, p, by_start[p - 1], taken)
            if pair:
                out.append(pair)
            continue
        if toks.text[p + 2] != ")" or p in ends or p + 1 in taken:
            continue
        abbr = toks.text[p + 1]
        if abbr.upper() in GENERIC_ACRONYMS:
            continue  # "kleine und mittlere Unternehmen (KMU)" is a category, not a name
        letters = [c.lower() for c in abbr if c.isalpha()]
        if not (2 <= len(letters) <= 8) or sum(c.isupper() for c in abbr) < 2:
            continue
        start = _long_form_start(toks, p, letters)
        if start is None or any(k in taken for k in range(start, p)):
            continue
        typed = long_form_type(toks, start, p)
        if typed is None:
            continue
        typ, sub = typed
        out.append(
            (
                Cand(start, p, typ, sub, priority=75, confidence=0.75),
                Cand(p + 1, p + 2, typ, sub, priority=75, confidence=0.75),
            )
        )
    return out


def _reverse_definition(toks: Toks, p: int, abbr: Cand, taken: set[int]) -> tuple[Cand, Cand] | None:
    """'GRW (Gemeinschaftsaufgabe regionale Wirtschaftsförderung)': acronym first."""
    from hafen.extract.cues import long_form_type

    word = toks.text[abbr.i]
    if abbr.j != abbr.i + 1 or sum(c.isupper() for c in word) < 2:
        return None
    close = next((e for e in range(p + 2, min(p + 10, toks.n)) if toks.text[e] == ")"), None)
    if close is None or any(k in taken for k in range(p + 1, close)):
        return None
    letters = [c.lower() for c in word if c.isalpha()]
    if _long_form_start(toks, close, letters) != p + 1:
        return None
    typed = long_form_type(toks, p + 1, close) or (abbr.type, abbr.subtype)
    abbr.type, abbr.subtype, abbr.confidence = typed[0], typed[1], max(abbr.confidence, 0.7)
    return Cand(p + 1, close, typed[0], typed[1], priority=75, confidence=0.7), abbr


def _letters_fit(long_form: str, letters: list[str]) -> bool:
    """'Künstliche Intelligenz' fits 'KI': first letter first, the others in order."""
    low = long_form.lower()
    if not letters or not low.startswith(letters[0]):
        return False
    pos = 1
    for ch in letters[1:]:
        pos = low.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _long_form_start(toks: Toks, p: int, letters: list[str]) -> int | None:
    for s in range(p - 1, max(-1, p - len(letters) - 4), -1):
        if toks.sent_start[s] and s < p - 1 and not toks.text[s][:1].isupper():
            return None
        word = toks.text[s]
        if not word[:1].isalpha():
            return None
        if word[0].lower() != letters[0]:
            continue
        blob = " ".join(toks.text[s:p]).lower()
        pos = 0
        for ch in letters:
            pos = blob.find(ch, pos)
            if pos < 0:
                break
            pos += 1
        else:
            return s
    return None


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _type_class(typ: str) -> str:
    return typ if typ in {"PERSON", "TOPIC"} else "NAME"


def cluster(
    texts: list[str],
    types: list[str],
    confidences: list[float],
    links: list[tuple[int, int]],
    fixed: list[str | None],
) -> list[int]:
    """Group id per mention: same lemma key (or fixed key, e.g. a place's reference id),
    bracket links, short forms ('Lamarr-Institut'), compound heads ('Agentur für Arbeit')."""
    n = len(texts)
    uf = _UnionFind(n)
    for a, b in links:
        uf.union(a, b)
    keys = [(fixed[m] or "").lower() or lemma_key(texts[m]) for m in range(n)]
    # a weak acronym takes the type of a confident mention with the same key
    strong: dict[str, str] = {}
    for m in range(n):
        if confidences[m] >= 0.6:
            strong.setdefault(keys[m], types[m])
    for m in range(n):
        if confidences[m] < 0.6 and keys[m] in strong:
            types[m] = strong[keys[m]]
    # Names typed from context ("„X“ ... Projekt" here, "... Veranstaltung" there) may
    # disagree; one key is one thing unless it is a person or a topic.
    first: dict[tuple[str, str], int] = {}
    for m in range(n):
        k = (_type_class(types[m]), keys[m])
        if k in first:
            uf.union(first[k], m)
        else:
            first[k] = m
    first = {(types[m], key): m for (_cls, key), m in first.items()}
    # short forms: "Lamarr-Institut" for "Lamarr-Institut für Maschinelles Lernen ..."
    long_keys: dict[str, list[str]] = {}
    for typ, key in first:
        if typ in {"ORG", "PROJECT", "EVENT"} and " " in key:
            long_keys.setdefault(typ, []).append(key)
    # the longer keys of a type indexed by each of their word-prefixes ("a b c" under "a" and
    # "a b") and by their words after the first (compound heads): a look-up per key instead
    # of a scan of all keys; each list keeps the order of ``long_keys``
    by_prefix: dict[tuple[str, str], list[str]] = {}
    by_tail: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for typ, of_type in long_keys.items():
        for lk in of_type:
            parts = lk.split(" ")
            for p in range(1, len(parts)):
                by_prefix.setdefault((typ, " ".join(parts[:p])), []).append(lk)
            by_tail.setdefault((typ, tuple(parts[1:])), []).append(lk)
    for (typ, key), m in first.items():
        if typ not in long_keys:
            continue
        words = key.split(" ")
        prefixed = by_prefix.get((typ, key), [])
        # "agentur für arbeit" is the head of "bundesagentur für arbeit"
        heads: list[str] = []
        if len(words) > 1:
            heads = [
                lk
                for lk in by_tail.get((typ, tuple(words[1:])), ())
                if lk != key and lk.split(" ")[0].endswith(words[0])
            ]
        longer = prefixed + heads
        if not longer:
            continue
        rests = [lk.split(" ")[len(words) :] for lk in prefixed]
        conts = _CONTINUATIONS | _TITLE_CONTINUATIONS if typ == "EVENT" else _CONTINUATIONS
        ok = all(
            r[0] in conts or r[0][:1].isdigit() or (len(r) == 1 and r[0] in _place_keys()) for r in rests
        ) or (len(words) >= 2 and len(rests) == 1 and len(rests[0]) <= 2)  # "H2-Netzwerk" ... "Ruhr"
        roots = {uf.find(first[(typ, lk)]) for lk in longer}
        if len(roots) == 1 and ok:
            uf.union(m, first[(typ, longer[0])])
    for (typ, key), m in first.items():
        article, _, rest = key.partition(" ")
        if typ in {"EVENT", "PROJECT"} and article in {"der", "die", "das"} and (typ, rest) in first:
            uf.union(
                m, first[(typ, rest)]
            )  # „Die Schöpfung“ ... Haydns „Schöpfung“: a title without its article
    _link_descriptor_prefix(first, uf)
    _link_tails(first, uf)
    _link_initials(texts, types, uf)
    return [uf.find(m) for m in range(n)]


@lru_cache(maxsize=1)
def _cue_keys() -> frozenset[str]:
    from hafen.extract.lexicon import EVENT_CUES, ORG_CUES, PROJECT_CUES

    words = [*ORG_CUES, *PROJECT_CUES, *EVENT_CUES, "firma", "unternehmen", "start-up", "startup"]
    return frozenset(lemma_word(w) for w in words)


def _link_descriptor_prefix(first: dict[tuple[str, str], int], uf: _UnionFind) -> None:
    """'Verein RoboRuhr e. V.' and 'RoboRuhr e. V.': a cue noun before a name is no part of it."""
    for (typ, key), m in first.items():
        head, _, rest = key.partition(" ")
        if typ in {"ORG", "PROJECT", "EVENT"} and rest and head in _cue_keys() and rest not in _place_keys():
            other = first.get((typ, rest))
            if other is not None:
                uf.union(m, other)


# kinds of institutions by their abbreviation, lower-cased as keys are: "ihk", "tu"
_KINDS = frozenset(a.lower() for a in INSTITUTION_ABBREVIATIONS)


def _link_tails(first: dict[tuple[str, str], int], uf: _UnionFind) -> None:
    """'Universität Jena' after 'Friedrich-Schiller-Universität Jena', 'Innovation Day' after
    'Maritime Innovation Day': the tail of exactly one longer name of the same type is that name."""
    # the mentions of the organisations and events under each word-suffix of their keys
    # ("b c" and "c" of "a b c"): the longer names ending in a key without a scan of all keys
    by_suffix: dict[tuple[str, str], list[int]] = {}
    for (typ, key), m in first.items():
        if typ in {"ORG", "EVENT"}:
            parts = key.split(" ")
            for p in range(1, len(parts)):
                by_suffix.setdefault((typ, " ".join(parts[p:])), []).append(m)
    for (typ, key), m in first.items():
        if typ == "ORG" and key in _KINDS:
            # "die IHK" after "IHK Rhein-Neckar": the bare kind is the one chamber named in full
            roots = {uf.find(o) for (t, lk), o in first.items() if t == "ORG" and lk.startswith(key + " ")}
            if len(roots) == 1:
                uf.union(m, next(iter(roots)))
            continue
        if typ not in {"ORG", "EVENT"} or " " not in key or key.split(" ")[0] in _place_keys():
            continue
        roots = {uf.find(o) for o in by_suffix.get((typ, key), ())}
        if len(roots) == 1:
            uf.union(m, next(iter(roots)))


_SMALL_WORDS = frozenset({"für", "und", "der", "des", "die", "das", "dem", "den", "of", "for", "and", "the"})


_NAMED = frozenset({"ORG", "PROJECT", "EVENT"})


_INITIALS_SPLIT = re.compile(r"[\s\-]+")


@lru_cache(maxsize=65536)
def _initials(text: str) -> tuple[str | None, str | None]:
    """The casefolded initials a name may be abbreviated by: of its words when there are two
    or more, small words left out, all capitalised ('Europäischen Union' -> 'eu'); and of
    all its words, small ones included, when there are three or more and the first is
    capitalised ('Dive into next technologies' -> 'dint'). None where the name has none."""
    words = [w for w in _INITIALS_SPLIT.split(text) if w and w not in _SMALL_WORDS]
    capitals = None
    if len(words) >= 2 and all(w[:1].isupper() for w in words):
        capitals = "".join(w[0] for w in words).casefold()
    words = text.split()
    spelled = None
    if len(words) >= 3 and words[0][:1].isupper():
        spelled = "".join(w[0] for w in words).casefold()
    return capitals, spelled


def _link_initials(texts: list[str], types: list[str], uf: _UnionFind) -> None:
    """'EU' and 'Europäischen Union': an acronym made of a name's initials is that name."""
    by_initials: dict[str, set[int]] = {}
    spelled_by: list[tuple[str, int]] = []
    for m, text in enumerate(texts):
        if types[m] in _NAMED:
            capitals, all_words = _initials(text)
            if capitals is not None:
                by_initials.setdefault(capitals, set()).add(uf.find(m))
            if all_words is not None:
                spelled_by.append((all_words, m))
    if by_initials:
        for m, text in enumerate(texts):
            if 2 <= len(text) <= 6 and is_acronym(text) and text.isalpha():
                roots = by_initials.get(text.casefold())
                if roots and len(roots) == 1:
                    uf.union(m, next(iter(roots)))
    # "DINT-Port" and "Dive into next technologies": the acronym part of a compound is spelled
    # out by a phrase of three or more words, small ones included (groups as merged above)
    spelled: dict[str, set[int]] = {}
    for all_words, m in spelled_by:
        spelled.setdefault(all_words, set()).add(uf.find(m))
    if spelled:
        for m, text in enumerate(texts):
            acr, sep, head = text.partition("-")
            if sep and types[m] in _NAMED and 3 <= len(acr) <= 6 and acr.isalpha() and acr.isupper():
                roots = spelled.get(acr.casefold())
                if roots and len(roots) == 1 and head[:1].isupper():
                    uf.union(m, next(iter(roots)))


def surname_cands(toks: Toks, persons: list[tuple[str, int]], covered: set[int]) -> list[tuple[Cand, int]]:
    """Later mentions by surname alone ('so Muster', 'Musters Plan') -> (cand, person index)."""
    table: dict[str, int] = {}
    for full, idx in persons:
        words = full.split()
        if len(words) >= 2:
            table.setdefault(words[-1], idx)
            table.setdefault(words[-1] + "s", idx)
    out: list[tuple[Cand, int]] = []
    if not table:
        return out
    text = toks.text
    for k in compress(range(len(text)), map(table.__contains__, text)):
        if k not in covered:
            out.append((Cand(k, k + 1, "PERSON", priority=60, confidence=0.8), table[text[k]]))
    return out


def form_cands(toks: Toks, forms: dict[str, int], covered: set[int]) -> list[tuple[Cand, int]]:
    """Further occurrences of known multi-word or distinctive forms -> (cand, mention index)."""
    by_first: dict[str, list[tuple[list[str], int]]] = {}
    for form, idx in forms.items():
        words = form.split()
        if not words:
            continue
        if len(words) == 1 and (zipf(words[0]) >= 3.5 and not words[0].isupper()):
            continue  # a one-word common noun is too weak to carry a name on its own
        by_first.setdefault(words[0], []).append((words, idx))
    # the longest form first at every position; only positions whose token starts a form
    # are looked at, in order, each after the end of the last hit
    for options in by_first.values():
        options.sort(key=lambda o: -len(o[0]))
    out: list[tuple[Cand, int]] = []
    text = toks.text
    end = 0
    for k in compress(range(len(text)), map(by_first.__contains__, text)):
        if k < end or k in covered:
            continue
        for words, idx in by_first[text[k]]:
            j = k + len(words)
            if text[k:j] == words and covered.isdisjoint(range(k, j)):
                out.append((Cand(k, j, "", priority=50, confidence=0.75), idx))
                end = j
                break
    return out


def company_short_forms(
    toks: Toks, kept: list[Cand], links: list[tuple[int, int]]
) -> tuple[list[Cand], list[tuple[int, int]]]:
    """'SeeLink Robotics' after 'SeeLink Robotics GmbH': a company named again without its
    legal form is that company. The short form takes the place of shorter candidates inside
    it ('SeeLink' alone); ``links`` (index pairs into ``kept``) follow the new order."""
    text = toks.text
    shorts: dict[tuple[str, ...], int] = {}
    for n, c in enumerate(kept):
        words = _without_legal_form(text[c.i : c.j]) if c.type == "ORG" else None
        if words:
            shorts.setdefault(words, n)
    if not shorts:
        return kept, links
    owner = [-1] * (toks.n + 1)  # the candidate covering each token
    for n, c in enumerate(kept):
        for k in range(c.i, c.j):
            owner[k] = n
    firsts = {words[0] for words in shorts}
    added: list[tuple[Cand, int]] = []
    absorbed: set[int] = set()
    for k in compress(range(toks.n), map(firsts.__contains__, text)):
        for words, src in shorts.items():
            j = k + len(words)
            after = toks.t(j)
            if tuple(text[k:j]) != words or is_legal_form(after):
                continue  # another name, or the full name itself
            if True in toks.sent_start[k + 1 : j]:
                continue  # words across a sentence break
            inside = {owner[p] for p in range(k, j)} - {-1}
            # only whole candidates of a name's kind may lie inside: "SeeLink" alone, not a
            # longer name running over the span's edge
            if any(kept[o].i < k or kept[o].j > j or kept[o].type not in _NAME_KINDS for o in inside):
                continue
            absorbed |= inside
            src_cand = kept[src]
            short = Cand(k, j, "ORG", src_cand.subtype, src_cand.priority, src_cand.confidence * 0.9)
            added.append((short, src))
            break
    if not added:
        return kept, links
    index: dict[int, int] = {}
    out: list[Cand] = []
    for n, c in enumerate(kept):
        if n not in absorbed:
            index[n] = len(out)
            out.append(c)
    moved = [(index[a], index[b]) for a, b in links if a in index and b in index]
    for short, src in added:
        out.append(short)
        moved.append((index[src], len(out) - 1))
    return out, moved


_NAME_KINDS = frozenset({"ORG", "PROJECT", "EVENT"})


def _coined_compound(word: str) -> bool:
    """'Logistik-Initiative', 'Wasserstoff-Initiative': capitalised parts joined by a hyphen
    ('Start-up' and 'E-Mail' are words of their own)."""
    parts = word.split("-")
    return len(parts) >= 2 and len(word) > 8 and all(p[:1].isupper() and len(p) > 2 for p in parts)


def _without_legal_form(words: list[str]) -> tuple[str, ...] | None:
    """The words a company or association is called by without its legal form and the seat
    before it ('Logistik-Initiative Hamburg e. V.' -> 'Logistik-Initiative'); None when the
    name has no legal form or what is left is too plain to name it alone."""
    if len(words) >= 3 and words[-2] == "e." and words[-1] == "V.":
        words = words[:-2]
    elif words and is_legal_form(words[-1]):
        words = words[:-1]
    else:
        return None
    if len(words) >= 2 and words[-1] in places():
        words = words[:-1]
    if not words or not all(w[:1].isupper() and w.replace("-", "").isalnum() for w in words):
        return None
    if len(words) == 1 and not _coined_compound(words[0]):
        return None  # one word names the firm only when it is a coined compound: "Logistik-Initiative"
    return tuple(words)
