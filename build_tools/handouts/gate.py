"""The verdict on each handout, decided on every run: final, draft, or not printed at all.

A handout is **final** only when

- its page has a current clinical review (``source/clinical-reviews.toml``),
- for a translation, the page has a current translation review (``locale/<lang>/reviews.toml``),
- every message of its page and of ``theme.po`` is translated and none is fuzzy,
- the translation checks pass strictly, and
- the page's review date has not passed.

Otherwise it is a **draft** (``<procedure>-draft.pdf``, marked on every page, the reasons in its
document control), unless a translation check other than completeness fails: a changed number, a
broken role or a broken file blocks even a draft. ``DRAFT=1`` asks for a draft of a final too.

The verdict depends on the date and on the records, so it is part of each handout's fingerprint:
the cache never keeps a handout that the gate would judge differently today.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes

from build_tools import page_metadata
from build_tools.handouts.jobs import HandoutJob
from build_tools.reviews import records
from build_tools.theme_i18n import N_, THEME_DOMAIN

#: Findings about completeness (``PO4xx``): the only ones that a draft may carry.
COMPLETENESS_PREFIX = "PO4"

#: Why a handout is a draft, as the summary and the document-control block name it.
REASONS = {
    "no-clinical-review": N_("no clinical review"),
    "clinical-review-outdated": N_("page changed since its clinical review"),
    "no-translation-review": N_("no translation review"),
    "translation-review-outdated": N_("translation changed since its review"),
    "incomplete": N_("translation incomplete"),
    "review-due": N_("review date passed"),
    "requested": N_("draft requested"),
}


@dataclass(frozen=True)
class Verdict:
    """What the gate decided for one handout today, and why."""

    today: dt.date
    clinical: records.Status
    translation: records.Status | None
    draft_reasons: tuple[str, ...] = ()
    details: tuple[str, ...] = ()
    blocking: tuple[str, ...] = ()
    metadata: page_metadata.PageMetadata | None = field(default=None, compare=False)

    @property
    def final(self) -> bool:
        return not self.blocking and not self.draft_reasons

    @property
    def approved(self) -> bool:
        """Final but for a requested draft: a final file of it may stay."""
        return not self.blocking and set(self.draft_reasons) <= {"requested"}

    def with_reason(self, reason: str, detail: str) -> Verdict:
        if reason in self.draft_reasons:
            return self
        return dataclasses.replace(
            self, draft_reasons=(*self.draft_reasons, reason), details=(*self.details, detail)
        )

    def fingerprint(self) -> str:
        """Everything a handout's text depends on that is not a file: the date and the verdict."""
        reviews = [
            dataclasses.asdict(status.review) if status and status.review else None
            for status in (self.clinical, self.translation)
        ]
        data = [
            self.today.isoformat(),
            self.draft_reasons,
            self.blocking,
            [s.state if s else None for s in (self.clinical, self.translation)],
            reviews,
        ]
        encoded = json.dumps(data, default=str, sort_keys=True).encode("utf-8")
        return hashlib.sha256(encoded).hexdigest()


def untranslated_messages(doctree: nodes.Node) -> list[str]:
    """The messages that Sphinx found no translation for, as they stand in the page."""
    return [
        node.astext() for node in doctree.findall(nodes.Element) if node.get("translated") is False
    ]


def check_catalogues(
    paths: Sequence[Path], glossary_root: Path, cache_dir: Path | None = None
) -> tuple[list[str], list[str]]:
    """The translation checks, strictly: (problems that block even a draft, incomplete work).

    With ``cache_dir``, each catalogue is checked once per change (``build_tools.check_cache``),
    shared with the handbook builds.
    """
    existing = [path for path in paths if path.is_file()]
    if cache_dir is not None:
        from build_tools.check_cache import check_findings

        findings: Sequence[Any] = check_findings(
            existing, glossary_root=glossary_root, cache_dir=cache_dir
        )
    else:
        from build_tools.check_po import check_paths

        findings = check_paths(existing, glossary_root=glossary_root)
    found = [
        (
            finding.code,
            f"{finding.path}:{finding.line}: {finding.code} {finding.message}"
            + (f" ({finding.msgid[:60]!r})" if finding.msgid else ""),
        )
        for finding in findings
    ]
    blocking = [text for code, text in found if not code.startswith(COMPLETENESS_PREFIX)]
    incomplete = [text for code, text in found if code.startswith(COMPLETENESS_PREFIX)]
    return blocking, incomplete


