"""What the checks need to know about a catalogue's language.

The language comes from the ``Language:`` header, else from the path
(``locale/<lang>/LC_MESSAGES/...``).  Number symbols come from Babel's CLDR
data, so "1,5" is one and a half in Spanish but "1,500" is fifteen hundred
in an English source.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.numbers import get_decimal_symbol, get_group_symbol

# Scripts written without spaces between words: a glossary rendering is
# found as a substring there, not between word boundaries.
_NO_WORD_SPACES = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo", "yue", "wuu"})
# Scripts where articles and conjunctions join the next word (Arabic
# "والكبد", "and the liver"), so a term may have letters before it.
_CLITIC_PREFIXES = frozenset({"ar", "he"})
_SPACE_LIKE = frozenset({" ", "\u00a0", "\u202f", "\u2009"})

# The language of the msgids: Sphinx projects are written in English unless
# a caller says otherwise.
SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    base: str  # the language without territory or script: "zh" for "zh_CN"
    decimal: str
    group: str
    # Where CLDR groups digits with a space (French "10 000"), a plain space
    # between digit groups is a thousands separator too.  Elsewhere "2 500 mg"
    # means two tablets of 500 mg, so the space is not joined.
    groups_with_space: bool
    word_spaces: bool
    clitic_prefixes: bool
    # Written in the Latin alphabet, like the English source: a word can be
    # spelled the same in both (module, variable, Introduction).
    latin_script: bool


# ISO 639 language, then script, territory or variant, then an @modifier:
# "es", "zh_CN", "pt-BR", "sr@latin", "cak".
_LANGUAGE_CODE = re.compile(
    r"[a-zA-Z]{2,3}(?:[_-][a-zA-Z0-9]{2,8})*(?:@[a-zA-Z0-9]+)?(?:\.[\w-]+)?"
)


def is_language_code(code: str) -> bool:
    return _LANGUAGE_CODE.fullmatch(code) is not None


def parse_locale(code: str) -> Locale | None:
    """Babel's locale for a header or path value, or None if Babel does not know it."""
    try:
        return Locale.parse(code.replace("-", "_").split("@")[0].split(".")[0])
    except (UnknownLocaleError, ValueError, TypeError):
        return None


@functools.cache
def language_info(code: str) -> LanguageInfo:
    locale = parse_locale(code)
    if locale is None:
        # Unknown languages get the international conventions.
        return LanguageInfo(
            code,
            code.replace("-", "_").split("_")[0].split("@")[0].lower(),
            ".",
            ",",
            groups_with_space=False,
            word_spaces=True,
            clitic_prefixes=False,
            latin_script=True,
        )
    group = get_group_symbol(locale)
    return LanguageInfo(
        code=code,
        base=locale.language,
        decimal=get_decimal_symbol(locale),
        group=group,
        groups_with_space=group in _SPACE_LIKE,
        word_spaces=locale.language not in _NO_WORD_SPACES,
        clitic_prefixes=locale.language in _CLITIC_PREFIXES,
        latin_script=_script(locale) == "Latn",
    )


def _script(locale: Locale) -> str | None:
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags")
    for key in (f"{locale.language}_{locale.territory}", locale.language):
        if key in likely:
            parts = likely[key].split("_")
            return parts[1] if len(parts) > 2 else None
    return None


def language_from_path(path: Path) -> str | None:
    """``es`` for ``.../locale/es/LC_MESSAGES/guide.po``, else None."""
    parts = path.parts
    if "LC_MESSAGES" in parts:
        index = parts.index("LC_MESSAGES")
        if index > 0:
            return parts[index - 1]
    return None


def document_name(path: Path) -> str:
    """The document a catalogue translates: its path below ``LC_MESSAGES``."""
    parts = path.parts
    if "LC_MESSAGES" in parts:
        return "/".join(parts[parts.index("LC_MESSAGES") + 1 :])
    return path.name
