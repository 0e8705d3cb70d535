"""Shared fixtures: where the development set lives, a scratch store."""

from __future__ import annotations

import os
from pathlib import Path

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
