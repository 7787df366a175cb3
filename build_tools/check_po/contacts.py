"""URLs, e-mail addresses and phone numbers: found in text and compared as sets.

Each extractor returns what it found and the text with those spans blanked,
so that the digits of a phone number or a URL are not read again as numbers.
"""

from __future__ import annotations

import re
import unicodedata

_URL = re.compile(r"(?:\b(?:https?|ftps?)://|\bwww\.)[^\s<>\"'`\\^{}|\[\]]+", re.IGNORECASE)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# Sentence punctuation that follows a URL but is not part of it, in the
# scripts this project translates into.
_TRAILING = ".,;:!?»”’\"'」』。，、；：！？"
_PHONE = re.compile(
    r"(?<![\w.,+\-−/])"
    r"(?P<prefix>(?:\+\s?\d{1,3}[ \u00a0\u202f\u2009.\-]?)?"
    r"(?:\(\+?\d{1,5}\)[ \u00a0\u202f\u2009.\-]?)?)"
    r"\d{1,5}(?:[ \u00a0\u202f\u2009\-]\d{1,5}){1,6}"
    r"(?![\w]|[.,]\d)"
)
_DATE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}-\d{1,2}-\d{4}")
# Phone numbers and digit strings of this length are compared digit by digit.
LONG_DIGITS = 7


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def _trim_url(url: str) -> str:
    while url and url[-1] in _TRAILING:
        url = url[:-1]
    # A closing parenthesis belongs to the URL only if it opened one.
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    return url


def extract_urls(text: str) -> tuple[set[str], str]:
    found: set[str] = set()
    for match in reversed(list(_URL.finditer(text))):
        url = _trim_url(match.group(0))
        found.add(url)
        text = _blank(text, match.start(), match.start() + len(url))
    return found, text


def extract_emails(text: str) -> tuple[set[str], str]:
    found: set[str] = set()
    for match in reversed(list(_EMAIL.finditer(text))):
        address = match.group(0).rstrip(".")
        # Addresses are compared without case: mail systems ignore it.
        found.add(address.lower())
        text = _blank(text, match.start(), match.start() + len(address))
    return found, text


def _is_phone(candidate: str, prefix: str | None) -> bool:
    digits = sum(char.isdigit() for char in candidate)
    if not LONG_DIGITS <= digits <= 15 or _DATE.fullmatch(candidate):
        return False
    body = candidate[len(prefix or "") :]
    groups = re.split(r"[ \u00a0\u202f\u2009\-]", body)
    if not prefix and len(groups) < 3:
        # Without a "+" or an area code in parentheses, two groups are a
        # range ("1000-2000") or a number ("10 000"), not a phone number.
        return False
    # Only the first group (a country or trunk code) may be a single digit.
    return all(len(group) >= 2 for group in groups[1:])


def ascii_digits(text: str) -> str:
    """``text`` with its digits in ASCII, whatever script they are written in (٣ → 3)."""
    return "".join(str(unicodedata.decimal(c)) if c.isdecimal() else c for c in text)


def digit_string(text: str) -> str:
    """Only the digits of ``text``, in ASCII."""
    return "".join(c for c in ascii_digits(text) if c.isdigit())


def extract_phones(text: str) -> tuple[dict[str, str], str]:
    """Phone numbers by their digits ("+34 912 345 678" and "912-345-678" share
    digits), each with the way it is written."""
    found: dict[str, str] = {}
    for match in reversed(list(_PHONE.finditer(text))):
        if _is_phone(match.group(0), match.group("prefix")):
            found[digit_string(match.group(0))] = match.group(0)
            text = _blank(text, match.start(), match.end())
    return found, text
