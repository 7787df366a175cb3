"""A closed-world URL fetcher for WeasyPrint: the build reads local files and data URIs only.

A PDF build must not reach the network: it would leak what is being printed, stall a build without
a connection, and make the output depend on someone else's server. Remote images are refused when
the doctree is assembled (with the document and line); this fetcher is the backstop for anything
else (a stylesheet's ``url()``, raw HTML).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit


def local_only_fetcher() -> Any:
    """A WeasyPrint ``URLFetcher`` that refuses every scheme but ``file:`` and ``data:``."""
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"file", "data"})


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
