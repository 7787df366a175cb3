"""The handbook's running heads in Arabic and Chinese use the fonts of their script."""

from __future__ import annotations

import pytest

from tests.pdftools import fonts, page_texts


@pytest.mark.parametrize("language", ["ar", "zh_CN"])
def test_running_heads_need_no_fallback_font(handbook, language):
    pdf = handbook / "pdf" / f"handbook-{language}.pdf"
    names = [row["name"].split("+")[-1] for row in fonts(pdf)]
    assert not [name for name in names if name.startswith("DejaVu")], names


def test_arabic_running_heads_extract_as_written(handbook):
    # With a font that lacks Arabic, the lam-alef of "الأورام" extracts as "األورام".
    text = "".join(page_texts(handbook / "pdf" / "handbook-ar.pdf"))
    assert "األورام" not in text
    assert "الأورام" in text
