"""Development loop: run sentences + entities on the seeds and score them with shared/eval.

    .venv/bin/python scripts/dev_eval.py [OUT_DIR] [--crf] [--misses=ORG,PROJECT]

Rules only by default: the CRF is trained on the development gold, so its scores here
are not a fair estimate. ``--misses`` lists missed gold entities and unmatched
predictions of the given types, per document (to study patterns, never to copy names).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

from hafen.document import Document, content_hash
from hafen.pipeline import Pipeline

SHARED = Path(__file__).resolve().parents[2] / "shared"


def read(path: Path) -> Document:
    try:
        from hafen.read import read_file

        doc: Document = read_file(path)
        return doc
    except (ImportError, AttributeError):
        data = path.read_bytes()
        return Document(source=str(path), text=data.decode("utf-8"), content_hash=content_hash(data))


def print_misses(out: Path, types: set[str]) -> None:
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    for gold_path in sorted((SHARED / "eval" / "gold").glob("*.txt.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        doc = gold["doc"]
        text = (SHARED / "seeds" / doc).read_text(encoding="utf-8")
        pred = json.loads((out / f"{doc}.json").read_text(encoding="utf-8"))
        matched = score.match_entities(gold["entities"], pred["entities"], text)
        hit = set(matched.values())
        for n, ent in enumerate(gold["entities"]):
            if n not in hit and ent["type"] in types:
                print(f"{doc[:3]} MISS {ent['type']:<8} {ent['name']}")
        for n, ent in enumerate(pred["entities"]):
            if n not in matched and ent["type"] in types:
                print(f"{doc[:3]} FP   {ent['type']:<8} {ent['name']}")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args else "/tmp/hafen_dev")
    out.mkdir(parents=True, exist_ok=True)
    from hafen.extract.entities import EntityStage

    pipe = Pipeline(["hafen.sentences.v1"])
    pipe.stages.append(("hafen.entities.v1", EntityStage(use_crf="--crf" in sys.argv)))
    words = 0
    elapsed = 0.0
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        doc = read(path)
        t0 = time.perf_counter()
        doc = pipe(doc)
        elapsed += time.perf_counter() - t0
        words += doc.n_words
        (out / f"{doc.name}.json").write_text(
            json.dumps(doc.to_contract(), ensure_ascii=False, indent=1), encoding="utf-8"
        )
    print(f"{words} words in {elapsed:.2f}s = {words / elapsed:,.0f} words/s")
    subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            "extraction",
            str(SHARED / "eval" / "gold"),
            str(out),
            "--docs",
            str(SHARED / "seeds"),
        ],
        check=True,
    )
    misses = next((a.split("=", 1)[1] for a in sys.argv[1:] if a.startswith("--misses=")), None)
    if misses:
        print_misses(out, set(misses.split(",")))


if __name__ == "__main__":
    main()
