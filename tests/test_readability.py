"""Plain language, measured as HANDOUT-STANDARD.md asks, on the pages as built.

The check is ``make readability``'s (tests/readability_report.py), run here on the handbook
that the test session builds.
"""

from __future__ import annotations

import pytest

from tests.readability_report import LANGUAGES, offline_textstat, pages, score_page


@pytest.fixture(scope="session")
def textstat(tmp_path_factory):
    return offline_textstat(tmp_path_factory.mktemp("nltk_data"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", pages())
def test_page_meets_the_plain_language_standard(handbook, textstat, language, page):
    score = score_page(textstat, handbook / "html", language, page)
    assert not score.failures, score.line()


def test_the_report_fails_on_hard_text(tmp_path, textstat):
    """Text unlike ours: long sentences of long words fail, and say which measure."""
    site = tmp_path / "html" / "en" / "procedures"
    site.mkdir(parents=True)
    sentence = (
        "Notwithstanding considerable interindividual heterogeneity, periprocedural "
        "anticoagulation management necessitates multidisciplinary deliberation regarding "
        "thromboembolic and haemorrhagic complications, approximately 12% of interventions. "
    )
    items = "".join(f"<li>{n}</li>" for n in range(7))
    (site / "tace.html").write_text(
        f'<div class="body"><p>{sentence * 5}</p><ul>{items}</ul></div>', encoding="utf-8"
    )
    score = score_page(textstat, tmp_path / "html", "en", "procedures/tace")
    assert any("Flesch-Kincaid" in failure for failure in score.failures), score.failures
    assert any("SMOG" in failure for failure in score.failures), score.failures
    assert any("lists" in failure for failure in score.failures), score.failures
    assert "a percentage" in score.failures
