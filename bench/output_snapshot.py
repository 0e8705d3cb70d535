"""The extraction output of a fixed corpus, to show that a speed change changes nothing else.

    python bench/output_snapshot.py write BEFORE.json      # on the commit before the change
    python bench/output_snapshot.py write AFTER.json       # on the change
    python bench/output_snapshot.py compare BEFORE.json AFTER.json

The corpus is the one of ``bench/extract_speed.py`` (the seeds, ``examples/``, 200 generated
documents) plus the held-out documents in ``tests/heldout/docs``. Each document's
``to_contract()`` is stored without its source path (the generated files live in a fresh
temporary folder). ``compare`` prints the documents whose output differs and exits 1 if any
does. To snapshot another checkout, run this file with ``PYTHONPATH=<checkout>/src``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # for corpus.py beside this file

import corpus as synthetic

from hafen import read
from hafen.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]


def snapshot(shared: Path, n: int) -> dict[str, Any]:
    """``{corpus/file name: contract}`` for every document of the corpus."""
    pipeline = Pipeline()
    named: list[tuple[str, Path]] = [("seeds/" + p.name, p) for p in sorted((shared / "seeds").glob("*.txt"))]
    named += [("examples/" + p.name, p) for p in sorted(read.iter_input_files([REPO / "examples"]))]
    named += [("heldout/" + p.name, p) for p in sorted((REPO / "tests" / "heldout" / "docs").glob("*"))]
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="hafen-snapshot-") as tmp:
        named += [("generated/" + p.name, p) for p in synthetic.generate(Path(tmp), n)]
        for name, path in named:
            contract = pipeline(read.read_file(path)).to_contract()
            contract.pop("source", None)
            out[name] = contract
    return out


def compare(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Names of the documents missing on one side or with a different output."""
    return sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))


def main() -> None:
    parser = argparse.ArgumentParser(description="hafen extraction output snapshot")
    sub = parser.add_subparsers(dest="command", required=True)
    write = sub.add_parser("write", help="extract the corpus and write its output")
    write.add_argument("out", type=Path)
    write.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    write.add_argument("--n", type=int, default=200, help="generated documents")
    cmp = sub.add_parser("compare", help="compare two snapshots")
    cmp.add_argument("before", type=Path)
    cmp.add_argument("after", type=Path)
    args = parser.parse_args()

    if args.command == "write":
        data = snapshot(args.shared, args.n)
        text = json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)
        args.out.write_text(text, encoding="utf-8")
        print(f"{len(data)} documents written to {args.out}")
        return
    before = json.loads(args.before.read_text(encoding="utf-8"))
    after = json.loads(args.after.read_text(encoding="utf-8"))
    differ = compare(before, after)
    print(f"{len(before.keys() | after.keys())} documents, {len(differ)} differ")
    for name in differ[:20]:
        print(f"  {name}")
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
