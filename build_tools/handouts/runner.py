"""Build handouts: ``python -m build_tools.handouts --clinic clinics/example.toml --lang es``.

Every clinic x language x procedure page is a job. Jobs whose inputs have not changed since their
last build are skipped; the rest are rendered in parallel, one Sphinx application per worker and
language, so fonts and stylesheets are loaded once per worker. ``--shard i/N`` takes a
deterministic slice of the jobs for one CI runner.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import re
import shutil
import sys
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from build_tools import clinics
from build_tools.handouts import gate
from build_tools.handouts.jobs import (
    MANIFEST,
    HandoutJob,
    Manifest,
    fingerprint,
    parse_shard,
    plan,
    shard,
)
from build_tools.languages import LanguageError, resolve, shipped_languages
from build_tools.project import Project
from build_tools.reviews import ReviewError

#: build_tools: the templates, stylesheets and code that render a handout.
PACKAGE = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Outcome:
    job: HandoutJob
    pages: int = 0
    error: str = ""


def procedure_pages(source: Path | None = None) -> list[str]:
    """Pages that become handouts: every page under ``procedures/`` except its index.

    Every page carries review metadata now, so the metadata no longer tells them apart.
    """
    source = source or Project.load().srcdir
    folder = source / "procedures"
    return sorted(
        path.relative_to(source).with_suffix("").as_posix()
        for path in folder.rglob("*.rst")
        if path.relative_to(folder).as_posix() != "index.rst"
    )


def _code_files() -> list[Path]:
    # The templates, the stylesheets and the code that render a handout.
    return [p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def job_inputs(job: HandoutJob, code_digest: str) -> str:
    project = Project.load()
    messages = project.locale_dir / job.language / "LC_MESSAGES"
    files = [
        project.srcdir / f"{job.docname}.rst",
        messages / f"{job.docname}.po",
        messages / "theme.po",
        project.locale_dir / job.language / "glossary.csv",
        project.locale_dir / job.language / "reviews.toml",
        job.clinic.path,
        project.confdir / "conf.py",
    ]
    if job.clinic.logo:
        files.append(job.clinic.logo)
    return fingerprint(files, [job.output(Path()).name, code_digest])


def check_cache(build_dir: Path) -> Path:
    """Where the translation checks keep their results (shared with ``build_tools.build``)."""
    return build_dir / "cache" / "check-po"


def _sphinx_app(language: str, build_dir: Path, warnings: io.StringIO) -> object:
    import sphinx.locale
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor

    nocolor()  # the warnings are read back as text, not shown on a terminal
    # Sphinx keeps its translators in a module-level dict and adds a new language's catalogues
    # as a *fallback* of the loaded ones: a worker that read Spanish before French printed
    # French handouts in Spanish. Each app starts from none (Sphinx's own tests do the same).
    sphinx.locale.translators.clear()

    project = Project.load()
    return Sphinx(
        srcdir=project.srcdir,
        confdir=project.confdir,
        outdir=build_dir / "handouts",
        doctreedir=build_dir / "doctrees" / language / "handout",
        buildername="handout",
        confoverrides={"language": language, "handbook_check_cache": str(check_cache(build_dir))},
        status=None,
        warning=warnings,
        freshenv=False,
    )


def prepare_environment(language: str, build_dir: Path) -> str:
    """Read the sources of one language (only what changed); return the warnings, if any."""
    from sphinx.util.docutils import docutils_namespace

    warnings = io.StringIO()
    # Sphinx cannot see a change in our code (a transform, the gate, how catalogues are read),
    # and an environment read by older code may hold text it would not read today (a worker
    # once mixed languages): an environment is kept only for the code that read it.
    doctreedir = build_dir / "doctrees" / language / "handout"
    marker = doctreedir / ".code-digest"
    digest = fingerprint(_code_files())
    if doctreedir.is_dir() and not (marker.is_file() and marker.read_text() == digest):
        shutil.rmtree(doctreedir)
    # Sphinx registers roles and nodes in docutils' globals; a fresh namespace per application
    # lets one worker process run several, as sphinx-build does for one.
    with docutils_namespace():
        app = _sphinx_app(language, build_dir, warnings)
        app.build()  # type: ignore[attr-defined]
    problems = warnings.getvalue().strip()
    if not problems:
        marker.write_text(digest, encoding="utf-8")
    return problems


def render_group(
    language: str,
    jobs: Sequence[HandoutJob],
    build_dir: Path,
    today: dt.date,
    inputs: Mapping[str, str] | None = None,
) -> list[Outcome]:
    """Render jobs of one language in this process, with one Sphinx app and one renderer.

    ``inputs`` maps each output to the fingerprint of its inputs: a handout is recorded in the
    manifest with it as soon as it is in place.
    """
    from sphinx.util.docutils import docutils_namespace

    with docutils_namespace():
        return _render_jobs(language, jobs, build_dir, today, inputs or {})


def _render_jobs(
    language: str,
    jobs: Sequence[HandoutJob],
    build_dir: Path,
    today: dt.date,
    inputs: Mapping[str, str],
) -> list[Outcome]:
    from build_tools.atomic import OutputError, remove_stale_temporaries, temporary_prefix
    from build_tools.handouts.builder import HandoutBuilder, HandoutError
    from build_tools.pdf.render import PageLimitError

    warnings = io.StringIO()
    app = _sphinx_app(language, build_dir, warnings)
    builder: HandoutBuilder = app.builder  # type: ignore[attr-defined]
    builder.prepare_writing(builder.env.all_docs.keys())
    # Parse the stylesheets now: a problem in them concerns every handout, not only the first.
    builder.renderer_for_handouts()
    if problems := warnings.getvalue().strip():
        return [Outcome(job, error=" / ".join(problems.splitlines())) for job in jobs]
    manifest = Manifest(build_dir / "handouts" / MANIFEST)
    outcomes = []
    for job in jobs:
        target = job.output(build_dir / "handouts")
        # Written beside the target first: a handout that fails any check never replaces the
        # last good one.
        remove_stale_temporaries(target)  # what a killed run left
        draft = target.with_name(f"{temporary_prefix(target)}new.tmp")
        mark = warnings.tell()
        try:
            pages = builder.write_handout(job, draft, today)
        except PageLimitError as exc:
            # The message names the temporary file it was rendered to; the job names the handout.
            error = f"runs to {exc.pages} pages; at most {exc.limit} are allowed"
            outcomes.append(Outcome(job, error=error))
            continue
        except (HandoutError, OutputError) as exc:
            outcomes.append(Outcome(job, error=str(exc)))
            continue
        except Exception as exc:  # a bug must cost one handout, not the whole run
            draft.unlink(missing_ok=True)
            outcomes.append(Outcome(job, error=f"internal error, please report: {exc!r}"))
            continue
        if new_warnings := warnings.getvalue()[mark:].strip():
            draft.unlink(missing_ok=True)
            outcomes.append(Outcome(job, error=" / ".join(new_warnings.splitlines())))
        else:
            try:
                draft.replace(target)
            except OSError as exc:
                draft.unlink(missing_ok=True)
                outcomes.append(Outcome(job, error=str(OutputError(target, exc))))
                continue
            if str(target) in inputs:
                manifest.record(target, inputs[str(target)])
            outcomes.append(Outcome(job, pages=pages))
    return outcomes


def _chunks(jobs: Sequence[HandoutJob], workers: int) -> Iterator[tuple[str, list[HandoutJob]]]:
    """Split the jobs into per-language groups, cut so that every worker has work."""
    by_language: dict[str, list[HandoutJob]] = defaultdict(list)
    for job in jobs:
        by_language[job.language].append(job)
    size = max(1, -(-len(jobs) // max(1, workers)))
    for language, group in sorted(by_language.items()):
        for start in range(0, len(group), size):
            yield language, group[start : start + size]


class Progress:
    """A progress bar on a terminal; one plain line per handout elsewhere (CI logs)."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.tty = sys.stderr.isatty()

    def step(self, text: str) -> None:
        self.done += 1
        if self.tty:
            width = 30
            filled = width * self.done // self.total
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} {text[:50]:<50}")
            if self.done == self.total:
                sys.stderr.write("\n")
        else:
            sys.stderr.write(f"[{self.done}/{self.total}] {text}\n")
        sys.stderr.flush()