def assess(
    *,
    source_dir: Path,
    locale_dir: Path,
    language: str,
    docname: str,
    today: dt.date,
    cache_dir: Path | None = None,
) -> Verdict:
    """The verdict on ``docname`` in ``language`` on ``today``, from the files as they are.

    Raises :class:`build_tools.reviews.ReviewError` when a record file is broken: that concerns
    every handout, and is reported once.
    """
    clinical_reviews = records.load(source_dir, locale_dir, "en")
    clinical = records.clinical_status(source_dir, clinical_reviews.get(docname), docname)
    translation: records.Status | None = None
    if language != "en":
        reviewed = records.load(source_dir, locale_dir, language).get(docname)
        translation = records.translation_status(source_dir, locale_dir, reviewed, docname)
    verdict = Verdict(today=today, clinical=clinical, translation=translation)

    if not clinical.current:
        verdict = verdict.with_reason(
            "no-clinical-review" if clinical.state == "none" else "clinical-review-outdated",
            "no clinician has reviewed this version of the page"
            if clinical.state == "none"
            else "the page changed since its clinical review; review it again",
        )
    if translation is not None and not translation.current:
        verdict = verdict.with_reason(
            "no-translation-review"
            if translation.state == "none"
            else "translation-review-outdated",
            "no qualified medical translator has reviewed this translation"
            if translation.state == "none"
            else "the page or its translation changed since the translation review",
        )

    try:
        metadata = page_metadata.parse(page_metadata.read_fields(source_dir / f"{docname}.rst"))
    except page_metadata.MetadataError as exc:
        return dataclasses.replace(verdict, blocking=(f"page metadata: {exc}",))
    verdict = dataclasses.replace(verdict, metadata=metadata)
    if metadata.is_due(today):
        verdict = verdict.with_reason(
            "review-due",
            f"the page's review date {metadata.next_review} has passed; review the page and "
            "set a new :next-review:",
        )

    if language != "en":
        messages = locale_dir / language / "LC_MESSAGES"
        page_po = messages / f"{docname}.po"
        blocking, incomplete = check_catalogues(
            [page_po, messages / f"{THEME_DOMAIN}.po"], locale_dir, cache_dir
        )
        if blocking:
            verdict = dataclasses.replace(verdict, blocking=tuple(blocking))
        if not page_po.is_file():
            verdict = verdict.with_reason(
                "incomplete", f"{page_po} is missing: the page would print in English"
            )
        elif incomplete:
            more = f" and {len(incomplete) - 3} more" if len(incomplete) > 3 else ""
            verdict = verdict.with_reason(
                "incomplete", "; ".join(incomplete[:3]) + more + "; finish the translation"
            )
    return verdict


def assess_jobs(
    jobs: Sequence[HandoutJob],
    source_dir: Path,
    locale_dir: Path,
    today: dt.date,
    cache_dir: Path | None = None,
) -> list[Verdict]:
    """The verdict on every job, in order (once per page and language), a requested draft too."""
    cache: dict[tuple[str, str], Verdict] = {}
    verdicts = []
    for job in jobs:
        key = (job.language, job.docname)
        if key not in cache:
            cache[key] = assess(
                source_dir=source_dir,
                locale_dir=locale_dir,
                language=job.language,
                docname=job.docname,
                today=today,
                cache_dir=cache_dir,
            )
        verdict = cache[key]
        if job.draft:
            verdict = verdict.with_reason("requested", "a draft was asked for (DRAFT=1)")
        verdicts.append(verdict)
    return verdicts


def as_printed(job: HandoutJob, verdict: Verdict) -> HandoutJob:
    """The job as it will be written: a draft (``-draft.pdf``) unless the verdict is final."""
    return job if verdict.final or job.draft else dataclasses.replace(job, draft=True)


def remove_lost_finals(
    jobs: Sequence[HandoutJob], verdicts: Sequence[Verdict], root: Path
) -> list[tuple[HandoutJob, Verdict]]:
    """Delete the final file of every handout that may not be printed now; return them.

    A final handout that lost its approval (its page or translation changed, or its review date
    passed) must not stay in the output folder looking printable.
    """
    removed = []
    for job, verdict in zip(jobs, verdicts, strict=True):
        if verdict.approved:
            continue
        final = dataclasses.replace(job, draft=False).output(root)
        if final.is_file():
            final.unlink()
            removed.append((job, verdict))
    return removed


def remove_superseded_draft(job: HandoutJob, root: Path) -> None:
    """Once a final handout is written, its old draft is no longer what the page says."""
    if not job.draft:
        dataclasses.replace(job, draft=True).output(root).unlink(missing_ok=True)


def summary(verdicts: Sequence[Verdict]) -> str:
    """``"2 final, 40 drafts: no clinical review (40), no translation review (33)"``."""
    finals = sum(1 for verdict in verdicts if verdict.final)
    drafts = [verdict for verdict in verdicts if not verdict.final and not verdict.blocking]
    blocked = sum(1 for verdict in verdicts if verdict.blocking)
    counts: Counter[str] = Counter(reason for verdict in drafts for reason in verdict.draft_reasons)
    grouped = ", ".join(
        f"{REASONS[reason]} ({counts[reason]})" for reason in REASONS if counts[reason]
    )
    text = f"{finals} final, {len(drafts)} draft{'s' if len(drafts) != 1 else ''}"
    if grouped:
        text += f": {grouped}"
    if blocked:
        text += f"; {blocked} blocked by the translation checks or page metadata"
    return text
