"""Sentence spans from the shared tokenizer."""

from __future__ import annotations

import pytest

from hafen.document import Document
from hafen.pipeline import load_stage


def sentences(text: str) -> list[str]:
    doc = load_stage("hafen.sentences.v1")(Document(source="t.txt", text=text, content_hash="t"))
    return [text[a:b] for a, b in doc.sentences]


def test_sentences_split_at_full_stops_and_line_breaks() -> None:
    text = "Leipzig wächst\nDie Stadt baut. Prof. Dr. Jana Weber sagt: „Gut.“ Das stimmt."
    got = sentences(text)
    assert got[0] == "Leipzig wächst"
    assert "Prof. Dr. Jana Weber sagt: „Gut.“" in " ".join(got)
    assert got[-1] == "Das stimmt."


@pytest.mark.parametrize(
    "text", ["Das Büro liegt in der Kampstr. 12 in Kiel.", "Das Start-up-Center.NRW wächst."]
)
def test_sentences_keep_abbreviated_names_whole(text: str) -> None:
    assert sentences(text) == [text]


def test_sentences_spans_are_trimmed_and_ordered() -> None:
    text = "  Erster Satz.  \n\n Zweiter Satz.  "
    doc = load_stage("hafen.sentences.v1")(Document(source="t.txt", text=text, content_hash="t"))
    assert [text[a:b] for a, b in doc.sentences] == ["Erster Satz.", "Zweiter Satz."]
    assert doc.sentences == sorted(doc.sentences)


def test_sentences_unseen_words_keep_the_punctuation_and_space_flags() -> None:
    from hafen.extract.tokens import tokenize

    # words the vocabulary has never seen: their lexemes are made with the trimmed getters
    sdoc = tokenize("Die Qwxzbauwerke zünden⁂ neu…\n\nDanach: Zyxwerk!")
    assert [t.text for t in sdoc if t.is_punct] == ["…", ":", "!"]
    assert [t.text for t in sdoc if t.is_space] == ["\n\n"]
    assert sentences("Die Qwxzbauwerke wachsen!!! Zyxwerk folgt (bald.) Dann Qwxz.") == [
        "Die Qwxzbauwerke wachsen!!!",
        "Zyxwerk folgt (bald.)",
        "Dann Qwxz.",
    ]
