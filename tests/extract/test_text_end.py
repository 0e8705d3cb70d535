"""A text may stop anywhere: every rule that looks at the next token must find the end.

Each sentence is cut after every token and the whole pipeline runs on the cut text. A
document that ends mid-sentence ("… dank dem Land") is normal input: a clipped teaser, a
heading, a table cell, the last line of a PDF page.
"""

from __future__ import annotations

import re

import pytest

from hafen.document import Document
from hafen.pipeline import Pipeline

SENTENCES = [
    # a Land as public body, a research society with its acronym, a person's initial
    "Gefördert wird das Vorhaben vom Land Sachsen-Anhalt und der Fraunhofer IFF in Magdeburg.",
    "Wir danken dem Land",
    "Das sagte Anna M. Kowalczyk, Leiterin der Stabsstelle Innovation der Stadt Jena.",
    # site and street heads, a town noun, a descriptor before a name, a legal form at the end
    "Der Technologiepark Heidelberg liegt an der Bergheimer Straße, nahe dem Campus Neuenheimer Feld.",
    "Die Hansestadt Rostock und der Medizintechnikhersteller Nordlicht Sensorik GmbH",
    "Zu Gast ist der Verein Digitale Region e. V.",
    # an event and a project head, a quoted name, a defined abbreviation
    "Beim Innovationstag Mittelstand stellte das Projekt „Grüner Hafen“ des Zentrums für "
    "Angewandte Forschung (ZAF) seine Ergebnisse vor.",
    "rund 1.200 Beschäftigte und 3 Mio. €",
]


def _prefixes(sentence: str) -> list[str]:
    """The sentence cut after each of its words and punctuation marks."""
    return [sentence[: m.end()] for m in re.finditer(r"\w+|[^\w\s]", sentence)]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.mark.parametrize("sentence", SENTENCES, ids=lambda s: s[:30])
def test_every_cut_of_a_sentence_extracts(pipeline: Pipeline, sentence: str) -> None:
    for k, text in enumerate(_prefixes(sentence)):
        doc = pipeline(Document(source=f"cut{k}.txt", text=text, content_hash=str(k)))
        for m in doc.mentions:
            assert 0 <= m.start < m.end <= len(text), (text, m)
            assert text[m.start : m.end] == m.text


def test_land_at_the_end_of_a_text_is_no_public_body(pipeline: Pipeline) -> None:
    doc = pipeline(Document(source="land.txt", text="Wir danken dem Land", content_hash="x"))
    assert not [e for e in doc.entities if e.type == "ORG"]
    whole = pipeline(Document(source="nrw.txt", text="Es fördert das Land Niedersachsen.", content_hash="y"))
    assert ("Land Niedersachsen", "ORG") in {(e.name, e.type) for e in whole.entities}
