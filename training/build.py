"""Convert the hand-annotated passages in ``training/passages/*.txt`` to ``training/*.jsonl``.

A passage file holds passages separated by lines of ``---``; entities are marked inline as
``[[surface text|TYPE]]`` or ``[[surface text|TYPE:subtype]]``. The script strips the markup
and computes exact character offsets, so the JSONL annotations cannot drift from the text.

    python training/build.py            # writes training/<file stem>.jsonl per passage file
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TYPES = {"ORG", "PERSON", "PLACE", "PROJECT", "EVENT", "TOPIC"}
MARK = re.compile(r"\[\[([^\[\]|]+)\|([A-Z]+)(?::([a-z]+))?\]\]")


def parse(marked: str) -> tuple[str, list[dict[str, object]]]:
    """Plain text and entity spans of one marked-up passage."""
    out: list[str] = []
    entities: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        surface, etype, subtype = m.group(1), m.group(2), m.group(3)
        if etype not in TYPES:
            raise ValueError(f"unknown type {etype!r} in {m.group(0)!r}")
        ent: dict[str, object] = {"start": length, "end": length + len(surface), "type": etype}
        if subtype:
            ent["subtype"] = subtype
        entities.append(ent)
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(marked[pos:])
    text = "".join(out)
    if "[[" in text or "]]" in text:
        raise ValueError(f"unbalanced markup in: {text[:80]!r}")
    return text, entities


def build(src: Path, dest_dir: Path) -> tuple[int, int]:
    records: list[dict[str, Any]] = []
    chunks = [c.strip() for c in re.split(r"^---\s*$", src.read_text(encoding="utf-8"), flags=re.M)]
    for i, chunk in enumerate(c for c in chunks if c):
        text, entities = parse(chunk)
        records.append(
            {"id": f"{src.stem}-{i:03d}", "text": text, "entities": entities, "source": "written for hafen"}
        )
    with (dest_dir / f"{src.stem}.jsonl").open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return len(records), sum(len(r["entities"]) for r in records)


def main() -> int:
    n_pass = n_ent = 0
    for src in sorted((HERE / "passages").glob("*.txt")):
        p, e = build(src, HERE)
        n_pass, n_ent = n_pass + p, n_ent + e
        print(f"{src.name}: {p} passages, {e} entities")
    print(f"total: {n_pass} passages, {n_ent} entities")
    return 0


if __name__ == "__main__":
    sys.exit(main())
