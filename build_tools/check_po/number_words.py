"""Numbers written as words: "two options" and "2つのオプション" say the same.

A spelled number never has to appear on the other side; it only excuses a
digit there, so "Take two tablets" may become "Tome 2 comprimidos".  The
lists hold the small numbers that translators turn into digits and back.
"""

from __future__ import annotations

import functools
import re

_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "zero": "0",
        "one": "1",
        "single": "1",
        "once": "1",
        "first": "1",
        "two": "2",
        "twice": "2",
        "both": "2",
        "second": "2",
        "three": "3",
        "third": "3",
        "four": "4",
        "five": "5",
        "six": "6",
        "seven": "7",
        "eight": "8",
        "nine": "9",
        "ten": "10",
        "eleven": "11",
        "twelve": "12",
        "dozen": "12",
        "twenty": "20",
        "hundred": "100",
        "thousand": "1000",
    },
    "es": {
        "cero": "0",
        "uno": "1",
        "una": "1",
        "un": "1",
        "primer": "1",
        "primero": "1",
        "primera": "1",
        "dos": "2",
        "ambos": "2",
        "ambas": "2",
        "segundo": "2",
        "segunda": "2",
        "tres": "3",
        "tercer": "3",
        "tercero": "3",
        "tercera": "3",
        "cuatro": "4",
        "cinco": "5",
        "seis": "6",
        "siete": "7",
        "ocho": "8",
        "nueve": "9",
        "diez": "10",
        "once": "11",
        "doce": "12",
        "veinte": "20",
        "cien": "100",
        "ciento": "100",
        "mil": "1000",
    },
    "fr": {
        "zéro": "0",
        "un": "1",
        "une": "1",
        "premier": "1",
        "première": "1",
        "deux": "2",
        "deuxième": "2",
        "second": "2",
        "seconde": "2",
        "trois": "3",
        "troisième": "3",
        "quatre": "4",
        "cinq": "5",
        "six": "6",
        "sept": "7",
        "huit": "8",
        "neuf": "9",
        "dix": "10",
        "onze": "11",
        "douze": "12",
        "vingt": "20",
        "cent": "100",
        "mille": "1000",
    },
    "pt": {
        "zero": "0",
        "um": "1",
        "uma": "1",
        "dois": "2",
        "duas": "2",
        "ambos": "2",
        "três": "3",
        "quatro": "4",
        "cinco": "5",
        "seis": "6",
        "sete": "7",
        "oito": "8",
        "nove": "9",
        "dez": "10",
    },
    "it": {
        "zero": "0",
        "uno": "1",
        "una": "1",
        "un": "1",
        "due": "2",
        "entrambi": "2",
        "tre": "3",
        "quattro": "4",
        "cinque": "5",
        "sei": "6",
        "sette": "7",
        "otto": "8",
        "nove": "9",
        "dieci": "10",
    },
    "de": {
        "null": "0",
        "ein": "1",
        "eine": "1",
        "einen": "1",
        "einem": "1",
        "einer": "1",
        "zwei": "2",
        "beide": "2",
        "drei": "3",
        "vier": "4",
        "fünf": "5",
        "sechs": "6",
        "sieben": "7",
        "acht": "8",
        "neun": "9",
        "zehn": "10",
    },
    "ar": {
        "صفر": "0",
        "واحد": "1",
        "واحدة": "1",
        "اثنان": "2",
        "اثنين": "2",
        "اثنتان": "2",
        "اثنتين": "2",
        "ثلاث": "3",
        "ثلاثة": "3",
        "أربع": "4",
        "أربعة": "4",
        "خمس": "5",
        "خمسة": "5",
        "ست": "6",
        "ستة": "6",
        "سبع": "7",
        "سبعة": "7",
        "ثماني": "8",
        "ثمانية": "8",
        "تسع": "9",
        "تسعة": "9",
        "عشر": "10",
        "عشرة": "10",
    },
}
_KANJI = {
    "一": "1",
    "二": "2",
    "两": "2",
    "兩": "2",
    "三": "3",
    "四": "4",
    "五": "5",
    "六": "6",
    "七": "7",
    "八": "8",
    "九": "9",
    "十": "10",
}
# In Chinese and Japanese a numeral is a number when a counter follows it
# (三次, 两个, 一つ) or 第 precedes it; alone, 一 is part of many words.
_KANJI_COUNTED = re.compile(
    "(?:第([一二两兩三四五六七八九十]))"
    "|([一二两兩三四五六七八九十])(?:个|個|次|种|種|片|粒|天|日|小时|小時|时|時間|周|週|个月|年|条|項|项|列"
    "|份|步|位|名|つ|回|人|件|枚|本|台|剂|剤)"
)


@functools.cache
def _word_pattern(language: str) -> re.Pattern[str] | None:
    words = _WORDS.get(language)
    if not words:
        return None
    # An Arabic word may carry a joined conjunction or preposition (وثلاث).
    prefix = "[وبلف]?" if language == "ar" else ""
    alternatives = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w){prefix}({alternatives})(?!\w)", re.IGNORECASE)


def spelled_values(text: str, language: str) -> set[str]:
    """The values of the number words in ``text``; ``language`` is a base code (es, zh)."""
    values: set[str] = set()
    pattern = _word_pattern(language)
    if pattern is not None:
        words = _WORDS[language]
        values.update(words[m.group(1).lower()] for m in pattern.finditer(text))
    if language in ("zh", "ja", "yue"):
        values.update(_KANJI[m.group(1) or m.group(2)] for m in _KANJI_COUNTED.finditer(text))
    return values
