"""Split a cleaned text into segments: tables, and texts that stand on their own.

One file can hold unrelated texts (a case-number table, a press line, a theatre review, a
strategy paper). Tables are runs of delimited lines with a consistent column count; a
blank line ends a table, so a table repeated with its header after a gap (a paged table
in a web dump) gives two table segments, each with its header. Text is split only at
strong boundaries between lines: a change of language, a dateline or byline after a gap
(or the headline right above it), or a heading-like line where the vocabulary of the word
windows before and after hardly overlaps — TextTiling-like, measured against the cohesion
of the neighbouring boundaries. Everything is deterministic and computed lazily, only at
boundaries that could become cuts.
"""

from __future__ import annotations

import math
import operator
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from itertools import chain

from hafen.document import Segment
from hafen.read import lang as langs

# -- lines and tables ---------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    text: str
    gap: int  # blank lines before this line (0-2 after normalisation; 2 = at the start)
    delim: str | None = None
    cols: int = 0


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos, blanks = 0, 2
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            if "\t" in stripped:
                # Tabs at either end of a row are empty cells, part of the table.
                stripped = raw.strip(" ")
                lead = len(raw) - len(raw.lstrip(" "))
            else:
                lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            out.append(_Line(start, start + len(stripped), stripped, min(blanks, 2), *_delimiter(stripped)))
            blanks = 0
        else:
            blanks += 1
        pos += len(raw) + 1
    return out


_MD_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?$")


def _delimiter(line: str) -> tuple[str | None, int]:
    if "\t" in line:
        return "\t", line.count("\t") + 1
    if "|" in line:
        inner = line.strip("|")
        if "|" in inner:
            return "|", inner.count("|") + 1
    if ";" in line and (len(line) <= 80 or line.count(";") >= 2):
        return ";", line.count(";") + 1
    return None, 0


def _is_table(run: list[_Line]) -> bool:
    """A run of lines with one delimiter is a table when most rows have one column count."""
    delim = run[0].delim
    # Tabs are unambiguous; prose can contain a few semicolons or pipes, so ask for more rows.
    if len(run) < (2 if delim == "\t" else 3):
        return False
    counts = Counter(line.cols for line in run if not _MD_RULE.match(line.text))
    if not counts:
        return False
    cols, n = counts.most_common(1)[0]
    if cols < 2 or n < 0.6 * len(run):
        return False
    if delim != "\t":
        cells = [c for line in run for c in re.split(r"[;|]", line.text)]
        if sum(len(c) for c in cells) > 40 * len(cells):  # long cells: prose with semicolons
            return False
    return True


def _blocks(lines: list[_Line]) -> list[tuple[str, list[_Line]]]:
    """('table' | 'text', lines) in order; a table ends at a blank line or another delimiter."""
    blocks: list[tuple[str, list[_Line]]] = []
    text_run: list[_Line] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.delim is not None:
            j = i + 1
            while j < len(lines) and lines[j].gap == 0 and lines[j].delim == line.delim:
                j += 1
            run = lines[i:j]
            if _is_table(run):
                if text_run:
                    blocks.append(("text", text_run))
                    text_run = []
                blocks.append(("table", run))
                i = j
                continue
        text_run.append(line)
        i += 1
    if text_run:
        blocks.append(("text", text_run))
    return blocks


