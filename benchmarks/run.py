"""Our PDF route against the bare WeasyPrint route and Sphinx's LaTeX route, in one run.

    .venv/bin/python benchmarks/run.py [--languages en es zh_CN] [--skip-latex]

Everything runs on a scratch copy of the project (sources, catalogues, code, clinics; ``.venv``
linked), so the real ``build/`` and ``locale/`` are never touched. Three routes build the same
sources into a PDF, each from clean:

- ours: ``make pdf LANG=xx`` (the translation checks run cold too: their cache is removed);
- bare: ``sphinx-build -b singlehtml`` (with our conf.py, which loads our extension: the sources
  need its roles) and then the ``weasyprint`` command on the page, with no print stylesheet;
- LaTeX: ``sphinx-build -M latexpdf`` with ``latex_engine = "xelatex"``, when ``xelatex`` and
  ``latexmk`` are installed (never by the project: ``apt-get install texlive-xetex latexmk
  texlive-lang-chinese texlive-lang-arabic ...`` on the benchmark machine only).

Then the incremental cases: nothing changed (``make all``, ``make pdf LANG=es``,
``make handouts-all``), one Spanish catalogue changed (``make all``), ``make all`` on every core
against the same builds one after another, and a batch of more than 100 handouts (the example
clinic copied under three names, plus lakeside-us) with warm workers: the sources already read,
no handout yet built. Peak memory is the largest resident set of any process of a run.

Every time is wall-clock on this machine, so read the ratios: they hold on a busy machine much
better than the seconds do. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "es", "fr", "zh_CN", "ar")
ENV = dict(os.environ, LC_ALL="C.UTF-8", LANG="C.UTF-8")
ENV.pop("LANGUAGE", None)

# Reports the CPU time and the largest resident set (KiB) of the command and of everything it
# started: CPU time is what a busy machine distorts least.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "sys.stderr.write(f'\\nmeasured={use.ru_utime + use.ru_stime} {use.ru_maxrss}\\n')\n"
    "sys.exit(code)\n"
)


@dataclass(frozen=True)
class Timing:
    seconds: float
    cpu: float
    peak_mib: float
    output: str
    ok: bool = True

    def __str__(self) -> str:
        return f"{self.seconds:6.2f}s ({self.cpu:5.2f}s CPU)" if self.ok else "failed".center(21)


def timed(command: Sequence[str], cwd: Path, may_fail: bool = False) -> Timing:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, *command],
        cwd=cwd,
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    stderr, _, tail = result.stderr.rpartition("\nmeasured=")
    cpu, maxrss = tail.split()
    if result.returncode != 0 and not may_fail:
        raise SystemExit(
            f"error: {' '.join(command)} failed (exit {result.returncode}):\n"
            f"{result.stdout[-3000:]}{stderr[-3000:]}"
        )
    output = result.stdout + stderr
    return Timing(seconds, float(cpu), int(maxrss) / 1024, output, result.returncode == 0)


def make(project: Path, *args: str) -> Timing:
    # RUNTIME names a file that exists: make uses the linked .venv and installs nothing.
    return timed(["make", "--no-print-directory", "-s", *args, "RUNTIME=.venv/bin/python"], project)


def scratch_project(folder: Path) -> Path:
    project = folder / "project"
    for name in ("source", "locale", "build_tools", "clinics"):
        shutil.copytree(
            ROOT / name, project / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__")
        )
    for name in ("conf.py", "Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROOT / name, project / name)
    (project / ".venv").symlink_to((ROOT / ".venv").resolve())
    # Compiled once here, so that the first route timed does not pay for everyone's bytecode.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(project / "build_tools")], check=True
    )
    return project


def clean(project: Path) -> None:
    shutil.rmtree(project / "build", ignore_errors=True)


def bare_route(project: Path, language: str, out: Path) -> Timing:
    shutil.rmtree(out, ignore_errors=True)
    venv = project / ".venv" / "bin"
    html = out / "singlehtml"
    script = (
        f"{venv / 'python'} -m sphinx -b singlehtml -q -c {project} -D language={language} "
        f"-d {out / 'doctrees'} {project / 'source'} {html} && "
        f"{venv / 'weasyprint'} -q {html / 'index.html'} {out / 'handbook.pdf'}"
    )
    return timed(["bash", "-c", script], project)


def latex_route(project: Path, language: str, out: Path) -> Timing:
    shutil.rmtree(out, ignore_errors=True)
    python = project / ".venv" / "bin" / "python"
    return timed(
        [
            str(python),
            "-m",
            "sphinx",
            "-M",
            "latexpdf",
            str(project / "source"),
            str(out),
            "-c",
            str(project),
            "-D",
            f"language={language}",
            "-D",
            "latex_engine=xelatex",
            "-q",
        ],
        project,
        may_fail=True,  # Sphinx 9's LaTeX for Arabic stops on a package-order error (bidi, xcolor)
    )


def change_a_spanish_catalogue(project: Path) -> None:
    po = project / "locale" / "es" / "LC_MESSAGES" / "procedures" / "tace.po"
    text = po.read_text(encoding="utf-8")
    old = 'msgstr "Quimioembolización transarterial (TACE)"'
    if old not in text:
        raise SystemExit(f"error: {po}: the benchmark's edit no longer applies; update it")
    po.write_text(text.replace(old, 'msgstr "Quimioembolización transarterial (TACE) "'), "utf-8")


def add_clinics(project: Path, copies: int) -> None:
    example = (project / "clinics" / "example.toml").read_text(encoding="utf-8")
    for number in range(2, copies + 2):
        (project / "clinics" / f"example-{number}.toml").write_text(example, encoding="utf-8")


def ratio(a: Timing | float, b: Timing | float | None) -> str:
    """Wall-clock ratio, and the CPU-time ratio in brackets when both are timings."""
    if b is None or (isinstance(b, Timing) and not b.ok):
        return "    n/a    "
    if isinstance(a, Timing) and isinstance(b, Timing):
        return f"{a.seconds / b.seconds:5.2f} ({a.cpu / b.cpu:4.2f})"
    wall_a = a.seconds if isinstance(a, Timing) else a
    wall_b = b.seconds if isinstance(b, Timing) else b
    return f"{wall_a / wall_b:5.2f}" if wall_b else "  n/a"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--languages", nargs="+", default=list(LANGUAGES))
    parser.add_argument("--skip-latex", action="store_true")
    args = parser.parse_args(argv)
    has_tex = bool(shutil.which("xelatex") and shutil.which("latexmk")) and not args.skip_latex
    cores = os.cpu_count() or 1
    lines = [
        f"machine: {platform.machine()}, {cores} cores, {platform.platform()}, "
        f"load {os.getloadavg()[0]:.1f}; Python {platform.python_version()}",
        "",
        "PDF from clean, wall (CPU)   ours                   bare WeasyPrint        LaTeX"
        "                  ours/bare     ours/LaTeX",
    ]
    out = sys.stdout
    with tempfile.TemporaryDirectory(prefix="handbook-bench-") as scratch:
        project = scratch_project(Path(scratch))
        ours: dict[str, Timing] = {}
        for language in args.languages:
            clean(project)
            ours[language] = make(project, "pdf", f"LANG={language}")
            bare = bare_route(project, language, Path(scratch) / "bare" / language)
            latex = (
                latex_route(project, language, Path(scratch) / "latex" / language)
                if has_tex
                else None
            )
            lines.append(
                f"  {language:<26} {ours[language]}  {bare}  "
                + (str(latex) if latex else "not installed".center(21))
                + f"  {ratio(ours[language], bare)}  {ratio(ours[language], latex)}"
            )
            out.write(lines[-1] + "\n")
        if "en" in ours and "zh_CN" in ours:
            lines.append(f"Chinese / English (ours): {ratio(ours['zh_CN'], ours['en'])}")

        # Every language in every format: on every core, and one job at a time.
        clean(project)
        serial = timed(
            [".venv/bin/python", "-m", "build_tools.build", "all", "all", "--jobs", "1"], project
        )
        clean(project)
        parallel = make(project, "all")
        lines.append(
            f"make all from clean: {parallel} on {cores} cores, {serial} one job "
            f"at a time; ratio {ratio(parallel, serial)}"
        )
        noop_all = make(project, "all")
        noop_pdf = make(project, "pdf", "LANG=es")
        lines.append(f"nothing changed: make all {noop_all}, make pdf LANG=es {noop_pdf}")
        change_a_spanish_catalogue(project)
        changed = make(project, "all")
        lines.append(
            f"one Spanish catalogue changed: make all {changed}; "
            f"/ cold Spanish PDF {ratio(changed, ours.get('es'))}"
        )

        # Handouts: more than 100, warm workers.
        add_clinics(project, copies=2)
        listed = timed(
            [".venv/bin/python", "-m", "build_tools.handouts", "--all-clinics", "--list"], project
        ).output.split()
        first = make(project, "handouts-all")
        shutil.rmtree(project / "build" / "handouts")
        warm = make(project, "handouts-all")
        noop_handouts = make(project, "handouts-all")
        count = len(listed)
        each = warm.seconds * cores / count
        lines += [
            f"handouts-all, {count} handouts: {first} with the sources unread, "
            f"{warm} with them read: {each:.3f}s each per core "
            f"({warm.cpu / count:.3f}s CPU each); "
            f"peak memory of a process {max(first.peak_mib, warm.peak_mib):.0f} MiB",
            f"nothing changed: make handouts-all {noop_handouts}",
        ]
    out.write("\n" + "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
