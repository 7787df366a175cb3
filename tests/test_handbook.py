"""The real handbook, built as a clinic builds it: PDF, HTML and ePub in English and Spanish."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.pdftools import (
    catalog_lang,
    fonts,
    normalise_space,
    page_size_mm,
    page_texts,
    toc_entries,
)

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "es")
CHAPTERS = [
    "what-is-interventional-oncology",
    "society",
    "procedures/index",
    "procedures/tace",
    "procedures/radiofrequency-ablation",
    "procedures/microwave-ablation",
    "procedures/radioembolization",
    "procedures/cryoablation",
    "procedures/ethanol-injection",
    "procedures/venous-access-ports",
    "benefits",
    "future",
    "glossary",
]


@pytest.fixture(scope="session")
def built(handbook: Path) -> Path:
    return handbook


def _titles(build_dir: Path, language: str) -> dict[str, str]:
    """Each chapter's title as the HTML build printed it (already translated)."""
    titles = {}
    for docname in CHAPTERS:
        html = (build_dir / "html" / language / f"{docname}.html").read_text(encoding="utf-8")
        match = re.search(r"<h1>(.*?)<", html, re.S)
        assert match, docname
        titles[docname] = normalise_space(re.sub(r"<[^>]+>", "", match.group(1)))
    return titles


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_holds_every_chapter_and_contents_page_numbers_are_right(built, language):
    pdf = built / "pdf" / f"handbook-{language}.pdf"
    pages = page_texts(pdf)
    titles = _titles(built, language)
    contents = next(i for i, text in enumerate(pages) if i > 0 and "....." in text)
    entries = dict(toc_entries(pages[contents]))
    for docname, title in titles.items():
        assert title in entries, f"{docname}: {title!r} not in the contents page"
        start = pages[entries[title] - 1]
        assert normalise_space(start).startswith(title), (
            f"{title!r} does not start page {entries[title]}"
        )


def test_spanish_pdf_is_in_spanish(built):
    pdf = built / "pdf" / "handbook-es.pdf"
    text = normalise_space(" ".join(page_texts(pdf)))
    for phrase in ("Índice", "equipo médico", "Glosario", "Página 2 de", "Nota"):
        assert phrase in text, phrase
    english = ("What it is", "Why you might have it", "When to call your care team", "Contents")
    assert not [phrase for phrase in english if phrase in text]
    assert catalog_lang(pdf) == "es"


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_is_a4_with_every_font_embedded(built, language):
    pdf = built / "pdf" / f"handbook-{language}.pdf"
    assert page_size_mm(pdf) == (210.0, 297.0)
    rows = fonts(pdf)
    assert rows and all(r["emb"] == "yes" and r["uni"] == "yes" for r in rows), rows
    assert all("Noto" in r["name"] for r in rows), rows


def test_html_is_served_in_its_language(built):
    index = (built / "html" / "es" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="es"' in index
    tace = (built / "html" / "es" / "procedures" / "tace.html").read_text(encoding="utf-8")
    assert "quimioembolización" in tace.lower()
    assert 'href="../glossary.html#term-' in tace  # :term: links reach the glossary


@pytest.mark.parametrize("language", LANGUAGES)
def test_epub_is_complete(built, language):
    epub = built / "epub" / f"handbook-{language}.epub"
    with zipfile.ZipFile(epub) as archive:
        assert archive.read("mimetype") == b"application/epub+zip"
        opf = archive.read("content.opf").decode("utf-8")
        assert f"<dc:language>{language}</dc:language>" in opf
        names = archive.namelist()
    for docname in CHAPTERS:
        assert f"{docname}.xhtml" in names


def test_pdf_is_tagged_titled_and_bookmarked(built):
    from pypdf import PdfReader

    pdf = built / "pdf" / "handbook-es.pdf"
    reader = PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert str(root["/ViewerPreferences"]["/DisplayDocTitle"]).lower() == "true"
    assert reader.metadata.title.startswith("Oncología intervencionista")
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    titles = _titles(built, "es")
    for docname in ("what-is-interventional-oncology", "benefits", "glossary"):
        assert titles[docname] in outline, outline


def test_site_as_served_over_http(built):
    import functools
    import threading
    import urllib.request
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/html/es/procedures/tace.html", timeout=10) as page:
            assert page.status == 200
            assert page.headers["Content-Type"].startswith("text/html")
            html = page.read().decode("utf-8")
        assert '<html lang="es"' in html
        links = re.findall(r'href="([^"#]+\.(?:html|pdf|epub))"', html)
        wanted = [link for link in links if "fr/procedures/tace" in link or link.endswith(".pdf")]
        assert len(wanted) >= 2, links
        for link in wanted:
            url = urllib.request.urljoin(f"{base}/html/es/procedures/tace.html", link)
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200, url
                if url.endswith(".pdf"):
                    assert response.read(5) == b"%PDF-"
    finally:
        server.shutdown()
        server.server_close()
