"""The Nu HTML Checker (vnu.jar from the npm package vnu-jar, on Debian's Java) on every page of
every language, in one Java run: no error."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.browser.conftest import LANGUAGES, ROOT

pytestmark = pytest.mark.browser


def test_nu_html_checker_finds_no_error(built):
    jar = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    assert jar.is_file(), f"{jar} is missing: run `npm ci` (make test does)"
    pages = sorted(str(p) for code in LANGUAGES for p in (built / "html" / code).rglob("*.html"))
    assert len(pages) >= 10 * len(LANGUAGES)
    result = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    found = [
        f"{m.get('url', '').removeprefix('file:' + str(built))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
    ]
    assert not found, f"{len(found)} errors:\n" + "\n".join(found)
