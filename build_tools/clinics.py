"""Clinic profiles: who prints a handout, and the details that the procedure pages leave to them.

A profile is a TOML file under ``clinics/`` (see the README for every key). Loading one checks it
completely; the first problem is reported as one line that names the file, the line, the field and
the fix, and nothing is built from a bad profile. Every value is data: it is escaped wherever it is
printed, never parsed as markup.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from build_tools import logos
from build_tools.languages import LanguageError, normalise

PAPER_SIZES = ("a4", "letter")
LOGO_SUFFIXES = (".svg", ".png")
#: Per-language details: values for the pages' :clinic: roles, and extra text for the handout.
DETAIL_KEYS = {"fever_threshold": True, "fever_days": True, "when_to_call_extra": False}
#: The detail keys that fill a page's ``:clinic:`` role of the same name.
ROLE_DETAILS = ("fever_threshold", "fever_days")
#: ``fever_days`` is one whole number of days, in words of the language ("3 days", "3 días", "3天").
_DAYS = re.compile(r"\D*\d+\D*")
_WORD = re.compile(r"[^\W\d_]")
#: The longest value of each field that still fits a handout's header, box and footer (a name of
#: this length, with an address of this length, was tried on every page in every language).
MAX_LENGTHS = {
    "name": 90,
    "address": 140,
    "phone": 30,
    "after_hours_phone": 30,
    "website": 200,
    "handbook_base_url": 200,
    "fever_threshold": 20,
    "fever_days": 20,
    "when_to_call_extra": 300,
}
#: A web address is printed and put into QR codes: no quotes, spaces, angle brackets or controls.
_PLAIN_URL = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")


class ClinicError(ValueError):
    """A profile that cannot be used; ``str()`` is the one-line message for the user."""


@dataclass(frozen=True)
class ClinicProfile:
    slug: str
    path: Path
    name: str
    address: str
    phone: str
    after_hours_phone: str
    website: str
    languages: tuple[str, ...]
    paper: str
    logo: Path | None = None
    handbook_base_url: str | None = None
    details: dict[str, dict[str, str]] = field(default_factory=dict)

    def clinic_values(self, language: str) -> dict[str, str]:
        """The values that fill the ``:clinic:`` roles of a page in ``language``."""
        values = {"main_phone": self.phone, "after_hours_phone": self.after_hours_phone}
        details = self.details.get(language, {})
        values.update({key: details[key] for key in ROLE_DETAILS if key in details})
        return values


def _line_of(text: str, key: str, table: str | None) -> int:
    """The line where ``key`` is set (inside ``[table]`` when given), or where the table starts."""
    lines = text.splitlines()
    start = 0
    if table:
        header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]\s*(#.*)?$")
        start = next((i for i, line in enumerate(lines) if header.match(line)), -1)
        if start < 0:
            return 1
    assignment = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for number in range(start, len(lines)):
        if number > start and table is not None and lines[number].lstrip().startswith("["):
            break
        if table is None and lines[number].lstrip().startswith("["):
            break
        if assignment.match(lines[number]):
            return number + 1
    return start + 1


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text

    def fail(self, key: str, message: str, table: str | None = "clinic") -> ClinicError:
        line = _line_of(self.text, key.split(".")[-1], table)
        where = f"[{table}] {key}" if table else key
        return ClinicError(f"{self.path}:{line}: {where}: {message}")

    def string(
        self, data: dict[str, Any], key: str, table: str = "clinic", *, required: bool = True
    ) -> str | None:
        if key not in data:
            if required:
                raise self.fail(key, f'missing; add {key} = "..." under [{table}]', table)
            return None
        value = data[key]
        if not isinstance(value, str):
            raise self.fail(key, f"must be a string in quotes, not {type(value).__name__}", table)
        if not value.strip():
            raise self.fail(key, "is empty; give a value", table)
        limit = MAX_LENGTHS.get(key)
        if limit is not None and len(value.strip()) > limit:
            raise self.fail(
                key,
                f"is {len(value.strip())} characters long; at most {limit} fit on a handout, "
                "shorten it",
                table,
            )
        if any(unicodedata.category(c) in {"Cc", "Cf"} and c not in "\u200e\u200f" for c in value):
            raise self.fail(key, "contains control characters; type it as plain text", table)
        return value.strip()


def load(path: Path, known_languages: list[str]) -> ClinicProfile:
    """Read and check one profile; raise :class:`ClinicError` with a one-line message."""
    if not path.is_file():
        raise ClinicError(f"{path}: no such clinic profile; profiles are TOML files under clinics/")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ClinicError(
            f"{path}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ClinicError(f"{path}: not valid TOML ({exc}); fix the syntax") from exc
    reader = _Reader(path, text)
    unknown = sorted(set(data) - {"clinic", "details"})
    if unknown:
        raise reader.fail(unknown[0], "unknown table; use [clinic] and [details.<lang>]", None)
    clinic = data.get("clinic")
    if not isinstance(clinic, dict):
        raise ClinicError(f"{path}:1: [clinic] table missing; start the file with [clinic]")
    allowed = {
        "name",
        "address",
        "phone",
        "after_hours_phone",
        "website",
        "languages",
        "paper",
        "logo",
        "handbook_base_url",
    }
    for key in clinic:
        if key not in allowed:
            raise reader.fail(key, f"unknown field; known fields: {', '.join(sorted(allowed))}")

    name = reader.string(clinic, "name")
    address = reader.string(clinic, "address")
    phone = _phone(reader, clinic, "phone")
    after_hours = _phone(reader, clinic, "after_hours_phone")
    website = _url(reader, clinic, "website", required=True)
    base_url = _url(reader, clinic, "handbook_base_url", required=False)
    paper = reader.string(clinic, "paper")
    if paper not in PAPER_SIZES:
        raise reader.fail("paper", f'{paper!r} is not a paper size; use "a4" or "letter"')
    languages = _languages(reader, clinic, known_languages)
    logo = _logo(reader, clinic, path)
    details = _details(reader, data.get("details", {}), languages)
    assert name and address and website and paper  # checked above; narrows the types
    return ClinicProfile(
        slug=path.stem,
        path=path,
        name=name,
        address=address,
        phone=phone,
        after_hours_phone=after_hours,
        website=website,
        languages=languages,
        paper=paper,
        logo=logo,
        handbook_base_url=base_url,
        details=details,
    )


def _phone(reader: _Reader, clinic: dict[str, Any], key: str) -> str:
    value = reader.string(clinic, key)
    assert value is not None
    if not re.fullmatch(r"\+?\(?[0-9][0-9 ()\-.]{2,}[0-9]", value):
        raise reader.fail(key, f"{value!r} is not a phone number; use digits, spaces, + ( ) - .")
    return value


def _url(reader: _Reader, clinic: dict[str, Any], key: str, *, required: bool) -> str | None:
    value = reader.string(clinic, key, required=required)
    if value is None:
        return None
    parsed = urlparse(value)
    if not _PLAIN_URL.fullmatch(value):
        bad = next(c for c in value if not _PLAIN_URL.fullmatch(c))
        raise reader.fail(
            key, f"{bad!r} is not allowed in a web address; write a plain https://... address"
        )
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise reader.fail(key, f"{value!r} is not a web address; write it as https://...")
    return value


def _code(name: str) -> str:
    """``name`` as the handbook spells a language (zh-CN -> zh_CN); unknown names unchanged."""
    try:
        return normalise(name)
    except LanguageError:
        return name


def _languages(reader: _Reader, clinic: dict[str, Any], known: list[str]) -> tuple[str, ...]:
    value = clinic.get("languages")
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise reader.fail("languages", 'must be a list of language codes, e.g. ["en", "es"]')
    languages = []
    for item in value:
        code = _code(item)
        if code not in known:
            raise reader.fail(
                "languages", f"{item!r} is not a language of the handbook; known: {' '.join(known)}"
            )
        languages.append(code)
    return tuple(dict.fromkeys(languages))


def _logo(reader: _Reader, clinic: dict[str, Any], path: Path) -> Path | None:
    value = reader.string(clinic, "logo", required=False)
    if value is None:
        return None
    folder = path.parent.resolve()
    logo = (folder / value).resolve()
    if logo.suffix.lower() not in LOGO_SUFFIXES:
        raise reader.fail("logo", f"{value!r} must be an SVG or PNG file")
    if not logo.is_relative_to(folder):
        raise reader.fail(
            "logo",
            f"{value!r} is outside the clinics folder; copy the logo into {path.parent}/ "
            "and name it relative to the profile",
        )
    if not logo.is_file():
        raise reader.fail(
            "logo", f"{value!r} does not exist (paths are relative to {path.parent}/)"
        )
    try:
        logos.check(logo)
    except logos.LogoError as exc:
        raise reader.fail("logo", f"{value!r} {exc}") from None
    except OSError as exc:
        raise reader.fail("logo", f"{value!r} cannot be read ({exc.strerror})") from None
    return logo


def _details(
    reader: _Reader, details: Any, languages: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    if not isinstance(details, dict):
        raise reader.fail("details", "must be tables [details.<lang>]", None)
    result: dict[str, dict[str, str]] = {}
    for name in details:
        code = _code(name)
        if code not in languages:
            raise reader.fail(
                next(iter(details[name]), name) if isinstance(details[name], dict) else name,
                f"the clinic does not print {name!r}; add it to languages under [clinic] "
                "or remove the table",
                f"details.{name}",
            )
    for language in languages:
        table = details.get(language)
        if not isinstance(table, dict):
            raise reader.fail(
                "fever_threshold",
                f"missing [details.{language}]; add it with fever_threshold and fever_days",
                f"details.{language}",
            )
        entries: dict[str, str] = {}
        for key in table:
            if key not in DETAIL_KEYS:
                raise reader.fail(
                    key, f"unknown field; known: {', '.join(DETAIL_KEYS)}", f"details.{language}"
                )
        for key, required in DETAIL_KEYS.items():
            value = reader.string(table, key, f"details.{language}", required=required)
            if value is not None:
                entries[key] = value
        days = entries["fever_days"]
        if not _DAYS.fullmatch(days) or not _WORD.search(days):
            raise reader.fail(
                "fever_days",
                f"{days!r} is not a number of days; write one whole number and the word, "
                'e.g. "3 days"',
                f"details.{language}",
            )
        result[language] = entries
    return result


def discover(folder: Path) -> list[Path]:
    """Every profile in ``folder``, sorted by file name."""
    return sorted(folder.glob("*.toml"))
