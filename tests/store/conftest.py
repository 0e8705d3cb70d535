"""Fixtures for store tests: the test kit and a fresh SQLite store."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from hafen.store.sqlite import SQLiteStore


def load_kit() -> ModuleType:
    if "hafen_testkit" in sys.modules:
        return sys.modules["hafen_testkit"]
    spec = importlib.util.spec_from_file_location("hafen_testkit", Path(__file__).with_name("kit.py"))
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
def store(tmp_path: Path) -> Iterator[SQLiteStore]:
    s = SQLiteStore(tmp_path / "hafen.db")
    yield s
    s.close()
