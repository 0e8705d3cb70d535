"""Leave-one-document-out evaluation of the CRF entity tagger on the development seeds.

    .venv/bin/python bench/loo.py [--shared DIR] [--keep DIR]

Four settings, each scored with ``shared/eval/score.py extraction``:
  full-fit   CRF trained on the written passages + all five seeds (optimistic: sees the test doc)
  loo        for each seed, CRF trained on the written passages + the other four seeds
  text-only  CRF trained on the written passages alone (no seed exposure: the honest predictor)
  rules      the rule stage (``hafen.extract.entities``) alone, with LOO CRF, with text-only CRF,
             when that stage exists
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from hafen.document import Document, Mention, content_hash
from hafen.extract import crf, train

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
QUOTES = "\"'\u201e\u201c\u201d\u201a\u2018\u2019\u00ab\u00bb\u2039\u203a"


def norm(form: str) -> str:
    """The surface normalisation of score.py: casefold, dashes as spaces, no quotes."""
    s = unicodedata.normalize("NFC", form).casefold()
    for d in DASHES:
        s = s.replace(d, " ")
    for q in QUOTES:
        s = s.replace(q, "")
    return " ".join(s.split()).strip(QUOTES + ".,;:!?()[]{}*/ ")


def contract(doc_name: str, mentions: Sequence[Mention]) -> dict:
    """Extraction contract JSON: mentions grouped by normalised surface form (genitive -s folded)."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    keys = {norm(m.text) for m in mentions}
    for m in mentions:
        key = norm(m.text)
        if key.endswith("s") and key[:-1] in keys:
            key = key[:-1]  # a genitive joins its base form: "Bochums" -> "Bochum"
        if key:
            groups[key].append(m)
    entities = []
    for ms in groups.values():
        etype = Counter(m.type for m in ms).most_common(1)[0][0]
        surfaces = Counter(m.text for m in ms if m.type == etype)
        name = surfaces.most_common(1)[0][0]
        entities.append(
            {
                "name": name,
                "type": etype,
                "aliases": sorted(set(surfaces) - {name}),
                "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in ms if m.type == etype],
            }
        )
    return {"doc": doc_name, "entities": entities, "relations": []}


def make_doc(path: Path) -> Document:
    data = path.read_bytes()
    return Document(source=str(path), text=data.decode("utf-8"), content_hash=content_hash(data))


