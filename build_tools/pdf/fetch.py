"""A closed-world URL fetcher for WeasyPrint: the build reads local files and data URIs only.

A PDF build must not reach the network: it would leak what is being printed, stall a build without
a connection, and make the output depend on someone else's server. Remote images are refused when
the doctree is assembled (with the document and line); this fetcher is the backstop for anything
else (a stylesheet's ``url()``, raw HTML).
"""

from __future__ import annotations

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
