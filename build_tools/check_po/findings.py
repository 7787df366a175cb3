"""Findings and the fixed catalogue of codes that produce them.

Each code has one severity that never changes, so a team can rely on
``PO2xx`` always failing the build and ``PO4xx`` never doing so (unless
``--strict``).  The table is the single place where codes are defined; the
README section and the HTML report are written from it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path


class Severity(enum.StrEnum):
    """How much a finding matters: errors fail the gate, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class CodeInfo:
    """What one finding code means."""

    code: str
    name: str
    severity: Severity
    summary: str
    # Whether a reviewer may accept this finding for one message with a
    # translator comment.  Broken files and incomplete messages are never
    # accepted: they have to be fixed, not signed off.
    allowable: bool


_E = Severity.ERROR
_W = Severity.WARNING

CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        CodeInfo("PO101", "po-syntax", _E, "the file does not follow the PO grammar", False),
        CodeInfo(
            "PO102", "duplicate-message", _E, "the same msgctxt and msgid appear twice", False
        ),
        CodeInfo(
            "PO103", "header-missing", _E, "the header or a required header field is missing", False
        ),
        CodeInfo(
            "PO104", "header-malformed", _E, "a header field has a wrong or template value", False
        ),
        CodeInfo(
            "PO105", "charset-mismatch", _E, "the bytes do not match the declared charset", False
        ),
        CodeInfo(
            "PO106", "plural-forms", _E, "Plural-Forms does not match the language's rule", False
        ),
        CodeInfo(
            "PO107", "plural-count", _E, "a plural message has the wrong number of msgstr[n]", False
        ),
        CodeInfo(
            "PO108",
            "format-placeholder",
            _E,
            "format placeholders differ (format-flagged message)",
            True,
        ),
        CodeInfo("PO201", "number", _E, "a number differs between source and translation", True),
        CodeInfo("PO202", "unit", _E, "a number's unit differs (mg/g, °C/°F, mL/L ...)", True),
        CodeInfo("PO203", "phone", _E, "a phone number (or other long digit string) differs", True),
        CodeInfo("PO204", "url", _E, "a URL differs", True),
        CodeInfo("PO205", "email", _E, "an e-mail address differs", True),
        CodeInfo(
            "PO301",
            "rst-inline",
            _E,
            "reST markup in the translation does not parse (unclosed)",
            True,
        ),
        CodeInfo("PO302", "rst-role", _E, "roles or their targets differ", True),
        CodeInfo(
            "PO303", "rst-reference", _E, "named references or hyperlink targets differ", True
        ),
        CodeInfo("PO304", "rst-substitution", _E, "substitution references differ", True),
        CodeInfo("PO305", "rst-footnote", _E, "footnote or citation references differ", True),
        CodeInfo(
            "PO306",
            "rst-added-markup",
            _E,
            "the translation adds a directive, raw HTML, script or link",
            False,  # never allowed: an allow comment must not let raw HTML reach a patient
        ),
        CodeInfo(
            "PO307", "rst-literal", _E, "an inline literal (``...``) differs from the source", True
        ),
        CodeInfo("PO401", "untranslated", _W, "the message has no translation", False),
        CodeInfo("PO402", "fuzzy", _W, "the translation is marked fuzzy and is not used", False),
        CodeInfo("PO403", "identical", _W, "the translation is identical to the source", True),
        CodeInfo("PO501", "glossary", _W, "a glossary term is not rendered as approved", True),
        CodeInfo("PO502", "glossary-file", _E, "the glossary file is malformed", False),
        CodeInfo(
            "PO601",
            "allow-invalid",
            _E,
            "a check-po allow comment is malformed or misplaced",
            False,
        ),
        CodeInfo("PO602", "allow-unused", _W, "a check-po allow comment accepts nothing", False),
    )
}


@dataclass(frozen=True)
class Finding:
    """One problem at one place; ``line`` is where the msgstr starts."""

    path: Path
    line: int
    code: str
    severity: Severity
    message: str
    msgid: str | None = None
    # For a fuzzy message made by msgmerge: the source the translation was
    # written for, shown beside the current source.
    previous_msgid: str | None = None

    def sort_key(self) -> tuple[str, int, str, str]:
        return (str(self.path), self.line, self.code, self.message)

    def to_dict(self) -> dict[str, str | int | None]:
        return {
            "path": str(self.path),
            "line": self.line,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "msgid": self.msgid,
            "previous_msgid": self.previous_msgid,
        }


def make_finding(
    path: Path,
    line: int,
    code: str,
    message: str,
    *,
    msgid: str | None = None,
    previous_msgid: str | None = None,
) -> Finding:
    """Build a finding whose severity comes from the code table, never from the caller."""
    return Finding(
        path=path,
        line=line,
        code=code,
        severity=CODES[code].severity,
        message=message,
        msgid=msgid,
        previous_msgid=previous_msgid,
    )


@dataclass(frozen=True)
class Issue:
    """A finding about one message before it is placed in a file.

    Checks that look at text alone return issues; the checker adds the path
    and line, which keeps those checks free of file bookkeeping.
    """

    code: str
    message: str
