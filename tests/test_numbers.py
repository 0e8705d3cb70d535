"""German and English number parsing and column typing."""

from __future__ import annotations

import pytest

from hafen.numbers import column_dtype, parse_amount, parse_cell, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2.717", 2717),
        ("15,7", 15.7),
        ("1.234.567,89", 1234567.89),
        ("10.000", 10000),
        ("-3,5", -3.5),
        ("−3,5", -3.5),
        ("10,0", 10.0),
        ("957", 957),
        ("71.355", 71355),
        ("1\u202f000", 1000),
    ],
)
def test_numbers_parse_german(text: str, expected: float) -> None:
    value = parse_number(text)
    assert value == pytest.approx(expected)
    assert type(value) is type(expected)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "12.34.5", "k. A.", "1,234.5"])
def test_numbers_parse_rejects_non_numbers(text: str) -> None:
    assert parse_number(text) is None


def test_numbers_single_dot_without_group_is_decimal() -> None:
    assert parse_number("15.7") == pytest.approx(15.7)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,234.5", 1234.5), ("10,000", 10000), ("15.7", 15.7), ("-0.25", -0.25)],
)
def test_numbers_parse_english(text: str, expected: float) -> None:
    assert parse_number(text, lang="en") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("3 Mio. €", 3_000_000, "€"),
        ("1,5 Mrd. Euro", 1_500_000_000, "€"),
        ("4,2 Millionen Euro", 4_200_000, "€"),
        ("20 %", 20, "%"),
        ("20%", 20, "%"),
        ("12 ha", 12, "ha"),
        ("500 m²", 500, "m²"),
        ("2.717", 2717, None),
    ],
)
def test_numbers_parse_amount(text: str, value: float, unit: str | None) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == pytest.approx(value)
    assert amount.unit == unit


def test_numbers_parse_amount_rejects_words() -> None:
    assert parse_amount("5 Äpfel") is None


@pytest.mark.parametrize("cell", ["-", "k. A.", "*", "", "–"])
def test_numbers_missing_cells(cell: str) -> None:
    assert parse_cell(cell) is None


@pytest.mark.parametrize(
    ("cells", "dtype"),
    [
        (["1.200", "957", "-", "k. A."], "int"),
        (["15,7", "33,9", "10,0", "*"], "float"),
        (["12", "3,5", "7"], "float"),
        (["Bochum", "Herne", "12"], "str"),
        (["-", "*"], "str"),
    ],
)
def test_numbers_column_dtype_by_majority(cells: list[str], dtype: str) -> None:
    assert column_dtype(cells) == dtype
