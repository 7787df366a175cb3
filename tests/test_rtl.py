"""Right-to-left output: numbers keep their order, the layout mirrors, the language is declared."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.bidi import NUMERIC_RUN
from tests.pdftools import catalog_lang, page_texts


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("اتصل بالرقم 555-0134 الآن", ["555-0134"]),
        ("حرارة 38 °C أو أكثر", ["38 °C"]),
        ("الساعة 10:30", ["10:30"]),
        ("+1 (555) 010-0134.", ["+1 (555) 010-0134"]),
        ("1,5 mg", ["1,5 mg"]),
        ("٣٨ °C", ["٣٨ °C"]),
        ("6–8 h", ["6–8 h"]),
        ("بدون أرقام", []),
    ],
)
def test_numeric_runs(text, runs):
    assert [m.group(0) for m in NUMERIC_RUN.finditer(text)] == runs


@pytest.mark.sphinx(
    "pdf", testroot="pdf-rtl", freshenv=True, confoverrides={"pdf_debug_html": True}
)
def test_numbers_read_in_order_in_an_arabic_pdf(app):
    app.build()
    assert app.warning.getvalue() == ""
    pdf = Path(app.outdir) / "rtl.pdf"
    text = "\n".join(page_texts(pdf))
    # Without isolation WeasyPrint prints these as 0134-555, C° 38 and 0199-555.
    assert "555-0134" in text  # the clinic's phone number, from its profile
    assert "38 °C" in text  # the clinic's fever threshold
    assert "555-0199" in text  # a number a translator typed in the text, unmarked
    assert "10:30" in text
    assert catalog_lang(pdf) == "ar"
    html = (Path(app.outdir) / "rtl.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    assert '<span class="ltr-run" dir="ltr">555-0134</span>' in html


@pytest.mark.sphinx("html", testroot="pdf-rtl", freshenv=True)
def test_arabic_html_declares_right_to_left(app):
    app.build()
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl"' in html
    assert '<span class="ltr-run" dir="ltr">555-0199</span>' in html
