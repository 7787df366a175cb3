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