@dataclass
class SignOff:
    """What the gate decided in this run, for the summary."""

    verdicts: list[gate.Verdict]
    removed: list[tuple[HandoutJob, gate.Verdict]]


def judge(
    jobs: Sequence[HandoutJob], build_dir: Path, today: dt.date, final_only: bool
) -> tuple[list[HandoutJob], list[str], list[Outcome], SignOff]:
    """Run the gate on every job, every run: the jobs as they will be written (final or
    ``-draft``), a digest of each one's verdict for its fingerprint, the jobs refused, the tally.

    A final handout that lost its approval is removed here, before anything is rendered.
    """
    project = Project.load()
    verdicts = gate.assess_jobs(
        jobs, project.srcdir, project.locale_dir, today, check_cache(build_dir)
    )
    removed = gate.remove_lost_finals(jobs, verdicts, build_dir / "handouts")
    printed, digests, refused = [], [], []
    for job, verdict in zip(jobs, verdicts, strict=True):
        if verdict.blocking:
            refused.append(Outcome(job, error="; ".join(verdict.blocking)))
        elif final_only and not verdict.final:
            refused.append(
                Outcome(job, error="not final (FINAL_ONLY): " + "; ".join(verdict.details))
            )
        else:
            printed.append(gate.as_printed(job, verdict))
            digests.append(verdict.fingerprint())
    return printed, digests, refused, SignOff(verdicts, removed)


