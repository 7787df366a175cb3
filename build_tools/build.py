"""Run Sphinx for one format and one or more languages: ``python -m build_tools.build pdf es``.

The Makefile calls this; it keeps every ``sphinx-build`` flag in one place, gives each language
its own environment and working folder, and builds several languages in parallel.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from build_tools.languages import LanguageError, resolve

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("html", "epub", "pdf")


@dataclass(frozen=True)
class Job:
    builder: str
    language: str
    build_dir: Path
    settings: tuple[str, ...] = ()  # -D name=value pairs for this builder

    @property
    def outdir(self) -> Path:
        if self.builder == "pdf":
            return self.build_dir / "pdf"  # the builder writes only handbook-<lang>.pdf there
        # html: the site of one language; epub: a working folder, the .epub is moved up a level
        return self.build_dir / self.builder / self.language

    @property
    def doctreedir(self) -> Path:
        # One environment per language and builder: languages can build in parallel, and a
        # builder never reads an environment pickled by another.
        return self.build_dir / "doctrees" / self.language / self.builder

    def command(self, extra: Sequence[str] = ()) -> list[str]:
        return [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            self.builder,
            "-c",
            str(ROOT),  # conf.py sits at the top level, beside source/
            "-d",
            str(self.doctreedir),
            "-D",
            f"language={self.language}",
            "-W",
            "--keep-going",  # warnings are errors, but report all of them at once
            "-n",  # nitpicky: every cross-reference must resolve
            "-q",  # only warnings and errors; progress is noise in CI logs
            *(arg for setting in self.settings for arg in ("-D", setting)),
            *extra,
            str(ROOT / "source"),
            str(self.outdir),
        ]

    def finish(self) -> None:
        if self.builder == "epub":
            name = f"handbook-{self.language}.epub"
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


def run(job: Job, capture: bool) -> tuple[Job, int, str]:
    env = tool_environment()
    result = subprocess.run(
        job.command(),
        cwd=ROOT,
        env=env,
        text=True,
        check=False,
        stdout=subprocess.PIPE if capture else None,
        stderr=subprocess.STDOUT if capture else None,
    )
    if result.returncode == 0:
        job.finish()
    return job, result.returncode, result.stdout or ""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.build", description=__doc__)
    parser.add_argument("builder", choices=(*FORMATS, "all"))
    parser.add_argument("language", help="a language code, or 'all'")
    parser.add_argument("--build-dir", type=Path, default=ROOT / "build")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--paper", choices=("a4", "letter"), help="PDF paper size")
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
        languages = resolve(args.language, ROOT / "locale")
    except LanguageError as exc:
        sys.stderr.write(f"error: LANG={args.language}: {exc}\n")
        return 2
    builders = FORMATS if args.builder == "all" else (args.builder,)
    jobs = [
        Job(b, lang, args.build_dir, pdf_settings if b == "pdf" else ())
        for lang in languages
        for b in builders
    ]
    if len(jobs) == 1:
        _, code, _ = run(jobs[0], capture=False)
        return code
    failed = []
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for job, code, output in pool.map(lambda j: run(j, capture=True), jobs):
            status = "ok" if code == 0 else f"FAILED (exit {code})"
            sys.stdout.write(f"{job.builder} {job.language}: {status}\n{output}")
            if code:
                failed.append(job)
    if failed:
        sys.stderr.write(
            "error: failed: " + ", ".join(f"{j.builder} {j.language}" for j in failed) + "\n"
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
