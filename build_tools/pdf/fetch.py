"""A closed-world URL fetcher for WeasyPrint: the build reads local files and data URIs only.

A PDF build must not reach the network: it would leak what is being printed, stall a build without
a connection, and make the output depend on someone else's server. Remote images are refused when
the doctree is assembled (with the document and line); this fetcher is the backstop for anything
else (a stylesheet's ``url()``, raw HTML).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sphinx.util import logging
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)


def local_only_fetcher(roots: Iterable[Path] = ()) -> Any:
    """A WeasyPrint fetcher for ``data:`` and the files inside ``roots``, refusing all else."""
    return ClosedWorldFetcher(roots)


def network_fetcher() -> Any:
    """WeasyPrint's own fetcher, for projects that set ``pdf_allow_remote_images = True``."""
    from weasyprint.urls import URLFetcher

    return URLFetcher()


def is_remote(uri: str) -> bool:
    """True for an image the build would have to download (``https://``, ``//host/``)."""
    parts = urlsplit(uri.strip())
    # A one-letter scheme is a Windows drive ("C:/..."), a local path.
    return bool(parts.netloc) or (len(parts.scheme) > 1 and parts.scheme not in {"file", "data"})


#: The address the book's sources are given in the HTML. WeasyPrint names an image in the PDF
#: after a hash of its URL: with the real folder there, the same sources built in another folder
#: would give other bytes.
SOURCE_ROOT = "file:///sphinx-source/"


def from_source_folder(inner: Any, source: Path) -> Any:
    """A fetcher that reads ``SOURCE_ROOT`` URLs in ``source``; ``inner`` fetches everything."""
    from weasyprint.urls import URLFetcher

    real_root = source.resolve().as_uri() + "/"

    class SourceFolderFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith(SOURCE_ROOT):
                url = real_root + url[len(SOURCE_ROOT) :]
            return inner(url)

    return SourceFolderFetcher(fail_on_errors=getattr(inner, "_fail_on_errors", False))


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

    def with_roots(self, roots: Iterable[Path]) -> ClosedWorldFetcher:
        """A fetcher that also serves the files inside ``roots`` (and shares the refusals)."""
        wider = ClosedWorldFetcher([*self.roots, *roots])
        wider.refused = self.refused
        return wider

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
                "folders the build names (a clinic's) may be used; copy the file there or remove "
                "the reference"
            )
            logger.warning("%s", message, type="weasyprint", subtype="refused")
            raise ResourceRefused(message)
        return super().fetch(url, headers)
