"""German (and English) number parsing: "2.717" → 2717, "15,7" → 15.7, "1,5 Mrd. Euro" → 1.5e9.

German writes thousands with dots (or thin spaces) and decimals with a comma; English the
other way round. A lone separator followed by exactly three digits is a thousands separator
("10.000"), otherwise a decimal ("15,7"); the segment language decides the convention.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# Multipliers written after a number; keys are case-folded and without the trailing dot.
MULTIPLIERS: dict[str, float] = {
    "tsd": 1e3,
    "tausend": 1e3,
    "k": 1e3,
    "mio": 1e6,
    "million": 1e6,
    "millionen": 1e6,
    "mill": 1e6,
    "mrd": 1e9,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "bn": 1e9,
    "billion": 1e9,  # English "billion" only; the segment language is checked by the caller
    "m": 1e6,
}

UNITS: dict[str, str] = {
    "€": "€",
    "eur": "€",
    "euro": "€",
    "$": "$",
    "usd": "$",
    "dollar": "$",
    "%": "%",
    "prozent": "%",
    "percent": "%",
    "ha": "ha",
    "hektar": "ha",
    "m²": "m²",
    "m2": "m²",
    "qm": "m²",
    "quadratmeter": "m²",
    "km": "km",
    "km²": "km²",
    "kilometer": "km",
    "meter": "m",
    "mw": "MW",
    "gw": "GW",
    "kw": "kW",
    "megawatt": "MW",
    "gigawatt": "GW",
    "kilowatt": "kW",
    "quadratmetern": "m²",
    "metern": "m",
    "kilometern": "km",
}

# Cells that mean "no value" in German statistics tables.
MISSING = frozenset({"", "-", "–", "—", "k. a.", "k.a.", "n. a.", "n.a.", "*", ".", "x", "/"})

_SIGN = "[-−–+]?"
_NUMBER_RE = re.compile(rf"^{_SIGN}\d[\d.,\u202f\u00a0' ]*$")
_AMOUNT_RE = re.compile(rf"^\s*(?P<num>{_SIGN}\d[\d.,\u202f\u00a0]*?)\s*(?P<rest>[^\d\s][^\d]*)?$")


def parse_number(text: str, lang: str | None = "de") -> float | int | None:
    """Parse a bare number; ints stay ints. ``None`` when ``text`` is not a number."""
    s = text.strip().replace("\u2212", "-").replace("–", "-")
    if not s or not _NUMBER_RE.match(s):
        return None
    sign = -1 if s.startswith("-") else 1
    s = s.lstrip("+-").replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace("'", "")
    thousands, decimal = (",", ".") if lang == "en" else (".", ",")
    if thousands in s and decimal in s:
        if s.rfind(decimal) < s.rfind(thousands):
            return None  # "1,234.5" in German text: ambiguous, refuse rather than guess
        int_part, frac = s.rsplit(decimal, 1)
        if not _valid_grouping(int_part, thousands):
            return None
        return sign * float(int_part.replace(thousands, "") + "." + frac)
    if thousands in s:
        if not _valid_grouping(s, thousands):
            # "15.7" in German text: a single separator without a group of three is a decimal
            if s.count(thousands) == 1:
                return sign * float(s.replace(thousands, "."))
            return None
        return sign * int(s.replace(thousands, ""))
    if decimal in s:
        if s.count(decimal) > 1:
            return None
        return sign * float(s.replace(decimal, "."))
    return sign * int(s)


def _valid_grouping(s: str, sep: str) -> bool:
    parts = s.split(sep)
    return 1 <= len(parts[0]) <= 3 and all(len(p) == 3 and p.isdigit() for p in parts[1:]) and len(parts) > 1


@dataclass(frozen=True, slots=True)
class Amount:
    value: float
    unit: str | None
    multiplier: float = 1.0


def parse_amount(text: str, lang: str | None = "de") -> Amount | None:
    """Parse "3 Mio. €", "1,5 Mrd. Euro", "20 %", "2.717": the value is multiplied out."""
    m = _AMOUNT_RE.match(text)
    if not m:
        return None
    num = parse_number(m["num"], lang)
    if num is None:
        return None
    mult, unit = 1.0, None
    for word in (m["rest"] or "").split():
        key = word.rstrip(".").casefold()
        if key in MULTIPLIERS and mult == 1.0 and unit is None:
            mult = MULTIPLIERS[key]
        elif key in UNITS or word in UNITS:
            unit = UNITS.get(key, UNITS.get(word))
        else:
            return None
    value = num * mult
    return Amount(value=float(value), unit=unit, multiplier=mult)


def parse_cell(text: str, lang: str | None = "de") -> int | float | str | None:
    """A table cell as a typed value: int, float, the stripped string, or None when missing."""
    s = text.strip()
    if s.casefold() in MISSING:
        return None
    num = parse_number(s, lang)
    if num is not None:
        return num
    amount = parse_amount(s, lang)
    if amount is not None and amount.unit == "%":
        return amount.value
    return s


def column_dtype(cells: list[str], lang: str | None = "de") -> str:
    """ "int", "float" or "str" by majority of the non-missing cells; floats absorb ints."""
    kinds: Counter[str] = Counter()
    for cell in cells:
        value = parse_cell(cell, lang)
        if value is None:
            continue
        kinds["str" if isinstance(value, str) else "float" if isinstance(value, float) else "int"] += 1
    if not kinds:
        return "str"
    numeric = kinds["int"] + kinds["float"]
    if numeric <= kinds["str"]:
        return "str"
    return "float" if kinds["float"] else "int"


def coerce(text: str, dtype: str, lang: str | None = "de") -> int | float | str | None:
    """The cell ``text`` as a value of the column type ``dtype`` (str cells stay strings)."""
    value = parse_cell(text, lang)
    if value is None:
        return None
    if dtype == "str":
        return text.strip()
    if isinstance(value, str):
        return value
    return float(value) if dtype == "float" else int(value) if float(value).is_integer() else value
