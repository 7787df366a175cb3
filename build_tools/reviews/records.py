"""Review records: who approved which exact version of a page, read and checked like a profile.

Clinical reviews of the English source live in ``source/clinical-reviews.toml``; the reviews of
each translation in ``locale/<lang>/reviews.toml``. One table per page::

    [pages."procedures/tace"]
    reviewer = "Name Surname, consultant interventional radiologist"
    date = 2027-01-15
    source_version = "<git blob id of source/procedures/tace.rst>"

    # and for a translation, also:
    qualification = "certified medical translator, English to Spanish"
    messages_version = "<hash of the page's messages in locale/es/LC_MESSAGES/procedures/tace.po>"

A review covers exactly the versions it names. Editing the English page voids its clinical review
and every translation review; editing a message of the page's catalogue voids that translation's
review. The versions are written by ``python -m build_tools.reviews record``: nobody types a hash.
A broken record stops everything that reads it with one line naming the file, the line, the field
and the fix.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from build_tools.check_po.pofile import parse_po_bytes

#: Clinical reviews, beside the English source they cover.
CLINICAL_FILE = "clinical-reviews.toml"
#: Translation reviews, one file per language beside its catalogues.
TRANSLATION_FILE = "reviews.toml"

_BLOB_ID = re.compile(r"^[0-9a-f]{40}$")
_MESSAGES_ID = re.compile(r"^[0-9a-f]{64}$")
_TOML_LINE = re.compile(r"at line (\d+)")

Kind = Literal["clinical", "translation"]


class ReviewError(ValueError):
    """A review record that cannot be used; ``str()`` is the one-line message for the user."""


@dataclass(frozen=True)
class Review:
    """One review that happened: of a page's English source, or of one translation of it."""

    docname: str
    reviewer: str
    date: dt.date
    source_version: str
    qualification: str = ""
    messages_version: str = ""
    language: str = "en"

    @property
    def kind(self) -> Kind:
        return "clinical" if self.language == "en" else "translation"


@dataclass(frozen=True)
class Status:
    """Whether a page's current version is covered by a review."""

    state: Literal["current", "none", "outdated"]
    review: Review | None = None

    @property
    def current(self) -> bool:
        return self.state == "current"


def source_version(source_file: Path) -> str:
    """The exact version of a page's English source: git's blob id of its bytes.

    It is the name git itself gives those bytes, so ``git cat-file blob <version>`` finds the
    reviewed text later, in any clone that has it, without knowing the commit.
    """
    data = source_file.read_bytes()
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def messages_version_of(po_bytes: bytes) -> str:
    """The exact version of a page's translation: a hash of its live messages as catalogued.

    Every text a reader could see counts (context, source, every translated form, and whether it
    is fuzzy); file order, line numbers, locations and comments do not, so ``make update-po``
    rewrapping the file keeps the review, and any change to a translation voids it.
    """
    catalogue = parse_po_bytes(po_bytes)
    items = sorted(
        [
            entry.msgctxt or "",
            entry.msgid,
            entry.msgid_plural or "",
            entry.translations,
            entry.is_fuzzy,
        ]
        for entry in catalogue.messages
    )
    canonical = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def messages_version(po_file: Path) -> str:
    return messages_version_of(po_file.read_bytes()) if po_file.is_file() else ""


def clinical_path(source_dir: Path) -> Path:
    return source_dir / CLINICAL_FILE


def translation_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / TRANSLATION_FILE


def record_path(source_dir: Path, locale_dir: Path, language: str) -> Path:
    if language == "en":
        return clinical_path(source_dir)
    return translation_path(locale_dir, language)


def page_exists(source_dir: Path, docname: str) -> bool:
    if not re.fullmatch(r"[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*", docname):
        return False
    return (source_dir / f"{docname}.rst").is_file()


