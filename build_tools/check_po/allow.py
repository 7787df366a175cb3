"""Accepting a reviewed finding for one message, and only that message.

The documented form is a translator comment on the entry::

    # check-po: allow PO201 -- reviewed by Ana Ruiz 2025-03-02: "24 h" is one day here

One or more codes (comma-separated), then ``--`` and the reason, which is
required.  Only codes marked allowable in the code table qualify: a broken
file or an untranslated message cannot be signed off.  A comment on the
header is refused, because nothing is ever allowed for a whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .findings import CODES, Issue
from .pofile import PoEntry

_MARKER = re.compile(r"^check-po\s*:", re.IGNORECASE)
_FORM = re.compile(
    r"^check-po:\s*allow\s+(?P<codes>PO\d{3}(?:\s*,\s*PO\d{3})*)\s*(?:--\s*(?P<reason>.*))?$"
)
_FORM_HELP = "write: # check-po: allow PO201 -- reviewed by <name> <date>: <reason>"


@dataclass(frozen=True)
class Allowance:
    line: int
    codes: frozenset[str]
    reason: str


def read_allowances(entry: PoEntry) -> tuple[list[Allowance], list[Issue]]:
    allowances: list[Allowance] = []
    problems: list[Issue] = []
    for comment in entry.translator_comments:
        if not _MARKER.match(comment.text):
            continue
        where = f"the check-po comment at line {comment.line}"
        if entry.is_header:
            problems.append(
                Issue("PO601", f"{where} is on the header; allow a finding on its own message only")
            )
            continue
        match = _FORM.match(comment.text.strip())
        if match is None:
            problems.append(Issue("PO601", f"{where} is not in the documented form; {_FORM_HELP}"))
            continue
        reason = (match.group("reason") or "").strip()
        codes = frozenset(code.strip() for code in match.group("codes").split(","))
        refused = sorted(code for code in codes if code not in CODES or not CODES[code].allowable)
        if not reason:
            problems.append(
                Issue("PO601", f"{where} gives no reason, so it allows nothing; {_FORM_HELP}")
            )
        elif refused:
            problems.append(
                Issue(
                    "PO601",
                    f"{where} names {', '.join(refused)}, which cannot be allowed "
                    "(unknown, or a finding that must be fixed); fix the finding instead",
                )
            )
        else:
            allowances.append(Allowance(comment.line, codes, reason))
    return allowances, problems


def apply_allowances(
    issues: list[Issue], allowances: list[Allowance]
) -> tuple[list[Issue], list[tuple[Issue, Allowance]], list[Issue]]:
    """Split issues into kept and allowed, and report allowances that matched nothing."""
    kept: list[Issue] = []
    allowed: list[tuple[Issue, Allowance]] = []
    used: set[tuple[int, str]] = set()
    for issue in issues:
        match = next((a for a in allowances if issue.code in a.codes), None)
        if match is None:
            kept.append(issue)
        else:
            allowed.append((issue, match))
            used.add((match.line, issue.code))
    unused = []
    for allowance in allowances:
        stale = sorted(code for code in allowance.codes if (allowance.line, code) not in used)
        if stale:
            unused.append(
                Issue(
                    "PO602",
                    f"the check-po comment at line {allowance.line} allows {', '.join(stale)}, "
                    "but the message has no such finding; remove it from the comment",
                )
            )
    return kept, allowed, unused
