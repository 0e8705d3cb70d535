"""Stage ``hafen.tables.v1``: tab-separated blocks become typed tables whose rows link to places.

Sources of tables: segments the reader marked ``kind="table"`` and, as a fallback, blocks of
at least three tab-separated lines with one column count inside text segments. Consecutive
blocks that repeat the same header (a long table broken across pages) are merged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from hafen.document import Column, Document, Entity, Mention, Segment, Table
from hafen.numbers import coerce, column_dtype, parse_number

MIN_ROWS = 3
MAX_HEADING_LOOKBACK = 12  # lines searched above a table for its heading

# Label columns whose rows are places ("Landkreis / kreisfreie Stadt", "Stadt/Kreis", "Gemeinde")
_PLACE_HEADER = re.compile(
    r"kreis|stadt|städte|gemeinde|kommune|region|bezirk|land\b|länder|\bort\b|standort|city|county|district",
    re.IGNORECASE,
)
_REGION_RE = re.compile(r"kreis|städteregion|regionalverband|bezirk", re.IGNORECASE)
# The sixteen German Länder are regions whatever their spelling suggests (general reference data).
_LAENDER = frozenset(
    s.casefold()
    for s in (
        "Baden-Württemberg",
        "Bayern",
        "Berlin",
        "Brandenburg",
        "Bremen",
        "Hamburg",
        "Hessen",
        "Mecklenburg-Vorpommern",
        "Niedersachsen",
        "Nordrhein-Westfalen",
        "Rheinland-Pfalz",
        "Saarland",
        "Sachsen",
        "Sachsen-Anhalt",
        "Schleswig-Holstein",
        "Thüringen",
    )
)
_DASHES = "-\u2010\u2011\u2012\u2013\u2014"


@dataclass
class _Block:
    """Consecutive tab-separated lines: (start, end, cells) per line."""

    lines: list[tuple[int, int, list[str]]] = field(default_factory=list)
    lang: str | None = None
    title: str | None = None
    marked: bool = False  # the reader marked it as a table segment

    @property
    def start(self) -> int:
        return self.lines[0][0]

    @property
    def end(self) -> int:
        return self.lines[-1][1]


# Official lists write a town's status after a comma: "Magdeburg, Landeshauptstadt",
# "Wolfsburg, Stadt", "Stendal, Hansestadt", "Harz, Landkreis" (Destatis Gemeindeverzeichnis).
_STATUS_AFTER_COMMA = re.compile(
    r",\s*(?:landeshauptstadt|kreisfreie\s+stadt|stadt|hansestadt|universitätsstadt|"
    r"wissenschaftsstadt|landkreis|kreis)\b.*$",
    re.IGNORECASE,
)


def place_key_form(label: str) -> str:
    """A place label reduced for matching: "Borken (Kreis)" → "borken", "Mülheim / Ruhr" → "mülheim"."""
    s = re.sub(r"\([^)]*\)?", " ", label)  # an unclosed "(Kreis" too
    s = _STATUS_AFTER_COMMA.sub("", s)  # "Magdeburg, Landeshauptstadt" is Magdeburg
    s = re.split(r"\s[&/]\s|\s+und\s+", s)[0]
    for d in _DASHES:
        s = s.replace(d, " ")
    return " ".join(s.casefold().split())


def place_subtype(label: str) -> str:
    if _REGION_RE.search(label) or label.strip().casefold() in _LAENDER:
        return "region"
    return "city"


_PIPE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")


def _cell_spans(line: str, pipes: bool = True) -> list[tuple[int, int]]:
    """Cells of a table line as (start, end) offsets into the line: tab-separated, or
    pipe-separated as in Markdown and text exports ("Harz | 1.688 | 1.702"), the pipe
    cells stripped of their padding and of empty outer cells ("| a | b |")."""
    if "\t" in line:
        spans, pos = [], 0
        for cell in line.split("\t"):
            spans.append((pos, pos + len(cell)))
            pos += len(cell) + 1
        return spans
    if not pipes or (line.count("|") < 2 and not (line.count("|") == 1 and line.strip()[0] != "|")):
        return []
    spans, pos = [], 0
    for cell in line.split("|"):
        inner = cell.strip()
        lead = len(cell) - len(cell.lstrip())
        spans.append((pos + lead, pos + lead + len(inner)))
        pos += len(cell) + 1
    if spans and spans[0][0] == spans[0][1]:
        spans = spans[1:]  # "| a | b |": the empty cell before the first pipe
    if spans and spans[-1][0] == spans[-1][1]:
        spans = spans[:-1]
    return spans if len(spans) >= 2 else []


def _tab_lines(text: str, start: int, end: int, pipes: bool) -> list[tuple[int, int, list[str]]]:
    """Table lines of a segment; pipe-separated cells only where the reader marked a table
    (a text line "Start | News | Kontakt" is navigation, not a table row)."""
    out = []
    pos = start
    for line in text[start:end].split("\n"):
        line_end = pos + len(line)
        if pipes and _PIPE_RULE.match(line) and "|" in line:
            pos = line_end + 1
            continue  # "|---|---|": the rule under a Markdown header
        spans = _cell_spans(line, pipes) if line.strip() else []
        out.append((pos, line_end, [line[a:b] for a, b in spans]))
        pos = line_end + 1
    return out


def _blocks_in(doc: Document, seg: Segment) -> list[_Block]:
    blocks: list[_Block] = []
    marked = seg.kind == "table"
    current = _Block(lang=seg.lang, title=seg.title, marked=marked)
    for start, end, cells in _tab_lines(doc.text, seg.start, seg.end, pipes=marked):
        same_width = not current.lines or len(cells) == len(current.lines[0][2])
        if cells and same_width:
            current.lines.append((start, end, cells))
            continue
        if current.lines:
            blocks.append(current)
        current = _Block(lang=seg.lang, title=seg.title, marked=marked)
        if cells:
            current.lines.append((start, end, cells))
    if current.lines:
        blocks.append(current)
    return blocks


def _merge_repeated_headers(text: str, blocks: list[_Block]) -> list[_Block]:
    merged: list[_Block] = []
    for block in sorted(blocks, key=lambda b: b.start):
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and [c.strip() for c in prev.lines[0][2]] == [c.strip() for c in block.lines[0][2]]
            and not text[prev.end : block.start].strip()
        ):
            prev.lines.extend(block.lines[1:])  # drop the repeated header
            prev.marked = prev.marked or block.marked
        else:
            merged.append(block)
    return merged


def _has_header(lines: list[tuple[int, int, list[str]]]) -> bool:
    """The first line is a header when it is mostly words, or has a word above a numeric column."""
    first = lines[0][2]
    if sum(parse_number(c) is None for c in first[1:]) >= max(1, (len(first) - 1) / 2):
        return True
    body = [cells for _, _, cells in lines[1:]]
    for i, cell in enumerate(first):
        column = [row[i] for row in body if i < len(row)]
        if parse_number(cell) is None and cell.strip() and column_dtype(column) != "str":
            return True  # "Bereich  2023  2024  Veränderung (%)"
    return False


def _heading_above(text: str, start: int) -> str | None:
    lines = text[:start].split("\n")[-MAX_HEADING_LOOKBACK - 1 :]
    for line in reversed(lines):
        s = line.strip()
        if not s or "\t" in s:
            continue
        if len(s) <= 120 and not s.endswith((".", ":", ";", ",")) and not s.startswith("©"):
            return s
    return None


def _build_table(doc: Document, block: _Block) -> Table | None:
    lines = block.lines
    if not _has_header(lines):
        width = len(lines[0][2])
        header = [f"col{i + 1}" for i in range(width)]
        body = lines
    else:
        header = [c.strip() for c in lines[0][2]]
        body = lines[1:]
    if not body:
        return None
    lang = block.lang or doc.lang
    dtypes = [column_dtype([cells[i] for _, _, cells in body], lang) for i in range(len(header))]
    columns = [Column(name=n, dtype=t) for n, t in zip(header, dtypes, strict=True)]
    rows = [
        {col.name: coerce(cells[i], col.dtype, lang) for i, col in enumerate(columns)} for _, _, cells in body
    ]
    return Table(
        start=block.start,
        end=block.end,
        columns=columns,
        rows=rows,
        row_spans=[(s, e) for s, e, _ in body],
        name=block.title or _heading_above(doc.text, block.start),
    )


def _link_rows(doc: Document, table: Table) -> None:
    label_col = next((i for i, c in enumerate(table.columns) if c.dtype == "str"), None)
    if label_col is None:
        table.row_entities = [None] * len(table.rows)
        return
    index: dict[str, str] = {}
    for ent in doc.entities:
        if ent.type != "PLACE":
            continue
        for form in (ent.name, *ent.aliases):
            index.setdefault(place_key_form(form), ent.key)
    # New places are created only where the label column is about places; otherwise rows
    # link to places the document already knows, and to nothing else.
    create = bool(_PLACE_HEADER.search(table.columns[label_col].name))
    table.row_entities = []
    for (start, _end), row in zip(table.row_spans, table.rows, strict=True):
        label = row[table.columns[label_col].name]
        if not isinstance(label, str) or not label.strip():
            table.row_entities.append(None)
            continue
        form = place_key_form(label)
        key = index.get(form)
        # offset of the label cell inside the row line
        spans = _cell_spans(doc.text[start:_end])
        cell_start = start + (spans[label_col][0] if label_col < len(spans) else 0)
        cell_start += len(doc.text[cell_start:]) - len(doc.text[cell_start:].lstrip(" "))
        cell_end = cell_start + len(label)
        if key is None and not create:
            table.row_entities.append(None)
            continue
        if key is None:
            key = _new_key(doc, form)
            doc.entities.append(
                Entity(
                    key=key,
                    name=label,
                    type="PLACE",
                    subtype=place_subtype(label),
                    method="table",
                    confidence=0.8,
                )
            )
            index[form] = key
        if any(m.start <= cell_start and cell_end <= m.end for m in doc.mentions):
            table.row_entities.append(key)
            continue
        doc.mentions.append(
            Mention(
                start=cell_start,
                end=cell_end,
                text=doc.text[cell_start:cell_end],
                type="PLACE",
                entity=key,
                subtype=linked.subtype if (linked := doc.entity(key)) else None,
                method="table",
            )
        )
        table.row_entities.append(key)


def _new_key(doc: Document, form: str) -> str:
    base = "place_" + re.sub(r"\W+", "_", form).strip("_")
    existing = {e.key for e in doc.entities}
    key, n = base, 2
    while key in existing:
        key, n = f"{base}_{n}", n + 1
    return key


def find_tables(doc: Document) -> list[Table]:
    segments = doc.segments or [Segment(start=0, end=len(doc.text), lang=doc.lang)]
    blocks: list[_Block] = []
    for seg in segments:
        blocks.extend(_blocks_in(doc, seg))
    tables = []
    for block in _merge_repeated_headers(doc.text, blocks):
        if not block.marked and len(block.lines) < MIN_ROWS:
            continue  # two tab-separated lines in running text are no table
        table = _build_table(doc, block)
        if table is not None:
            tables.append(table)
    return tables


def tables_stage(doc: Document) -> Document:
    doc.tables = find_tables(doc)
    for table in doc.tables:
        _link_rows(doc, table)
    return doc


def make_stage() -> Callable[[Document], Document]:
    return tables_stage
