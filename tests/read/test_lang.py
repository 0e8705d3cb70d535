from __future__ import annotations

from hafen.read import lang


def test_lang_detects_german() -> None:
    text = "Die Wirtschaftsförderung Dortmund unterstützt Gründerinnen und Gründer im Hafenquartier."
    assert lang.detect(text) == "de"


def test_lang_detects_english() -> None:
    text = "The Dortmund business development agency supports founders in the harbour district."
    assert lang.detect(text) == "en"


def test_lang_too_little_text_is_none() -> None:
    assert lang.detect("Dortmund 2024") is None
    assert lang.detect("1.204\t312.500\t4,7") is None


def test_lang_dominant_counts_characters() -> None:
    assert lang.dominant([("en", 100), ("de", 80), ("de", 30), (None, 500)]) == "de"
    assert lang.dominant([(None, 10)]) is None


def test_lang_quick_guess_on_function_words() -> None:
    assert lang.quick_guess("Das ist der Plan für die Stadt und die Region mit den Hochschulen.") == "de"
    assert lang.quick_guess("This is the plan for the city and the region with the universities.") == "en"
