"""Sign-off: clinical and translation reviews, recorded per page against exact versions.

- :mod:`.records` reads, checks and writes the record files;
- :mod:`.history` finds a reviewed version again in git, for the redline;
- :mod:`.packet` builds the review packets (``make review-packet``);
- :mod:`.cli` is ``python -m build_tools.reviews record ...`` and ``... packet``.

Nothing here records a review by itself: a record is written only by a person running ``record``
after a review that happened.
"""

from __future__ import annotations

from build_tools.reviews.records import (
    Review,
    ReviewError,
    Status,
    clinical_status,
    load,
    messages_version,
    source_version,
    translation_status,
)

__all__ = [
    "Review",
    "ReviewError",
    "Status",
    "clinical_status",
    "load",
    "messages_version",
    "source_version",
    "translation_status",
]
