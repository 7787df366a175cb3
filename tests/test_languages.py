"""Which languages the build knows, and how LANG= values are spelled."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.languages import Language, LanguageError, normalise, resolve, shipped_languages


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("es", "es"),
        ("zh_CN", "zh_CN"),
        ("zh-CN", "zh_CN"),
        ("zh-cn", "zh_CN"),
        ("pt_br", "pt_BR"),
        ("ES", "es"),
        ("sr_Latn", "sr_Latn"),
    ],
)
def test_usual_spellings_are_normalised(value, expected):
    assert normalise(value) == expected


@pytest.mark.parametrize("value", ["xx", "../x", "es;rm", "", "e", "es_", "klingon"])
def test_unknown_or_malformed_values_are_refused(value):
    with pytest.raises(LanguageError):
        normalise(value)


def _locale(tmp_path: Path, *codes: str) -> Path:
    for code in codes:
        folder = tmp_path / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "index.po").write_text("", encoding="utf-8")
    return tmp_path


def test_shipped_languages_are_english_and_every_catalogue_folder(tmp_path):
    locale = _locale(tmp_path, "es", "zh_CN")
    (tmp_path / "notes").mkdir()  # a folder without LC_MESSAGES is not a language
    assert shipped_languages(locale) == ["en", "es", "zh_CN"]
    assert resolve("all", locale) == ["en", "es", "zh_CN"]
    assert resolve("zh-CN", locale) == ["zh_CN"]


def test_unshipped_language_error_names_the_known_ones_and_the_fix(tmp_path):
    locale = _locale(tmp_path, "es")
    with pytest.raises(LanguageError) as caught:
        resolve("de", locale)
    message = str(caught.value)
    assert "known languages: en es" in message
    assert "make update-po LANG=de" in message
    assert "\n" not in message


def test_facts_come_from_babel():
    assert Language("zh_CN").bcp47 == "zh-CN"
    assert Language("ar").direction == "rtl"
    assert Language("es").direction == "ltr"
    assert Language("es").native_name == "Español"
    assert Language("ar").native_name == "العربية"
