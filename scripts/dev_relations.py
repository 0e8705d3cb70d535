#!/usr/bin/env python3
"""Measure tables, topicality, relations and figures on the development set.

Development only: gold entities are projected onto the seed texts (every occurrence of a
name or alias becomes a mention) so that the relation stage can be measured apart from
entity recognition. If ``hafen.extract.entities`` is importable, the full pipeline is
scored as well.

    .venv/bin/python scripts/dev_relations.py [--show-errors]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from hafen.document import Document, Entity, Mention, content_hash
from hafen.extract import figures, relations, tables, topicality

SHARED = Path(__file__).resolve().parents[2] / "shared"
GOLD, SEEDS = SHARED / "eval" / "gold", SHARED / "seeds"


def project_gold(path: Path, gold: dict) -> Document:
    """A Document whose entities and mentions are the gold ones, found by exact alias search."""
    text = path.read_text(encoding="utf-8")
    doc = Document(source=str(path), text=text, content_hash=content_hash(text.encode()))
    if importlib.util.find_spec("hafen.read.segment") is not None:
        from hafen.read.segment import segment  # the reader's segmentation, when it exists

        doc.segments = segment(text)
    spans: list[tuple[int, int, str, str]] = []
    for ent in gold["entities"]:
        doc.entities.append(
            Entity(
                key=ent["key"],
                name=ent["name"],
                type=ent["type"],
                subtype=ent.get("subtype"),
                aliases=list(ent.get("aliases", [])),
                method="gold",
            )
        )
        for form in {ent["name"], *ent.get("aliases", [])}:
            for m in re.finditer(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                spans.append((m.start(), m.end(), ent["key"], ent["type"]))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    taken_end = -1
    for start, end, key, typ in spans:
        if start < taken_end:
            continue
        doc.mentions.append(Mention(start, end, text[start:end], typ, entity=key, method="gold"))
        taken_end = end
    return doc


def run_stages(doc: Document) -> Document:
    for stage in (tables.make_stage(), topicality.make_stage(), relations.make_stage(), figures.make_stage()):
        doc = stage(doc)
    return doc


def score(out: Path) -> str:
    res = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "extraction",
            str(GOLD),
            str(out),
            "--docs",
            str(SEEDS),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(res.stdout)
    r = data["relations"]["ALL"]
    per_doc = "  ".join(f"{d[:3]}:{v['relations']['f1']:.2f}" for d, v in data["per_doc"].items())
    counts = f"({r['tp']}/{r['pred']} pred, {r['gold']} gold)"
    return f"relations P {r['p']:.3f} R {r['r']:.3f} F1 {r['f1']:.3f} {counts}  [{per_doc}]"


def topicality_agreement(doc: Document, gold: dict) -> tuple[int, int]:
    """How many gold entities' ``domain`` flag the entity ``on_topic`` flag agrees with."""
    by_key = {e.key: e for e in doc.entities}
    agree = sum(
        1
        for g in gold["entities"]
        if g["key"] in by_key and by_key[g["key"]].on_topic == g.get("domain", True)
    )
    return agree, len(gold["entities"])


def show_errors(doc: Document, gold: dict) -> None:
    names = {e.key: e.name for e in doc.entities}
    pred = {(r.head, r.type, r.tail): r for r in doc.relations}
    gold_set = {(r["head"], r["type"], r["tail"]) for r in gold["relations"]}
    sym = {(t, ty, h) for h, ty, t in gold_set if ty == "cooperates_with"}
    print(f"--- {doc.name}")
    for key, r in pred.items():
        if key not in gold_set and key not in sym:
            print(
                f"  FP {names[r.head]} -{r.type}-> {names[r.tail]}  [{r.method}]",
                repr(doc.text[r.start : r.end][:110]),
            )
    for h, ty, t in sorted(gold_set):
        if (h, ty, t) not in pred and not (ty == "cooperates_with" and (t, ty, h) in pred):
            print(f"  FN {h} -{ty}-> {t}")


