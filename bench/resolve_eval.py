"""Cross-document resolution measured end to end: extracted records of a built store vs judged pairs.

    python bench/resolve_eval.py --db seeds.db [--shared ../shared]

The store must hold the seeds (``hafen build ../shared/seeds --db seeds.db``). Each gold
record of a judged pair (tests/resolve/gold_pairs*.json) is mapped to the store's record
of the same document and type that shares a folded name or alias; a pair counts only when
both sides were extracted. Precision over the judged pairs (positive and negative) that
the store merged; recall over the positive pairs whose records both exist. Coverage says
how many gold records extraction found at all.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from hafen.resolve import normalize as nz

REPO = Path(__file__).resolve().parents[1]


def _gold_forms(gold_dir: Path) -> dict[tuple[str, str], tuple[str, set[str]]]:
    out = {}
    for path in sorted(gold_dir.glob("*.txt.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        for e in g["entities"]:
            forms = {nz.fold(f) for f in (e["name"], *(e.get("aliases") or []))} - {""}
            out[(g["doc"], e["key"])] = (e["type"], forms)
    return out


def _store_records(db: Path) -> list[tuple[str, str, set[str], int | None]]:
    conn = sqlite3.connect(db)
    rows = []
    for doc, name, typ, aliases, entity_id in conn.execute(
        "SELECT d.name, de.name, de.type, de.aliases, de.entity_id FROM doc_entities de "
        "JOIN documents d ON d.id = de.doc_id"
    ):
        forms = {nz.fold(f) for f in (name, *json.loads(aliases))} - {""}
        rows.append((doc, typ, forms, entity_id))
    conn.close()
    return rows


def run(db: Path, shared: Path) -> dict[str, object]:
    gold = _gold_forms(shared / "eval" / "gold")
    records = _store_records(db)
    by_doc: dict[tuple[str, str], list[tuple[set[str], int | None]]] = {}
    for doc, typ, forms, entity_id in records:
        by_doc.setdefault((doc, typ), []).append((forms, entity_id))

    def entity_of(rid: tuple[str, str]) -> int | None:
        typ, forms = gold[rid]
        for store_forms, entity_id in by_doc.get((rid[0], typ), []):
            if store_forms & forms:
                return entity_id
        return None

    pairs = {}
    for name, same in (("gold_pairs.json", True), ("gold_pairs_negative.json", False)):
        for a_doc, a_key, b_doc, b_key in json.loads((REPO / "tests" / "resolve" / name).read_text()):
            pairs[((a_doc, a_key), (b_doc, b_key))] = same
    mapped = {rid: entity_of(rid) for pair in pairs for rid in pair if rid in gold}
    tp = fp = fn = 0
    usable = 0
    for (a, b), same in pairs.items():
        ea, eb = mapped.get(a), mapped.get(b)
        if ea is None or eb is None:
            continue
        usable += 1
        merged = ea == eb
        tp += merged and same
        fp += merged and not same
        fn += (not merged) and same
    found = sum(1 for v in mapped.values() if v is not None)
    return {
        "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
        "recall": round(tp / (tp + fn), 3) if tp + fn else 1.0,
        "true_merges": tp,
        "false_merges": fp,
        "missed": fn,
        "judged_pairs_usable": usable,
        "judged_pairs": len(pairs),
        "gold_records_found": f"{found}/{len(mapped)}",
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    a = ap.parse_args()
    print(json.dumps(run(a.db, a.shared), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
