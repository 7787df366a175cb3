"""Legitimate localisation gives no finding, and the same files do get checked."""

from __future__ import annotations

import shutil

import pytest

from build_tools.check_po import check_catalogues, check_paths

from .helpers import CLEAN

LANGUAGES = ["es", "fr", "zh_CN", "ar"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_clean_catalogue_has_no_finding(language):
    assert check_paths([CLEAN / language]) == []


def test_clean_catalogues_are_complete():
    for result in check_catalogues([CLEAN]):
        assert result.stats.translated == result.stats.total > 20
        assert result.stats.fuzzy == result.stats.untranslated == 0


# Each mutation plants one defect in a clean file; the checker must notice,
# which shows that the clean files' numbers and markup are really read.
MUTATIONS = [
    ("es", "1,5 mg", "15 mg", "PO201"),
    ("es", "250 ml", "250 l", "PO202"),
    ("es", ":term:`QETA <TACE>`", ":term:`QETA`", "PO302"),
    ("fr", "38,5\u00a0°C", "38,5\u00a0°F", "PO202"),
    ("fr", "2\u202f500\u00a0mL", "2\u202f050\u00a0mL", "PO201"),
    ("zh_CN", "1.5毫克", "1.5克", "PO202"),
    # Without spaces, docutils sees no role: the markup is broken and the link lost.
    ("zh_CN", "请参阅 :ref:`after-tace` 了解", "请参阅:ref:`after-tace`了解", "PO301 PO302"),
    ("ar", "٣٨٫٥ °م", "٣٨٫٥ °ف", "PO202"),
    ("ar", "٠١٠ ٤٤٧٧", "٠١٠ ٤٧٤٧", "PO203"),
    ("ar", "٢٬٥٠٠ مل", "٢٫٥٠٠ مل", "PO201"),
]


@pytest.mark.parametrize(("language", "old", "new", "code"), MUTATIONS)
def test_a_defect_planted_in_a_clean_file_is_found(tmp_path, language, old, new, code):
    target = tmp_path / "locale"
    shutil.copytree(CLEAN / language, target / language)
    catalogue = target / language / "LC_MESSAGES" / "procedures" / "tace.po"
    text = catalogue.read_text(encoding="utf-8")
    assert old in text
    catalogue.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert [f.code for f in check_paths([catalogue])] == code.split()
