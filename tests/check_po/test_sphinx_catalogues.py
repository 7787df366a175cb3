"""Real, human-translated catalogues that no one here wrote: Sphinx's own.

They are complete or partly translated and were made with care, so the gate
must find no error in them; what it reports is incompleteness.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import sphinx

from build_tools.check_po import Severity, check_paths

LOCALE = Path(sphinx.__file__).parent / "locale"


@pytest.mark.parametrize("language", ["es", "fr", "zh_CN", "ar"])
def test_sphinx_catalogue_has_no_error(language):
    findings = check_paths([LOCALE / language / "LC_MESSAGES" / "sphinx.po"])
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    counts = Counter(f.code for f in findings)
    # Identical messages that are names or untranslated terms: a handful at most.
    assert counts["PO403"] <= 5
    assert set(counts) <= {"PO401", "PO403"}


# Every catalogue Sphinx ships, checked together: the errors are the real
# defects the checker found in them, counted by code, and nothing more.
# PO104: Last-Translator left at its template; PO106: Plural-Forms unlike
# CLDR's and gettext's (cy, pt_PT, si, tr); PO108: placeholders changed (el,
# fa); PO201: numbers and names changed (el, et, fa, hi, ru, sk); PO204: a
# link to the home page that became one to a version (pt_BR).  Localised
# links (/en/ → /pt-br/) are not among them.
SHIPPED_ERRORS = {"PO104": 20, "PO106": 4, "PO108": 3, "PO201": 17, "PO204": 1}


def test_every_shipped_catalogue_gives_only_the_known_errors():
    findings = check_paths([LOCALE])
    errors = Counter(f.code for f in findings if f.severity is Severity.ERROR)
    assert dict(errors) == SHIPPED_ERRORS
    (link,) = [f for f in findings if f.code == "PO204"]
    assert "the path changed from / to /master" in link.message
