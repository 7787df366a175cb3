"""Who reviewed which translation, and against which version of the English source.

Each language keeps its record in ``locale/<lang>/reviews.toml``, beside its catalogues::

    [pages."procedures/tace"]
    reviewer = "Name Surname, certified medical translator"
    date = 2027-01-15
    source_version = "1.0-3f2a9c1b7d4e"   # the "Version" printed on the handout that was reviewed

Only reviews that happened are recorded; a page without an entry is printed as "not yet reviewed
by a qualified medical translator".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

REVIEWS_FILE = "reviews.toml"


class ReviewError(ValueError):
    """A review record that cannot be read; the message names the file and the fix."""


@dataclass(frozen=True)
class Review:
    reviewer: str
    date: dt.date
    source_version: str


def source_version(source_file: Path) -> str:
    """A short, stable name for one version of a page's English source: its content's hash."""
    return hashlib.sha256(source_file.read_bytes()).hexdigest()[:12]


def record_path(locale_dir: Path, language: str) -> Path:
    return locale_dir / language / REVIEWS_FILE


def load(locale_dir: Path, language: str) -> dict[str, Review]:
    """The reviews of one language, by document name; empty when there is no record."""
    path = record_path(locale_dir, language)
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ReviewError(f"{path}: not valid TOML ({exc}); fix the syntax") from exc
    pages = data.get("pages", {})
    if not isinstance(pages, dict):
        raise ReviewError(f'{path}: "pages" must be tables [pages."<document>"]')
    reviews = {}
    for docname, entry in pages.items():
        where = f'{path}: [pages."{docname}"]'
        if not isinstance(entry, dict):
            raise ReviewError(f"{where} must be a table with reviewer, date and source_version")
        reviewer, date, version = (
            entry.get("reviewer"),
            entry.get("date"),
            entry.get("source_version"),
        )
        if not isinstance(reviewer, str) or not reviewer.strip():
            raise ReviewError(f"{where}: reviewer missing; name the qualified reviewer")
        if not isinstance(date, dt.date):
            raise ReviewError(f"{where}: date must be a TOML date, e.g. date = 2027-01-15")
        if not isinstance(version, str) or not version.strip():
            raise ReviewError(f"{where}: source_version missing; copy it from the reviewed handout")
        reviews[docname] = Review(reviewer.strip(), date, version.strip())
    return reviews
