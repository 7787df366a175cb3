"""PO103-PO106: the header entry, the charset and the plural rule.

The plural rule is checked against the rules Babel gives for the language:
the gettext table in ``babel.messages.plurals`` and the rule Babel derives
from CLDR (``babel.plural``).  Both are accepted, because catalogues from
Transifex and Weblate follow CLDR (Spanish and French with a third form for
millions, Arabic with CLDR's order of forms) while older tools follow the
table; either way the translators filled in the forms the file declares.
Rules are compared by what they do, for n from 0 to 1200 and a few large n,
not by how the expression is written.
"""

from __future__ import annotations

import codecs
import functools
import gettext
import re
from collections.abc import Callable
from dataclasses import dataclass

from babel.messages.plurals import PLURALS
from babel.plural import to_gettext

from .findings import Issue
from .language import is_language_code, parse_locale
from .pofile import PoFile

REQUIRED_FIELDS = (
    "Project-Id-Version",
    "PO-Revision-Date",
    "Last-Translator",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
)
# Values that xgettext and pybabel write into a template: left in a
# translation, they mean the header was never filled in.
_TEMPLATE_VALUES = {
    "Project-Id-Version": "PACKAGE VERSION",
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
    "Language": "LANGUAGE",
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?\s*[+-]\d{4}")
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")
_SAMPLES = (*range(1201), 10**6, 10**6 + 1, 2 * 10**6, 10**7, 10**9)


@dataclass(frozen=True)
class HeaderInfo:
    fields: dict[str, str]
    language: str | None
    nplurals: int | None


def parse_fields(msgstr: str) -> tuple[dict[str, str], list[str]]:
    fields: dict[str, str] = {}
    bad: list[str] = []
    for line in msgstr.split("\n"):
        if not line.strip():
            continue
        name, colon, value = line.partition(":")
        if not colon or not name.strip() or " " in name.strip():
            bad.append(line.strip())
        else:
            fields[name.strip()] = value.strip()
    return fields, bad


def _rule(expression: str) -> Callable[[int], int] | None:
    try:
        return gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError):
        return None


@functools.cache
def language_rules(language: str) -> tuple[tuple[int, str], ...]:
    """The (nplurals, plural) rules Babel knows for a language."""
    locale = parse_locale(language)
    if locale is None:
        return ()
    rules: list[tuple[int, str]] = []
    table = PLURALS.get(str(locale)) or PLURALS.get(locale.language)
    if table is not None:
        rules.append((table[0], table[1]))
    cldr = to_gettext(locale.plural_form)
    match = _PLURAL_FORMS.match(cldr)
    if match:
        # CLDR's operands for whole numbers: i is n, and the fraction and
        # exponent operands (v, w, f, t, c, e) are 0.
        expression = re.sub(r"\bi\b", "n", match.group(2))
        expression = re.sub(r"\b[vwftce]\b", "0", expression)
        rules.append((int(match.group(1)), expression))
    return tuple(rules)


def _same_rule(count: int, rule: Callable[[int], int], other: tuple[int, str]) -> bool:
    other_rule = _rule(other[1])
    if other_rule is None or other[0] != count:
        return False
    return all(rule(n) == other_rule(n) for n in _SAMPLES)


def _check_plural_forms(value: str, language: str | None) -> tuple[list[Issue], int | None]:
    match = _PLURAL_FORMS.match(value)
    rule = _rule(match.group(2)) if match else None
    if match is None or rule is None:
        return [
            Issue(
                "PO104",
                f"Plural-Forms {value!r} is not 'nplurals=N; plural=EXPRESSION;'; "
                "copy the rule for the language from the gettext manual or Babel",
            )
        ], None
    count = int(match.group(1))
    if any(not 0 <= rule(n) < count for n in _SAMPLES):
        return [
            Issue("PO106", f"Plural-Forms gives a form number outside 0..{count - 1}; fix the rule")
        ], count
    rules = language_rules(language) if language else ()
    if rules and not any(_same_rule(count, rule, known) for known in rules):
        # Babel's gettext rule reads best; its CLDR rule is a long generated expression.
        expected = f"'nplurals={rules[0][0]}; plural={rules[0][1]};'"
        alternative = " (the CLDR rule is accepted too)" if len(rules) > 1 else ""
        return [
            Issue(
                "PO106",
                f"Plural-Forms 'nplurals={count}; plural={match.group(2)}' is not the plural rule "
                f"for {language}; use {expected}{alternative}, then check every msgstr[n]",
            )
        ], count
    return [], count


