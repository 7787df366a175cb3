"""Run Sphinx for one format and one or more languages: ``python -m build_tools.build pdf es``.

The Makefile calls this; it keeps every ``sphinx-build`` flag in one place, gives each language
its own environment and working folder, and builds several languages in parallel.

An output whose inputs have not changed is not built again (see ``build_tools.stamps``): with
nothing changed ``make all`` starts no Sphinx at all. Before Sphinx runs for a translated language,
its catalogues pass the translation checks once (``build_tools.check_cache``); when they fail,
nothing of that language is built and the last good outputs stay as they were.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from build_tools.languages import LanguageError, resolve
from build_tools.project import Project
from build_tools.stamps import Inputs, Keys, Plan, Stamp

FORMATS = ("html", "epub", "pdf")


@dataclass(frozen=True)
class Job:
    builder: str
    language: str
    build_dir: Path
    settings: tuple[str, ...] = ()  # -D name=value pairs for this builder (PAPER, PROFILE, ...)

    @property
    def outdir(self) -> Path:
        if self.builder == "pdf":
            return self.build_dir / "pdf"  # the builder writes only <pdf_basename>.pdf there
        # html: the site of one language; epub: a working folder, the .epub is moved up a level
        return self.build_dir / self.builder / self.language

    @property
    def output(self) -> Path:
        """What this job delivers: a file, or the site's folder for HTML."""
        if self.builder == "html":
            return self.outdir
        if self.builder == "pdf":
            # The PDF builder names a paper other than A4 in the file name (handbook-es-letter.pdf).
            paper = dict(s.split("=", 1) for s in self.settings).get("pdf_paper_size")
            return self.build_dir / "pdf" / Project.load().pdf_name(self.language, paper)
        return self.build_dir / "epub" / Project.load().epub_name(self.language)

    @property
    def doctreedir(self) -> Path:
        # One environment per language, shared by its HTML, ePub and PDF: the first job of a
        # language reads the sources, the others wait for it and only write (main() orders them).
        # Languages build in parallel; the handouts keep an environment of their own.
        return self.build_dir / "doctrees" / self.language / "formats"

    @property
    def check_cache(self) -> Path:
        # Shared by every job and by the handouts: each catalogue is checked once per change.
        return self.build_dir / "cache" / "check-po"

    @property
    def stamp(self) -> Stamp:
        return Stamp(self.build_dir / "cache" / "stamps" / f"{self.builder}-{self.language}.json")

    def command(self, extra: Sequence[str] = ()) -> list[str]:
        project = Project.load()
        return [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            self.builder,
            "-c",
            str(project.confdir),  # conf.py sits at the top level, beside source/
            "-d",
            str(self.doctreedir),
            "-D",
            f"language={self.language}",
            "-D",
            f"handbook_check_cache={self.check_cache}",  # results shared between the jobs
            "-W",
            "--keep-going",  # warnings are errors, but report all of them at once
            "-n",  # nitpicky: every cross-reference must resolve
            "-q",  # only warnings and errors; progress is noise in CI logs
            *(arg for setting in self.settings for arg in ("-D", setting)),
            *extra,
            str(project.srcdir),
            str(self.outdir),
        ]

    def finish(self) -> None:
        if self.builder == "epub":
            name = Project.load().epub_name(self.language)
            # A rename is atomic on one file system: readers never see half an ePub.
            (self.outdir / name).replace(self.outdir.parent / name)
        # The site links its PDF and ePub inside itself (build/html/<lang>/downloads/).
        from build_tools.html_site import copy_downloads

        copy_downloads(self.build_dir, self.language)


def tool_environment() -> dict[str, str]:
    """The environment for the tools we run: a sane locale, never the handbook's language."""
    env = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
    env.pop("LANGUAGE", None)
    return env


def translation_problems(language: str, build_dir: Path) -> list[str]:
    """What the handbook build would reject in a language's catalogues, one line each.

    The same checks and the same filter as ``build_tools.handbook.check_translations``, run here
    once per language before its jobs start, so that parallel jobs find the results cached and a
    language whose catalogues fail builds nothing.
    """
    project = Project.load()
    if language == project.source_language:
        return []
    from build_tools.check_cache import HEADER_BOOKKEEPING, check_findings, errors

    folder = project.locale_dir / language / "LC_MESSAGES"
    if not folder.is_dir():
        return []
    findings = check_findings(
        [folder],
        glossary_root=folder.parent.parent,
        cache_dir=Job("pdf", language, build_dir).check_cache,
    )
    return [
        f"{f.path}:{f.line}: {f.code} {f.message}" for f in errors(findings, HEADER_BOOKKEEPING)
    ]


