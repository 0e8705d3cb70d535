"""Development loop: run sentences + entities on the seeds and score them with shared/eval.

    .venv/bin/python scripts/dev_eval.py [OUT_DIR] [--crf]

Rules only by default: the CRF is trained on the development gold, so its scores here
are not a fair estimate.
"""

from __future__ import annotations

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


if __name__ == "__main__":
    main()
