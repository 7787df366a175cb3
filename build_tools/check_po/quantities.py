"""Numbers and the units that go with them, read the way each language writes them.

"1,5 mg" in Spanish and "1.5 mg" in English are the same quantity; so are
"2 500 mL" in French and "2,500 mL" in English, and "٣٩ °م" in Arabic and
"39 °C".  Time words (hours, horas, heures, 小时, ساعات) are not compared,
only their numbers; symbol units are compared strictly, with the local
spellings of the same symbol (mL and ml, °C and ℃, mg and 毫克) as one.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal

from .contacts import LONG_DIGITS, ascii_digits, digit_string
from .language import LanguageInfo

# Canonical unit -> the ways translations write it.  Only units whose
# confusion changes a dose, a size or a temperature are listed.
_UNITS: dict[str, tuple[str, ...]] = {
    "mg": (
        "mg",
        "milligrams",
        "milligram",
        "miligramos",
        "miligramo",
        "milligrammes",
        "milligramme",
        "毫克",
        "ملغ",
        "ملغم",
        "ملجم",
        "مجم",
        "مغ",
    ),
    "g": ("g", "grams", "gram", "gramos", "gramo", "grammes", "gramme", "克", "غرام", "غ", "جم"),
    "kg": (
        "kg",
        "kilograms",
        "kilogram",
        "kilogramos",
        "kilogramo",
        "kilogrammes",
        "kilogramme",
        "公斤",
        "千克",
        "كغ",
        "كجم",
        "كيلوغرام",
    ),
    "mcg": (
        "mcg",
        "µg",
        "μg",
        "ug",
        "micrograms",
        "microgram",
        "microgramos",
        "microgramo",
        "microgrammes",
        "microgramme",
        "微克",
        "ميكروغرام",
    ),
    "ng": ("ng", "纳克"),
    "mL": (
        "mL",
        "ml",
        "millilitres",
        "milliliters",
        "millilitre",
        "milliliter",
        "mililitros",
        "mililitro",
        "毫升",
        "مل",
    ),
    "L": ("L", "l", "litres", "liters", "litre", "liter", "litros", "litro", "升", "لتر"),
    "dL": ("dL", "dl"),
    "cc": ("cc",),
    "mm": ("mm", "millimetres", "millimeters", "milímetros", "millimètres", "毫米", "مم"),
    "cm": ("cm", "centimetres", "centimeters", "centímetros", "centimètres", "厘米", "公分", "سم"),
    "m": ("m", "metres", "meters", "metros", "mètres", "米"),
    "km": ("km", "kilometres", "kilometers", "kilómetros", "kilomètres", "公里", "千米", "كم"),
    "mm²": ("mm²",),
    "cm²": ("cm²",),
    "m²": ("m²",),
    "mm³": ("mm³",),
    "cm³": ("cm³",),
    "°C": (
        "°C",
        "ºC",
        "˚C",
        "° C",
        "℃",
        "degrees Celsius",
        "grados centígrados",
        "grados Celsius",
        "degrés Celsius",
        "摄氏度",
        "°م",
        "درجة مئوية",
        "درجات مئوية",
    ),
    "°F": (
        "°F",
        "ºF",
        "˚F",
        "° F",
        "℉",
        "degrees Fahrenheit",
        "grados Fahrenheit",
        "degrés Fahrenheit",
        "华氏度",
        "°ف",
        "درجة فهرنهايت",
    ),
    "°": ("°",),
    "%": ("%", "٪", "percent", "per cent", "por ciento", "pour cent", "pour-cent"),
    "IU": (
        "IU",
        "UI",
        "U.I.",
        "international units",
        "unidades internacionales",
        "unités internationales",
        "国际单位",
        "وحدة دولية",
    ),
    "mmHg": ("mmHg", "mm Hg", "毫米汞柱", "ملم زئبق"),
    "mmol": ("mmol",),
    "µmol": ("µmol", "μmol", "umol"),
    "mEq": ("mEq",),
    "Gy": ("Gy", "戈瑞", "غراي"),
    "cGy": ("cGy",),
    "mSv": ("mSv",),
    "GBq": ("GBq",),
    "MBq": ("MBq",),
    "mCi": ("mCi",),
    "kcal": ("kcal", "千卡"),
    # Catheter and needle sizes in interventional radiology.
    "Fr": ("Fr", "French"),
    "G": ("G", "gauge"),
}
_ALIASES = {alias: unit for unit, aliases in _UNITS.items() for alias in aliases}


# A letter of an alphabet: after "g" it makes a word ("gotas"), while a
# Chinese or Japanese character may follow a unit directly ("250 mL水").
_ALPHABET_LETTER = r"(?![\u2e80-\u9fff\u3040-\u30ff\uac00-\ud7af\uf900-\ufaff])[^\W\d_]"


def _alias_pattern(alias: str) -> str:
    pattern = re.escape(alias).replace(r"\ ", r"\s+")
    last = alias[-1]
    if last.isalpha() and not 0x2E80 <= ord(last) <= 0x9FFF:
        # "g" must not be the start of "gotas", nor "l" the French "l'".
        pattern += rf"(?!{_ALPHABET_LETTER}|['’])"
    return pattern


_UNIT = re.compile(
    r"[ \u00a0\u202f\u2009\-]?(?P<unit>"
    + "|".join(_alias_pattern(a) for a in sorted(_ALIASES, key=len, reverse=True))
    + ")"
)
_PER_UNIT = re.compile(
    r"/(?P<unit>"
    + "|".join(_alias_pattern(a) for a in sorted(_ALIASES, key=len, reverse=True))
    + ")"
)
# Between two numbers, these make a range or list that shares the last unit:
# "2-3 mg", "2 a 3 mg", "2 或 3 毫克".
_RANGE_JOIN = re.compile(
    r"\s*(?:[-–—~～−,、]|to|and|or|a|à|y|o|et|ou|e|und|bis|或|至|到|和|و|إلى|أو)\s*", re.IGNORECASE
)
# U+2212 is always a minus sign.  A hyphen is one after a space, a bracket
# or a Chinese character ("-5 °C", "在-20 °C"), but not in "PEP-0420".
_SIGN = r"(?:(?P<sign>−|(?<![^\s(\[=\u2e80-\u9fff\u3000-\u303f\uff00-\uffef])-)(?=\d))?"
# Not inside a word, nor after "1." of an identifier such as "v1.2.3".
_START = r"(?<![A-Za-z_\d])(?<!\d[.,\u066b\u066c])"
_GROUP_MARKS = r"[\u066c'’\u00a0\u202f\u2009]"


@functools.cache
def _number_pattern(space_groups: bool) -> re.Pattern[str]:
    group = _GROUP_MARKS if not space_groups else r"[\u066c'’\u00a0\u202f\u2009 ]"
    return re.compile(
        _SIGN + _START + r"(?P<body>\d+(?:(?:[.,\u066b]|" + group + r"(?=\d{3}(?!\d)))\d+)*)"
    )


@dataclass(frozen=True)
class Quantity:
    value: str
    unit: str | None
    text: str
    start: int
    end: int


def _compatibility_forms(text: str) -> str:
    """Fold full-width digits, vulgar fractions and CJK unit signs (㎎, ㎖) to plain forms."""
    out = []
    for char in text:
        code = ord(char)
        if 0xFF01 <= code <= 0xFF5E or 0x3380 <= code <= 0x33FF or char in "½⅓⅔¼¾⅕⅛":
            out.append(unicodedata.normalize("NFKC", char).replace("\u2044", "/"))
        else:
            out.append(char)
    return "".join(out)


def _decimal_index(seps: list[str], groups: list[str], lang: LanguageInfo) -> int | None:
    """Which separator, if any, is the decimal one: only the last can be."""
    last = len(seps) - 1
    sep, after = seps[last], groups[-1]
    if sep == "\u066b":
        return last
    if sep not in ".," or seps.count(sep) > 1:
        return None
    if sep == lang.decimal:
        return last
    if sep == lang.group or sep == ",":
        # Three digits after a grouping mark make a thousands group.
        return last if len(after) != 3 else None
    # "." in a language that uses neither: the international decimal point.
    return last


def _read_number(body: str, lang: LanguageInfo) -> list[tuple[str, str]]:
    """(integer digits, fraction digits) for each number the written form holds."""
    ascii_body = ascii_digits(body)
    groups = re.split(r"\D", ascii_body)
    seps = re.findall(r"\D", ascii_body)
    if not seps:
        return [(ascii_body, "")]
    decimal_at = _decimal_index(seps, groups, lang)
    for index, sep in enumerate(seps):
        if index != decimal_at and (len(groups[index + 1]) != 3 or sep == "\u066b"):
            return _not_a_number(ascii_body, groups)
    if decimal_at is None:
        return [("".join(groups), "")]
    return [("".join(groups[: decimal_at + 1]), groups[decimal_at + 1])]


def _not_a_number(ascii_body: str, groups: list[str]) -> list[tuple[str, str]]:
    """Parts that do not make one number: a list ("1,2,3") is read number by
    number, a dotted form (a version "2.5.1", a date "12.01.2026") as a whole."""
    if "," in ascii_body:
        return [(group, "") for group in groups]
    return [(ascii_body, "")]


def _canonical(integer: str, fraction: str, negative: bool) -> str:
    if not integer.isdigit():
        return integer  # a dotted form, compared as written
    value = Decimal(f"{integer}.{fraction or '0'}").normalize()
    text = format(value, "f")
    return f"-{text}" if negative and value != 0 else text


def _unit_after(text: str, position: int) -> tuple[str | None, int]:
    match = _UNIT.match(text, position)
    if match is None:
        return None, position
    unit, end = _ALIASES[re.sub(r"\s+", " ", match.group("unit"))], match.end()
    # "mg/kg" and "mg/mL" are units of their own; "mg/día" keeps only mg,
    # because "per day" is a word in the translation.
    while (per := _PER_UNIT.match(text, end)) is not None:
        unit += "/" + _ALIASES[re.sub(r"\s+", " ", per.group("unit"))]
        end = per.end()
    return unit, end


def extract_quantities(text: str, lang: LanguageInfo) -> tuple[list[Quantity], dict[str, str]]:
    """Quantities, and the long digit strings (7+ digits) to compare as phone numbers."""
    text = _compatibility_forms(text)
    quantities: list[Quantity] = []
    long_numbers: dict[str, str] = {}
    for match in _number_pattern(lang.groups_with_space).finditer(text):
        if _joined_to_word(text, match.start("body")):
            continue
        numbers = _read_number(match.group("body"), lang)
        unit, end = _unit_after(text, match.end())
        if unit is None and _percent_before(text, match.start()):
            unit = "%"
        spans = _part_spans(match, numbers)
        pairs = enumerate(zip(numbers, spans, strict=True))
        for index, ((integer, fraction), (start, part_end)) in pairs:
            if not fraction and integer.isdigit() and len(integer) >= LONG_DIGITS:
                long_numbers[digit_string(integer)] = text[start:part_end]
                continue
            # A unit belongs to the last number of a split form only.
            is_last = index == len(numbers) - 1
            quantities.append(
                Quantity(
                    value=_canonical(integer, fraction, match.group("sign") is not None),
                    unit=unit if is_last else None,
                    text=text[start : end if is_last else part_end],
                    start=start,
                    end=end if is_last else part_end,
                )
            )
    return _share_range_units(text, quantities), long_numbers


def _part_spans(match: re.Match[str], numbers: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """Where each number of a written form is: the whole form, or each part of
    a list ("1,2,3") on its own, so that a long list is not copied per part."""
    if len(numbers) == 1:
        return [match.span()]
    spans, position = [], match.start("body")
    for integer, _ in numbers:
        spans.append((position, position + len(integer)))
        position += len(integer) + 1
    spans[0] = (match.start(), spans[0][1])
    return spans


def _percent_before(text: str, start: int) -> bool:
    """A percent sign written before the number ("%50" in Turkish, "٪٥٠" in Arabic)."""
    before = text[max(0, start - 2) : start]
    return before[-1:] in ("%", "٪") or (before[-1:].isspace() and before[:1] in ("%", "٪"))


def _joined_to_word(text: str, start: int) -> bool:
    """Digits joined to a letter are part of a name (EPUB3, ई-पब3), except in
    scripts that write numbers against words (共3个, 3개)."""
    if start == 0:
        return False
    before = ord(text[start - 1])
    return text[start - 1].isalpha() and not (
        0x2E80 <= before <= 0x9FFF
        or 0xAC00 <= before <= 0xD7AF
        or 0xF900 <= before <= 0xFAFF
        or 0x0E00 <= before <= 0x0E7F
    )


def _share_range_units(text: str, quantities: list[Quantity]) -> list[Quantity]:
    result = list(quantities)
    for index in range(len(result) - 2, -1, -1):
        current, following = result[index], result[index + 1]
        if (
            current.unit is None
            and following.unit is not None
            and _RANGE_JOIN.fullmatch(text, current.end, following.start)
        ):
            result[index] = replace(current, unit=following.unit)
    return result


def describe(quantity: Quantity) -> str:
    """How a quantity is shown in a message: as written, with its value if that differs."""
    shown = quantity.text.strip()
    plain = quantity.value + (f" {quantity.unit}" if quantity.unit else "")
    if shown.replace("\u00a0", " ").replace("\u202f", " ") in (plain, plain.replace(" ", "")):
        return shown
    return f"{shown} (= {plain})"
