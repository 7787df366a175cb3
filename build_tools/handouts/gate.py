"""Only safe text reaches a patient: the conditions a handout must meet before it is printed.

- Every message of its page is translated, and none is fuzzy (Sphinx prints a fuzzy or missing
  message in English, which a patient who reads only their language cannot follow).
- The page's catalogue, and the theme's, pass the translation checks strictly.
- The page's review date has not passed.

``DRAFT=1`` lifts the first and the last condition, never a failed safety check: a changed number,
a broken role or a broken file blocks a draft too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from docutils import nodes

from build_tools.page_metadata import MetadataError, PageMetadata

#: Findings about completeness (``PO4xx``): the only ones that a draft may carry.
COMPLETENESS_PREFIX = "PO4"


def untranslated_messages(doctree: nodes.Node) -> list[str]:
    """The messages that Sphinx found no translation for, as they stand in the page."""
    return [
        node.astext() for node in doctree.findall(nodes.Element) if node.get("translated") is False
    ]


def check_catalogues(
    paths: Sequence[Path], glossary_root: Path, draft: bool, cache_dir: Path
) -> list[str]:
    """Problems found by the translation checks, strictly; a draft skips completeness only."""
    from build_tools.check_cache import check_findings

    existing = [path for path in paths if path.is_file()]
    problems = []
    for finding in check_findings(existing, glossary_root=glossary_root, cache_dir=cache_dir):
        if draft and finding.code.startswith(COMPLETENESS_PREFIX):
            continue
        problems.append(f"{finding.path}:{finding.line}: {finding.code} {finding.message}")
    return problems


def gate(
    *,
    language: str,
    doctree: nodes.Node,
    catalogues: Sequence[Path],
    glossary_root: Path,
    metadata: PageMetadata | MetadataError,
    today: dt.date,
    draft: bool,
    cache_dir: Path,
) -> list[str]:
    """Every reason not to print this handout; empty when it may be printed."""
    reasons = []
    if isinstance(metadata, MetadataError):
        reasons.append(f"page metadata: {metadata}")
    elif metadata.is_due(today) and not draft:
        reasons.append(
            f"the page's review date {metadata.next_review} has passed; review the page "
            "and set a new :next-review:, or build a draft with DRAFT=1"
        )
    if language != "en":
        missing = untranslated_messages(doctree)
        if missing and not draft:
            sample = "; ".join(repr(text[:60]) for text in missing[:3])
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            reasons.append(
                f"{len(missing)} message(s) not translated or fuzzy: {sample}{more}; "
                "finish the translation, or build a draft with DRAFT=1"
            )
        reasons.extend(check_catalogues(catalogues, glossary_root, draft, cache_dir))
    return reasons
