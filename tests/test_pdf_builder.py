"""The pdf builder on a tiny project: what the PDF holds, not how it was made."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdftools import catalog_lang, fonts, page_size_mm, page_texts, toc_entries


def _pdf(app) -> Path:
    return Path(app.outdir) / "book-en.pdf"


@pytest.mark.sphinx("pdf", testroot="pdf-basic", freshenv=True)
def test_builds_one_pdf_without_warnings(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert _pdf(app).is_file()
    # The PDF is the builder's only output: no _static folder, no leftover temporary file.
    assert sorted(p.name for p in Path(app.outdir).iterdir()) == ["book-en.pdf"]


@pytest.mark.sphinx("pdf", testroot="pdf-basic", freshenv=True)
def test_contents_page_numbers_point_at_chapter_starts(app):
    app.build()
    pages = page_texts(_pdf(app))
    contents = next(i for i, text in enumerate(pages) if text.startswith("Contents"))
    entries = toc_entries(pages[contents])
    assert [title for title, _ in entries] == ["Second chapter", "Third chapter"]
    for title, number in entries:
        assert pages[number - 1].strip().startswith(title), (title, number)


@pytest.mark.sphinx("pdf", testroot="pdf-basic", freshenv=True)
def test_cover_footer_and_placeholders(app):
    app.build()
    pages = page_texts(_pdf(app))
    assert "The Test Book" in pages[0]
    assert "Page 1 of" not in pages[0]  # the cover has no footer
    assert f"Page 2 of {len(pages)}" in pages[1]
    text = "\n".join(pages)
    # :clinic:`main_phone` prints the neutral phrase in the handbook
    assert "Call the phone number your care team gave you" in text
    # a procedure page's document control, under its title
    assert "Next review:" in text and "November 27, 2028" in text
    assert "not yet reviewed by a clinician" in text


@pytest.mark.sphinx("pdf", testroot="pdf-basic", freshenv=True)
def test_a4_fonts_embedded_and_language_set(app):
    app.build()
    pdf = _pdf(app)
    assert page_size_mm(pdf) == (210.0, 297.0)
    rows = fonts(pdf)
    assert rows, "no fonts in the PDF"
    assert all(row["emb"] == "yes" and row["uni"] == "yes" for row in rows), rows
    assert catalog_lang(pdf) == "en"


@pytest.mark.sphinx(
    "pdf", testroot="pdf-basic", freshenv=True, confoverrides={"pdf_paper_size": "letter"}
)
def test_letter_paper(app):
    app.build()
    # Not A4: the file name says so.
    assert page_size_mm(Path(app.outdir) / "book-en-letter.pdf") == (215.9, 279.4)


@pytest.mark.sphinx(
    "pdf", testroot="pdf-basic", freshenv=True, confoverrides={"pdf_paper_size": "a5"}
)
def test_unknown_paper_size_is_a_config_error(app_params, make_app):
    from sphinx.errors import ConfigError

    args, kwargs = app_params
    with pytest.raises(ConfigError, match="pdf_paper_size"):
        make_app(*args, **kwargs)


@pytest.mark.sphinx(
    "pdf", testroot="pdf-basic", freshenv=True, confoverrides={"pdf_debug_html": True}
)
def test_anchors_are_unique_and_language_independent(app):
    app.build()
    html = (Path(app.outdir) / "book-en.html").read_text(encoding="utf-8")
    import re

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids in the assembled book"
    # Chapter anchors come from document names; cross-document references point at them.
    assert 'id="doc-sub-third"' in html
    assert 'href="#doc-sub-third--third-label"' in html or 'href="#doc-sub-third"' in html
    assert 'href="#doc-sub-third--second-risks"' in html


@pytest.mark.sphinx("pdf", testroot="pdf-weasylog", freshenv=True)
def test_weasyprint_problems_are_sphinx_warnings(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "unicode-bidi" in warnings  # an ignored CSS rule
    assert "nowhere" in warnings  # an anchor that does not exist
    assert "missing-image.png" in warnings  # a resource that cannot be loaded
    assert "[weasyprint" in warnings  # typed, so suppress_warnings can name them


@pytest.mark.sphinx("pdf", testroot="pdf-glyphs", freshenv=True)
def test_a_missing_glyph_is_a_warning(app):
    # With -W (as the Makefile builds) this fails the build.
    app.build()
    assert ".notdef glyph" in app.warning.getvalue()
    assert "U+E000" in app.warning.getvalue()


@pytest.mark.sphinx("pdf", testroot="pdf-glyphs", freshenv=True, warningiserror=True)
def test_with_warnings_as_errors_the_previous_pdf_is_kept(app):
    previous = Path(app.outdir) / "Glyphs-en.pdf"
    previous.parent.mkdir(parents=True, exist_ok=True)
    previous.write_bytes(b"%PDF- the last good build")
    app.build()
    assert ".notdef glyph" in app.warning.getvalue()
    assert previous.read_bytes() == b"%PDF- the last good build"
    assert not [p for p in previous.parent.iterdir() if p.name != previous.name]
