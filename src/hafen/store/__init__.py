"""Storage behind one narrow interface: the ``Store`` protocol, SQLite by default."""

from __future__ import annotations

from hafen.store.base import DocState, Store


def open_store(url: str) -> Store:
    """Open the store at ``url``: a file path (SQLite) or, later, ``postgresql://...``."""
    if url.startswith(("postgres://", "postgresql://")):
        from hafen import errors

        raise errors.ConfigError("E304")
    from hafen.store.sqlite import SQLiteStore

    return SQLiteStore(url)


__all__ = ["DocState", "Store", "open_store"]