def _check_charset(fields: dict[str, str], po: PoFile) -> list[Issue]:
    content_type = fields.get("Content-Type")
    if content_type is None:
        return []
    match = re.search(r"charset=([^\s;]+)", content_type)
    if match is None or match.group(1).upper() == "CHARSET":
        return [Issue("PO104", "Content-Type names no charset; write 'text/plain; charset=UTF-8'")]
    try:
        codecs.lookup(match.group(1))
    except (LookupError, ValueError):  # ValueError: a NUL or other character no name has
        return [Issue("PO104", f"charset {match.group(1)!r} is unknown; use charset=UTF-8")]
    return []


def check_header(po: PoFile, path_language: str | None) -> tuple[list[Issue], HeaderInfo]:
    header = po.header
    if header is None:
        issue = Issue(
            "PO103",
            'the file has no header (msgid ""); add one with Language, '
            "Content-Type and Plural-Forms",
        )
        return [issue], HeaderInfo({}, path_language, None)
    fields, bad_lines = parse_fields(header.msgstr.get(0, ""))
    issues = [
        Issue("PO104", f"header line {line!r} is not 'Field: value'; fix or remove it")
        for line in bad_lines
    ]
    has_plurals = any(entry.is_plural for entry in po.messages)
    required = (*REQUIRED_FIELDS, "Plural-Forms") if has_plurals else REQUIRED_FIELDS
    missing = [name for name in required if not fields.get(name)]
    if missing:
        issues.append(
            Issue(
                "PO103",
                f"the header lacks {', '.join(missing)}; add "
                f"{'it' if len(missing) == 1 else 'them'}",
            )
        )
    for name, template in _TEMPLATE_VALUES.items():
        if fields.get(name) == template:
            issues.append(
                Issue("PO104", f"{name} still has the template value {template!r}; fill it in")
            )
    revision = fields.get("PO-Revision-Date")
    if (
        revision
        and revision != _TEMPLATE_VALUES["PO-Revision-Date"]
        and not _DATE.fullmatch(revision)
    ):
        issues.append(
            Issue("PO104", f"PO-Revision-Date {revision!r} is not 'YYYY-MM-DD HH:MM+ZZZZ'")
        )
    issues.extend(_check_charset(fields, po))
    language = _language(fields.get("Language"), path_language, issues)
    nplurals = None
    if fields.get("Plural-Forms"):
        plural_issues, nplurals = _check_plural_forms(fields["Plural-Forms"], language)
        issues.extend(plural_issues)
    return issues, HeaderInfo(fields, language, nplurals)


def _language(declared: str | None, from_path: str | None, issues: list[Issue]) -> str | None:
    if not declared or declared == _TEMPLATE_VALUES["Language"]:
        return from_path
    if not is_language_code(declared):
        issues.append(
            Issue(
                "PO104", f"Language {declared!r} is not a language code; write e.g. es, fr, zh_CN"
            )
        )
        return from_path
    # A code Babel does not know (cak, Kaqchikel) is valid; only the checks
    # that need CLDR data are skipped for it.
    locale = parse_locale(declared)
    path_locale = parse_locale(from_path) if from_path else None
    if locale is not None and path_locale is not None and path_locale.language != locale.language:
        issues.append(
            Issue(
                "PO104",
                f"Language is {declared} but the file is in the folder for {from_path}; "
                "move the file or correct the header",
            )
        )
    return declared
