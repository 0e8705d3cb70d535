"""Held-out gate: the real pipeline on tests/heldout, scored by ``shared/eval/score.py``.

The held-out documents were written and annotated for hafen about other regions than the
development set; rules were fixed after they were first scored, so this is a development
check against overfitting to the seeds, not a blind test (see tests/heldout/README.md).
Floors sit slightly below the figures reached when they were set; raise them when quality
rises, never lower them to make a change pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.conftest import extraction_scores

HELDOUT = Path(__file__).parent / "heldout"

# bucket -> minimal F1. First score before any fix: ALL-TOPIC 0.771, ORG 0.811, PERSON 0.897,
# PLACE 0.711, PROJECT 0.667, EVENT 0.750, TOPIC 0.622, relations 0.150.
# Reached when set: ALL-TOPIC 0.900, ORG 0.909, PERSON 1.000, PLACE 0.854, PROJECT 0.880,
# EVENT 1.000, TOPIC 0.923, relations 0.245 (PROJECT and EVENT leave room for one entity).
# Documents 08–11 were added later and scored blind first (ALL-TOPIC 0.689, ORG 0.691,
# PERSON 0.968, PLACE 0.651, PROJECT 0.500, EVENT 0.250, TOPIC 0.667). Entity floors on all
# eleven after the second round of fixes: ALL-TOPIC 0.908, ORG 0.894, PERSON 0.984, PLACE 0.881,
# PROJECT 0.941, EVENT 0.933, TOPIC 0.863 (the TOPIC floor was lowered from 0.90 because the
# four blind documents pull the eleven-document figure below it, not because of a regression).
FLOORS = {
    "ALL-TOPIC": 0.89,
    "ORG": 0.88,
    "PERSON": 0.96,
    "PLACE": 0.86,
    "PROJECT": 0.90,
    "EVENT": 0.85,
    "TOPIC": 0.84,
}
# relations 0.527 on the eleven documents (01–11) after the relation patterns of issue #3
# (FLOORS and RELATIONS_FLOOR apply to documents 01–11)
RELATIONS_FLOOR = 0.51


# Documents 12–15 (third round) were scored blind first: ALL-TOPIC 0.798, ORG 0.746, PERSON
# 1.000, PLACE 0.784, PROJECT 0.609, EVENT 0.889, TOPIC 0.667, relations 0.243. After the
# general fixes of tests/extract/test_heldout_round3.py: ALL-TOPIC 0.871, ORG 0.866, PERSON
# 1.000, PLACE 0.840, PROJECT 0.667, EVENT 1.000, TOPIC 0.667, relations 0.435. They have
# their own floors, so the floors of 01–11 keep guarding those documents unchanged.
ROUND3_FLOORS = {
    "ALL-TOPIC": 0.86,
    "ORG": 0.85,
    "PERSON": 0.96,
    "PLACE": 0.82,
    "PROJECT": 0.64,
    "EVENT": 0.95,
    "TOPIC": 0.64,
}
ROUND3_RELATIONS_FLOOR = 0.42
ROUND3 = ("12_", "13_", "14_", "15_")


def _score(shared_dir: Path, tmp: Path, round3: bool) -> dict[str, Any]:
    docs = [p for p in sorted((HELDOUT / "docs").glob("*.txt")) if p.name.startswith(ROUND3) == round3]
    gold = tmp / "gold"
    gold.mkdir()
    for doc in docs:
        (gold / f"{doc.name}.json").write_bytes((HELDOUT / "gold" / f"{doc.name}.json").read_bytes())
    return extraction_scores(shared_dir, docs, gold, tmp / "out")


@pytest.fixture(scope="module")
def scores(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    assert len(list((HELDOUT / "docs").glob("*.txt"))) == len(list((HELDOUT / "gold").glob("*.json")))
    return _score(shared_dir, tmp_path_factory.mktemp("heldout_gate"), round3=False)


@pytest.fixture(scope="module")
def round3_scores(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _score(shared_dir, tmp_path_factory.mktemp("heldout_round3"), round3=True)


@pytest.mark.parametrize("bucket", sorted(FLOORS))
def test_heldout_gate_entity_f1_above_floor(scores: dict[str, Any], bucket: str) -> None:
    f1 = scores["entities"][bucket]["f1"]
    assert f1 >= FLOORS[bucket], f"{bucket} F1 {f1:.3f} fell below its floor {FLOORS[bucket]:.2f}"


def test_heldout_gate_relation_f1_above_floor(scores: dict[str, Any]) -> None:
    f1 = scores["relations"]["ALL"]["f1"]
    assert f1 >= RELATIONS_FLOOR, f"relation F1 {f1:.3f} fell below its floor {RELATIONS_FLOOR:.2f}"


@pytest.mark.parametrize("bucket", sorted(ROUND3_FLOORS))
def test_round3_entity_f1_above_floor(round3_scores: dict[str, Any], bucket: str) -> None:
    f1 = round3_scores["entities"][bucket]["f1"]
    floor = ROUND3_FLOORS[bucket]
    assert f1 >= floor, f"{bucket} F1 {f1:.3f} on documents 12–15 fell below its floor {floor:.2f}"


def test_round3_relation_f1_above_floor(round3_scores: dict[str, Any]) -> None:
    f1 = round3_scores["relations"]["ALL"]["f1"]
    assert f1 >= ROUND3_RELATIONS_FLOOR, f"relation F1 {f1:.3f} on documents 12–15 fell below its floor"
