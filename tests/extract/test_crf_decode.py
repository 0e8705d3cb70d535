"""The numpy decoder gives crfsuite's own labels and marginals; the feature filter changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pycrfsuite
import pytest

from hafen.extract import crf
from hafen.extract.crf_decode import NumpyTagger
from hafen.extract.crf_features import KnownFeatures, sentence_features
from hafen.extract.tokens import source_text, tokenize
from hafen.extract.train import Example, fit

SENTENCES = [
    "Die Hochschule Flensburg und die Dänische Technische Universität forschen gemeinsam an Windenergie.",
    "„Wir wollen wachsen“, sagt Dr. Jana Nowak, Geschäftsführerin der Ostseewerk GmbH in Rostock.",
    "Konferenz",
    "Am 12. März eröffnet das Startup-Zentrum „Hafenlabor“ im Magdeburger Wissenschaftshafen.",
    "Prof. Dr. Ömer Yıldız (TU Chemnitz) leitet das Projekt SmartTex seit 2021.",
]


def _words() -> list[list[str]]:
    return [[t.text for t in seq] for text in SENTENCES for seq in crf.text_sequences(text)]


@pytest.fixture(scope="module")
def tagger() -> pycrfsuite.Tagger:
    if not crf.model_available():
        pytest.skip("no shipped CRF model")
    return crf.load_tagger(str(crf.MODEL_PATH))


def test_crf_decode_matches_crfsuite_labels_and_marginals(tagger: pycrfsuite.Tagger) -> None:
    fast = NumpyTagger(tagger)
    words = _words()
    decoded = fast.decode(words)
    assert len(decoded) == len(words)
    for sent, (path, probs) in zip(words, decoded, strict=True):
        expected = tagger.tag(sentence_features(sent))
        assert [fast.labels[k] for k in path] == expected
        for k, label in enumerate(expected):
            assert probs[k] == pytest.approx(tagger.marginal(label, k), abs=1e-6)


def test_crf_decode_restarts_a_full_word_table(tagger: pycrfsuite.Tagger) -> None:
    small = NumpyTagger(tagger, max_words=6)
    words = _words()
    for sent in words:  # one sentence at a time: the table overflows and restarts
        ((path, _probs),) = small.decode([sent])
        assert [small.labels[k] for k in path] == tagger.tag(sentence_features(sent))


def test_crf_decode_empty_input(tagger: pycrfsuite.Tagger) -> None:
    assert NumpyTagger(tagger).decode([]) == []


def test_crf_known_features_keep_only_model_attributes() -> None:
    words = _words()[1]
    full = sentence_features(words)
    known = frozenset(f for feats in full[::2] for f in feats)  # a model that knows half the tokens' features
    filtered = KnownFeatures(known).sentence(words)
    assert filtered == [[f for f in feats if f in known] for feats in full]
    assert sum(map(len, filtered)) < sum(map(len, full))


def test_tokens_source_text_is_the_input() -> None:
    text = "Die Universität zu Lübeck  forscht.\n\nNeue Zeile"
    sdoc = tokenize(text)
    assert source_text(sdoc) == text == sdoc.text


def test_crf_model_rewritten_in_place_is_read_again(tmp_path: Path) -> None:
    text = "Die Firma Zentrix GmbH wächst. Das Wetter ist heute gut."
    model = tmp_path / "m.crfsuite"
    found: list[set[str]] = []
    for label in ("ORG", "PLACE"):
        examples = [
            Example(f"t{i}", t, [(t.index(n), t.index(n) + len(n) + 5, label)])
            for i, n in enumerate(["Albris", "Kondra", "Velmar", "Ostrik", "Pandor", "Quellin"])
            for t in [f"Die Firma {n} GmbH wächst. Das Wetter ist heute gut."]
        ]
        fit(examples, model, iterations=50)
        os.utime(model, ns=(1, len(found) + 1))  # a distinct stamp even within one clock tick
        found.append({m.type for m in crf.tag_sequences(crf.text_sequences(text), text, model)})
    assert found == [{"ORG"}, {"PLACE"}]


def test_crf_decode_tagged_only_skips_marginals_of_untagged_sentences(tagger: pycrfsuite.Tagger) -> None:
    words = [*_words(), ["Das", "Wetter", "ist", "heute", "gut", "."]]
    fast = NumpyTagger(tagger)
    full = fast.decode(words)
    lean = fast.decode(words, tagged_only=True)
    outside = fast.labels.index("O")
    assert [path for path, _ in lean] == [path for path, _ in full]
    for (path, probs), (_, full_probs) in zip(lean, full, strict=True):
        if all(k == outside for k in path):
            assert probs == []
        else:
            assert probs == pytest.approx(full_probs, abs=1e-12)
    assert any(probs == [] for _, probs in lean) and any(probs for _, probs in lean)


def test_crf_learned_word_rows_are_the_sums_of_its_feature_strings(tagger: pycrfsuite.Tagger) -> None:
    import numpy as np

    from hafen.extract.crf_features import word_features

    fast = NumpyTagger(tagger)
    odd = ["„", "Dr.", "TU", "Start-up-Center.NRW", "ruhr:HUB", "Mitarbeiter:innen", "4.000", "x\n\ny"]
    odd += ["TU-2024.X"]  # five flags: its own slot is summed in another order than with fewer
    words = list(dict.fromkeys([*[w for sent in _words() for w in sent], *odd]))
    fast._learn(words)
    for w in words:
        own, seen_as = word_features(w)
        for slot, feats in enumerate((own, *seen_as)):
            # summed the way the decoder always summed the strings' rows (reduceat, in order)
            expected = np.add.reduceat(fast.matrix[[fast.attrs.get(f, 0) for f in feats]], [0], axis=0)[0]
            assert np.array_equal(fast._store[slot, fast._ids[w]], expected), (w, slot)
