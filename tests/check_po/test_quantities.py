"""Numbers, units and phone numbers, read each language's way."""

from __future__ import annotations

import pytest

from build_tools.check_po.content import check_content, read_content
from build_tools.check_po.language import language_info


def quantities(text, language):
    content = read_content(text, language_info(language), set())
    return sorted((q.value, q.unit) for q in content.quantities)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "1,500 mg", [("1500", "mg")]),
        ("en", "1.5 mL", [("1.5", "mL")]),
        ("es", "1,5 ml", [("1.5", "mL")]),
        ("es", "1.500 mg", [("1500", "mg")]),
        # In Spanish, "1,500" is one and a half: left unchanged, it misleads.
        ("es", "1,500 mg", [("1.5", "mg")]),
        ("es", "Python 3.11", [("3.11", None)]),
        ("fr", "2\u202f500\u00a0mL", [("2500", "mL")]),
        ("fr", "2 500 mL", [("2500", "mL")]),
        # Outside space-grouping languages, "2 500 mg" is two tablets of 500 mg.
        ("es", "2 500 mg", [("2", None), ("500", "mg")]),
        ("ar", "٣٨٫٥ °م", [("38.5", "°C")]),
        ("ar", "٢٬٥٠٠ مل", [("2500", "mL")]),
        ("ar", "٪٥٠", [("50", "%")]),
        ("zh_CN", "39℃，1.5毫克", [("1.5", "mg"), ("39", "°C")]),
        ("zh_CN", "250 mL水", [("250", "mL")]),
        ("en", "-5 °C and −5 °C", [("-5", "°C"), ("-5", "°C")]),
        ("en", "PEP-0420, COVID-19, EPUB3, x86", [("19", None), ("420", None)]),
        ("en", "2-3 mg/kg", [("2", "mg/kg"), ("3", "mg/kg")]),
        ("es", "10 mg/kg/día", [("10", "mg/kg")]),
        ("en", "6 hours, 5 gotas", [("5", None), ("6", None)]),
        ("fr", "au moins 2 l’après-midi", [("2", None)]),
        ("en", "version v1.2.3", []),
    ],
)
def test_quantities_by_language(language, text, expected):
    assert quantities(text, language) == expected


def test_phone_numbers_are_compared_by_digits():
    content = read_content("Call +1 (555) 010-4477 or 0800 123 456.", language_info("en"), set())
    assert set(content.phones) == {"15550104477", "0800123456"}
    arabic = read_content("\u200e+١ ٥٥٥ ٠١٠ ٤٤٧٧", language_info("ar"), set())
    assert set(arabic.phones) == {"15550104477"}


def test_dates_and_ranges_are_not_phone_numbers():
    content = read_content("On 2026-01-12, take 1000-2000 mg.", language_info("en"), set())
    assert content.phones == {}


def check(source, translation, language):
    issues = check_content(
        source,
        translation,
        source_lang=language_info("en"),
        target_lang=language_info(language),
        flags=set(),
    )
    return [issue.code for issue in issues]


@pytest.mark.parametrize(
    ("source", "translation", "language", "codes"),
    [
        ("Wait 6 hours.", "Espere 16 horas.", "es", ["PO201"]),
        ("Take 10 mg.", "Tome 10 g.", "es", ["PO202"]),
        ("Take 10 mg.", "Tome 10 miligramos.", "es", []),
        ("Take 10 mg.", "Tome 10 unidades.", "es", ["PO202"]),
        ("Take 2 to 3 mg.", "Tome 2 mg a 3 mg.", "es", []),
        ("Take two tablets.", "Tome 2 comprimidos.", "es", []),
        ("Take two tablets.", "Tome 3 comprimidos.", "es", ["PO201"]),
        ("Use 2 options.", "使用两个选项。", "zh_CN", []),
        ("Take 1 tablet.", "تناول قرصًا واحدًا.", "ar", []),
        ("Take 1 tablet.", "تناول قرصين.", "ar", ["PO201"]),
        ("See https://a.example/x.", "Vea https://a.example/x.", "es", []),
        ("See https://a.example/x.", "Vea https://a.example/y.", "es", ["PO204"]),
        ("Mail a@b.example.", "Escriba a A@B.example.", "es", []),
        ("&#169; 2026", "© 2026", "es", []),
        ("Built for EPUB3 and Y90.", "Para EPUB3 e Y90.", "es", []),
        ("Built for EPUB3.", "Para EPUB4.", "es", ["PO201"]),
        ("Version 2.5.1", "Versión 2.5.2", "es", ["PO201"]),
        ("See [Smith2020]_.", "Vea [Smith2020]_.", "es", []),
    ],
)
def test_content_comparison(source, translation, language, codes):
    assert check(source, translation, language) == codes


def test_placeholders_are_not_numbers():
    issues = check_content(
        "%(count)d of %d left (%.1f%%)",
        "quedan %d de %(count)d (%.1f %%)",
        source_lang=language_info("en"),
        target_lang=language_info("es"),
        flags={"python-format"},
    )
    assert issues == []
