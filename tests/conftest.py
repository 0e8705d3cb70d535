"""Shared fixtures: where the development set lives, a scratch store."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
# CI checks the repo out with shared/ beside it; HAFEN_SHARED points elsewhere when it is not.
SHARED = Path(os.environ.get("HAFEN_SHARED", REPO.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.fail(f"the development set is expected at {SHARED} (shared/ beside the checkout)")
    return SHARED


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


KIT_PATH = REPO / "tests" / "store" / "kit.py"


def load_kit() -> ModuleType:
    """The store/build test kit, loaded once under a fixed module name (see kit.py)."""
    if "hafen_testkit" in sys.modules:
        return sys.modules["hafen_testkit"]
    spec = importlib.util.spec_from_file_location("hafen_testkit", KIT_PATH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["hafen_testkit"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def kit() -> ModuleType:
    module = load_kit()
    module.install()
    module.BUILT.clear()
    return module


@pytest.fixture
def kit_corpus(tmp_path: Path, kit: ModuleType) -> Path:
    """The kit's small German corpus, written to ``tmp_path/korpus``."""
    folder = tmp_path / "korpus"
    kit.write_corpus(folder)
    return folder


@pytest.fixture
def kit_db(tmp_path: Path, kit_corpus: Path) -> Path:
    """A store built by the CLI from the kit's corpus (in ``tmp_path/korpus``) with the kit's
    lexicon stage: fast, and every entity known in advance."""
    from click.testing import CliRunner

    from hafen.cli import main

    corpus = kit_corpus
    path = tmp_path / "h.db"
    args = ["--lang", "en", "build", str(corpus), "--db", str(path), "--stages", "test.lexicon.v1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return path


def extraction_scores(shared: Path, docs: list[Path], gold: Path, out: Path) -> dict[str, Any]:
    """The real pipeline on ``docs`` (``hafen extract``), scored against ``gold`` by the shared
    ``eval/score.py``: the evaluation gates' one path from text to F1."""
    from hafen.cli import extract_files

    written, failures = extract_files(docs, out)
    assert not failures, failures
    assert written == len(docs)
    path = shared / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("hafen_shared_score", path)
    if spec is None or spec.loader is None:
        pytest.fail(f"cannot import the scorer at {path}")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    result: dict[str, Any] = scorer.score_extraction(gold, out, docs[0].parent)
    assert not result["missing_predictions"]
    return result