def score(shared: Path, pred_dir: Path, only: Sequence[str] | None = None) -> dict:
    """score.py's JSON result on ``pred_dir``, restricted to the ``only`` gold documents."""
    gold_dir = shared / "eval" / "gold"
    if only is not None:
        tmp = Path(tempfile.mkdtemp(prefix="hafen-gold-"))
        for name in only:
            (tmp / f"{name}.json").write_bytes((gold_dir / f"{name}.json").read_bytes())
        gold_dir = tmp
    out = subprocess.run(
        [
            sys.executable,
            str(shared / "eval" / "score.py"),
            "extraction",
            str(gold_dir),
            str(pred_dir),
            "--json",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)


Predictor = Callable[[Document, Path], dict]


def run_setting(
    seeds: list[Path], predict: Predictor, model_for: Callable[[str], Path], out_dir: Path
) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        result = predict(make_doc(seed), model_for(seed.name))
        (out_dir / f"{seed.name}.json").write_text(json.dumps(result, ensure_ascii=False))


def crf_only(doc: Document, model: Path) -> dict:
    # the raw CRF: every mention, whatever its confidence
    return contract(doc.name, crf.predict_mentions(doc, model, min_confidence=0.0))


def pipeline_predict() -> Predictor | None:
    """Rules + CRF through ``hafen.extract.entities`` with a given CRF model, if that stage runs."""
    try:
        entities = importlib.import_module("hafen.extract.entities")
        sentences = importlib.import_module("hafen.extract.sentences")
        stage = entities.make_stage()
        sent_stage = sentences.make_stage()
    except Exception as exc:  # the rule stage is someone else's work in progress
        print(f"(pipeline setting skipped: {type(exc).__name__}: {exc})")
        return None

    def predict(doc: Document, model: Path) -> dict:
        original = crf.MODEL_PATH
        crf.MODEL_PATH = model  # the stage calls predict_mentions(doc) with the default path
        try:
            result: dict = stage(sent_stage(doc)).to_contract()
            return result
        finally:
            crf.MODEL_PATH = original

    return predict


def _with_floor(predict: Predictor, floor: float) -> Predictor:
    def run(doc: Document, model: Path) -> dict:
        original = crf.MIN_CONFIDENCE
        crf.MIN_CONFIDENCE = floor
        try:
            return predict(doc, model)
        finally:
            crf.MIN_CONFIDENCE = original

    return run


def _propagation(predict: Predictor) -> Predictor:
    def run(doc: Document, model: Path) -> dict:
        crf.PROPAGATE = True
        try:
            return predict(doc, model)
        finally:
            crf.PROPAGATE = False

    return run


def table(results: dict[str, dict]) -> str:
    buckets = ["ALL", "ALL-TOPIC", "DOMAIN-TOPIC", "ORG", "PERSON", "PLACE", "PROJECT", "EVENT", "TOPIC"]
    lines = [f"{'bucket':<13}" + "".join(f"{name:>22}" for name in results)]
    for b in buckets:
        row = f"{b:<13}"
        for res in results.values():
            v = res["entities"].get(b)
            cell = f"P{v['p']:.2f} R{v['r']:.2f} F{v['f1']:.2f}" if v else "-"
            row += f"{cell:>22}"
        lines.append(row)
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=train.SHARED_DIR)
    ap.add_argument("--keep", type=Path, default=None, help="keep models and predictions here")
    ap.add_argument("--floors", default="", help="extra rules+crf LOO runs at these CRF confidence floors")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="hafen-loo-"))
    work.mkdir(parents=True, exist_ok=True)
    seeds = sorted((args.shared / "seeds").glob("*.txt"))
    written = train.load_written()
    all_seeds = train.load_seeds(args.shared)

    full = train.fit([*written, *all_seeds], work / "full.crfsuite")
    text_only = train.fit(written, work / "text-only.crfsuite")
    loo_models: dict[str, Path] = {}
    for seed in seeds:
        rest = [e for e in all_seeds if e.id != seed.name]
        loo_models[seed.name] = train.fit([*written, *rest], work / f"loo-{seed.name}.crfsuite")
        print(f"trained LOO model without {seed.name}", flush=True)

    settings: dict[str, tuple[Predictor, Callable[[str], Path]]] = {
        "crf full-fit": (crf_only, lambda _name: full),
        "crf LOO": (crf_only, loo_models.__getitem__),
        "crf text-only": (crf_only, lambda _name: text_only),
    }
    pipe = pipeline_predict()
    if pipe is not None:
        settings["rules only"] = (pipe, lambda _name: work / "no-model.crfsuite")
        settings["rules+crf LOO"] = (pipe, loo_models.__getitem__)
        settings["rules+crf text-only"] = (pipe, lambda _name: text_only)
        settings["r+c LOO propagate"] = (_propagation(pipe), loo_models.__getitem__)
        for floor in filter(None, args.floors.split(",")):
            settings[f"r+c LOO >={floor}"] = (_with_floor(pipe, float(floor)), loo_models.__getitem__)
    results: dict[str, dict] = {}
    for label, (predict, model_for) in settings.items():
        out_dir = work / label.replace(" ", "_").replace("+", "_")
        run_setting(seeds, predict, model_for, out_dir)
        results[label] = score(args.shared, out_dir)
        if label == "crf LOO":
            print("\nLOO per held-out document (ALL entities):")
            for seed in seeds:
                v = score(args.shared, out_dir, [seed.name])["entities"]["ALL"]
                print(
                    f"  {seed.name:<28} P {v['p']:.3f} R {v['r']:.3f} F1 {v['f1']:.3f}"
                    f"  ({v['tp']}/{v['pred']} pred, {v['gold']} gold)"
                )
    print("\nentity scores (score.py extraction, all five seeds):")
    print(table(results))
    print(f"\npredictions and models in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
