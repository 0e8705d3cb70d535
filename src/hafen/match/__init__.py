"""Matchmaking: need -> ranked actors with reasons and evidence; consortium suggestions.

Exports load lazily so that ``hafen.match.topics`` (used by resolution) does not pull in
scikit-learn.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Matcher": "hafen.match.ranker",
    "MatchSettings": "hafen.match.ranker",
    "Profile": "hafen.match.profiles",
    "Result": "hafen.match.profiles",
    "Sentence": "hafen.match.profiles",
    "consortium": "hafen.match.consortium",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'hafen.match' has no attribute {name!r}")
