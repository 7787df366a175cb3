"""The site as its readers get it: every page of every language in chromium."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.browser.conftest import DESKTOP, LANGUAGES, MOBILE, site_pages

pytestmark = pytest.mark.browser

#: A word on the TACE page in each language, and a piece of the search's result summary there.
SEARCHES = {
    "en": ("chemoembolization", "Search finished"),
    "es": ("quimioembolización", "Búsqueda finalizada"),
    "fr": ("chimioembolisation", "Recherche terminée"),
    "zh_CN": ("栓塞", "搜索完成"),
    "ar": ("الإصمام", "اكتمل البحث"),
}


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP)
    try:
        yield context.new_page()
    finally:
        context.close()


def _watch(page) -> list[str]:
    """Console errors, uncaught exceptions and failed requests of a page, as they happen."""
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"exception: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_loads_without_an_error(page, server, built, language):
    problems = _watch(page)
    found = []
    for path in site_pages(built, language):
        page.goto(urljoin(server, f"{language}/{path}"), wait_until="load")
        found += [f"{language}/{path}: {problem}" for problem in problems]
        problems.clear()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_switcher_leads_to_the_same_page_in_each_language(page, server, built, language):
    wrong = []
    for path in site_pages(built, language):
        page.goto(urljoin(server, f"{language}/{path}"))
        links = page.locator("nav.language-switcher a[hreflang]")
        targets = links.evaluate_all("as => as.map(a => [a.hreflang, a.href])")
        assert len(targets) == len(LANGUAGES) - 1, (path, targets)
        for tag, href in targets:
            code = tag.replace("-", "_")
            if href != urljoin(server, f"{code}/{path}"):
                wrong.append(f"{language}/{path}: {tag} -> {href}")
    assert not wrong, "\n".join(wrong)
    # And a click really lands there, in that language.
    page.goto(urljoin(server, f"{language}/procedures/tace.html"))
    other = next(code for code in LANGUAGES if code != language)
    page.locator(f'nav.language-switcher a[hreflang="{other.replace("_", "-")}"]').click()
    page.wait_for_load_state()
    assert page.url == urljoin(server, f"{other}/procedures/tace.html")
    assert page.locator("html").get_attribute("lang") == other.replace("_", "-")


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_finds_a_word_with_a_summary_in_the_language(page, server, language):
    word, summary = SEARCHES[language]
    problems = _watch(page)
    page.goto(urljoin(server, f"{language}/search.html?q={word}"))
    result = page.locator("#search-results p.search-summary")
    result.wait_for(state="visible", timeout=15000)
    page.wait_for_function(
        "() => document.querySelector('#search-results p.search-summary').textContent.trim()"
    )
    assert summary in result.inner_text(), result.inner_text()
    if language != "en":  # the page's own words are translated too, not only the summary
        intro = page.locator("div.body p").first.inner_text()
        assert "Searching for multiple words" not in intro, intro
    hrefs = page.locator("#search-results ul.search a").evaluate_all("as => as.map(a => a.href)")
    assert any("procedures/tace.html" in href for href in hrefs), hrefs
    assert not problems, problems


def test_arabic_is_laid_out_right_to_left(page, server):
    page.goto(urljoin(server, "ar/procedures/tace.html"))
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == "rtl"
    body = page.locator("div.body").bounding_box()
    sidebar = page.locator("div.sphinxsidebar").bounding_box()
    assert body and sidebar
    # Alabaster puts the sidebar at the start of the line: right of the text in Arabic...
    assert sidebar["x"] >= body["x"] + body["width"] - 1, (sidebar, body)
    english = page.context.new_page()
    english.goto(urljoin(server, "en/procedures/tace.html"))
    body, sidebar = (english.locator(s).bounding_box() for s in ("div.body", "div.sphinxsidebar"))
    # ... and left of it in English.
    assert body and sidebar and sidebar["x"] + sidebar["width"] <= body["x"] + 1, (sidebar, body)
    # The previous/next arrows point the way the text reads.
    assert page.locator("nav.related li.next").inner_text().strip().endswith("←")


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_scrolls_sideways_on_a_phone(browser, server, built, language):
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    wide = []
    try:
        for path in site_pages(built, language):
            page.goto(urljoin(server, f"{language}/{path}"))
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > MOBILE["width"]:
                wide.append(f"{language}/{path}: {width}px")
    finally:
        context.close()
    assert not wide, "\n".join(wide)


@pytest.mark.parametrize("language", LANGUAGES)
def test_switcher_and_search_come_first_on_a_phone(browser, server, language):
    context = browser.new_context(viewport=MOBILE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(urljoin(server, f"{language}/procedures/tace.html"))
        heading = page.locator("div.body h1").bounding_box()
        for selector in ("nav.language-bar", "form.search-bar"):
            box = page.locator(selector).bounding_box()
            assert box, selector
            assert box["y"] < heading["y"], (selector, box, heading)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_download_links_return_the_files(page, server, language):
    page.goto(urljoin(server, f"{language}/procedures/tace.html"))
    hrefs = page.locator("nav.downloads a").evaluate_all("as => as.map(a => a.href)")
    assert len(hrefs) == 2, hrefs
    site = urljoin(server, f"{language}/")
    magic = {".pdf": b"%PDF-", ".epub": b"PK\x03\x04"}
    for href in hrefs:
        # Inside the language's own site: it works where build/html/<lang>/ is the site's root.
        assert href.startswith(site), href
        response = page.request.get(href)
        assert response.status == 200, href
        assert response.body().startswith(magic[href[href.rindex(".") :]]), href


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_message_of_the_sites_scripts_is_translated(built, language):
    import json

    text = (built / "html" / language / "_static" / "translations.js").read_text(encoding="utf-8")
    messages = json.loads(text[text.index("(") + 1 : text.rindex(")")])["messages"]
    empty = [
        key
        for key, value in messages.items()
        if not all([value] if isinstance(value, str) else value)
    ]
    assert not empty, empty
