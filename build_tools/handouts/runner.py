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
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from build_tools import clinics
from build_tools.handouts.jobs import HandoutJob, Manifest, fingerprint, parse_shard, plan, shard
from build_tools.languages import LanguageError, resolve, shipped_languages

ROOT = Path(__file__).resolve().parent.parent.parent
SOURCE = ROOT / "source"
LOCALE = ROOT / "locale"
_METADATA = re.compile(r"^:next-review:", re.MULTILINE)


@dataclass(frozen=True)
class Outcome:
    job: HandoutJob
    pages: int = 0
    error: str = ""


def procedure_pages(source: Path = SOURCE) -> list[str]:
    """Pages that can be handouts: those with review metadata (the procedure pages)."""
    return sorted(
        path.relative_to(source).with_suffix("").as_posix()
        for path in source.rglob("*.rst")
        if _METADATA.search(path.read_text(encoding="utf-8"))
    )


def _code_files() -> list[Path]:
    # The templates, the stylesheets and the code that render a handout.
    package = ROOT / "build_tools"
    return [p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts]


def job_inputs(job: HandoutJob, code_digest: str) -> str:
    messages = LOCALE / job.language / "LC_MESSAGES"
    files = [
        SOURCE / f"{job.docname}.rst",
        messages / f"{job.docname}.po",
        messages / "theme.po",
        LOCALE / job.language / "glossary.csv",
        LOCALE / job.language / "reviews.toml",
        job.clinic.path,
        ROOT / "conf.py",
    ]
    if job.clinic.logo:
        files.append(job.clinic.logo)
    return fingerprint(files, [job.output(Path()).name, code_digest])


def check_cache(build_dir: Path) -> Path:
    """Where the translation checks keep their results (shared with ``build_tools.build``)."""
    return build_dir / "cache" / "check-po"


def _sphinx_app(language: str, build_dir: Path, warnings: io.StringIO) -> object:
    from sphinx.application import Sphinx
    from sphinx.util.console import nocolor

    nocolor()  # the warnings are read back as text, not shown on a terminal

    return Sphinx(
        srcdir=SOURCE,
        confdir=ROOT,
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
    # Sphinx registers roles and nodes in docutils' globals; a fresh namespace per application
    # lets one worker process run several, as sphinx-build does for one.
    with docutils_namespace():
        app = _sphinx_app(language, build_dir, warnings)
        app.build()  # type: ignore[attr-defined]
    return warnings.getvalue().strip()


def render_group(
    language: str, jobs: Sequence[HandoutJob], build_dir: Path, today: dt.date
) -> list[Outcome]:
    """Render jobs of one language in this process, with one Sphinx app and one renderer."""
    from sphinx.util.docutils import docutils_namespace

    with docutils_namespace():
        return _render_jobs(language, jobs, build_dir, today)


def _render_jobs(
    language: str, jobs: Sequence[HandoutJob], build_dir: Path, today: dt.date
) -> list[Outcome]:
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
    outcomes = []
    for job in jobs:
        target = job.output(build_dir / "handouts")
        # Written beside the target first: a handout that fails any check never replaces the
        # last good one.
        draft = target.with_name(f".{target.name}.new")
        mark = warnings.tell()
        try:
            pages = builder.write_handout(job, draft, today)
        except (HandoutError, PageLimitError) as exc:
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
            draft.replace(target)
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


def run(
    jobs: Sequence[HandoutJob], build_dir: Path, today: dt.date, workers: int
) -> tuple[int, int, list[Outcome]]:
    """Build what is out of date; return (built, up to date, failures)."""
    manifest = Manifest(build_dir / "handouts" / ".manifest.json")
    code_digest = fingerprint(_code_files())
    outputs = {
        job.name + job.output(Path()).name: job.output(build_dir / "handouts") for job in jobs
    }
    digests = {key: job_inputs(job, code_digest) for key, job in zip(outputs, jobs, strict=True)}
    todo = [
        job
        for key, job in zip(outputs, jobs, strict=True)
        if not manifest.is_current(outputs[key], digests[key])
    ]
    current = len(jobs) - len(todo)
    if not todo:
        return 0, current, []

    failures: list[Outcome] = []
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
            pool.submit(render_group, language, group, build_dir, today)
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
                    job = outcome.job
                    key = job.name + job.output(Path()).name
                    manifest.record(outputs[key], digests[key])
    manifest.save()
    return built, current, failures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.handouts", description=__doc__)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--clinic", type=Path, help="one clinic profile (a TOML file)")
    target.add_argument("--all-clinics", action="store_true", help="every profile in clinics/")
    parser.add_argument("--lang", help="one language (default: every language of the clinic)")
    parser.add_argument("--large-print", action="store_true", help="18 pt, one column")
    parser.add_argument("--draft", action="store_true", help='mark "DRAFT, not for patients"')
    parser.add_argument("--shard", help="build the i-th of N slices of the work, e.g. 2/3")
    parser.add_argument("--list", action="store_true", help="print the handouts and build nothing")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build")
    parser.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="the date to treat as today (tests), YYYY-MM-DD",
    )
    args = parser.parse_args(argv)

    known = shipped_languages(LOCALE)
    try:
        paths = clinics.discover(ROOT / "clinics") if args.all_clinics else [args.clinic]
        profiles = [clinics.load(path, known) for path in paths]
        languages = resolve(args.lang, LOCALE) if args.lang else None
        jobs = plan(
            profiles, procedure_pages(), languages, large_print=args.large_print, draft=args.draft
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
    today = args.today or dt.date.today()
    built, current, failures = run(jobs, args.build_dir, today, max(1, args.jobs))
    for outcome in failures:
        sys.stderr.write(f"error: {outcome.job.name}: {outcome.error}\n")
    if built == 0 and not failures:
        sys.stdout.write(f"Nothing to do: all {current} handouts are up to date.\n")
    else:
        sys.stdout.write(
            f"Built {built} handout(s) into {args.build_dir / 'handouts'}/; "
            f"{current} already up to date; {len(failures)} failed.\n"
        )
    return 1 if failures else 0