def run(
    jobs: Sequence[HandoutJob],
    build_dir: Path,
    today: dt.date,
    workers: int,
    final_only: bool = False,
) -> tuple[int, int, list[Outcome], SignOff]:
    """Build what is out of date; return (built, up to date, failures, the gate's tally)."""
    manifest = Manifest(build_dir / "handouts" / MANIFEST)
    if manifest.problem:
        sys.stderr.write(
            f"warning: {manifest.path} {manifest.problem}; it is discarded and every "
            "handout is built again\n"
        )
    code_digest = fingerprint(_code_files())
    jobs, verdict_digests, refused, signoff = judge(jobs, build_dir, today, final_only)
    outputs = {
        job.name + job.output(Path()).name: job.output(build_dir / "handouts") for job in jobs
    }
    # The verdict (and with it the date printed as "Issued") is part of what makes a handout
    # current: the cache never keeps one that the gate would judge differently today.
    digests = {
        key: fingerprint([], [job_inputs(job, code_digest), verdict])
        for key, job, verdict in zip(outputs, jobs, verdict_digests, strict=True)
    }
    todo = [
        job
        for key, job in zip(outputs, jobs, strict=True)
        if not manifest.is_current(outputs[key], digests[key])
    ]
    current = len(jobs) - len(todo)
    if manifest.problem:
        manifest.save()  # the entries still good (none, usually), so the next run reads a table
    if not todo:
        return 0, current, refused, signoff
    inputs = {str(outputs[key]): digests[key] for key in outputs}

    failures: list[Outcome] = list(refused)
    languages = sorted({job.language for job in todo})
    with ProcessPoolExecutor(max_workers=workers) as pool:
        read = {pool.submit(prepare_environment, lang, build_dir): lang for lang in languages}
        broken = set()
        for future in as_completed(read):
            problems = future.result()
            if problems:
                language = read[future]
                broken.add(language)
                first = problems.splitlines()[0]
                failures.extend(
                    Outcome(job, error=f"the handbook has warnings: {first}")
                    for job in todo
                    if job.language == language
                )
        todo = [job for job in todo if job.language not in broken]
        progress = Progress(len(todo))
        futures = [
            pool.submit(render_group, language, group, build_dir, today, inputs)
            for language, group in _chunks(todo, workers)
        ]
        built = 0
        for finished in as_completed(futures):
            for outcome in finished.result():
                progress.step(outcome.job.name)
                if outcome.error:
                    failures.append(outcome)
                else:
                    built += 1
                    # The manifest entry was recorded by the worker as the file went in place.
                    gate.remove_superseded_draft(outcome.job, build_dir / "handouts")
    return built, current, failures, signoff


def report_signoff(signoff: SignOff) -> None:
    """Say what may be printed: finals, drafts and why, and the finals taken away."""
    for job, verdict in signoff.removed:
        reasons = "; ".join(verdict.details)
        sys.stdout.write(
            f"Removed {job.output(Path()).as_posix()}: it lost its approval ({reasons})\n"
        )
    sys.stdout.write(f"Sign-off: {gate.summary(signoff.verdicts)}.\n")


