"""Header fields and plural rules."""

from __future__ import annotations

import pytest

from build_tools.check_po.header import check_header
from build_tools.check_po.pofile import parse_po_bytes

SPHINX_FRENCH = "nplurals=3; plural=(n == 0 || n == 1) ? 0 : n != 0 && n % 1000000 == 0 ? 1 : 2;"
ARABIC_CLDR = (
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
    ": n%100>=11 && n%100<=99 ? 4 : 5;"
)


def header(language, plural_forms):
    fields = [
        "Project-Id-Version: X 1",
        "PO-Revision-Date: 2026-01-12 10:00+0100",
        "Last-Translator: A <a@example.org>",
        f"Language: {language}",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=UTF-8",
        "Content-Transfer-Encoding: 8bit",
        f"Plural-Forms: {plural_forms}",
    ]
    body = "".join(f'"{field}\\n"\n' for field in fields)
    return parse_po_bytes(f'msgid ""\nmsgstr ""\n{body}'.encode())


@pytest.mark.parametrize(
    ("language", "plural_forms", "codes"),
    [
        ("es", "nplurals=2; plural=(n != 1);", []),
        ("es", "nplurals=2; plural=n!=1", []),  # written differently, same rule
        ("fr", "nplurals=2; plural=(n > 1);", []),
        ("fr", SPHINX_FRENCH, []),  # CLDR's rule, as Transifex writes it
        ("fr", "nplurals=2; plural=(n != 1);", ["PO106"]),  # zero is singular in French
        ("ar", ARABIC_CLDR, []),
        ("ar", "nplurals=2; plural=(n != 1);", ["PO106"]),
        ("zh_CN", "nplurals=1; plural=0;", []),
        ("es", "nplurals=2; plural=(n != 1) ? 0 : 2;", ["PO106"]),  # form 2 does not exist
        ("es", "nplurals=two; plural=(n != 1);", ["PO104"]),
        ("es", "nplurals=2; plural=(n !!= 1);", ["PO104"]),
        ("cak", "nplurals=2; plural=(n != 1);", []),  # Babel does not know it: no rule to compare
        ("not a code", "nplurals=2; plural=(n != 1);", ["PO104"]),
    ],
)
def test_plural_forms(language, plural_forms, codes):
    issues, _ = check_header(header(language, plural_forms), None)
    assert [issue.code for issue in issues] == codes


def test_language_falls_back_to_the_path_and_must_agree_with_it():
    issues, info = check_header(header("es", "nplurals=2; plural=(n != 1);"), "fr")
    assert [issue.code for issue in issues] == ["PO104"]
    assert info.language == "es"
