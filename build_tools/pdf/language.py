"""What the print theme needs to know about the book's language, from Babel's CLDR data."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError


@dataclass(frozen=True)
class BookLanguage:
    """The language of one book, keyed by its gettext spelling (``zh_CN``)."""

    code: str

    @property
    def locale(self) -> Locale | None:
        try:
            return Locale.parse(self.code)
        except (UnknownLocaleError, ValueError):
            return None

    @property
    def bcp47(self) -> str:
        """The tag for HTML ``lang`` and the PDF catalogue: ``zh-CN``, not ``zh_CN``."""
        return self.code.replace("_", "-")

    @property
    def direction(self) -> str:
        locale = self.locale
        return str(locale.text_direction) if locale else "ltr"

    @property
    def native_name(self) -> str:
        locale = self.locale
        name = (locale.get_display_name(locale) if locale else None) or self.code
        return name[:1].upper() + name[1:]

    @property
    def babel_code(self) -> str:
        """A locale Babel can format dates in: the language itself, or English."""
        return self.code if self.locale else "en"
