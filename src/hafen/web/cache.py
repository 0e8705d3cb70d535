"""Caches of derived data for the web app, keyed by the store's revision.

The web app only reads, so anything derived from the store stays valid until the store is
written (a build, a resolution, a curation). ``revision()`` asks the store at most every
REVISION_TTL seconds (a constant-time question); every cached value carries the revision it
was computed at and is recomputed on the first request after the store changed.

Two kinds: ``cached()`` keeps one value per name (whole-store aggregates: overview, network,
map), ``lru()`` keeps the most recently used of many keyed values (the pages of busy
profiles), bounded by LRU_SIZE per name.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from hafen.store import Store

T = TypeVar("T")

REVISION_TTL = 0.5  # seconds: a rebuild shows up within this time
LRU_SIZE = 512  # entries per name

_lock = threading.Lock()
_revisions: dict[int, tuple[float, str]] = {}
_single: dict[tuple[str, int], tuple[str, Any]] = {}
_lrus: dict[tuple[str, int], OrderedDict[Hashable, tuple[str, Any]]] = {}
_stats: dict[str, int] = {"hits": 0, "misses": 0}


def revision(store: Store) -> str:
    """The store's revision, asked at most every REVISION_TTL seconds."""
    now = time.monotonic()
    with _lock:
        seen = _revisions.get(id(store))
    if seen is not None and now - seen[0] < REVISION_TTL:
        return seen[1]
    value = store.revision()
    with _lock:
        _revisions[id(store)] = (now, value)
    return value


def cached(store: Store, name: str, compute: Callable[[], T]) -> T:
    """One value per ``name`` and store, recomputed when the store's revision changes."""
    rev = revision(store)
    key = (name, id(store))
    with _lock:
        hit = _single.get(key)
        if hit is not None and hit[0] == rev:
            _stats["hits"] += 1
            return hit[1]
        _stats["misses"] += 1
    value = compute()
    with _lock:
        _single[key] = (rev, value)
    return value


def lru(store: Store, name: str, key: Hashable, compute: Callable[[], T], size: int = LRU_SIZE) -> T:
    """The value for ``key`` under ``name``: the ``size`` most recently used are kept."""
    rev = revision(store)
    with _lock:
        table = _lrus.setdefault((name, id(store)), OrderedDict())
        hit = table.get(key)
        if hit is not None and hit[0] == rev:
            table.move_to_end(key)
            _stats["hits"] += 1
            return hit[1]
        _stats["misses"] += 1
    value = compute()
    with _lock:
        table[key] = (rev, value)
        table.move_to_end(key)
        while len(table) > size:
            table.popitem(last=False)
    return value


PAGE_BYTES = 64 * 1024 * 1024  # rendered pages kept, at most, per store
_pages: dict[int, OrderedDict[Hashable, tuple[str, int, bytes]]] = {}
_page_bytes: dict[int, int] = {}


def page(store: Store, key: Hashable, render: Callable[[], tuple[int, bytes]]) -> tuple[int, bytes]:
    """A rendered page (status, body) for ``key`` at the store's revision; PAGE_BYTES of them.

    Every page is a function of its URL, its language and the store, so a rendered page
    stays right until the store changes; the least recently used go first.
    """
    rev = revision(store)
    sid = id(store)
    with _lock:
        table = _pages.setdefault(sid, OrderedDict())
        hit = table.get(key)
        if hit is not None and hit[0] == rev:
            table.move_to_end(key)
            _stats["hits"] += 1
            return hit[1], hit[2]
        _stats["misses"] += 1
    status, body = render()
    with _lock:
        old = table.pop(key, None)
        used = _page_bytes.get(sid, 0) - (len(old[2]) if old else 0)
        if status == 200 and len(body) <= PAGE_BYTES // 4:  # errors and notices are not kept
            table[key] = (rev, status, body)
            used += len(body)
        while used > PAGE_BYTES and table:
            _, (_, _, dropped) = table.popitem(last=False)
            used -= len(dropped)
        _page_bytes[sid] = used
    return status, body


def stats() -> dict[str, int]:
    """Hits and misses so far (for tests and the benchmark)."""
    with _lock:
        return dict(_stats)


def forget(store: Store) -> None:
    """Drop everything cached for ``store`` (the app closes it)."""
    with _lock:
        _revisions.pop(id(store), None)
        for table in (_single, _lrus):
            for key in [k for k in table if k[1] == id(store)]:
                del table[key]
        _pages.pop(id(store), None)
        _page_bytes.pop(id(store), None)


def peek(store: Store, name: str) -> Any | None:
    """The value ``cached()`` keeps under ``name`` if it is there for the current revision, else None."""
    rev = revision(store)
    with _lock:
        hit = _single.get((name, id(store)))
    return hit[1] if hit is not None and hit[0] == rev else None


def fact_counts(store: Store) -> dict[int, tuple[int, int, int]] | None:
    """Per entity (mentions, relations out, relations in), counted once per revision (the warmer)."""
    return cached(store, "fact_counts", store.read_fact_counts)


def profile(store: Store, entity_id: int, limit: int, offset: int = 0) -> dict[str, Any] | None:
    """One page of an entity's profile (``Store.read_entity``), kept in the LRU.

    The busiest entities are the costliest to read and the most visited, so they stay here.
    Once the warmer has counted every entity's facts, a page need not count them.
    """
    counts = peek(store, "fact_counts")

    def compute() -> dict[str, Any] | None:
        known = counts.get(entity_id, (0, 0, 0)) if counts is not None else None
        return store.read_entity(entity_id, limit=limit, offset=offset, known=known)

    return lru(store, "profile", (entity_id, limit, offset), compute)
