"""Stage ``hafen.figures.v1``: key figures with what they count, "bis zu 4.000 neue Arbeitsplätze".

A figure is a number with a unit (€, %, ha, m², multiplied out for Mio./Mrd.) or with a
counted noun after it. Dates, years, clock times, section and phone numbers, label numbers
("Themengruppe 3", "Industrie 4.0") and table cells (the tables stage owns them) are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from hafen.document import Document, Figure, Segment
from hafen.numbers import MULTIPLIERS, UNITS, parse_number

QUALIFIERS = (
    "bis zu",
    "mehr als",
    "weniger als",
    "über",
    "rund",
    "fast",
    "knapp",
    "etwa",
    "ca.",
    "circa",
    "nahezu",
    "mindestens",
    "insgesamt",
    "annähernd",
    "gut",
    "maximal",
    "bis",
)
_QUAL = "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True))
_MULT = r"Mio\.?|Millionen|Million|Mrd\.?|Milliarden|Milliarde|Tsd\.?|Tausend"
_UNIT = (
    r"€|Euro\b|EUR\b|%|Prozent\b|ha\b|Hektar\b|m²|qm\b|Quadratmetern?\b|km²|km\b|Kilometern?\b|Metern?\b|"
    r"MW\b|GW\b|kW\b|Megawatt\b|Gigawatt\b|Kilowatt\b"
)

FIGURE_RE = re.compile(
    rf"(?:(?P<qual>(?i:{_QUAL}))\s+)?"
    r"(?<![\w.,/§-])(?P<num>[-−]?\d{1,3}(?:[.,\u202f\u00a0]\d{3})+(?:[.,]\d+)?|[-−]?\d+(?:[,.]\d+)?)"
    r"(?![\w/]|[.,]\d)"
    rf"(?:\s*(?P<mult>(?i:{_MULT})))?"
    rf"(?:\s*(?P<unit>(?i:{_UNIT})))?"
    r"(?P<subj>[ \t]+(?:[a-zäöüß][\wäöüß-]*[ \t]+){0,2}[A-ZÄÖÜ][\wäöüßÄÖÜ*:-]+)?"
    r"(?P<per>[ \t]+(?:jährlich|pro\s+Jahr|im\s+Jahr|monatlich|pro\s+Monat))?",
)
# FIGURE_RE opens with an optional qualifier, so a plain scan tries the qualifiers at every
# character; finding the numbers first and looking back for a qualifier is some twenty
# times faster and yields the same matches.
# Where a number starts: "(?<![\w.,/§-])[-−]?\d", written to open with a character class so
# that the regex engine skips ahead to the next sign or digit in C instead of trying the
# lookbehind at every character (the same matches: the lookbehind, placed after the first
# character, looks at the one before it; "(?<=\d)" ends the match after a digit, as \d did).
_NUM_START = re.compile(r"[-−\d](?<![\w.,/§-].)(?:(?<=\d)|\d)")
_QUAL_BEFORE = re.compile(rf"(?i:{_QUAL})\s+$")
_QUAL_TAILS = tuple({q.split()[-1].casefold() for q in QUALIFIERS})


def figure_matches(text: str) -> list[re.Match[str]]:
    """The matches of ``FIGURE_RE.finditer(text)``, found number by number."""
    out: list[re.Match[str]] = []
    prev_end = 0
    for hit in _NUM_START.finditer(text):
        pos = hit.start()
        if pos < prev_end:
            continue
        window = max(prev_end, pos - 40)
        qual = None
        # the regex only when a space follows a word that could end a qualifier: most numbers
        # follow other words
        if pos > window and text[pos - 1].isspace():
            lead = text[window:pos].rstrip()
            if lead.casefold().endswith(_QUAL_TAILS):
                qual = _QUAL_BEFORE.search(text, window, pos)
        m = FIGURE_RE.match(text, qual.start()) if qual else None
        if m is None or m.start("num") != pos:
            m = FIGURE_RE.match(text, pos)
        if m is not None:
            out.append(m)
            prev_end = m.end()
    return out


_MONTHS = (
    "januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|"
    "jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez"
)
_DATE_AFTER = re.compile(rf"^\.\s*(?:{_MONTHS})\b|^\.\d|^:\d|^\s*Uhr\b", re.IGNORECASE)
_SKIP_BEFORE = re.compile(
    r"(?:§§?|Art\.|Abs\.|Nr\.|Tel\.?|Telefon|Fax|Mobil|Postfach|Seite|S\.|Kapitel|Ziffer|PLZ)\s*:?\s*$",
    re.IGNORECASE,
)
# Counted nouns that are durations or calendar words, not key figures
_NOT_SUBJECTS = re.compile(
    r"^(?:Minute|Stunde|Sekunde|Tag|Woche|Monat|Jahr|Jahrzehnt|Jahrhundert|Uhr|Mal|Prozentpunkt)\w*$|"
    rf"^(?:{_MONTHS})$",
    re.IGNORECASE,
)
_DATIVE_PLURAL = re.compile(r"(?:enden|igten|llten|ierten|ern)$")
_TIME_AFTER = re.compile(r"^\s*(?:Uhr|h\b)")


def subject_lemma(word: str) -> str:
    """Undo the dative plural "-n" where it is safe: "Studierenden" → "Studierende"."""
    if _DATIVE_PLURAL.search(word) and len(word) > 5:
        return word[:-1]
    return word


def _in_table(doc: Document, start: int, seg: Segment | None) -> bool:
    """Whether ``start`` lies in a table; ``seg`` is the segment at ``start``."""
    return any(t.start <= start < t.end for t in doc.tables) or (seg is not None and seg.kind == "table")


class _Actors:
    """The document's linked actor and place mentions, indexed by end offset; sentences by start."""

    def __init__(self, doc: Document) -> None:
        keys = {e.key: e.type for e in doc.entities}
        self.types = keys
        linked = [
            (m.end, n, m)
            for n, m in enumerate(doc.mentions)
            if m.entity in keys and keys[m.entity] in {"ORG", "PROJECT", "EVENT", "PLACE"}
        ]
        linked.sort(key=lambda x: (x[0], x[1]))
        self.ends = [x[0] for x in linked]
        self.linked = linked
        self.sentences = doc.sentences
        self.sentence_starts = [a for a, _ in doc.sentences]

    def sentence_at(self, offset: int) -> tuple[int, int] | None:
        k = bisect_right(self.sentence_starts, offset) - 1
        # sentences do not overlap, so only the last one starting at or before can hold it
        if k >= 0 and self.sentences[k][0] <= offset < self.sentences[k][1]:
            return self.sentences[k]
        return None


