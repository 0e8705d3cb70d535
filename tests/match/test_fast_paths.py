"""The fast scoring paths agree with the plain definitions they replace."""

from __future__ import annotations

import numpy as np
import pytest

from hafen.match import ranker
from hafen.match import signals as sg
from hafen.match.dense import DenseIndex, rescale
from hafen.match.profiles import Profile
from hafen.match.ranker import Matcher, MatchSettings

PROFILES = [
    Profile(
        id="iwu",
        name="Fraunhofer IWU",
        type="ORG",
        subtype="research",
        text="Das Fraunhofer IWU in Chemnitz entwickelt Verfahren der vorausschauenden Wartung.",
        topics=("vorausschauende Wartung",),
        places=("Chemnitz",),
    ),
    Profile(
        id="h2nord",
        name="Wasserstoffnetzwerk Nord",
        type="ORG",
        subtype="network",
        text="Das Netzwerk bringt Unternehmen in Hamburg zusammen, um Elektrolyse voranzubringen.",
        topics=("Wasserstoff",),
    ),
    Profile(id="bau", name="Baukontor Süd", type="ORG", text="Wir planen Brücken und Straßen in Ulm."),
]


class KeywordEmbedder:
    """One dimension per idea, so vectors are predictable."""

    IDEAS = (("wasserstoff", "hydrogen"), ("wartung", "maintenance"), ("brücke",))

    def _vec(self, text: str) -> np.ndarray:
        low = text.lower()
        v = np.array([float(any(w in low for w in ws)) for ws in self.IDEAS] + [0.1], np.float32)
        return v / np.linalg.norm(v)

    def query(self, text: str) -> np.ndarray:
        return self._vec(text)

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])


def _clustered(n: int, dim: int = 96, seed: int = 3) -> np.ndarray:
    """Unit vectors around a few centres, the way e5 vectors of one corpus crowd together."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(12, dim)).astype(np.float32)
    rows = centres[rng.integers(0, 12, n)] + rng.normal(0, 0.15, (n, dim)).astype(np.float32)
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def test_dense_index_exact_below_the_threshold_and_mean_is_exact() -> None:
    vectors = _clustered(500)
    q = _clustered(1, seed=9)[0]
    index = DenseIndex(vectors, prefilter_min=10_000)
    assert not index.approximate
    assert np.allclose(index.scores(q), vectors @ q, atol=1e-5)
    assert index.mean_score(q) == pytest.approx(float((vectors @ q).mean()), abs=1e-5)


def test_dense_index_projection_keeps_the_top_and_exact_rescores() -> None:
    vectors = _clustered(3000)
    q = _clustered(1, seed=5)[0]
    index = DenseIndex(vectors, prefilter_min=1000)
    assert index.approximate and index.projected is not None
    assert index.projected.shape == (3000, 64) and index.projected.flags.c_contiguous
    exact = vectors @ q
    approx = index.scores(q)
    assert np.corrcoef(approx, exact)[0, 1] > 0.95
    # the true top ten are among the 200 best by the projection
    assert set(np.argsort(-exact)[:10]) <= set(np.argsort(-approx)[:200])
    rows = np.array([0, 17, 2999])
    assert np.allclose(index.exact(q, rows), exact[rows], atol=1e-5)


def test_rescale_maps_mean_to_zero_and_best_to_one() -> None:
    raw = np.array([0.7, 0.8, 0.9], np.float32)
    assert rescale(raw, 0.8, 0.9).tolist() == pytest.approx([0.0, 0.0, 1.0])
    assert not rescale(raw, 0.9, 0.9).any()


def test_projected_matcher_ranks_like_the_exact_one(monkeypatch: pytest.MonkeyPatch) -> None:
    profiles = [
        Profile(id=f"x{i}", name=f"Labor {i}", type="ORG", text=f"Das Labor {i} arbeitet an Thema {i % 7}.")
        for i in range(400)
    ]
    vectors = _clustered(400, dim=384, seed=4)

    class Fixed:
        def query(self, text: str) -> np.ndarray:
            return vectors[123] + 0.01

        def passages(self, texts: list[str]) -> np.ndarray:
            return vectors

    exact = Matcher(profiles, embedder=Fixed(), embeddings=vectors)
    assert exact._dense is not None and not exact._dense.approximate
    monkeypatch.setattr(ranker, "DenseIndex", lambda v: DenseIndex(v, prefilter_min=100))
    monkeypatch.setattr(ranker, "RERANK_CANDIDATES", 50)
    projected = Matcher(profiles, embedder=Fixed(), embeddings=vectors)
    assert projected._dense is not None and projected._dense.approximate
    need = "Labor für Thema 4"
    assert [r.id for r in projected.match(need)] == [r.id for r in exact.match(need)]
    assert projected.score_all(need)[1]["dense"][123] == pytest.approx(1.0)


def test_lexical_postings_equal_the_sparse_product() -> None:
    matcher = Matcher(PROFILES, embedder=None, settings=MatchSettings(synonym_weight=0.0))
    need = "Forschungspartner für vorausschauende Wartung in Chemnitz"
    q = matcher._vectorizer.transform([need])
    reference = np.asarray(matcher._lex @ q.T.toarray()).ravel()
    assert np.allclose(matcher._lexical(need), reference / reference.max(), atol=1e-5)


def test_synonyms_of_a_named_concept_widen_the_lexical_signal() -> None:
    profile = Profile(id="ml", name="Zentrum M", type="ORG", text="Wir erforschen Künstliche Intelligenz.")
    other = Profile(id="o", name="Zentrum O", type="ORG", text="Wir bauen Brücken.")
    plain = Matcher([profile, other], embedder=None, settings=MatchSettings(synonym_weight=0.0))
    widened = Matcher([profile, other], embedder=None)
    need = "KI"
    assert plain._lexical(need, ["ki"])[0] == 0.0
    assert widened._lexical(need, ["ki"])[0] > widened._lexical(need, ["ki"])[1]


def test_need_is_embedded_once_and_failures_are_kept() -> None:
    calls: list[str] = []

    class Counting(KeywordEmbedder):
        def query(self, text: str) -> np.ndarray:
            calls.append(text)
            if "kaputt" in text:
                raise RuntimeError("model crashed")
            return super().query(text)

    matcher = Matcher(PROFILES, embedder=Counting())
    assert matcher.match("Wasserstoff Netzwerk", top=1)[0].name == "Wasserstoffnetzwerk Nord"
    assert len(calls) == 1
    assert matcher.match("Wasserstoff kaputt", top=1)
    assert any("model crashed" in w for w in matcher.warnings)


def test_need_is_embedded_without_request_boilerplate() -> None:
    seen: list[str] = []

    class Recording(KeywordEmbedder):
        def query(self, text: str) -> np.ndarray:
            seen.append(text)
            return super().query(text)

    need = "Wir suchen einen Partner für die vorausschauende Wartung unserer Pumpen."
    Matcher(PROFILES, embedder=Recording()).match(need)
    assert seen == ["vorausschauende Wartung unserer Pumpen."]
    assert sg.embedding_text("Wir suchen") == "Wir suchen"  # nothing left: embedded as written
    Matcher(PROFILES, embedder=Recording(), settings=MatchSettings(trim_need=False)).match(need)
    assert seen[-1] == need