def failure_lines(failures: Sequence[Outcome], shown: int = 3) -> list[str]:
    """One line per cause: a bad input fails every handout that uses it with the same message."""
    by_cause: dict[str, list[str]] = defaultdict(list)
    for outcome in failures:
        by_cause[short_message(outcome.error)].append(outcome.job.name)
    lines = []
    for cause, names in sorted(by_cause.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(names) == 1:
            lines.append(f"error: {names[0]}: {cause}")
            continue
        more = f" and {len(names) - shown} more" if len(names) > shown else ""
        lines.append(f"error: {cause} ({len(names)} handouts: {', '.join(names[:shown])}{more})")
    return lines


_DATA_URI = re.compile(r"data:[\w/+.-]*(;[\w=-]+)*,[^\s\"')]{16,}")
_WEASYPRINT_FILE = re.compile(r"WeasyPrint \([^)]*\)")
#: A message longer than this is cut: it is a line in a terminal, not a data dump.
MAX_MESSAGE = 400


def short_message(text: str) -> str:
    """``text`` as one short line: embedded data (a logo as base64) elided, long text cut."""
    line = " ".join(_DATA_URI.sub("data:…", text).split())
    # The file WeasyPrint was writing is a per-handout temporary name; the cause is the same.
    line = _WEASYPRINT_FILE.sub("WeasyPrint", line)
    return line if len(line) <= MAX_MESSAGE else line[: MAX_MESSAGE - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.handouts", description=__doc__)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--clinic", type=Path, help="one clinic profile (a TOML file)")
    target.add_argument("--all-clinics", action="store_true", help="every profile in clinics/")
    parser.add_argument("--lang", help="one language (default: every language of the clinic)")
    parser.add_argument("--large-print", action="store_true", help="18 pt, one column")
    parser.add_argument(
        "--draft", action="store_true", help='build drafts ("DRAFT, not for patients") only'
    )
    parser.add_argument(
        "--final-only",
        action="store_true",
        help="a handout that would be a draft is an error (a clinic's production run)",
    )
    parser.add_argument("--shard", help="build the i-th of N slices of the work, e.g. 2/3")
    parser.add_argument("--list", action="store_true", help="print the handouts and build nothing")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    project = Project.load()
    parser.add_argument("--build-dir", type=Path, default=project.build_dir)
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="the date to treat as today (tests), YYYY-MM-DD",
    )
    args = parser.parse_args(argv)

    known = shipped_languages(project.locale_dir)
    try:
        paths = clinics.discover(project.confdir / "clinics") if args.all_clinics else [args.clinic]
        profiles = [clinics.load(path, known) for path in paths]
        languages = resolve(args.lang, project.locale_dir) if args.lang else None
        jobs = plan(
            profiles,
            procedure_pages(project.srcdir),
            languages,
            large_print=args.large_print,
            draft=args.draft,
        )
        if args.shard:
            jobs = shard(jobs, *parse_shard(args.shard))
    except (clinics.ClinicError, LanguageError, ValueError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    if languages:
        for profile in profiles:
            missing = [lang for lang in languages if lang not in profile.languages]
            if missing:
                sys.stderr.write(
                    f"error: {profile.path}: the clinic does not print {', '.join(missing)}; "
                    f"add it to languages (now {', '.join(profile.languages)})\n"
                )
                return 2

    if args.list:
        sys.stdout.writelines(f"{job.output(Path()).as_posix()}\n" for job in jobs)
        return 0
    if args.final_only and args.draft:
        sys.stderr.write("error: --final-only (FINAL_ONLY=1) and --draft (DRAFT=1) conflict\n")
        return 2
    today = args.today or dt.date.today()
    try:
        built, current, failures, signoff = run(
            jobs, args.build_dir, today, max(1, args.jobs), final_only=args.final_only
        )
    except ReviewError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    sys.stderr.writelines(f"{line}\n" for line in failure_lines(failures))
    if built == 0 and not failures:
        sys.stdout.write(f"Nothing to do: all {current} handouts are up to date.\n")
    else:
        sys.stdout.write(
            f"Built {built} handout(s) into {args.build_dir / 'handouts'}/; "
            f"{current} already up to date; {len(failures)} failed.\n"
        )
    report_signoff(signoff)
    return 1 if failures else 0
