"""The print theme: Jinja templates and CSS paged media, with its strings translated.

A theme is a folder with ``templates/`` and ``static/``. The builder's own theme (cover, contents,
running heads, page furniture) knows nothing of any one project; a project adds a layer on top of
it with ``pdf_theme_path``: its templates are found first, and its stylesheets come after the
builder's in the cascade.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from sphinx.errors import ThemeError

from .config import PAPER_SIZES

#: The theme that ships with the builder.
DEFAULT_THEME = Path(__file__).parent / "theme"


def css_string(text: str) -> str:
    """Quote ``text`` as a CSS string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def css_content(template: str, counters: dict[str, str]) -> str:
    """Turn a translated ``"Page {page} of {pages}"`` into a CSS ``content`` value.

    The translator decides the word order; the placeholders become CSS counters or strings.
    """
    parts: list[str] = []
    rest = template
    while rest:
        start = rest.find("{")
        end = rest.find("}", start)
        if start < 0 or end < 0:
            parts.append(css_string(rest))
            break
        if start:
            parts.append(css_string(rest[:start]))
        name = rest[start + 1 : end]
        parts.append(counters.get(name, css_string(rest[start : end + 1])))
        rest = rest[end + 1 :]
    return " ".join(parts) or '""'


class ChainedTranslations:
    """Look a message up in each source in turn; the first that translates it wins.

    A project's layer (its own catalogue) comes first, the builder's catalogue last.
    """

    def __init__(self, sources: Sequence[Callable[[str], str]]) -> None:
        self.sources = list(sources)

    def gettext(self, message: str) -> str:
        for source in self.sources:
            translated = str(source(message))
            if translated != message:
                return translated
        return message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


class PrintTheme:
    """Loads a theme (a layer over the builder's own) and renders it in one language."""

    def __init__(self, theme_path: str | Path | None, translations: Any) -> None:
        self.path = Path(theme_path) if theme_path else DEFAULT_THEME
        if not (self.path / "templates").is_dir() and not (self.path / "static").is_dir():
            raise ThemeError(
                f"pdf_theme_path = {str(theme_path)!r} has neither templates/ nor static/; "
                "point it at a print theme folder, or remove it to use the builder's theme"
            )
        self.layers = [DEFAULT_THEME] if self.path == DEFAULT_THEME else [DEFAULT_THEME, self.path]
        self.translations = translations
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader(
                [layer / "templates" for layer in reversed(self.layers)]
            ),
            autoescape=jinja2.select_autoescape(["html"]),
            extensions=["jinja2.ext.i18n"],
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        install_as_text(self.environment, translations)  # a translation is never markup
        self.environment.filters["css_string"] = css_string
        self.environment.globals["format_date"] = format_date

    def gettext(self, message: str) -> str:
        return str(self.translations.gettext(message))

    def stylesheets(self, kind: str) -> list[Path]:
        """The stylesheets of one kind of document (``book``, ``handout``), in cascade order:
        ``static/common.css`` then ``static/<kind>.css``, the builder's before the layer's."""
        names = ("common.css", f"{kind}.css")
        found = [layer / "static" / name for layer in self.layers for name in names]
        found = [path for path in found if path.is_file()]
        if not found:
            raise ThemeError(f"{self.path}/static/ has neither {' nor '.join(names)}")
        return found

    def page_css(self, paper: str, template: str = "page.css", **context: Any) -> str:
        """The rules that depend on the build: paper, margins, fonts, the translated page label."""
        page = css_content(
            self.gettext("Page {page} of {pages}"),
            {"page": "counter(page)", "pages": "counter(pages)"},
        )
        size, width, height = PAPER_SIZES[paper]
        return self.environment.get_template(template).render(
            size=size, width=width, height=height, page_label=page, **context
        )

    def render(self, template: str, context: dict[str, Any]) -> str:
        return self.environment.get_template(template).render(context)


def install_as_text(environment: Any, translations: Any) -> None:
    """Give a Jinja environment ``_``/``gettext``/``ngettext`` that return escaped text.

    Jinja's own ``install_gettext_translations`` marks every translation as safe markup in an
    autoescaping template; these return it escaped instead (``Markup % values`` and
    ``Markup.format`` escape the values filled in too), so a catalogue can never add markup.
    """
    from markupsafe import Markup, escape

    def gettext(message: str) -> Markup:
        return escape(translations.gettext(message))

    def ngettext(singular: str, plural: str, count: int) -> Markup:
        return escape(translations.ngettext(singular, plural, count))

    environment.install_gettext_callables(gettext=gettext, ngettext=ngettext, newstyle=True)
