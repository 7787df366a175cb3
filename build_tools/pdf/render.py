"""Turn one HTML document into a PDF with WeasyPrint's Python API.

WeasyPrint reports what it could not do (an anchor that does not exist, a CSS rule it ignores, an
image it cannot load) through its own logger. Those reports become Sphinx warnings here, so a
handbook that builds with ``-W`` has none of them.
"""

from __future__ import annotations

import logging as std_logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sphinx.util import logging

from .atomic import atomic_output
from .fetch import SOURCE_ROOT, ClosedWorldFetcher, from_source_folder, local_only_fetcher

logger = logging.getLogger(__name__)

#: What to do when no installed font has a glyph for a character.
MISSING_FONT_FIX = (
    "no installed font has this character; replace it in the text that contains it "
    "(a page, a catalogue message or a clinic profile), or give the theme a font that has it"
)


class RenderWarningError(Exception):
    """WeasyPrint warned while rendering, and the caller asked to keep the previous file."""

    def __init__(self, target: Path, count: int) -> None:
        super().__init__(f"{target.name} not written: WeasyPrint gave {count} warning(s)")
        self.target = target


class PageLimitError(Exception):
    """A document that does not fit the pages it is allowed."""

    def __init__(self, target: Path, pages: int, limit: int) -> None:
        super().__init__(f"{target.name} runs to {pages} pages; at most {limit} are allowed")
        self.target = target
        self.pages = pages
        self.limit = limit


class _SphinxBridge(std_logging.Handler):
    """Forward WeasyPrint's warnings and errors to Sphinx's logger, with where they came from."""

    def __init__(self, location: str) -> None:
        super().__init__(level=std_logging.WARNING)
        self.location = location
        self.count = 0
        #: The document being rendered, to quote the text around a character no font has.
        self.html = ""

    def emit(self, record: std_logging.LogRecord) -> None:
        self.count += 1
        message = record.getMessage()
        if ".notdef glyph" in message:
            message += f"{missing_character_context(message, self.html)}; {MISSING_FONT_FIX}"
        # Not a Sphinx "location": that names a document, and this may be a stylesheet or a PDF.
        logger.warning(
            "WeasyPrint (%s): %s",
            self.location,
            message,
            type="weasyprint",
            subtype=record.levelname.lower(),
        )


def missing_character_context(message: str, html: str) -> str:
    """`` NAME in "...text..."``: the character's Unicode name and the text where it stands."""
    import re
    import unicodedata

    match = re.search(r"U\+([0-9A-F]{4,6})", message)
    if match is None:
        return ""
    character = chr(int(match.group(1), 16))
    name = unicodedata.name(character, f"unnamed, category {unicodedata.category(character)}")
    where = html.find(character)
    text = re.sub(r"<[^>]*>|\s+", " ", html[max(0, where - 200) : where + 200])
    at = text.find(character)
    snippet = " ".join(text[max(0, at - 40) : at + 40].split()) if where >= 0 and at >= 0 else ""
    return f" {name}" + (f' in "…{snippet}…"' if snippet else "")


@contextmanager
def weasyprint_log_to_sphinx(location: str) -> Iterator[_SphinxBridge]:
    weasy_logger = std_logging.getLogger("weasyprint")
    bridge = _SphinxBridge(location)
    previous_propagate = weasy_logger.propagate
    weasy_logger.addHandler(bridge)
    weasy_logger.propagate = (
        False  # Sphinx reports them; the root logger should not print them again.
    )
    try:
        yield bridge
    finally:
        weasy_logger.removeHandler(bridge)
        weasy_logger.propagate = previous_propagate


class Renderer:
    """Renders documents with one font configuration and parsed stylesheets shared by all.

    Many PDFs then cost little more than one: fonts are loaded and CSS is parsed once.
    """

    def __init__(
        self,
        stylesheets: Sequence[Path],
        options: Mapping[str, Any],
        url_fetcher: Any = None,
    ) -> None:
        """``options`` are WeasyPrint's (``weasyprint.DEFAULT_OPTIONS``); ``url_fetcher`` is a
        WeasyPrint URL fetcher, by default one that reads local files and data URIs only."""
        from weasyprint import CSS, DEFAULT_OPTIONS
        from weasyprint.text.fonts import FontConfiguration

        unknown = set(options) - set(DEFAULT_OPTIONS)
        if unknown:
            raise ValueError(f"unknown WeasyPrint options {sorted(unknown)}")
        self.options = dict(options)
        # The print theme's folders (a stylesheet's fonts and images) are always readable.
        theme_roots = {path.parent.parent for path in stylesheets}
        self.url_fetcher = (
            url_fetcher if url_fetcher is not None else local_only_fetcher(theme_roots)
        )
        self.font_config = FontConfiguration()
        with weasyprint_log_to_sphinx("stylesheets"):
            self.stylesheets = [
                CSS(filename=str(path), font_config=self.font_config, url_fetcher=self.url_fetcher)
                for path in stylesheets
            ]
        self._cache: dict[str, Any] = {}

    def write_pdf(
        self,
        html: str,
        base_url: Path,
        target: Path,
        extra_css: str = "",
        max_pages: int | None = None,
        keep_previous_on_warning: bool = False,
        allowed_roots: Sequence[Path] = (),
        finisher: Callable[[Any, Any], None] | None = None,
    ) -> int:
        """Write ``target`` atomically and return its page count.

        With ``max_pages``, a document that runs longer raises :class:`PageLimitError` and
        nothing is written. With ``keep_previous_on_warning``, a WeasyPrint warning (a missing
        glyph, say) raises :class:`RenderWarningError` and the previous file is left as it was.
        ``finisher`` is WeasyPrint's hook that sees the PDF's objects before they are written.
        """
        from weasyprint import CSS, HTML

        with weasyprint_log_to_sphinx(target.name) as bridge:
            bridge.html = html
            # A closed world: the sources, the theme and the roots the caller adds (a clinic's
            # folder). A project that allows remote images gave a fetcher of its own.
            fetcher = self.url_fetcher
            if isinstance(fetcher, ClosedWorldFetcher):
                fetcher = fetcher.with_roots([base_url, *allowed_roots])
            stylesheets = list(self.stylesheets)
            if extra_css:
                stylesheets.append(
                    CSS(string=extra_css, font_config=self.font_config, url_fetcher=fetcher)
                )
            document = HTML(
                string=html,
                # Resolved against a fixed address, so the folder's path never reaches the PDF.
                base_url=SOURCE_ROOT,
                url_fetcher=from_source_folder(fetcher, base_url),
            ).render(
                stylesheets=stylesheets,
                font_config=self.font_config,
                cache=self._cache,
                **self.options,
            )
            if max_pages is not None and len(document.pages) > max_pages:
                raise PageLimitError(target, len(document.pages), max_pages)
            # A failed build never leaves half a PDF behind, nor damages the last good one.
            with atomic_output(target) as handle:
                document.write_pdf(handle, finisher=finisher, **self.options)
                if keep_previous_on_warning and bridge.count:
                    raise RenderWarningError(target, bridge.count)
        return len(document.pages)