def show_pipeline_errors(contract: dict, gold: dict) -> None:
    """Full-pipeline relation errors, each miss marked by whether its ends were recognised."""
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    score_mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score_mod)
    text = (SEEDS / gold["doc"]).read_text(encoding="utf-8")
    gents, pents = gold["entities"], contract["entities"]
    matched = score_mod.match_entities(gents, pents, text)
    gi_of: dict[str, int] = {}
    for pi, gi in matched.items():
        for form in score_mod.entity_forms(pents[pi], text):
            gi_of.setdefault(form, gi)
    key_of = {g["key"]: gi for gi, g in enumerate(gents)}
    found = set(matched.values())
    pred: dict[tuple[int | None, str, int | None], dict] = {}
    for r in contract["relations"]:
        h, t = gi_of.get(score_mod.norm(r["head"])), gi_of.get(score_mod.norm(r["tail"]))
        pred[(h, r["type"], t)] = r
    gold_set = set()
    print(f"--- {gold['doc']}")
    for r in gold["relations"]:
        h, t = key_of.get(r["head"]), key_of.get(r["tail"])
        gold_set.add((h, r["type"], t))
        if (h, r["type"], t) in pred or (r["type"] == "cooperates_with" and (t, r["type"], h) in pred):
            continue
        why = "ok-ends" if h in found and t in found else "no-head" if h not in found else "no-tail"
        print(f"  FN[{why}] {r['head']} -{r['type']}-> {r['tail']}  | {r.get('evidence', '')[:100]!r}")
    for (h, ty, t), r in pred.items():
        if (h, ty, t) not in gold_set and not (ty == "cooperates_with" and (t, ty, h) in gold_set):
            ev = r["evidence"]["text"][:100]
            print(f"  FP {r['head']} -{ty}-> {r['tail']} [{r['method']}] {ev!r}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-errors", action="store_true", help="relation errors with gold entities")
    ap.add_argument("--show-pipeline-errors", action="store_true", help="... with the full pipeline")
    args = ap.parse_args()
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.txt.json"))]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        secs, chars, agree, total = 0.0, 0, 0, 0
        for gold in golds:
            doc = project_gold(SEEDS / gold["doc"], gold)
            t0 = time.perf_counter()
            doc = run_stages(doc)
            secs += time.perf_counter() - t0
            chars += len(doc.text)
            a, n = topicality_agreement(doc, gold)
            agree, total = agree + a, total + n
            (out / f"{doc.name}.json").write_text(
                json.dumps(doc.to_contract(), ensure_ascii=False, default=str)
            )
            if args.show_errors:
                show_errors(doc, gold)
        print(f"gold entities:  {score(out)}")
        print(f"topicality: entity on_topic agrees with gold domain for {agree}/{total}")
        print(
            f"speed of tables+topicality+relations+figures: {chars / 1000 / secs:.0f} k chars/s "
            f"over {len(golds)} docs ({secs:.2f} s)"
        )
    if importlib.util.find_spec("hafen.extract.entities") is None:
        print("full pipeline:  hafen.extract.entities not available yet")
        return 0
    try:
        from hafen.pipeline import DEFAULT_STAGES, Pipeline

        names = [
            n
            for n in DEFAULT_STAGES
            if importlib.util.find_spec({"hafen.sentences.v1": "hafen.extract.sentences"}.get(n, "hafen"))
            is not None
        ]
        pipe = Pipeline(names)
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            for gold in golds:
                path = SEEDS / gold["doc"]
                text = path.read_text(encoding="utf-8")
                doc = pipe(Document(source=str(path), text=text, content_hash=content_hash(text.encode())))
                contract = json.loads(json.dumps(doc.to_contract(), ensure_ascii=False, default=str))
                (out / f"{doc.name}.json").write_text(json.dumps(contract, ensure_ascii=False))
                if args.show_pipeline_errors:
                    show_pipeline_errors(contract, gold)
            print(f"full pipeline:  {score(out)}")
    except Exception as exc:  # the entity stage is being built in parallel; report, don't crash
        print(f"full pipeline:  failed: {type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
