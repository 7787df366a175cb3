"""A closed world for rendering: WeasyPrint may read only files inside the folders it is given.

Everything WeasyPrint loads while it renders (images, stylesheets, fonts named by ``@font-face``,
the images inside an SVG) goes through its URL fetcher. The fetcher here serves ``data:`` URIs and
``file:`` URLs inside the allowed roots (the project's sources, the print theme, the clinic's
folder) through WeasyPrint's own :class:`weasyprint.urls.URLFetcher`, and refuses everything else:
a ``file:`` URL outside those folders (also through ``..`` or a symbolic link), and every network
scheme, so no request ever leaves the machine. A refusal is a warning that names the resource;
the builders treat WeasyPrint's warnings as errors, so nothing refused is silently left out.

WeasyPrint 70 has no ``default_url_fetcher`` function any more: its public extension point is a
subclass of ``URLFetcher`` with its own ``fetch`` (see WeasyPrint's "URL Fetchers").
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sphinx.util import logging
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)

#: A resource's name in a message is cut to this length (a data: URI can be megabytes).
MAX_SHOWN = 120


class ResourceRefused(ValueError):
    """A resource outside the closed world; WeasyPrint reports it and leaves it out."""


def shown(url: str) -> str:
    """``url`` as a message may quote it: short, on one line."""
    text = " ".join(url.split())
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


class ClosedWorldFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint has no type hints
    """Serve ``data:`` and ``file:`` inside ``roots``; refuse everything else, with a warning."""

    def __init__(self, roots: Iterable[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
        self.roots = tuple(dict.fromkeys(Path(root).resolve() for root in roots))
        #: Every resource refused, in order (for tests and summaries).
        self.refused: list[str] = []

    def allows(self, url: str) -> bool:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return True
        if scheme != "file" or parts.netloc not in {"", "localhost"}:
            return False
        path = Path(unquote(parts.path)).resolve()
        return any(path.is_relative_to(root) for root in self.roots)

    def fetch(self, url: str, headers: Any = None) -> Any:
        if not self.allows(url):
            self.refused.append(url)
            message = (
                f"refused to load {shown(url)}: only files inside the project, its theme and the "
                "clinic's folder may be used; copy the file there or remove the reference"
            )
            logger.warning("%s", message, type="weasyprint", subtype="refused")
            raise ResourceRefused(message)
        return super().fetch(url, headers)