def _entity_for(doc: Document, actors: _Actors, start: int, end: int) -> str | None:
    """The entity a figure is about: the nearest named actor before it in the same sentence."""
    sent = actors.sentence_at(start) or (max(0, start - 150), end)
    near = actors.linked[bisect_left(actors.ends, start - 80) : bisect_right(actors.ends, start)]
    cands = [
        m
        for _end, _n, m in sorted(near, key=lambda x: x[1])  # in document order, as ties are broken
        if sent[0] <= m.start and _same_clause(doc.text[m.end : start])
    ]
    pool = [m for m in cands if actors.types[m.entity or ""] != "PLACE"] or cands
    if not pool:  # a place only when no actor is named before the figure
        return None
    return max(pool, key=lambda m: m.end).entity


def _is_heading_number(text: str, start: int) -> bool:
    """ "4.1 Infrastruktur", "2 Stand der Technik": a section number opening a short line."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    line_end = text.find("\n", line_start)
    line = text[line_start : line_end if line_end >= 0 else len(text)].strip()
    return (
        len(line) <= 80
        and not line.endswith((".", "!", "?"))
        and bool(re.match(r"\d+(?:\.\d+)*\.?\s+[A-ZÄÖÜ]", line))
    )


_FIVE_DIGITS = re.compile(r"\d{5}")


def _is_postcode(doc: Document, num: str, end: int) -> bool:
    """ "44122 Dortmund": five bare digits before a place name or on an address line."""
    if not _FIVE_DIGITS.fullmatch(num):
        return False
    if any(m.start == end + 1 and m.type == "PLACE" for m in doc.mentions):
        return True
    line_start = doc.text.rfind("\n", 0, end) + 1
    line = doc.text[line_start : end + 40].split("\n")[0]
    return bool(
        re.search(r"(?:straße|str\.|weg|platz|allee|gasse|ring|damm)\s*\d+\w?\s*,?\s*\d{5}\s+[A-ZÄÖÜ]", line)
    )


def _same_clause(between: str) -> bool:
    """No clause boundary between an actor and its figure, except a relative clause on the actor."""
    if re.search(r"[;.!?:]", between):
        return False
    parts = between.split(",")
    return len(parts) == 1 or (
        len(parts) == 2
        and not parts[0].strip()
        and bool(re.match(r"\s*(?:das|die|der|welche[sr]?)\b", parts[1]))
    )


_LABEL_WORD = re.compile(r"[A-ZÄÖÜ][\wäöüß-]*\Z")


def _last_word(before: str) -> str:
    """The last whitespace-free run of ``before`` ("" if none): what ``(\\S+)\\s*$`` finds, in linear time."""
    words = before.rsplit(None, 1)
    return words[-1] if words else ""


def find_figures(doc: Document) -> list[Figure]:
    out: list[Figure] = []
    text = doc.text
    actors = _Actors(doc)
    for m in figure_matches(text):
        num_start, num_end = m.span("num")
        qual, num, mult_text, unit_text, subj, per = m.group("qual", "num", "mult", "unit", "subj", "per")
        seg = doc.segment_at(num_start)
        lang = seg.lang if seg and seg.lang else doc.lang
        if not (unit_text or subj) and lang != "en":
            continue  # a bare number, dropped below whatever the other tests say: skip them
        if _in_table(doc, num_start, seg) or "\t" in text[max(0, num_start - 1) : num_end + 1]:
            continue
        # both are anchored with "^" (no MULTILINE): match() finds what search() would
        if _DATE_AFTER.match(text[num_end : num_end + 12]) or _TIME_AFTER.match(text[num_end : num_end + 5]):
            continue
        if _SKIP_BEFORE.search(text[max(0, num_start - 12) : num_start]):
            continue
        if _is_heading_number(text, num_start):
            continue
        if not qual and _LABEL_WORD.match(_last_word(text[max(0, num_start - 40) : num_start])):
            continue  # a label number: "Themengruppe 3", "Industrie 4.0", "Mark 51"
        if _is_postcode(doc, num, num_end):
            continue
        value = parse_number(num.replace("−", "-"), "en" if lang == "en" else "de")
        if value is None:
            continue
        unit = None
        if unit_text:
            unit = UNITS.get(unit_text.casefold(), UNITS.get(unit_text))
        mult = MULTIPLIERS.get(mult_text.rstrip(".").casefold(), 1.0) if mult_text else 1.0
        subject = None
        end = m.end("unit") if unit_text else m.end("mult") if mult_text else num_end
        subj_words = subj.split() if subj else []
        if unit is not None and len(subj_words) > 1:
            subj_words = []  # "4 ha wird der Energiecampus": a unit figure takes only a noun right after it
        if subj_words:
            noun = subj_words[-1].rstrip(":")
            if _NOT_SUBJECTS.match(noun):
                continue
            if noun.casefold() in {"euro", "prozent"}:
                unit = unit or UNITS[noun.casefold()]
            else:
                subject = subject_lemma(noun)
            end = m.end("subj")
        if per and (subj_words or not subj):
            end = m.end("per")
        if unit is None and subject is None and lang == "en":
            word = re.match(r"\s+([A-Za-z][\w-]{2,})", text[end : end + 40])
            if word and not _NOT_SUBJECTS.match(word.group(1)):
                subject, end = word.group(1), end + word.end()
        if unit is None and subject is None:
            continue  # a bare number says nothing on its own
        if (
            unit is None
            and mult == 1.0
            and isinstance(value, int)
            and 1900 <= value <= 2100
            and "." not in num
        ):
            continue  # a year: "2022 eröffneten"
        start = m.start("qual") if qual else num_start
        out.append(
            Figure(
                start=start,
                end=end,
                text=text[start:end],
                value=float(value) * mult,
                unit=unit,
                subject=subject,
                entity=_entity_for(doc, actors, start, end),
                qualifier=qual.casefold() if qual else None,
                confidence=0.8 if subject else 0.6,
            )
        )
    return out


def figures_stage(doc: Document) -> Document:
    doc.figures = find_figures(doc)
    return doc


def make_stage() -> Callable[[Document], Document]:
    return figures_stage
