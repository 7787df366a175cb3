"""The metadata at the top of each procedure page: when it was written, when it is reviewed next,
and whether a clinician has reviewed it.

A page records them as a file-wide field list::

    :written: 2026-11-27
    :next-review: 2028-11-27
    :clinical-review: not yet reviewed by a clinician
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
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
    if not status:
        raise MetadataError(
            f"missing :clinical-review: field; until a clinician signs off, "
            f"write ':clinical-review: {NOT_REVIEWED}'"
        )
    return PageMetadata(written, next_review, status)


def has_metadata(metadata: Mapping[str, Any]) -> bool:
    return any(field in metadata for field in LABELS)
