"""The handbook's languages: which exist, how their names are spelled, and what Babel says of them.

Every fact about a language (its canonical spelling, BCP 47 tag, name and text direction) comes from
Babel's CLDR data; this module only decides which languages the project ships.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError

#: The language the sources are written in.
SOURCE_LANGUAGE = "en"

# A locale identifier as people type it: letters, digits, "_" and "-" only (no paths, no spaces).
_IDENTIFIER = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8}){0,3}$")


class LanguageError(ValueError):
    """A language that the project cannot build, with a message that says what to do."""


@dataclass(frozen=True)
class Language:
    """One buildable language, keyed by its gettext spelling (``zh_CN``)."""

    code: str

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def bcp47(self) -> str:
        """The tag for HTML ``lang``, ePub and PDF metadata: ``zh-CN``, not ``zh_CN``."""
        return self.code.replace("_", "-")

    @property
    def direction(self) -> str:
        """``ltr`` or ``rtl``, from CLDR."""
        return str(self.locale.text_direction)

    @property
    def native_name(self) -> str:
        """The language's name in itself, capitalised for a switcher or a cover."""
        name = self.locale.get_display_name(self.locale) or self.code
        return name[:1].upper() + name[1:]


def normalise(value: str) -> str:
    """Return the gettext spelling of a locale identifier (``zh-cn`` -> ``zh_CN``).

    Raises :class:`LanguageError` for anything Babel does not know.
    """
    if not _IDENTIFIER.match(value):
        raise LanguageError(f"{value!r} is not a language code (examples: es, fr, zh_CN, pt_BR)")
    parts = re.split(r"[_-]", value)
    # Keep what the user wrote (zh_CN stays zh_CN, not Babel's zh_Hans_CN) but fix the case.
    spelled = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            spelled.append(part.title())  # a script subtag: Hans, Latn
        elif part.isalpha() and len(part) == 2:
            spelled.append(part.upper())  # a territory: CN, BR
        else:
            spelled.append(part)
    code = "_".join(spelled)
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError) as exc:
        raise LanguageError(f"{value!r} is not a locale that Babel knows ({exc})") from exc
    return code


def shipped_languages(locale_dir: Path) -> list[str]:
    """The source language and every language with catalogues under ``locale_dir``, sorted."""
    found = {SOURCE_LANGUAGE}
    if locale_dir.is_dir():
        for child in locale_dir.iterdir():
            if (child / "LC_MESSAGES").is_dir() and any((child / "LC_MESSAGES").rglob("*.po")):
                found.add(child.name)
    return sorted(found, key=lambda code: (code != SOURCE_LANGUAGE, code))


def resolve(value: str, locale_dir: Path) -> list[str]:
    """Turn a ``LANG=`` value into the languages to build: one code, or all of them for ``all``."""
    known = shipped_languages(locale_dir)
    if value == "all":
        return known
    try:
        code = normalise(value)
    except LanguageError as exc:
        raise LanguageError(f"{exc}; known languages: {' '.join(known)} (or all)") from exc
    if code not in known:
        raise LanguageError(
            f"no catalogues for {code!r} under {locale_dir}/; known languages: {' '.join(known)}"
            f" (or all); to start a new one: make update-po LANG={code}"
        )
    return [code]


def main(argv: list[str]) -> int:
    """``python -m build_tools.languages resolve|normalise VALUE [LOCALE_DIR]`` for the Makefile."""
    if len(argv) < 2 or argv[0] not in {"resolve", "normalise"}:
        sys.stderr.write(
            "usage: python -m build_tools.languages resolve|normalise VALUE [LOCALE_DIR]\n"
        )
        return 2
    locale_dir = Path(argv[2]) if len(argv) > 2 else Path("locale")
    try:
        codes = [normalise(argv[1])] if argv[0] == "normalise" else resolve(argv[1], locale_dir)
    except LanguageError as exc:
        sys.stderr.write(f"error: LANG={argv[1]}: {exc}\n")
        return 1
    sys.stdout.write(" ".join(codes) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
