"""The HTML site: a theme of our own on top of Alabaster, a language switcher on every page that
leads to the same page in each other language, links to the page's language's PDF and ePub, and
the text direction on the document.

The site of each language lives in ``build/html/<lang>/``, beside ``build/pdf/`` and
``build/epub/``; every link here is relative, so the whole ``build/`` folder can be served as is.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__
from build_tools.catalogues import source_locale_dirs
from build_tools.languages import Language, shipped_languages
from build_tools.theme_i18n import theme_translations

THEME_DIR = Path(__file__).parent / "html_theme"


def _up(pagename: str, levels_above_site: int) -> str:
    """The relative path from a page up to ``levels_above_site`` levels above its site's root."""
    return "../" * (pagename.count("/") + levels_above_site)


def language_links(app: Sphinx, pagename: str) -> list[dict[str, Any]]:
    """One entry per shipped language: its name in itself, its BCP 47 tag and this page there."""
    current = app.config.language or "en"
    sources = source_locale_dirs(app.config, app.srcdir)
    locale_dir = sources[0] if sources else None
    codes = shipped_languages(locale_dir) if locale_dir else [current]
    up = _up(pagename, 1)
    return [
        {
            "code": code,
            "tag": Language(code).bcp47,
            "name": Language(code).native_name,
            "url": f"{up}{code}/{pagename}.html",
            "current": code == current,
        }
        for code in codes
    ]


def add_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if app.builder.format != "html":
        return
    language = Language(app.config.language or "en")
    translations = theme_translations(app)
    # Sphinx's templates do not escape: a translation is text, never markup.
    context["_t"] = lambda message: escape(translations.gettext(message))
    context["text_direction"] = language.direction
    # Sphinx's basic layout prints `<html lang="{{ language }}" ...>` and offers no block for
    # other attributes of <html>; the direction belongs there, so it rides along with the tag.
    context["language"] = Markup(f'{language.bcp47}" dir="{language.direction}')
    if app.builder.name in {"html", "dirhtml"}:
        context["language_links"] = language_links(app, pagename)
        up = _up(pagename, 2)
        context["downloads"] = {
            "pdf": f"{up}pdf/handbook-{language.code}.pdf",
            "epub": f"{up}epub/handbook-{language.code}.epub",
        }
    else:
        context["language_links"] = []
        context["downloads"] = {}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_html_theme("ioshandbook", str(THEME_DIR / "ioshandbook"))
    app.connect("html-page-context", add_page_context)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
