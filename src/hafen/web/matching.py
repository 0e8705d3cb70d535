"""The bridge to ``hafen.match``: profiles from the store, one matcher per store revision.

When the matchmaking library is missing or fails to build, ``available()`` is False and the
web app says so (HTTP 501) instead of showing anything made up.
"""

from __future__ import annotations

import threading
from typing import Any

from hafen import errors
from hafen.store import Store
from hafen.web import cache, graphdata

_lock = threading.Lock()
_build_lock = threading.Lock()  # one index build at a time
_cache: dict[tuple[int, str], Any] = {}
_latest: dict[int, Any] = {}  # the newest matcher per store, served while a newer one builds


def _build(store: Store) -> Any | None:
    try:
        from hafen.match.index import store_matcher

        # No embedder: the web app is read-only and must not write a vector cache, and
        # a request must not wait for a model to load.
        return store_matcher(store, embedder=None)
    except Exception:  # any failure of the optional library means: not available
        return None


BUILDING = object()  # no index yet and one is being built: a request should not wait for it


def _matcher(store: Store, wait: bool = True) -> Any | None:
    """The matcher for the store's revision; while it builds, the previous one if there is one.

    Building the index of a large store takes a minute, so ``hafen serve`` warms it in the
    background (``warm()``); requests meanwhile get the last index rather than wait for it,
    and with ``wait=False`` get ``BUILDING`` when there is no earlier index to give.
    """
    key = (id(store), graphdata.revision(store))
    with _lock:
        if key in _cache:
            return _cache[key]
        previous = _latest.get(id(store))
    if previous is not None and not _build_lock.acquire(blocking=False):
        return previous
    if previous is None and not _build_lock.acquire(blocking=wait):
        return BUILDING
    try:
        with _lock:
            if key in _cache:
                return _cache[key]
        matcher = _build(store)
        with _lock:
            for old in [k for k in _cache if k[0] == id(store)]:
                del _cache[old]
            _cache[key] = matcher
            _latest[id(store)] = matcher
        return matcher
    finally:
        _build_lock.release()


def warm(store: Store) -> None:
    """Build the matcher for the store's current revision unless it is there (``hafen serve``)."""
    _matcher(store)


def forget(store: Store) -> None:
    with _lock:
        _latest.pop(id(store), None)
        for old in [k for k in _cache if k[0] == id(store)]:
            del _cache[old]


def state(store: Store) -> str:
    """"ready", "building" (the first index is being built: ask again soon) or "unavailable"."""
    matcher = _matcher(store, wait=False)
    if matcher is BUILDING:
        return "building"
    return "unavailable" if matcher is None else "ready"


def available(store: Store) -> bool:
    return state(store) == "ready"


def match(store: Store, need: str, top: int = 10, lang: str | None = None) -> list[dict[str, Any]] | None:
    """Ranked actors as the ``hafen match --json`` contract, reasons in ``lang``; None when
    matchmaking is unavailable; ``errors.WebError("E508")`` while the first index builds."""
    matcher = _matcher(store, wait=False)
    if matcher is BUILDING:
        raise errors.WebError("E508")
    if matcher is None:
        return None
    # The same need asked again (a shared link, a reload) is answered from the cache.
    return cache.lru(
        store, "match", (id(matcher), need, top, lang),
        lambda: [r.to_json() for r in matcher.match(need, top=top, lang=lang)],
    )
