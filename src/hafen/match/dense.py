"""Cached profile vectors, scored against a need vector fast enough for 100k profiles.

Small indexes are scored exactly: one float32 matrix-vector product over a contiguous,
L2-normalised matrix. From ``PREFILTER_MIN`` profiles on, the full product (100k x 384
float32 = 154 MB, memory-bound) is replaced by a coarse-to-fine scheme:

1. every profile is scored in a ``PROJECTION_DIMS``-dimensional PCA projection of the
   centred vectors (6x less memory to stream);
2. the ranker picks candidates by that approximate score (and by its other signals);
3. the candidates are rescored exactly with the full vectors.

The mean cosine, used to rescale the scores of a need, is exact in both modes
(``mean(D) . q``). The projection loses what lies outside the top principal directions;
a profile whose exact score would put it in the top ten but whose approximate score does
not put it among the candidates is missed. ``bench/match_latency.py`` reports how often
the top ten differ from exact scoring.
"""

from __future__ import annotations

import numpy as np

from hafen.match.embed import normalise_rows

PREFILTER_MIN = 20_000  # below this the exact product costs less than a millisecond or two
PROJECTION_DIMS = 64


class DenseIndex:
    """Profile vectors with exact and (for large indexes) projected scoring."""

    def __init__(self, vectors: np.ndarray, prefilter_min: int = PREFILTER_MIN) -> None:
        self.matrix = np.ascontiguousarray(normalise_rows(vectors), dtype=np.float32)
        n, dim = self.matrix.shape
        self.mean = (
            self.matrix.mean(axis=0, dtype=np.float64).astype(np.float32) if n else np.zeros(dim, np.float32)
        )
        self.projection: np.ndarray | None = None
        self.projected: np.ndarray | None = None
        if n >= max(prefilter_min, 1) and dim > PROJECTION_DIMS:
            centred = self.matrix - self.mean
            cov = centred.T @ centred
            _, vecs = np.linalg.eigh(cov.astype(np.float64))
            self.projection = np.ascontiguousarray(vecs[:, ::-1][:, :PROJECTION_DIMS], dtype=np.float32)
            self.projected = np.ascontiguousarray(centred @ self.projection, dtype=np.float32)

    def __len__(self) -> int:
        return int(self.matrix.shape[0])

    @property
    def approximate(self) -> bool:
        """True when ``scores`` projects and the caller must rescore candidates exactly."""
        return self.projected is not None

    def scores(self, query: np.ndarray) -> np.ndarray:
        """Cosine of every profile with the need: exact, or projected when ``approximate``."""
        q = _unit(query)
        if self.projected is None or self.projection is None:
            return self.matrix @ q
        return self.projected @ (self.projection.T @ q) + float(self.mean @ q)

    def exact(self, query: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Exact cosines for the given rows."""
        return self.matrix[rows] @ _unit(query)

    def mean_score(self, query: np.ndarray) -> float:
        """The mean cosine over all profiles (exact: the mean vector times the need)."""
        return float(self.mean @ _unit(query))


def _unit(v: np.ndarray) -> np.ndarray:
    q = np.asarray(v, dtype=np.float32).ravel()
    norm = float(np.linalg.norm(q))
    return q / norm if norm > 0 else q


def rescale(raw: np.ndarray, base: float, top: float) -> np.ndarray:
    """e5 cosines crowd into 0.7-0.9: mean -> 0, best -> 1, clipped to [0, 1]."""
    if top <= base:
        return np.zeros_like(raw, dtype=np.float32)
    return np.clip((raw - base) / (top - base), 0, 1).astype(np.float32)
