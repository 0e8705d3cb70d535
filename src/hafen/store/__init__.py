"""Storage behind one narrow interface: the ``Store`` protocol, SQLite by default."""

from __future__ import annotations

from hafen.store.base import DocInfo, DocState, FailureInfo, Store


def open_store(url: str, *, create: bool = True) -> Store:
    """Open the store at ``url``: a file path (SQLite) or, later, ``postgresql://...``.

    With ``create=False`` a missing store is a configuration error (E403) instead of an
    empty new file: commands that only read should not conjure stores out of typos.
    """
    from hafen import errors

    if url.startswith(("postgres://", "postgresql://")):
        raise errors.ConfigError("E304")
    from hafen.store.sqlite import SQLiteStore

    if not create and url != ":memory:":
        from pathlib import Path

        if not Path(url).is_file():
            raise errors.ConfigError("E403", path=url)
    return SQLiteStore(url)


__all__ = ["DocInfo", "DocState", "FailureInfo", "Store", "open_store"]
