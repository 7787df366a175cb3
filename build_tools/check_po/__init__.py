"""A translation quality gate for gettext catalogues of medical text.

``check_paths(paths)`` returns the findings for the .po files in ``paths``;
``collect_stats(paths)`` returns how complete each catalogue is;
``check_catalogues(paths)`` returns both per file, and ``write_report`` turns
that into the coordinators' HTML report.  Codes and their fixed severities
are in ``CODES``.
"""

from __future__ import annotations

from .checker import (
    AllowedFinding,
    FileResult,
    check_catalogues,
    check_paths,
    collect_stats,
    find_catalogues,
)
from .completeness import CatalogueStats
from .findings import CODES, CodeInfo, Finding, Severity
from .report import write_report

__all__ = [
    "CODES",
    "AllowedFinding",
    "CatalogueStats",
    "CodeInfo",
    "FileResult",
    "Finding",
    "Severity",
    "check_catalogues",
    "check_paths",
    "collect_stats",
    "find_catalogues",
    "write_report",
]
