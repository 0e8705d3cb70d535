"""Stage ``hafen.topicality.v1``: mark segments unrelated to the regional innovation ecosystem.

A transparent lexical score per segment: hits of a small domain lexicon (economy, science,
innovation) against hits of off-topic lexicons (culture, sport, cooking, pandemic case
counts), both per 100 word tokens. A segment is off-topic when the off-topic rate beats the
domain rate by ``MARGIN``; short segments between two off-topic ones follow them. Entities
all of whose mentions lie in off-topic segments are marked ``on_topic=False``. The
numbers behind every decision are kept in ``doc.meta["topicality"]``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from typing import Any

from hafen.document import Document, Segment

# Word-initial stems (case-folded). Compounds are caught by their first part only, which
# keeps the lexicons small and the score explainable.
DOMAIN = (
    "wirtschaft",
    "unternehm",
    "firma",
    "firmen",
    "forsch",
    "innovat",
    "gründ",
    "startup",
    "start-up",
    "transfer",
    "hochschul",
    "universit",
    "standort",
    "digital",
    "arbeitsplätz",
    "arbeitsplatz",
    "förder",
    "technolog",
    "wissenschaft",
    "industri",
    "kompetenz",
    "netzwerk",
    "cluster",
    "ansiedl",
    "investi",
    "fachkräft",
    "mittelstand",
    "produktion",
    "logistik",
    "strategie",
    "wettbewerb",
    "beschäftig",
    "infrastruktur",
    "institut",
    "kooperation",
    "zusammenarbeit",
    "daten",
    "software",
    "ki-",
    "künstlich",
    "inkubator",
    "patent",
    "markt",
    "branche",
    "cluster",
    "entwickl",
    "labor",
    "campus",
    "wertschöpf",
    "handwerk",
    "kammer",
    "mitarbeit",
    "umsatz",
    "gewerbe",
    "quartier",
)
OFF_TOPIC: dict[str, tuple[str, ...]] = {
    "culture": (
        "theater",
        "premiere",
        "inszenier",
        "konzert",
        "publikum",
        "bühne",
        "regie",
        "regisseur",
        "oper",
        "orchest",
        "sänger",
        "solist",
        "chor",
        "musik",
        "spielzeit",
        "spielplan",
        "intendant",
        "dirigent",
        "arie",
        "applaus",
        "singspiel",
        "schauspiel",
        "puppenspiel",
        "oratori",
        "sopran",
        "tenor",
        "bariton",
        "ballett",
        "libretto",
        "ouvertüre",
        "kammeroper",
        "abonnement",
        "zuschauer",
        "vorstellung",
        "aufführung",
        "klassik",
    ),
    "sport": ("fußball", "bundesliga", "trainer", "torwart", "stürmer", "tabellen", "anpfiff", "halbzeit"),
    "cooking": ("rezept", "zutat", "backofen", "esslöffel", "teelöffel", "würz", "gramm"),
    "pandemic": (
        "corona",
        "infektion",
        "infiziert",
        "fallzahl",
        "inzidenz",
        "todesfäll",
        "genesen",
        "sars",
        "covid",
        "neuinfektion",
        "testung",
        "virus",
    ),
}
# Exact words for stems too short to be safe as prefixes
OFF_TOPIC_WORDS: dict[str, frozenset[str]] = {"sport": frozenset({"tor", "tore", "spiel", "spiele"})}

MIN_TOKENS = 25  # shorter segments are decided by their neighbours
MARGIN = 1.0  # off-topic hits per 100 tokens above the domain rate
_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß-]*")


_DOMAIN_KIND = ""  # the kind of a domain word; off-topic words get their lexicon's name
_UNSEEN = "\x00"
_KINDS: dict[str, str | None] = {}  # word as written -> kind, memoised: most words of a text recur


def _kind(w: str) -> str | None:
    if w.startswith(DOMAIN):
        return _DOMAIN_KIND
    for lex, stems in OFF_TOPIC.items():
        if w.startswith(stems) or w in OFF_TOPIC_WORDS.get(lex, ()):
            return lex
    return None


def _hits(words: list[str]) -> tuple[Counter[str], dict[str, Counter[str]]]:
    """The lexicon hits among ``words`` (as written), counted by their case-folded form."""
    domain: Counter[str] = Counter()
    other: dict[str, Counter[str]] = {k: Counter() for k in OFF_TOPIC}
    kinds = _KINDS
    if len(kinds) > 200_000:
        kinds.clear()
    for w in words:
        kind = kinds.get(w, _UNSEEN)
        if kind == _UNSEEN:
            kind = kinds[w] = _kind(w.casefold())
        if kind is None:
            continue  # most words: folded only when they hit
        w = w.casefold()
        if kind == _DOMAIN_KIND:
            domain[w] += 1
        else:
            other[kind][w] += 1
    return domain, other


def score_text(text: str) -> dict[str, Any]:
    """The explainable topicality numbers of one stretch of text."""
    words = _WORD.findall(text)
    n = len(words)
    domain, other = _hits(words)
    n_dom = sum(domain.values())
    n_other = {k: sum(c.values()) for k, c in other.items()}
    worst = max(n_other, key=lambda k: n_other[k]) if n_other else None
    dom_rate = 100 * n_dom / n if n else 0.0
    other_rate = 100 * n_other[worst] / n if n and worst else 0.0
    return {
        "tokens": n,
        "domain_hits": n_dom,
        "other_hits": {k: v for k, v in n_other.items() if v},
        "domain_rate": round(dom_rate, 2),
        "other_rate": round(other_rate, 2),
        "other_lexicon": worst if worst and n_other[worst] else None,
        "score": round(dom_rate - other_rate, 2),
        "top_domain": [w for w, _ in domain.most_common(5)],
        "top_other": [w for w, _ in other[worst].most_common(5)] if worst else [],
    }


def _decide(scores: list[dict[str, Any]]) -> list[bool | None]:
    """True/False for segments long enough to judge, None for the short ones."""
    out: list[bool | None] = []
    for s in scores:
        if s["tokens"] < MIN_TOKENS:
            out.append(None)
        else:
            out.append(not (s["other_rate"] - s["domain_rate"] >= MARGIN and s["other_hits"]))
    # short segments between (or at the edge of) off-topic ones follow them
    for i, v in enumerate(out):
        if v is not None:
            continue
        left = next((out[j] for j in range(i - 1, -1, -1) if out[j] is not None), None)
        right = next((out[j] for j in range(i + 1, len(out)) if out[j] is not None), None)
        out[i] = not (left is False and right is False)
    return out


def topicality_stage(doc: Document) -> Document:
    segments = doc.segments or [Segment(start=0, end=len(doc.text), lang=doc.lang)]
    scores = [score_text(doc.text[s.start : s.end]) for s in segments]
    decisions = _decide(scores)
    for seg, on in zip(segments, decisions, strict=True):
        seg.on_topic = bool(on)
    doc.meta["topicality"] = {
        "method": "lexicon-rate",
        "margin": MARGIN,
        "min_tokens": MIN_TOKENS,
        "segments": [
            {"start": seg.start, "end": seg.end, "kind": seg.kind, "on_topic": seg.on_topic, **sc}
            for seg, sc in zip(segments, scores, strict=True)
        ],
    }
    if doc.segments:
        _mark_entities(doc)
    elif not segments[0].on_topic:
        for ent in doc.entities:
            ent.on_topic = False
    return doc


def _mark_entities(doc: Document) -> None:
    on_topic_keys: set[str] = set()
    seen: set[str] = set()
    if all(seg.on_topic for seg in doc.segments):  # the usual case: no segment to look up
        seen = on_topic_keys = {m.entity for m in doc.mentions if m.entity is not None}
    else:
        for m in doc.mentions:
            if m.entity is None:
                continue
            seen.add(m.entity)
            seg = doc.segment_at(m.start)
            if seg is None or seg.on_topic:
                on_topic_keys.add(m.entity)
    for ent in doc.entities:
        if ent.key in seen:
            ent.on_topic = ent.key in on_topic_keys


def make_stage() -> Callable[[Document], Document]:
    return topicality_stage
