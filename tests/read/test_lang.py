from __future__ import annotations

import pytest

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


_GERMAN = (
    "Die Stadt Kiel und die Christian-Albrechts-Universität wollen den Wissenstransfer in der "
    "Region stärken. Im neuen Gründungszentrum am Ostufer sollen bis 2027 rund 40 Start-ups "
    "Platz finden, die sich mit Meerestechnik, Wasserstoff und Künstlicher Intelligenz befassen. "
    "Gefördert wird das Vorhaben vom Land Schleswig-Holstein aus Mitteln des Wirtschaftsministeriums."
)
_ENGLISH = (
    "The city of Kiel and its university want to strengthen the transfer of knowledge in the region. "
    "The new start-up centre on the east bank is planned to host around 40 companies that work on "
    "marine technology, hydrogen and artificial intelligence, with funding from the state government."
)


def test_lang_unmistakable_samples_need_no_statistical_model(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = {text: lang._lingua(text) for text in (_GERMAN, _ENGLISH)}
    assert expected == {_GERMAN: "de", _ENGLISH: "en"}

    def refuse(sample: str) -> str | None:
        raise AssertionError(f"lingua asked about {sample[:40]!r}")

    monkeypatch.setattr(lang, "_lingua", refuse)
    assert lang.detect(_GERMAN) == "de"
    assert lang.detect(_ENGLISH) == "en"


def test_lang_mixed_or_sparse_samples_go_to_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    mixed = _ENGLISH + " " + _GERMAN
    asked: list[str] = []
    real = lang._lingua

    def spy(sample: str) -> str | None:
        asked.append(sample)
        return real(sample)

    monkeypatch.setattr(lang, "_lingua", spy)
    assert lang.detect(mixed) == real(mixed[: lang.SAMPLE_CHARS])
    headline = "Wasserstoff-Offensive: Kiel setzt auf Meerestechnik und Künstliche Intelligenz"
    assert lang.detect(headline) == "de"
    assert len(asked) == 2  # English and German function words together; too few function words
