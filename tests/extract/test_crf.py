"""The CRF entity tagger: features, BIO round trips, learning, and the shipped model."""

from __future__ import annotations

from pathlib import Path

import pytest

from hafen.document import Document, content_hash
from hafen.extract import crf
from hafen.extract.crf_features import sentence_features, word_features, word_shape
from hafen.extract.train import Example, fit


def make_doc(text: str) -> Document:
    return Document(source="test.txt", text=text, content_hash=content_hash(text.encode()))


def test_crf_features_real_german_sentence() -> None:
    words = [
        "„",
        "Wir",
        "forschen",
        "am",
        "Fraunhofer-Institut",
        "“",
        ",",
        "sagt",
        "Prof.",
        "Dr.",
        "Anna",
        "Keller",
        ",",
        "Geschäftsführer*in",
        "der",
        "Nordwerk",
        "GmbH",
    ]
    feats = sentence_features(words)
    assert len(feats) == len(words)
    assert "BOS" in feats[0] and "qmark" in feats[0]
    assert "inq" in feats[4] and "hyph" in feats[4] and "c=orgsuf" in feats[4]
    assert "inq" not in feats[7]  # after the closing quote
    assert "c=title" in feats[8] and "c=role" in feats[13] and "star" in feats[13]
    assert "c=org" in feats[16] and "-1w=nordwerk" in feats[16] and "-2w=der" in feats[16]
    assert "+1w=keller" in feats[10]
    assert "EOS" in feats[-1]


@pytest.mark.parametrize(
    ("word", "shape"), [("Fraunhofer-IPA", "Xx-X"), ("smart:LAB", "x:X"), ("2024", "d"), ("Straße", "Xx")]
)
def test_crf_word_shape(word: str, shape: str) -> None:
    assert word_shape(word) == shape


def test_crf_word_features_frequency_buckets() -> None:
    common = dict(f.split("=", 1) for f in word_features("und")[0] if "=" in f)
    rare = dict(f.split("=", 1) for f in word_features("Quantiqlabs")[0] if "=" in f)
    assert int(common["z"]) >= 5
    assert rare["z"] == "0"


def test_crf_sequences_split_sentences_and_lines() -> None:
    seqs = crf.text_sequences("Titel der Seite\nDie Universität Kiel forscht. Sie wächst.")
    assert [[t.text for t in s] for s in seqs] == [
        ["Titel", "der", "Seite"],
        ["Die", "Universität", "Kiel", "forscht", "."],
        ["Sie", "wächst", "."],
    ]


def test_crf_bio_round_trip_exact_offsets() -> None:
    text = "Dr. Anna Keller leitet die Nordwerk GmbH. In Jena wächst die Photonik."
    spans = [(4, 15, "PERSON"), (27, 40, "ORG"), (45, 49, "PLACE"), (61, 69, "TOPIC")]
    assert [text[s:e] for s, e, _ in spans] == ["Anna Keller", "Nordwerk GmbH", "Jena", "Photonik"]
    decoded = []
    for seq in crf.text_sequences(text):
        labels = crf.encode_bio(seq, spans)
        decoded += [(s, e, t) for s, e, t, _, _ in crf.decode_bio(seq, labels)]
    assert decoded == spans


def test_crf_bio_span_inside_token_is_left_out() -> None:
    seq = crf.text_sequences("Die KI-Strategie kommt.")[0]
    assert crf.encode_bio(seq, [(4, 6, "TOPIC")]) == ["O"] * len(seq)


def test_crf_decode_stray_inside_label_opens_span() -> None:
    seq = crf.text_sequences("in Kiel und Jena")[0]
    assert crf.decode_bio(seq, ["O", "I-PLACE", "O", "B-PLACE"]) == [
        (3, 7, "PLACE", 1, 2),
        (12, 16, "PLACE", 3, 4),
    ]


@pytest.mark.parametrize(
    ("etype", "text", "subtype"),
    [
        ("ORG", "Hochschule Karlsruhe", "university"),
        ("ORG", "Fraunhofer IPA", "research"),
        ("ORG", "Nordwerk GmbH", "company"),
        ("ORG", "IHK Region Stuttgart", "public"),
        ("ORG", "Silicon Saxony e. V.", "network"),
        ("PLACE", "Albert-Nestler-Straße", "site"),
        ("PLACE", "Kreis Steinfurt", "region"),
        ("PLACE", "Leipzig", "city"),
        ("TOPIC", "KI", None),
    ],
)
def test_crf_guess_subtype(etype: str, text: str, subtype: str | None) -> None:
    assert crf.guess_subtype(etype, text) == subtype