def _line_of(text: str, docname: str, key: str | None) -> int:
    """The line of ``key`` inside ``[pages."<docname>"]`` (or of that header), 1-based."""
    lines = text.splitlines()
    header = re.compile(rf'^\s*\[\s*pages\s*\.\s*"?{re.escape(docname)}"?\s*\]')
    start = next((i for i, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        return 1
    if key is None:
        return start + 1
    assignment = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number in range(start + 1, len(lines)):
        if lines[number].lstrip().startswith("["):
            break
        if assignment.match(lines[number]):
            return number + 1
    return start + 1


def shown(path: Path) -> Path:
    """``path`` as the user can type it: relative to the working folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path


class _Reader:
    def __init__(self, path: Path, text: str, language: str) -> None:
        self.path = shown(path)
        self.text = text
        self.language = language

    def fail(self, docname: str, key: str | None, message: str) -> ReviewError:
        line = _line_of(self.text, docname, key)
        field = f'[pages."{docname}"]' + (f" {key}" if key else "")
        return ReviewError(f"{self.path}:{line}: {field}: {message}")

    def string(self, entry: dict[str, Any], docname: str, key: str, example: str) -> str:
        value = entry.get(key)
        if value is None:
            raise self.fail(docname, None, f'{key} missing; add {key} = "{example}"')
        if not isinstance(value, str):
            raise self.fail(docname, key, f'must be a string in quotes, e.g. {key} = "{example}"')
        if not value.strip():
            raise self.fail(docname, key, f'is empty; write {key} = "{example}"')
        if "\n" in value or len(value) > 200:
            raise self.fail(docname, key, "must be one line of at most 200 characters")
        return value.strip()


def _allowed_keys(language: str) -> tuple[str, ...]:
    if language == "en":
        return ("reviewer", "date", "source_version")
    return ("reviewer", "qualification", "date", "source_version", "messages_version")


def parse(
    path: Path, text: str, language: str, source_dir: Path, today: dt.date | None = None
) -> dict[str, Review]:
    """Check a record file's text completely; raise :class:`ReviewError` at the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = match.group(1) if match else "1"
        raise ReviewError(f"{shown(path)}:{line}: not valid TOML ({exc}); fix the syntax") from None
    unknown = sorted(set(data) - {"pages"})
    if unknown:
        raise ReviewError(
            f'{shown(path)}:1: {unknown[0]}: unknown key; use [pages."<page>"] table per review'
        )
    pages = data.get("pages", {})
    if not isinstance(pages, dict):
        raise ReviewError(f'{shown(path)}:1: pages: write one [pages."<page>"] table per review')
    reader = _Reader(path, text, language)
    today = today or dt.date.today()
    reviews = {}
    for docname, entry in pages.items():
        if not isinstance(entry, dict):
            raise reader.fail(docname, None, 'must be a table: [pages."<page>"] on its own line')
        if not page_exists(source_dir, docname):
            raise reader.fail(
                docname, None, f"no such page (source/{docname}.rst); remove the table"
            )
        allowed = _allowed_keys(language)
        for key in entry:
            if key not in allowed:
                raise reader.fail(
                    docname, key, f"unknown field; the fields are {', '.join(allowed)}"
                )
        example = "Name Surname, consultant interventional radiologist"
        reviewer = reader.string(
            entry, docname, "reviewer", example if language == "en" else "Name Surname"
        )
        name, _comma, role = reviewer.partition(",")
        if language == "en" and not (name.strip() and role.strip()):
            raise reader.fail(
                docname, "reviewer", f'give the name and the role: reviewer = "{example}"'
            )
        qualification = ""
        if language != "en":
            qualification = reader.string(
                entry,
                docname,
                "qualification",
                "certified medical translator, English to " + language,
            )
        date = entry.get("date")
        if date is None:
            raise reader.fail(docname, None, "date missing; add date = YYYY-MM-DD (no quotes)")
        if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            raise reader.fail(
                docname, "date", "must be a date without quotes, e.g. date = 2027-01-15"
            )
        if date > today:
            raise reader.fail(
                docname, "date", f"{date} is in the future; record a review once it has happened"
            )
        version = entry.get("source_version")
        if not isinstance(version, str) or not _BLOB_ID.match(version):
            raise reader.fail(
                docname,
                "source_version" if "source_version" in entry else None,
                "missing or not a version; record reviews with python -m build_tools.reviews "
                "record, which writes it",
            )
        messages = ""
        if language != "en":
            messages = entry.get("messages_version", "")
            if not isinstance(messages, str) or not _MESSAGES_ID.match(messages):
                raise reader.fail(
                    docname,
                    "messages_version" if "messages_version" in entry else None,
                    "missing or not a version; record reviews with python -m build_tools.reviews "
                    "record, which writes it",
                )
        reviews[docname] = Review(
            docname, reviewer, date, version, qualification, messages, language
        )
    return reviews


def load(
    source_dir: Path, locale_dir: Path, language: str, today: dt.date | None = None
) -> dict[str, Review]:
    """The reviews recorded for ``language`` (``en``: clinical), by page; empty when none."""
    path = record_path(source_dir, locale_dir, language)
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ReviewError(f"{shown(path)}:1: not UTF-8 text; save the file as UTF-8") from None
    except OSError as exc:
        raise ReviewError(f"{shown(path)}: cannot be read ({exc.strerror})") from None
    return parse(path, text, language, source_dir, today)


def clinical_status(source_dir: Path, review: Review | None, docname: str) -> Status:
    if review is None:
        return Status("none")
    current = source_version(source_dir / f"{docname}.rst")
    return Status("current" if review.source_version == current else "outdated", review)


def translation_status(
    source_dir: Path, locale_dir: Path, review: Review | None, docname: str
) -> Status:
    if review is None:
        return Status("none")
    language = review.language
    current_source = source_version(source_dir / f"{docname}.rst")
    current_messages = messages_version(locale_dir / language / "LC_MESSAGES" / f"{docname}.po")
    same = review.source_version == current_source and review.messages_version == current_messages
    return Status("current" if same else "outdated", review)


def _toml_string(value: str) -> str:
    # JSON's string escapes are all valid in a TOML basic string.
    return json.dumps(value, ensure_ascii=False)


def render(header: str, reviews: dict[str, Review]) -> str:
    """The text of a record file: its leading comments, then one table per page, sorted."""
    parts = [header.rstrip("\n") + "\n"] if header.strip() else []
    for docname in sorted(reviews):
        review = reviews[docname]
        lines = [f"[pages.{_toml_string(docname)}]", f"reviewer = {_toml_string(review.reviewer)}"]
        if review.language != "en":
            lines.append(f"qualification = {_toml_string(review.qualification)}")
        lines.append(f"date = {review.date.isoformat()}")
        lines.append(f"source_version = {_toml_string(review.source_version)}")
        if review.language != "en":
            lines.append(f"messages_version = {_toml_string(review.messages_version)}")
        parts.append("\n".join(lines) + "\n")
    return "\n".join(parts)


def leading_comments(text: str) -> str:
    """The comment block at the top of a record file, kept when the file is rewritten."""
    kept = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            break
        kept.append(line)
    return "\n".join(kept).strip("\n")