# -- text boundaries ----------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]{4,}")
_STOP_WORDS = """
dass sich wird werden wurde wurden eine einer einem einen eines nicht auch oder aber sind noch
nach über unter durch diese dieser dieses diesen sowie haben hatte sein seine seiner ihre ihren
ihrem ihrer mehr sehr kann können soll sollen sollte beim zwischen damit dabei dann denn schon
immer alle allen aller jetzt hier dort gibt geht ganz viele vielen einige wenn weil also ohne
gegen etwa bereits sowohl jedoch mich dich euch uns unsere unser welche welcher welches the with
that this from have which their they were will been also into more than about there these those
would could should other after before while where when what your only some such
"""
_STOP = frozenset(_STOP_WORDS.split())
_STEM = 6  # crude stemming: German inflection mostly changes the word's end
_WINDOW = 250  # content words on each side of a candidate boundary
_CONTEXT = 15  # lines on each side whose cohesion a boundary is compared with
_MAX_SHIFT_SIM = 0.1  # measured on the seeds: within one text 0.09-0.5, across texts 0.02-0.07
_SHIFT_RATIO = 0.5
_MIN_SEGMENT = 300  # characters; a topical split must leave texts of at least this length
# "Von Anna Berger", "Von unserer Kulturredaktion", "Text: Jana Roth"; not "Von der Idee zum Produkt".
_BYLINE = re.compile(
    r"^(?:[Vv]on|VON|[Bb]y|BY|Text:|Interview:|Fotos?:)\s+(?:unsere[mr]?\s+|our\s+)?"
    r"(?:[A-ZÄÖÜ][\w.'-]*(?:\s+|$)){1,4}$"
)
_CONTACT = re.compile(r"@|\b(?:telefon|tel\.|fax|e-mail|mail)\s*:", re.IGNORECASE)
_OPENERS = "\"'„“‚‘»«(["


def _is_heading(line: str) -> bool:
    """Short, not a sentence, starts like a title: '3. Partnernetzwerke', '„Neue Stärke“'."""
    if len(line) > 100 or len(line.split()) > 14 or line.endswith((".", ",", ";", ":")):
        return False
    if ("@" in line or ":" in line) and _CONTACT.search(line):  # no match without either
        return False
    first = line[0]
    return first.isupper() or first.isdigit() or first in _OPENERS


def _is_caps(line: str) -> bool:
    if len(line) > 60:
        return False
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and len(line.split()) <= 6 and all(c.isupper() for c in letters)


def _is_byline(line: str) -> bool:
    """A dateline ('DORTMUND') or byline ('VON MICHAEL STALLKNECHT') that opens an article."""
    return _is_caps(line) or _BYLINE.match(line) is not None


def _bag(line: str) -> list[str]:
    return [w[:_STEM] for w in _WORD.findall(line.lower()) if w not in _STOP]


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    # the sums run in the dicts' order, as a generator over a.items() would
    shared = list(filter(b.__contains__, a))
    dot = sum(map(operator.mul, map(a.__getitem__, shared), map(b.__getitem__, shared)))
    norm = math.sqrt(_squares(a) * _squares(b))
    return dot / norm if norm else 0.0


def _squares(vector: dict[str, float]) -> float:
    values = vector.values()
    return sum(map(operator.mul, values, values))


def _window(bags: list[list[str]], idf: dict[str, float], start: int, step: int) -> dict[str, float]:
    """Weighted words from ``start`` walking by ``step`` until the window holds _WINDOW words."""
    words: list[str] = []
    i = start
    while 0 <= i < len(bags) and len(words) < _WINDOW:
        words += bags[i]
        i += step
    counts = Counter(words)  # ordered by first occurrence: _cosine's sums follow that order
    return dict(zip(counts, map(operator.mul, counts.values(), map(idf.__getitem__, counts)), strict=True))


class _Cohesion:
    """Lexical similarity across the boundary before each line, computed on demand.

    Words are weighted by inverse line frequency within the text, so that the words every
    part shares ("Dortmund", "Corona") do not glue unrelated texts together. Only boundaries
    that could be cuts, and their neighbours, are ever computed.
    """

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.bags: list[list[str]] = []
        self.idf: dict[str, float] = {}
        self.memo: dict[int, float] = {}

    def _weigh(self) -> None:
        """Word bags and weights, once and only when a boundary is first judged (most texts need none)."""
        self.bags = [_bag(line.text) for line in self.lines]
        df: Counter[str] = Counter(chain.from_iterable(map(set, self.bags)))  # lines per word
        n_lines = len(self.bags)
        self.idf = dict(zip(df, map(math.log, map(n_lines.__truediv__, df.values())), strict=True))

    def sim(self, i: int) -> float:
        if not self.bags:
            self._weigh()
        if i not in self.memo:
            left = _window(self.bags, self.idf, i - 1, -1)
            self.memo[i] = _cosine(left, _window(self.bags, self.idf, i, 1))
        return self.memo[i]

    def is_shift(self, i: int) -> bool:
        """sim(i) is low in absolute terms and far below the cohesion on both sides of it."""
        value = self.sim(i)
        if value >= _MAX_SHIFT_SIM:
            return False
        left = [self.sim(j) for j in range(max(1, i - _CONTEXT), i)]
        right = [self.sim(j) for j in range(i + 1, min(len(self.lines), i + 1 + _CONTEXT))]
        if not left or not right:
            return False
        return value < _SHIFT_RATIO * min(statistics.median(left), statistics.median(right))


