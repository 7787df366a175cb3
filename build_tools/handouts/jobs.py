"""The work of a handout run: which handouts, where they go, and whether they are out of date."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.atomic import write_text_atomic
from build_tools.clinics import ClinicProfile


@dataclass(frozen=True)
class HandoutJob:
    clinic: ClinicProfile
    language: str
    docname: str
    large_print: bool = False
    draft: bool = False

    @property
    def name(self) -> str:
        """``example/es/tace``: how messages and the progress bar name this handout."""
        return f"{self.clinic.slug}/{self.language}/{self.docname.rsplit('/', 1)[-1]}"

    def output(self, root: Path) -> Path:
        suffix = ("-large" if self.large_print else "") + ("-draft" if self.draft else "")
        return root / f"{self.name}{suffix}.pdf"


def plan(
    clinics: Sequence[ClinicProfile],
    docnames: Sequence[str],
    languages: Sequence[str] | None,
    *,
    large_print: bool,
    draft: bool,
) -> list[HandoutJob]:
    """Every handout of ``clinics`` in their languages (or only ``languages``), sorted."""
    jobs = [
        HandoutJob(clinic, language, docname, large_print, draft)
        for clinic in clinics
        for language in clinic.languages
        if languages is None or language in languages
        for docname in docnames
    ]
    return sorted(jobs, key=lambda job: (job.clinic.slug, job.language, job.docname))


def parse_shard(value: str) -> tuple[int, int]:
    """``"2/3"`` -> ``(2, 3)``; raises ValueError with the fix."""
    try:
        index_text, count_text = value.split("/")
        index, count = int(index_text), int(count_text)
    except ValueError:
        raise ValueError(f"SHARD={value!r}: write it as i/N, e.g. SHARD=1/3") from None
    if count < 1 or not 1 <= index <= count:
        raise ValueError(f"SHARD={value!r}: i must be between 1 and N, e.g. SHARD=1/3")
    return index, count


def shard(jobs: Sequence[HandoutJob], index: int, count: int) -> list[HandoutJob]:
    """The ``index``-th of ``count`` slices: deterministic, disjoint, and together all of ``jobs``.

    Jobs are dealt round-robin in their sorted order, so every runner gets a mix of clinics and
    languages and the slices differ in size by one at most.
    """
    return [job for position, job in enumerate(jobs) if position % count == index - 1]


def fingerprint(files: Iterable[Path], extra: Sequence[str] = ()) -> str:
    """A hash of everything a handout depends on: the files' contents and a few settings."""
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    for item in extra:
        digest.update(item.encode())
    return digest.hexdigest()


class Manifest:
    """What each handout was last built from (``build/handouts/.manifest.json``)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.entries: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    def is_current(self, output: Path, digest: str) -> bool:
        return output.is_file() and self.entries.get(str(output)) == digest

    def record(self, output: Path, digest: str) -> None:
        self.entries[str(output)] = digest

    def save(self) -> None:
        write_text_atomic(self.path, json.dumps(self.entries, indent=1, sort_keys=True) + "\n")
