"""URLs, e-mail addresses and phone numbers: found in text and compared as sets.

Each extractor returns what it found and the text with those spans blanked,
so that the digits of a phone number or a URL are not read again as numbers.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from docutils.utils import punctuation_chars


def _docutils_punctuation() -> str:
    """The non-ASCII punctuation at which docutils ends a standalone URI.

    Docutils' URIs are ASCII, and inline markup ends before its delimiters,
    openers and closers: "https://example.org，详见" links only
    "https://example.org".  ASCII punctuation (".", ",", ")") may be inside a
    URL and is trimmed from its end instead.
    """
    kinds = punctuation_chars.delimiters + punctuation_chars.closers + punctuation_chars.openers
    pattern = re.compile(f"[{kinds}]")
    return "".join(chr(code) for code in range(0x80, 0x10000) if pattern.match(chr(code)))


_URL_END = re.escape(_docutils_punctuation())
_URL = re.compile(
    rf"(?:\b(?:https?|ftps?)://|\bwww\.)[^\s<>\"'`\\^{{}}|\[\]{_URL_END}]+", re.IGNORECASE
)
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


def _blank(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each (start, end) span, in order, replaced by as many spaces."""
    pieces, last = [], 0
    for start, end in spans:
        pieces += [text[last:start], " " * (end - start)]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


def _trim_url(url: str) -> str:
    url = url.rstrip(_TRAILING)
    # A closing parenthesis belongs to the URL only if it opened one.
    unmatched = url.count(")") - url.count("(")
    while unmatched > 0 and url.endswith(")"):
        url, unmatched = url[:-1], unmatched - 1
    return url


def extract_urls(text: str) -> tuple[set[str], str]:
    found: set[str] = set()
    spans = []
    for match in _URL.finditer(text):
        url = _trim_url(match.group(0))
        found.add(url)
        spans.append((match.start(), match.start() + len(url)))
    return found, _blank(text, spans)


def extract_emails(text: str) -> tuple[set[str], str]:
    found: set[str] = set()
    spans = []
    for match in _EMAIL.finditer(text):
        address = match.group(0).rstrip(".")
        # Addresses are compared without case: mail systems ignore it.
        found.add(address.lower())
        spans.append((match.start(), match.start() + len(address)))
    return found, _blank(text, spans)


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
    spans = []
    for match in _PHONE.finditer(text):
        if _is_phone(match.group(0), match.group("prefix")):
            found.setdefault(digit_string(match.group(0)), match.group(0))
            spans.append(match.span())
    return found, _blank(text, spans)
