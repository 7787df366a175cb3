"""One planted defect per check: each gives exactly its code, at the msgstr's line."""

from __future__ import annotations

import pytest

from build_tools.check_po import CODES, Severity, check_paths

from .helpers import DATA, DEFECTS, codes_and_lines

EXPECTED = {
    "po101_unterminated.po": [(18, "PO101")],
    "po101_bad_escape.po": [(18, "PO101")],
    # A msgstr with no msgid, then a msgid with no msgstr.
    "po101_out_of_order.po": [(17, "PO101"), (18, "PO101")],
    "po102_duplicate.po": [(18, "PO102")],
    "po103_header_fields.po": [(2, "PO103")],
    "po103_no_header.po": [(1, "PO103")],
    "po104_header_values.po": [(2, "PO104"), (2, "PO104")],
    # The latin-1 "ñ" is on line 18; the mislabelled file's first UTF-8 byte too.
    "po105_bad_bytes.po": [(18, "PO105")],
    "po105_mislabelled.po": [(18, "PO105")],
    "po106_plural_forms.po": [(2, "PO106")],
    "po107_plural_count.po": [(20, "PO107")],
    "po108_placeholders.po": [(19, "PO108"), (24, "PO108")],
    "po201_number.po": [(18, "PO201")],
    "po202_unit.po": [(18, "PO202"), (22, "PO202"), (26, "PO202")],
    "po203_phone.po": [(18, "PO203")],
    "po204_url.po": [(18, "PO204")],
    "po205_email.po": [(18, "PO205")],
    "po301_rst_inline.po": [(18, "PO301")],
    "po302_rst_role.po": [(18, "PO302"), (22, "PO302")],
    "po303_rst_reference.po": [(18, "PO303")],
    "po304_rst_substitution.po": [(18, "PO304")],
    "po305_rst_footnote.po": [(18, "PO305"), (18, "PO305")],
    "po306_rst_added_markup.po": [(18, "PO306"), (23, "PO306"), (28, "PO306")],
    "po307_rst_literal.po": [(18, "PO307")],
    "po401_untranslated.po": [(18, "PO401")],
    "po402_fuzzy.po": [(20, "PO402")],
    "po403_identical.po": [(18, "PO403")],
    # On the header; without a reason (so PO201 stands); naming a code that
    # cannot be allowed.
    "po601_allow_invalid.po": [(3, "PO601"), (20, "PO201"), (20, "PO601"), (25, "PO601")],
    "po602_allow_unused.po": [(19, "PO602")],
    "allow_valid.po": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_planted_defect_gives_its_code_at_its_line(name):
    findings = check_paths([DEFECTS / name])
    assert codes_and_lines(findings) == EXPECTED[name]
    for finding in findings:
        assert finding.severity is CODES[finding.code].severity
        assert finding.path == DEFECTS / name


def test_every_defect_file_is_listed():
    assert {path.name for path in DEFECTS.glob("*.po")} == set(EXPECTED)


def test_glossary_term_without_an_approved_rendering():
    findings = check_paths([DATA / "glossary"])
    assert codes_and_lines(findings) == [(18, "PO501")]
    assert "«liver»" in findings[0].message
    assert findings[0].severity is Severity.WARNING


def test_malformed_glossary_is_reported_against_the_csv_file():
    findings = check_paths([DATA / "glossary_bad"])
    assert codes_and_lines(findings) == [(1, "PO502")]
    assert findings[0].path.name == "glossary.csv"


def test_glossary_root_can_be_given():
    root = DATA / "glossary" / "locale"
    findings = check_paths([root / "es" / "LC_MESSAGES" / "terms.po"], glossary_root=root)
    assert [f.code for f in findings] == ["PO501"]


def test_every_code_is_planted_somewhere():
    planted = {code for found in EXPECTED.values() for _, code in found}
    assert planted | {"PO501", "PO502"} == set(CODES)


def test_fuzzy_finding_carries_the_previous_source():
    (finding,) = check_paths([DEFECTS / "po402_fuzzy.po"])
    assert finding.previous_msgid == "Do not drink for 8 hours."
    assert finding.msgid == "Do not drink for 6 hours."
