"""Translations of the strings in our own templates and code (the cover, footers, placeholders).

They live in their own catalogue, ``locale/<lang>/LC_MESSAGES/theme.po``, beside the documents'
catalogues and kept by the same ``make gettext`` and ``make update-po``. The catalogue is read with
Babel at build time, so no compiled ``.mo`` file is written into the source tree; fuzzy entries are
left out, as ``msgfmt`` would.

A translation is text, never markup: the print theme's templates receive every translated string
escaped (:func:`install_as_text`), so ``<img src="file:///...">`` in a ``msgstr`` prints as those
characters, whatever a translator's comment says.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from sphinx.application import Sphinx

#: The catalogue's domain: ``theme.pot`` in ``build/gettext``, ``theme.po`` per language.
THEME_DOMAIN = "theme"


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here; it is translated when used."""
    return message


def theme_catalogue_paths(locale_dirs: Iterable[Path], language: str) -> list[Path]:
    """The theme catalogues for ``language`` that exist under ``locale_dirs``."""
    paths = []
    for locale_dir in locale_dirs:
        path = locale_dir / language / "LC_MESSAGES" / f"{THEME_DOMAIN}.po"
        if path.is_file():
            paths.append(path)
    return paths


def load_theme_translations(locale_dirs: Iterable[Path], language: str) -> NullTranslations:
    """Translations for ``language``, or the identity when there is no catalogue (English)."""
    paths = theme_catalogue_paths(locale_dirs, language)
    if not paths:
        return NullTranslations()
    return _load(tuple((path, path.stat().st_mtime_ns) for path in paths), language)


def theme_translations(app: Sphinx) -> NullTranslations:
    """The theme translations for a Sphinx application's language and ``locale_dirs``."""
    from build_tools.catalogues import source_locale_dirs

    locale_dirs = source_locale_dirs(app.config, app.srcdir)
    return load_theme_translations(locale_dirs, app.config.language or "en")


@lru_cache(maxsize=32)
def _load(paths: tuple[tuple[Path, int], ...], language: str) -> NullTranslations:
    # The modification times are part of the cache key, so an edited catalogue is read again.
    merged: Translations | None = None
    for path, _mtime in paths:
        with path.open("rb") as handle:
            catalogue = read_po(handle, locale=language, domain=THEME_DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalogue, use_fuzzy=False)
        buffer.seek(0)
        translations = Translations(buffer, domain=THEME_DOMAIN)
        if merged is None:
            merged = translations
        else:
            merged.add_fallback(translations)
    return merged if merged is not None else NullTranslations()
