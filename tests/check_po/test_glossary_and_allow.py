"""Glossary matching and the per-message allow comment."""

from __future__ import annotations

import pytest

from build_tools.check_po import check_catalogues
from build_tools.check_po.glossary import Glossary, GlossaryTerm, check_glossary
from build_tools.check_po.language import language_info

from .helpers import DEFECTS

GLOSSARY = Glossary(
    path=DEFECTS / "glossary.csv",
    terms=[
        GlossaryTerm(2, ("liver",), ("hígado", "foie", "肝", "كبد")),
        GlossaryTerm(3, ("CT",), ("TC", "TDM", "CT")),
        GlossaryTerm(4, ("PET",), ("TEP",)),
    ],
)


@pytest.mark.parametrize(
    ("source", "translation", "language", "found"),
    [
        ("liver tumors", "tumores del hígado", "es", False),
        ("Liver tumors", "tumores hepáticos", "es", True),
        ("the livers", "los hígados", "es", False),  # an inflection ending is allowed
        ("liver", "肝脏肿瘤", "zh_CN", False),  # no word spaces: substring
        ("liver", "أورام الكبد", "ar", False),  # a joined article
        ("a CT scan", "une TDM", "fr", False),
        ("a pet scan", "un examen", "fr", False),  # acronyms keep their case: pet is not PET
        ("a PET scan", "un examen", "fr", True),
        ("See :ref:`liver-care`", "Vea :ref:`liver-care`", "es", False),  # a label is not prose
    ],
)
def test_glossary_matching(source, translation, language, found):
    issues = check_glossary(
        source,
        translation,
        GLOSSARY,
        source_lang=language_info("en"),
        target_lang=language_info(language),
    )
    assert bool(issues) is found


def test_an_allowed_finding_is_kept_with_its_reason():
    (result,) = check_catalogues([DEFECTS / "allow_valid.po"])
    assert result.findings == []
    (allowed,) = result.allowed
    assert allowed.finding.code == "PO201"
    assert allowed.reason.startswith("reviewed by Ana Ruiz 2026-01-12")