def test_crf_learns_pattern_from_tiny_corpus(tmp_path: Path) -> None:
    names = ["Albris", "Kondra", "Velmar", "Ostrik", "Pandor", "Quellin", "Rubex", "Sarnow"]
    examples = []
    for i, name in enumerate(names):
        text = f"Die Firma {name} GmbH wächst. Das Wetter ist heute gut."
        start = text.index(name)
        examples.append(Example(f"t{i}", text, [(start, start + len(name) + 5, "ORG")]))
    model = fit(examples, tmp_path / "tiny.crfsuite", iterations=50)
    crf.load_tagger.cache_clear()
    text = "Die Firma Zentrix GmbH wächst. Das Wetter ist heute gut."
    found = crf.tag_sequences(crf.text_sequences(text), text, model)
    assert [(m.text, m.type, m.method) for m in found] == [("Zentrix GmbH", "ORG", "crf")]
    assert 0.5 < found[0].confidence <= 1.0


def test_crf_shipped_model_finds_org_in_new_sentence() -> None:
    assert crf.model_available(), "ship src/hafen/data/models/ner.crfsuite (python -m hafen.extract.train)"
    doc = make_doc("Die Hochschule Karlsruhe kooperiert mit der Firma Nordwerk GmbH.")
    found = crf.predict_mentions(doc, min_confidence=0.0)
    assert {(m.text, m.type, m.subtype) for m in found} >= {
        ("Hochschule Karlsruhe", "ORG", "university"),
        ("Nordwerk GmbH", "ORG", "company"),
    }
    for m in found:
        assert doc.text[m.start : m.end] == m.text and m.method == "crf"


def test_crf_shipped_model_finds_person_with_title_and_role() -> None:
    doc = make_doc(
        "„Wir wachsen weiter“, sagt Dr. Jana Albers, Geschäftsführerin der Quellwerk GmbH aus Rostock."
    )
    found = {(m.text, m.type) for m in crf.predict_mentions(doc, min_confidence=0.0)}
    assert ("Jana Albers", "PERSON") in found
    assert ("Rostock", "PLACE") in found


def test_crf_missing_model_yields_no_mentions(tmp_path: Path) -> None:
    assert crf.predict_mentions(make_doc("Die RWTH Aachen forscht."), tmp_path / "none.crfsuite") == []


@pytest.mark.parametrize("word", ["und", "Hochschule", "Straße", "Fraunhofer-Institut", "Dortmunds"])
def test_crf_zipf_table_lookup_agrees_with_wordfreq(word: str) -> None:
    from wordfreq import zipf_frequency

    from hafen.extract.crf_features import zipf_of

    assert abs(zipf_of(word.lower()) - zipf_frequency(word, "de")) < 0.05


def test_crf_confidence_floor_filters_mentions() -> None:
    doc = make_doc("Die RWTH Aachen und das Fraunhofer IPT forschen in Aachen zur Robotik.")
    everything = crf.predict_mentions(doc, min_confidence=0.0)
    assert everything
    assert crf.predict_mentions(doc, min_confidence=1.01) == []
    assert all(m.confidence >= crf.MIN_CONFIDENCE for m in crf.predict_mentions(doc))


def test_crf_propagate_tags_further_occurrences_once() -> None:
    from hafen.document import Mention

    text = "Die Nordwerk GmbH wächst. Nordwerk GmbH baut, Nordwerk GmbHs Halle steht."
    first = Mention(4, 17, "Nordwerk GmbH", "ORG", subtype="company", method="crf", confidence=0.95)
    weak = Mention(47, 55, "Nordwerk", "ORG", method="crf", confidence=0.4)
    out = crf.propagate(text, [first, weak])
    assert [(m.start, m.end, m.type) for m in out] == [(4, 17, "ORG"), (26, 39, "ORG"), (47, 55, "ORG")]
    assert out[1].confidence == 0.95 and out[1].subtype == "company"
