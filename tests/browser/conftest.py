"""The built site in a real browser: Debian's chromium driven by Playwright, served over HTTP.

No browser is ever downloaded: Playwright launches ``/usr/bin/chromium`` (installed by
``build_tools/system-packages.sh``), and every page comes from a server on 127.0.0.1 in a thread
of the test session. ``HANDBOOK_BUILT=build pytest -m browser`` checks an existing ``make all``
build instead of building the handbook again.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
LANGUAGES = ["en", "es", "fr", "zh_CN", "ar"]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def built(request: pytest.FixtureRequest) -> Path:
    """The build folder: ``HANDBOOK_BUILT`` if set (an existing build), else a fresh one."""
    existing = os.environ.get("HANDBOOK_BUILT")
    if existing:
        return Path(existing).resolve()
    return Path(request.getfixturevalue("handbook"))


def site_pages(built: Path, language: str) -> list[str]:
    """Every HTML page of one language's site, relative to its root (``procedures/tace.html``)."""
    site = built / "html" / language
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def server(built: Path) -> Iterator[str]:
    """``http://127.0.0.1:<port>/``, serving ``build/html/`` (one folder per language)."""
    handler = functools.partial(_QuietHandler, directory=str(built / "html"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless chromium for the whole session."""
    os.environ["PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD"] = "1"
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.is_file(), f"{CHROMIUM} is missing: run `make system-packages`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's script, from the npm package that `make test` installs (node_modules/)."""
    path = ROOT / "node_modules" / "axe-core" / "axe.min.js"
    assert path.is_file(), f"{path} is missing: run `npm ci` (make test does)"
    return path.read_text(encoding="utf-8")
