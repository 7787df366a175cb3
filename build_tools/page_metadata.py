"""The metadata at the top of every page: when it was written, when it is reviewed next, and its
review status, shown on every page of every output in the reader's language.

A page records them as a file-wide field list::

    :written: 2026-11-27
    :next-review: 2028-11-27
    :clinical-review: not yet reviewed by a clinician

The ``:clinical-review:`` field always says that no clinician has reviewed the page: a page cannot
name the review of its own text (editing it would change the version reviewed). Reviews are
recorded in ``source/clinical-reviews.toml`` and ``locale/<lang>/reviews.toml``
(:mod:`build_tools.reviews`), and the status printed is worked out from those records for the
exact version being printed (:func:`status_lines`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from build_tools.theme_i18n import N_

#: The longest a page may go between reviews (HANDOUT-STANDARD.md: at most 24 months).
MAX_REVIEW_MONTHS = 24

#: The honest status of a page no clinician has signed off.
NOT_REVIEWED = N_("not yet reviewed by a clinician")

LABELS = {
    "written": N_("Written"),
    "next-review": N_("Next review"),
    "clinical-review": N_("Clinical review"),
}
TRANSLATION_LABEL = N_("Translation review")

#: What a page says about itself, and what the records say about it, as printed.
CLINICAL_REVIEWED = N_("Reviewed by {reviewer} on {date} (this version).")
CLINICAL_OUTDATED = N_(
    "This version is not yet reviewed by a clinician. An earlier version was reviewed on {date}."
)
TRANSLATION_REVIEWED = N_("Reviewed by {reviewer}, {qualification}, on {date} (this version).")
TRANSLATION_NONE = N_("Draft translation, not yet reviewed by a qualified medical translator.")
TRANSLATION_OUTDATED = N_(
    "This version of the translation is not yet reviewed by a qualified medical translator. "
    "An earlier version was reviewed on {date}."
)

_FIELD = re.compile(r"^:([a-z-]+):[ \t]*(.*?)\s*$")


class MetadataError(ValueError):
    """A page's metadata is missing or wrong; the message names the field and the fix."""


@dataclass(frozen=True)
class PageMetadata:
    written: dt.date
    next_review: dt.date
    clinical_review: str

    def is_due(self, today: dt.date) -> bool:
        return today > self.next_review


def _date(metadata: Mapping[str, Any], field: str) -> dt.date:
    value = metadata.get(field)
    if value is None:
        raise MetadataError(f"missing :{field}: field; add ':{field}: YYYY-MM-DD' at the top")
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise MetadataError(f":{field}: {value!r} is not a date; write it as YYYY-MM-DD") from exc


def _add_months(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.month - 1 + months, 12)
    target_year, target_month = day.year + year, month + 1
    for candidate_day in (day.day, 30, 29, 28):
        try:
            return dt.date(target_year, target_month, candidate_day)
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")


def parse(metadata: Mapping[str, Any]) -> PageMetadata:
    """Read and check a page's metadata (from ``env.metadata[docname]``)."""
    written = _date(metadata, "written")
    next_review = _date(metadata, "next-review")
    if next_review <= written:
        raise MetadataError(":next-review: must come after :written:")
    latest = _add_months(written, MAX_REVIEW_MONTHS)
    if next_review > latest:
        raise MetadataError(
            f":next-review: {next_review} is more than {MAX_REVIEW_MONTHS} months after "
            f":written: {written}; set it to {latest} or earlier"
        )
    status = str(metadata.get("clinical-review", "")).strip()
    if status != NOT_REVIEWED:
        raise MetadataError(
            f"write ':clinical-review: {NOT_REVIEWED}' (found {status!r}); reviews are recorded "
            "with python -m build_tools.reviews record, never in the page"
        )
    return PageMetadata(written, next_review, status)


def read_fields(source_file: Path) -> dict[str, str]:
    """The metadata fields at the top of a page's source, read without Sphinx."""
    fields: dict[str, str] = {}
    for line in source_file.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if fields:
                break
            continue
        match = _FIELD.match(line)
        if match is None:
            break
        fields[match.group(1)] = match.group(2)
    return fields


def status_lines(
    clinical: Any,
    translation: Any,
    gettext: Callable[[str], str],
    format_date: Callable[[dt.date], str],
) -> tuple[str, str | None]:
    """The clinical review status and, for a translation, its review status, as printed.

    ``clinical`` and ``translation`` are :class:`build_tools.reviews.Status` values (typed
    loosely to keep this module free of the records' imports).
    """
    if clinical.current:
        clinical_text = gettext(CLINICAL_REVIEWED).format(
            reviewer=clinical.review.reviewer, date=format_date(clinical.review.date)
        )
    elif clinical.state == "outdated":
        clinical_text = gettext(CLINICAL_OUTDATED).format(date=format_date(clinical.review.date))
    else:
        clinical_text = gettext(NOT_REVIEWED)
    if translation is None:
        return clinical_text, None
    if translation.current:
        review = translation.review
        translation_text = gettext(TRANSLATION_REVIEWED).format(
            reviewer=review.reviewer,
            qualification=review.qualification,
            date=format_date(review.date),
        )
    elif translation.state == "outdated":
        translation_text = gettext(TRANSLATION_OUTDATED).format(
            date=format_date(translation.review.date)
        )
    else:
        translation_text = gettext(TRANSLATION_NONE)
    return clinical_text, translation_text


def has_metadata(metadata: Mapping[str, Any]) -> bool:
    return any(field in metadata for field in LABELS)
