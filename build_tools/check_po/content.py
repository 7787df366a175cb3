"""PO201-PO205: what a translation says must match its source.

Numbers, numbers with their units, phone numbers, URLs and e-mail addresses
are read from both sides, each side in its own language's conventions, and
compared as sets.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .contacts import ascii_digits, extract_emails, extract_phones, extract_urls
from .findings import Issue
from .language import LanguageInfo
from .number_words import spelled_values
from .placeholders import strip_placeholders
from .quantities import Quantity, describe, extract_quantities
from .urls import url_issues
from .visible import visible_text

# Names that carry digits (EPUB3, Y90, HbA1c, html4_writer) are copied, not
# translated; their digits are not read as numbers, so the names are compared.
_CODED_NAME = re.compile(r"(?<![A-Za-z0-9_])[A-Za-z_][A-Za-z0-9_]*\d[A-Za-z0-9_]*")
# Versions whose letters matter: "3.0a1" is not "3.0a2", "2.0rc1" not "2.0".
# Their numbers alone would be read as 3.0 on both sides.
# ASCII boundaries: a Korean or Chinese word may be written against it ("3.0a1과").
_VERSION = re.compile(
    r"(?<![A-Za-z0-9_.])\d+(?:\.\d+)*"
    r"(?:(?:a|b|c|rc|alpha|beta|pre|preview|dev|post)\.?\d+|(?<=\d\.\d)(?:alpha|beta|rc|dev))"
    r"(?![A-Za-z0-9_])"
)
# "&#169;" and "©" are the same character; its code is not a number.
_NUMERIC_ENTITY = re.compile(r"&#(?:[0-9]+|[xX][0-9a-fA-F]+);")


@dataclass(frozen=True)
class Content:
    urls: set[str]
    emails: set[str]
    # Phone numbers and other long digit strings: digits -> as written.
    phones: dict[str, str]
    quantities: list[Quantity]
    # Numbers written as words, which excuse a digit on the other side.
    spelled: set[str]
    coded_names: set[str]

    @functools.cached_property
    def values(self) -> set[str]:
        return {q.value for q in self.quantities}

    @functools.cached_property
    def units(self) -> set[str]:
        return {q.unit for q in self.quantities if q.unit}

    @functools.cached_property
    def _units_by_value(self) -> dict[str, set[str]]:
        # Built once: looking each value up in the list would be quadratic.
        by_value: dict[str, set[str]] = {}
        for quantity in self.quantities:
            units = by_value.setdefault(quantity.value, set())
            if quantity.unit:
                units.add(quantity.unit)
        return by_value

    def units_of(self, value: str) -> set[str]:
        return self._units_by_value.get(value, set())

    def shown(self, values: Iterable[str]) -> str:
        wanted = set(values)
        seen: dict[str, None] = {}
        for quantity in self.quantities:
            if quantity.value in wanted:
                seen.setdefault(describe(quantity), None)
        return ", ".join(seen)


def read_content(text: str, lang: LanguageInfo, flags: set[str]) -> Content:
    text = _NUMERIC_ENTITY.sub(lambda m: html.unescape(m.group(0)), strip_placeholders(text, flags))
    urls, text = extract_urls(text)
    emails, text = extract_emails(text)
    # URLs are read first, as they may be link targets; then only what a
    # reader sees is read for numbers.
    text = visible_text(text)
    phones, text = extract_phones(text)
    quantities, long_numbers = extract_quantities(text, lang)
    names = {ascii_digits(name) for name in _CODED_NAME.findall(text)}
    names |= set(_VERSION.findall(ascii_digits(text)))
    spelled = spelled_values(text, lang.base)
    return Content(urls, emails, long_numbers | phones, quantities, spelled, names)


def _plural(items: set[str] | list[str], one: str, many: str) -> str:
    return one if len(items) == 1 else many


def _set_issue(
    code: str,
    what: str,
    source: set[str] | dict[str, str],
    translation: set[str] | dict[str, str],
) -> list[Issue]:
    """Compare two sets; for dictionaries, keys are compared and values shown."""

    def shown(items: set[str] | dict[str, str], keys: set[str]) -> list[str]:
        return sorted(items[key] if isinstance(items, dict) else key for key in keys)

    missing = shown(source, set(source) - set(translation))
    extra = shown(translation, set(translation) - set(source))
    if not missing and not extra:
        return []
    if missing:
        message = (
            f"{what} {', '.join(missing)} in the source "
            f"{_plural(missing, 'is', 'are')} missing from the translation"
        )
        if extra:
            message += f" (found {', '.join(extra)})"
        message += f"; copy the {what} exactly"
    else:
        message = (
            f"{what} {', '.join(extra)} in the translation {_plural(extra, 'is', 'are')} "
            f"not in the source; remove it or correct it"
        )
    return [Issue(code, message)]


def _number_issues(source: Content, translation: Content) -> list[Issue]:
    missing = source.values - translation.values - translation.spelled
    extra = translation.values - source.values - source.spelled
    if not missing and not extra:
        return []
    if missing:
        message = (
            f"{_plural(missing, 'number', 'numbers')} {source.shown(missing)} in the source "
            f"{_plural(missing, 'is', 'are')} missing from the translation"
        )
        if extra:
            message += f" (found {translation.shown(extra)})"
        message += "; correct the number, written the language's way"
    else:
        message = (
            f"{_plural(extra, 'number', 'numbers')} {translation.shown(extra)} in the translation "
            f"{_plural(extra, 'is', 'are')} not in the source; remove or correct "
            f"{_plural(extra, 'it', 'them')}"
        )
    return [Issue("PO201", message)]


def _unit_mismatch(source: Content, translation: Content, value: str) -> bool:
    """Whether ``value`` carries different units on the two sides.

    A unit may sit on only one number of a range ("2 to 3 mg" against
    "2 mg a 3 mg"), so a bare number matches a unit found elsewhere on the
    other side.
    """
    source_units, translation_units = source.units_of(value), translation.units_of(value)
    for unit in source_units - translation_units:
        if translation_units or unit not in translation.units:
            return True
    for unit in translation_units - source_units:
        if source_units or unit not in source.units:
            return True
    return False


def _unit_issues(source: Content, translation: Content) -> list[Issue]:
    changed = sorted(
        value
        for value in source.values & translation.values
        if _unit_mismatch(source, translation, value)
    )
    if not changed:
        return []
    pairs = "; ".join(
        f"{source.shown([v])} in the source is {translation.shown([v])} in the translation"
        for v in changed
    )
    return [Issue("PO202", f"{pairs}; use the source's unit (mg, g, mL, °C ...)")]


def check_content(
    source: str,
    translation: str,
    *,
    source_lang: LanguageInfo,
    target_lang: LanguageInfo,
    flags: set[str],
) -> list[Issue]:
    theirs = read_content(source, source_lang, flags)
    ours = read_content(translation, target_lang, flags)
    return [
        *_number_issues(theirs, ours),
        *_unit_issues(theirs, ours),
        *_set_issue("PO201", "name with digits", theirs.coded_names, ours.coded_names),
        *_set_issue("PO203", "phone number", theirs.phones, ours.phones),
        *url_issues(theirs.urls, ours.urls),
        *_set_issue("PO205", "e-mail address", theirs.emails, ours.emails),
    ]
