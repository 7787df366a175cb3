"""axe-core on every page of every language, at desktop and phone sizes: no violation at all."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.browser.conftest import DESKTOP, LANGUAGES, MOBILE, site_pages

pytestmark = pytest.mark.browser

#: Every rule axe runs by default (WCAG 2.0, 2.1 and 2.2 A and AA, and its best practices).
AXE_RUN = """async () => JSON.stringify(
    (await axe.run(document, {resultTypes: ["violations"]})).violations
)"""


@pytest.mark.parametrize("size", ["desktop", "mobile"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_no_violation(browser, server, built, axe_source, language, size):
    import json

    viewport = DESKTOP if size == "desktop" else MOBILE
    context = browser.new_context(viewport=viewport, is_mobile=size == "mobile")
    page = context.new_page()
    found = []
    try:
        for path in site_pages(built, language):
            page.goto(urljoin(server, f"{language}/{path}"))
            if path == "search.html":
                page.wait_for_selector("#search-results", state="attached")
            page.add_script_tag(content=axe_source)
            for violation in json.loads(page.evaluate(AXE_RUN)):
                for node in violation["nodes"]:
                    found.append(
                        f"{language}/{path} ({size}): {violation['id']}: "
                        f"{' '.join(node['target'])}: {node['failureSummary'].splitlines()[-1]}"
                    )
    finally:
        context.close()
    assert not found, f"{len(found)} violations:\n" + "\n".join(found)
