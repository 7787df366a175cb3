"""The HTML site: a theme of our own on top of Alabaster, a language switcher on every page that
leads to the same page in each other language, links to the page's language's PDF and ePub, and
the text direction on the document.

The site of each language lives in ``build/html/<lang>/``, with its PDF and ePub in
``downloads/`` (copied there from ``build/pdf/`` and ``build/epub/`` by the build runner); every
link is relative, so ``build/html/`` or one language's folder can be served as the site.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__
from build_tools.atomic import write_bytes_atomic
from build_tools.catalogues import source_locale_dirs
from build_tools.languages import Language, shipped_languages
from build_tools.project import Project
from build_tools.theme_i18n import theme_translations

THEME_DIR = Path(__file__).parent / "html_theme"
#: The folder of each language's site that holds its PDF and ePub.
DOWNLOADS = "downloads"


def download_names(code: str, project: Project | None = None) -> dict[str, str]:
    """The file names of a language's downloads, by format (the PDF's from ``pdf_basename``)."""
    project = project or Project.load()
    return {"pdf": project.pdf_name(code), "epub": project.epub_name(code)}


def copy_downloads(build_dir: Path, code: str) -> list[Path]:
    """Copy a language's built PDF and ePub into its site's ``downloads/``; return the copies.

    A file not built yet is skipped: the runner calls this after each format, so the last one to
    finish brings the site up to date, whatever the order.
    """
    site = build_dir / "html" / code
    if not site.is_dir():
        return []
    copied = []
    for kind, name in download_names(code).items():
        built = build_dir / kind / name
        if built.is_file():
            target = site / DOWNLOADS / name
            target.parent.mkdir(exist_ok=True)
            write_bytes_atomic(target, built.read_bytes())
            copied.append(target)
    return copied


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
        # Inside the language's own site (build_tools.build copies them there), so the links work
        # where build/html/<lang>/ alone is served as the site, as Read the Docs serves it.
        up = _up(pagename, 0)
        context["downloads"] = {
            kind: f"{up}{DOWNLOADS}/{name}"
            for kind, name in download_names(language.code, Project.load(app.confdir)).items()
        }
    else:
        context["language_links"] = []
        context["downloads"] = {}


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_html_theme("ioshandbook", str(THEME_DIR / "ioshandbook"))
    app.setup_extension("build_tools.html_search")
    app.connect("html-page-context", add_page_context)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
