"""``make check-po``: the translation checks over this project's catalogues, and the report.

Released languages (``handbook_released_languages`` in ``conf.py``) are checked strictly: an
untranslated or fuzzy message fails them too. A language still being translated fails only on
errors. Either way the coordinators' report is written to ``build/translation-report/``.

Before the message checks, every catalogue a language needs is looked at as a file
(:func:`catalogue_problems`): a missing, empty, header-only, unreadable or oversized catalogue
would make its page print in English with nothing said. For a released language that is an error,
here, in the handbook build and in the handouts; for a language in progress, a warning.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from build_tools.check_cache import check_results
from build_tools.check_po import Severity, write_report
from build_tools.check_po.checker import find_catalogues
from build_tools.check_po.cli import MAX_CATALOGUE_BYTES, format_text
from build_tools.check_po.pofile import parse_po_bytes
from build_tools.languages import LanguageError, resolve
from build_tools.project import Project

#: The catalogue of our own templates' strings (build_tools.theme_i18n.THEME_DOMAIN).
THEME_CATALOGUE = "theme"


@dataclass(frozen=True)
class CatalogueProblem:
    """A catalogue that cannot serve its page, as a file (not a message in it)."""

    path: Path
    message: str
    #: The file cannot be given to the message checks (unreadable or too big).
    unreadable: bool = False

    def line(self) -> str:
        return f"{self.path}: {self.message}"


def source_documents(source: Path | None = None) -> list[str]:
    """The documents that have a catalogue of their own (``procedures/tace``), sorted."""
    source = source or Project.load().srcdir
    return sorted(
        path.relative_to(source).with_suffix("").as_posix()
        for path in source.rglob("*.rst")
        if not any(part.startswith(".") for part in path.relative_to(source).parts)
    )


def catalogue_problems(messages: Path, documents: Iterable[str]) -> list[CatalogueProblem]:
    """Problems with the catalogues of ``documents`` (and the theme's) under ``messages``.

    ``messages`` is a language's ``LC_MESSAGES`` folder.
    """
    problems = []
    for document in [*documents, THEME_CATALOGUE]:
        path = messages / f"{document}.po"
        if not path.exists():
            problems.append(
                CatalogueProblem(
                    path,
                    "missing: the page would print in English; restore the file "
                    "(git checkout) or create it with make update-po",
                )
            )
            continue
        try:
            size = path.stat().st_size
            if size > MAX_CATALOGUE_BYTES:
                problems.append(
                    CatalogueProblem(
                        path,
                        f"is {size / 1048576:.1f} MB; a catalogue may be at most "
                        f"{MAX_CATALOGUE_BYTES // 1048576} MB (one page's messages); "
                        "restore the file or split the page",
                        unreadable=True,
                    )
                )
                continue
            data = path.read_bytes()
        except OSError as exc:
            reason = exc.strerror or str(exc)
            problems.append(
                CatalogueProblem(
                    path, f"cannot be read ({reason}); fix its permissions", unreadable=True
                )
            )
            continue
        if not data.strip():
            problems.append(
                CatalogueProblem(
                    path, "is empty: the page would print in English; restore the file"
                )
            )
        elif not parse_po_bytes(data).messages:
            problems.append(
                CatalogueProblem(
                    path,
                    "has a header but no messages: the page would print in English; "
                    "run make update-po and translate it",
                )
            )
    return problems


def checkable(folders: Sequence[Path], problems: Sequence[CatalogueProblem]) -> list[Path]:
    """The catalogues under ``folders`` that the message checks can read."""
    refused = {problem.path for problem in problems if problem.unreadable}
    return [path for path in find_catalogues(folders) if path not in refused]


def released_languages(confdir: Path | None = None) -> set[str]:
    """``handbook_released_languages`` of the project whose ``conf.py`` is in ``confdir``."""
    return set(Project.load(confdir).released_languages)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.translation_gate")
    parser.add_argument("language", nargs="?", default="all")
    project = Project.load()
    parser.add_argument("--report", type=Path, default=project.build_dir / "translation-report")
    parser.add_argument(
        "--cache",
        type=Path,
        help="where results are kept (default: cache/check-po beside --report)",
    )
    args = parser.parse_args(argv)
    try:
        languages = [
            lang
            for lang in resolve(args.language, project.locale_dir)
            if lang != project.source_language
        ]
    except LanguageError as exc:
        sys.stderr.write(f"error: LANG={args.language}: {exc}\n")
        return 2
    if args.report.exists() and not args.report.is_dir():
        sys.stderr.write(f"error: --report {args.report}: is a file; name a folder\n")
        return 2
    released = project.released_languages
    # Relative paths print shorter and read the same from the project's folder.
    locale = Path(os.path.relpath(project.locale_dir))
    documents = source_documents(project.srcdir)
    file_problems = {
        lang: catalogue_problems(locale / lang / "LC_MESSAGES", documents) for lang in languages
    }
    catalogues = checkable(
        [locale / lang for lang in languages], [p for ps in file_problems.values() for p in ps]
    )
    # Each catalogue is checked once per change; the builds share the results (check_cache).
    results = check_results(
        catalogues,
        glossary_root=locale,
        cache_dir=args.cache or args.report.parent / "cache" / "check-po",
    )
    failed = False
    for language in languages:
        folder = locale / language
        findings = [f for r in results if folder in r.path.parents for f in r.findings]
        strict = language in released
        sys.stdout.write(format_text(findings))
        problems = file_problems[language]
        label = "error" if strict else "warning"
        sys.stdout.writelines(f"{p.line()} ({label})\n" for p in problems)
        errors = [f for f in findings if f.severity is Severity.ERROR]
        failing = findings if strict else errors
        mode = "strict (released)" if strict else "errors only (in progress)"
        error_count = len(errors) + (len(problems) if strict else 0)
        warnings = len(findings) - len(errors) + (0 if strict else len(problems))
        sys.stdout.write(f"{language}: {error_count} error(s), {warnings} warning(s); {mode}\n")
        failed = failed or bool(failing) or (strict and bool(problems))
    try:
        target = write_report(args.report, results)
    except OSError as exc:
        sys.stderr.write(f"error: cannot write the report to {args.report}: {exc.strerror}\n")
        return 2
    sys.stdout.write(f"Report: {target}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
