"""The bridge to ``hafen.match``: profiles from the store, one matcher per store revision.

When the matchmaking library is missing or fails to build, ``available()`` is False and the
web app says so (HTTP 501) instead of showing anything made up.
"""

from __future__ import annotations

import threading
from typing import Any

from hafen.store import Store
from hafen.web import graphdata

_lock = threading.Lock()
_cache: dict[tuple[int, str], Any] = {}


def _matcher(store: Store) -> Any | None:
    key = (id(store), graphdata.revision(store))
    with _lock:
        if key in _cache:
            return _cache[key]
        try:
            from hafen.match.index import store_matcher

            # No embedder: the web app is read-only and must not write a vector cache, and
            # a request must not wait for a model to load.
            matcher: Any | None = store_matcher(store, embedder=None)
        except Exception:  # any failure of the optional library means: not available
            matcher = None
        _cache.clear()
        _cache[key] = matcher
        return matcher


def available(store: Store) -> bool:
    return _matcher(store) is not None


def match(store: Store, need: str, top: int = 10) -> list[dict[str, Any]] | None:
    """Ranked actors as the ``hafen match --json`` contract; None when matchmaking is unavailable."""
    matcher = _matcher(store)
    if matcher is None:
        return None
    return [r.to_json() for r in matcher.match(need, top=top)]