def _line_langs(lines: list[_Line]) -> list[str | None]:
    """Language of each paragraph long enough to judge (others None)."""
    return [langs.quick_guess(line.text) if len(line.text) >= 120 else None for line in lines]


def _text_cuts(lines: list[_Line]) -> list[int]:
    """Indices of lines that start a new text segment (0 always included)."""
    if len(lines) < 2:
        return [0]
    cohesion = _Cohesion(lines)
    line_langs = _line_langs(lines)
    cuts = [0]
    last_lang: str | None = None
    for i in range(1, len(lines)):
        line = lines[i]
        if line_langs[i - 1] is not None:
            last_lang = line_langs[i - 1]
        size_before = line.start - lines[cuts[-1]].start
        size_after = lines[-1].end - line.start
        cut, at = False, i
        if line_langs[i] is not None and last_lang is not None and line_langs[i] != last_lang:
            cut = _next_lang(line_langs, i) == line_langs[i]
        elif line.gap >= 1 and _is_byline(line.text):
            # A dateline and a byline in a row open one article: cut before the first, or
            # before the headline standing right above them.
            if not _is_byline(lines[i - 1].text):
                above = lines[i - 1]
                cut = True
                if line.gap == 1 and above.gap >= 1 and _is_heading(above.text):
                    at = i - 1
        elif line.gap >= 2 and size_after >= _MIN_SEGMENT // 3 and _is_heading(line.text):
            # A wide gap before a headline whose words the text above does not share.
            cut = cohesion.sim(i) < _MAX_SHIFT_SIM
        elif min(size_before, size_after) >= _MIN_SEGMENT and _is_heading(line.text):
            cut = cohesion.is_shift(i)
        if cut and at > cuts[-1]:
            cuts.append(at)
    return cuts


def _next_lang(line_langs: list[str | None], i: int) -> str | None:
    """The language of the next judged paragraph after i, so one odd paragraph is no cut."""
    for lang in line_langs[i + 1 : i + 8]:
        if lang is not None:
            return lang
    return line_langs[i]


# -- segments -----------------------------------------------------------------------------


def segment(text: str) -> list[Segment]:
    """Non-overlapping, ordered segments covering all non-whitespace of ``text``."""
    lines = _lines(text)
    segments: list[Segment] = []
    above: _Line | None = None
    for kind, run in _blocks(lines):
        if kind == "table":
            table = _make(text, run, "table")
            # The caption line right above a table names it ("Ausbildungsverträge 2024").
            if above is not None and run[0].gap <= 1 and _is_heading(above.text):
                table.title = above.text
            segments.append(table)
            above = None
            continue
        above = run[-1]
        cuts = _text_cuts(run)
        for a, b in zip(cuts, [*cuts[1:], len(run)], strict=True):
            segments.append(_make(text, run[a:b], "text"))
    return segments


def _make(text: str, run: list[_Line], kind: str) -> Segment:
    start, end = run[0].start, run[-1].end
    title = None
    if kind == "text" and len(run) > 1 and _is_heading(run[0].text):
        title = run[0].text
    if kind == "text":
        # detect() reads a bounded sample from the start only: slice no more than that
        lang = langs.detect(text[start : min(end, start + langs.SAMPLE_CHARS)])
    else:
        lang = _table_lang(run)
    return Segment(start=start, end=end, kind=kind, lang=lang, title=title)


def _table_lang(run: list[_Line]) -> str | None:
    # A table's language shows in its header and label cells, not in its numbers.
    return langs.detect(" ".join(line.text for line in run[:20]).replace("\t", " "))