def run(
    job: Job, capture: bool, keys: Keys, extra: Sequence[str], problems: Sequence[str]
) -> tuple[Job, int, str]:
    if problems:
        report = "".join(f"{line}\n" for line in problems) + (
            f"error: {job.language}: the translation checks failed, so nothing was built; "
            f"fix the catalogues above (make check-po LANG={job.language})\n"
        )
        if not capture:
            sys.stderr.write(report)
        return job, 1, report
    job.stamp.clear()
    result = subprocess.run(
        job.command(extra),
        cwd=Project.load().confdir,
        env=tool_environment(),
        text=True,
        check=False,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
    )
    if result.returncode == 0:
        job.finish()
        job.stamp.record(keys, job.output)
    return job, result.returncode, result.stdout or ""


def fresh(plan: Plan) -> list[str]:
    """-E: a fresh environment and every page written, when Sphinx cannot see what changed."""
    return ["-E"] if plan is Plan.FULL else []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.build", description=__doc__)
    parser.add_argument("builder", choices=(*FORMATS, "all"))
    parser.add_argument("language", help="a language code, or 'all'")
    project = Project.load()
    parser.add_argument("--build-dir", type=Path, default=project.build_dir)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--force", action="store_true", help="build from scratch even when nothing has changed"
    )
    parser.add_argument("--paper", choices=project.paper_sizes, help="PDF paper size")
    parser.add_argument("--profile", choices=("digital", "press"), help="PDF print profile")
    parser.add_argument("--pdf-variant", help="a WeasyPrint PDF variant, such as pdf/a-3u")
    args = parser.parse_args(argv)
    pdf_settings = tuple(
        f"{name}={value}"
        for name, value in (
            ("pdf_paper_size", args.paper),
            ("pdf_profile", args.profile),
            ("pdf_variant", args.pdf_variant),
        )
        if value
    )

    try:
        languages = resolve(args.language, project.locale_dir)
    except LanguageError as exc:
        sys.stderr.write(f"error: LANG={args.language}: {exc}\n")
        return 2
    build_dir = args.build_dir.resolve()
    builders = FORMATS if args.builder == "all" else (args.builder,)
    jobs = [
        Job(b, lang, build_dir, pdf_settings if b == "pdf" else ())
        for lang in languages
        for b in builders
    ]
    inputs = Inputs(project.confdir)
    keys = {job: inputs.keys(job.builder, job.language, job.command()) for job in jobs}
    plans = {
        job: Plan.FULL if args.force else job.stamp.plan(keys[job], job.output) for job in jobs
    }
    # Longest first (the PDFs), so that the last job to finish is a short one.
    order = {"pdf": 0, "html": 1, "epub": 2}
    todo = sorted(
        (job for job in jobs if plans[job] is not Plan.CURRENT), key=lambda j: order[j.builder]
    )
    if not todo:
        names = ", ".join(f"{j.builder} {j.language}" for j in jobs)
        sys.stdout.write(f"Nothing to do: {names} up to date.\n")
        return 0
    if len(todo) == 1:
        (job,) = todo
        problems = translation_problems(job.language, build_dir)
        _, code, _ = run(job, False, keys[job], fresh(plans[job]), problems)
        return code
    failed = []
    workers = max(1, args.jobs)
    with (
        ProcessPoolExecutor(max_workers=workers) as checks,
        ThreadPoolExecutor(max_workers=workers) as pool,
    ):
        gates = {
            lang: checks.submit(translation_problems, lang, build_dir)
            for lang in sorted({job.language for job in todo})
        }

        def read_and_write(job: Job) -> tuple[Job, int, str]:
            return run(job, True, keys[job], fresh(plans[job]), gates[job.language].result())

        def write_only(job: Job, reader: Future[tuple[Job, int, str]]) -> tuple[Job, int, str]:
            _, read_code, _ = reader.result()
            # The environment is current now, but this builder cannot tell which documents the
            # reader re-read (Sphinx compares only a page's .rst with its output): write every
            # page (-a); or start afresh (-E) when the reader failed.
            extra = ["-a" if read_code == 0 else "-E"]
            return run(job, True, keys[job], extra, gates[job.language].result())

        # The first job of each language reads its sources; the others reuse that environment.
        # Every reader is queued before any job that waits for one, so no thread waits for a
        # job that has not started.
        readers: dict[str, Future[tuple[Job, int, str]]] = {}
        followers: list[Job] = []
        for job in todo:
            if job.language in readers:
                followers.append(job)
            else:
                readers[job.language] = pool.submit(read_and_write, job)
        runs = list(readers.values())
        runs += [pool.submit(write_only, job, readers[job.language]) for job in followers]
        for future in runs:
            job, code, output = future.result()
            status = "ok" if code == 0 else f"FAILED (exit {code})"
            sys.stdout.write(f"{job.builder} {job.language}: {status}\n{output}")
            if code:
                failed.append(job)
    if up_to_date := [job for job in jobs if job not in todo]:
        sys.stdout.write(f"{len(up_to_date)} output(s) already up to date.\n")
    if failed:
        sys.stderr.write(
            "error: failed: " + ", ".join(f"{j.builder} {j.language}" for j in failed) + "\n"
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
