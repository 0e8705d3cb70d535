"""Training data and the retraining command of the CRF tagger."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hafen.extract import crf, train

REPO = Path(__file__).resolve().parents[2]


def test_train_project_gold_longest_match_and_word_boundaries() -> None:
    gold = {
        "entities": [
            {"name": "TU Dortmund", "type": "ORG", "aliases": []},
            {"name": "Dortmund", "type": "PLACE", "aliases": ["Dortmunds"]},
            {"name": "KI", "type": "TOPIC", "aliases": []},
        ]
    }
    text = "Die TU Dortmund stärkt Dortmunds KI-Szene; KI ist Thema in Dortmund."
    spans = train.project_gold(gold, text)
    assert [(text[s:e], t) for s, e, t in spans] == [
        ("TU Dortmund", "ORG"),
        ("Dortmunds", "PLACE"),
        ("KI", "TOPIC"),
        ("KI", "TOPIC"),
        ("Dortmund", "PLACE"),
    ]


def test_train_written_passages_have_exact_offsets() -> None:
    examples = train.load_written(REPO / "training")
    assert len(examples) >= 60
    for ex in examples:
        for start, end, etype in ex.spans:
            surface = ex.text[start:end]
            assert surface == surface.strip() and surface, (ex.id, start, end)
            assert etype in {"ORG", "PERSON", "PLACE", "PROJECT", "EVENT", "TOPIC"}


def test_train_build_script_parses_markup() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build", REPO / "training" / "build.py")
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    text, ents = build.parse("Die [[RWTH Aachen|ORG:university]] liegt in [[Aachen|PLACE:city]].")
    assert text == "Die RWTH Aachen liegt in Aachen."
    assert ents == [
        {"start": 4, "end": 15, "type": "ORG", "subtype": "university"},
        {"start": 25, "end": 31, "type": "PLACE", "subtype": "city"},
    ]
    with pytest.raises(ValueError):
        build.parse("[[Kiel|CITY]]")


def test_train_matches_doc_by_prefix() -> None:
    assert train.matches_doc("001_611c518ad30c74c9.txt", ["001"])
    assert not train.matches_doc("001_611c518ad30c74c9.txt", ["002"])


def _tiny_shared(root: Path) -> Path:
    (root / "seeds").mkdir(parents=True)
    (root / "eval" / "gold").mkdir(parents=True)
    for i, city in enumerate(["Kiel", "Jena"]):
        doc = f"00{i}_x.txt"
        (root / "seeds" / doc).write_text(f"Die Universität {city} forscht in {city}.", encoding="utf-8")
        gold = {
            "doc": doc,
            "entities": [
                {"key": "u", "name": f"Universität {city}", "type": "ORG", "aliases": []},
                {"key": "c", "name": city, "type": "PLACE", "aliases": []},
            ],
        }
        (root / "eval" / "gold" / f"{doc}.json").write_text(json.dumps(gold), encoding="utf-8")
    return root


def test_train_cli_runs_with_exclude(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = _tiny_shared(tmp_path / "shared")
    out = tmp_path / "model.crfsuite"
    code = train.main(
        ["--exclude", "001", "--out", str(out), "--shared-dir", str(shared), "--iterations", "30"]
    )
    assert code == 0 and out.is_file() and out.stat().st_size > 0
    printed = capsys.readouterr().out
    assert "seed documents: 1 (2 projected mentions)" in printed
    assert "held-out written passages" in printed and "ALL" in printed
    crf.load_tagger.cache_clear()
    assert crf.tag_sequences(crf.text_sequences("Kiel"), "Kiel", out) is not None


def test_train_excluded_seed_is_not_loaded(tmp_path: Path) -> None:
    shared = _tiny_shared(tmp_path / "shared")
    assert [e.id for e in train.load_seeds(shared, ["000_x.txt"])] == ["001_x.txt"]
    assert len(train.load_seeds(shared)) == 2
