"""``python -m build_tools.check_po``: the command line over the library.

Exit status: 0 when no finding is an error, 1 when one is (or, with
``--strict``, when there is any finding), 2 on bad usage or a path that
does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .checker import check_catalogues, find_catalogues
from .findings import Finding, Severity
from .language import SOURCE_LANGUAGE
from .report import write_report

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools.check_po",
        description="Check gettext .po catalogues of medical text: file integrity, numbers, "
        "units, phone numbers, URLs, reStructuredText, completeness and glossary.",
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help=".po files, or folders searched for .po files",
    )
    parser.add_argument(
        "--strict", action="store_true", help="count warnings as errors for the exit status"
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: one 'PATH:LINE: CODE message' per line (default); "
        "json: a list of finding objects",
    )
    parser.add_argument(
        "--report",
        type=Path,
        metavar="DIR",
        help="write DIR/index.html for translation coordinators instead of printing the findings",
    )
    parser.add_argument(
        "--glossary-root",
        type=Path,
        metavar="DIR",
        help="folder holding <lang>/glossary.csv (default: the locale/ folder "
        "above each catalogue's LC_MESSAGES)",
    )
    parser.add_argument(
        "--source-language",
        default=SOURCE_LANGUAGE,
        metavar="LANG",
        help=f"language of the msgids (default: {SOURCE_LANGUAGE})",
    )
    return parser


def _write(text: str) -> None:
    sys.stdout.write(text)


def format_text(findings: Sequence[Finding]) -> str:
    # One line per finding, whatever newlines a message quotes.
    return "".join(
        f"{f.path}:{f.line}: {f.code} {' '.join(f.message.splitlines())}\n" for f in findings
    )


def format_json(findings: Sequence[Finding]) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


def exit_status(findings: Sequence[Finding], *, strict: bool) -> int:
    failing = findings if strict else [f for f in findings if f.severity is Severity.ERROR]
    return EXIT_FINDINGS if failing else EXIT_OK


#: A page's catalogue is tens of kilobytes; one this big is a mistake, and checking it would take
#: minutes with nothing to show. It is refused at once, with its size.
MAX_CATALOGUE_BYTES = 4 * 1024 * 1024


def _usage_problem(args: argparse.Namespace) -> str | None:
    """What is wrong with the options, as one line, before any catalogue is read."""
    from babel import Locale, UnknownLocaleError

    if args.report is not None and args.report.exists() and not args.report.is_dir():
        return f"--report {args.report}: is a file; name a folder for the report"
    if args.glossary_root is not None and not args.glossary_root.is_dir():
        return (
            f"--glossary-root {args.glossary_root}: no such folder; name the folder that "
            "holds <lang>/glossary.csv"
        )
    try:
        Locale.parse(args.source_language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return (
            f"--source-language {args.source_language!r}: not a language Babel knows; "
            "use a code such as en, es or zh_CN"
        )
    for path in find_catalogues([p for p in args.paths if p.exists()]):
        size = path.stat().st_size
        if size > MAX_CATALOGUE_BYTES:
            return (
                f"{path}: {size / 1048576:.1f} MB is too big for a catalogue (at most "
                f"{MAX_CATALOGUE_BYTES // 1048576} MB); check that it is the right file"
            )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if (problem := _usage_problem(args)) is not None:
        sys.stderr.write(f"error: {problem}\n")
        return EXIT_USAGE
    try:
        results = check_catalogues(
            args.paths, glossary_root=args.glossary_root, source_language=args.source_language
        )
    except FileNotFoundError as error:
        parser.error(f"no such file or folder: {error.args[0]}")
    except OSError as error:
        parser.error(f"cannot read {error.filename}: {error.strerror}")
    if not results:
        parser.error("no .po files found under " + ", ".join(str(p) for p in args.paths))
    findings = [finding for result in results for finding in result.findings]
    status = exit_status(findings, strict=args.strict)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    summary = f"{errors} errors, {len(findings) - errors} warnings in {len(results)} catalogues"
    if args.report is not None:
        target = write_report(args.report, results)
        _write(f"wrote {target}: {summary}\n")
        return status
    _write(format_json(findings) if args.format == "json" else format_text(findings))
    sys.stderr.write(f"check-po: {summary}\n")
    return status
