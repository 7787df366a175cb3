"""The print theme: Jinja templates and CSS paged media, with its strings translated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from babel.dates import format_date
from babel.support import NullTranslations

from build_tools.theme_i18n import install_as_text

#: The theme that ships with the builder.
DEFAULT_THEME = Path(__file__).parent / "theme"

#: Paper sizes that the theme lays out, as CSS ``size`` values.
PAPER_SIZES = {"a4": "A4", "letter": "letter"}


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


class PrintTheme:
    """Loads a theme folder (``templates/`` and ``static/``) and renders it in one language."""

    def __init__(self, theme_path: str | Path | None, translations: NullTranslations) -> None:
        self.path = Path(theme_path) if theme_path else DEFAULT_THEME
        self.translations = translations
        self.environment = jinja2.Environment(
            loader=jinja2.FileSystemLoader([self.path / "templates", DEFAULT_THEME / "templates"]),
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
        ``static/common.css`` then ``static/<kind>.css``, each where the theme has it."""
        names = ("common.css", f"{kind}.css")
        found = [self.path / "static" / name for name in names]
        found = [path for path in found if path.is_file()]
        if not found:
            raise FileNotFoundError(f"{self.path}/static/ has neither {' nor '.join(names)}")
        return found

    def page_css(self, paper: str, template: str = "page.css") -> str:
        """The rules that depend on the paper and the language: page size and translated margins."""
        page = css_content(
            self.gettext("Page {page} of {pages}"),
            {"page": "counter(page)", "pages": "counter(pages)"},
        )
        return self.environment.get_template(template).render(
            size=PAPER_SIZES[paper], page_label=page
        )

    def render(self, template: str, context: dict[str, Any]) -> str:
        return self.environment.get_template(template).render(context)
