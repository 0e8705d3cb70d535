"""The lemma key and the shipped reference data."""

from __future__ import annotations

import pytest

from hafen.extract.lexicon import inflections, lemma_key, places, topic_forms


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("des Lamarr-Instituts", "Lamarr-Institut"),
        ("Technischen Universität Dresden", "TU Dresden"),
        ("Königstr.", "Königstraße"),
        ("Leipziger Wirtschaftsförderung", "Wirtschaftsförderung Leipzig"),
        ("Muster GmbH", "Muster"),
        ("Masterplans Wissenschaft 2.0", "Masterplan Wissenschaft 2.0"),
    ],
)
def test_lexicon_lemma_key_joins_inflected_forms(a: str, b: str) -> None:
    assert lemma_key(a.removeprefix("des ")) == lemma_key(b)


def test_lexicon_lemma_key_keeps_different_names_apart() -> None:
    assert lemma_key("Universität Bonn") != lemma_key("Universität Köln")


def test_lexicon_places_cover_towns_districts_and_genitives() -> None:
    table = places()
    assert table["Karlsruhe"].lat is not None and table["Karlsruhe"].kind == "city"
    assert (
        table["Kreis Unna"].kind == "region"
        and table["Unna (Kreis)"].source_id == table["Kreis Unna"].source_id
    )
    assert table["Sachsens"].name == "Sachsen"
    assert table["Essen"].ambiguous and not table["Stuttgart"].ambiguous


def test_lexicon_topic_inflections() -> None:
    assert "Künstlicher Intelligenz" in inflections("Künstliche Intelligenz")
    assert topic_forms()["künstlichen intelligenz"] == "Künstliche Intelligenz"
    assert topic_forms()["ki"] == "Künstliche Intelligenz"


@pytest.mark.parametrize("form", ["Robotik Nord e. V.", "Robotik Nord e.V.", "Robotik Nord"])
def test_lexicon_lemma_key_drops_the_registered_association_form(form: str) -> None:
    assert lemma_key(form) == "robotik nord"
