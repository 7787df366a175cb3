"""The work of a handout run: which handouts, where they go, and whether they are out of date."""

from __future__ import annotations

import fcntl
import hashlib
import json
import shutil
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
    """A hash of everything a handout depends on: the files' contents and a few settings.

    ``extra`` holds the strings that decide the output besides the files: the output's name,
    the code's digest, and any verdict computed on this run (the sign-off gate's, with the date
    it was given), so that a changed verdict makes the handout out of date.
    """
    digest = hashlib.sha256()
    for path in sorted(set(files)):
        digest.update(str(path).encode())
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    for item in extra:
        digest.update(len(item).to_bytes(8, "big"))
        digest.update(item.encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


#: The manifest's file name, in the handouts' output folder.
MANIFEST = ".manifest.json"


class Manifest:
    """What each handout was built from, and what was written (``build/handouts/.manifest.json``).

    One entry per output: ``{"inputs": <fingerprint>, "output": <sha256 of the file written>}``.
    An entry is recorded by the process that wrote the handout, right after renaming it into
    place, under a lock: an interrupted run keeps the entries of what it finished. A handout is
    skipped only if its entry's inputs match and the file on disk is the file recorded, so a
    handout overwritten by an interrupted run, truncated or replaced by hand is built again.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        #: Why the manifest on disk was discarded (one line for the user), if it was.
        self.problem: str | None = None
        self.entries = self._read()

    def _read(self) -> dict[str, dict[str, str]]:
        if not self.path.exists() and not self.path.is_symlink():
            return {}
        if self.path.is_dir():
            self.problem = "is a folder, not a manifest"
            shutil.rmtree(self.path, ignore_errors=True)
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.problem = f"cannot be read ({exc.__class__.__name__})"
            return {}
        if not isinstance(data, dict):
            self.problem = f"holds {type(data).__name__}, not a table of handouts"
            return {}
        entries = {
            key: value
            for key, value in data.items()
            if isinstance(value, dict)
            and isinstance(value.get("inputs"), str)
            and isinstance(value.get("output"), str)
        }
        if len(entries) != len(data):
            self.problem = "has entries of an unknown form"
        return entries

    def is_current(self, output: Path, inputs: str) -> bool:
        entry = self.entries.get(str(output))
        if entry is None or entry["inputs"] != inputs:
            return False
        return file_digest(output) == entry["output"]

    def record(self, output: Path, inputs: str) -> None:
        """Record ``output`` (just renamed into place) as built from ``inputs``, at once."""
        written = file_digest(output)
        if written is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = self.path.with_name(self.path.name + ".lock")
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                on_disk = Manifest(self.path).entries
                on_disk[str(output)] = {"inputs": inputs, "output": written}
                write_text_atomic(self.path, json.dumps(on_disk, indent=1, sort_keys=True) + "\n")
                self.entries[str(output)] = on_disk[str(output)]
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def forget(self, output: Path) -> None:
        """Drop ``output``'s entry (it failed, or is about to be rebuilt)."""
        self.entries.pop(str(output), None)

    def save(self) -> None:
        """Write every entry now (after a discarded manifest, so the next run reads a good one)."""
        lock = self.path.with_name(self.path.name + ".lock")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with lock.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                write_text_atomic(
                    self.path, json.dumps(self.entries, indent=1, sort_keys=True) + "\n"
                )
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
