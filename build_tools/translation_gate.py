"""``make check-po``: the translation checks over this project's catalogues, and the report.

Released languages (``handbook_released_languages`` in ``conf.py``) are checked strictly: an
untranslated or fuzzy message fails them too. A language still being translated fails only on
errors. Either way the coordinators' report is written to ``build/translation-report/``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from build_tools.check_cache import check_results
from build_tools.check_po import Severity, write_report
from build_tools.check_po.cli import format_text
from build_tools.languages import SOURCE_LANGUAGE, LanguageError, resolve

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"


def released_languages(confdir: Path = ROOT) -> set[str]:
    import runpy

    # conf.py is this project's own Python file; Sphinx executes it the same way.
    settings = runpy.run_path(str(confdir / "conf.py"))
    return set(settings.get("handbook_released_languages", []))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.translation_gate")
    parser.add_argument("language", nargs="?", default="all")
    parser.add_argument("--report", type=Path, default=ROOT / "build" / "translation-report")
    parser.add_argument(
        "--cache",
        type=Path,
        help="where results are kept (default: cache/check-po beside --report)",
    )
    args = parser.parse_args(argv)
    try:
        languages = [lang for lang in resolve(args.language, LOCALE) if lang != SOURCE_LANGUAGE]
    except LanguageError as exc:
        sys.stderr.write(f"error: LANG={args.language}: {exc}\n")
        return 2
    released = released_languages()
    # Relative paths print shorter and read the same from the project's folder.
    locale = Path(os.path.relpath(LOCALE))
    # Each catalogue is checked once per change; the builds share the results (check_cache).
    results = check_results(
        [locale / lang for lang in languages],
        glossary_root=locale,
        cache_dir=args.cache or args.report.parent / "cache" / "check-po",
    )
    failed = False
    for language in languages:
        folder = locale / language
        findings = [f for r in results if folder in r.path.parents for f in r.findings]
        strict = language in released
        sys.stdout.write(format_text(findings))
        errors = [f for f in findings if f.severity is Severity.ERROR]
        failing = findings if strict else errors
        mode = "strict (released)" if strict else "errors only (in progress)"
        warnings = len(findings) - len(errors)
        sys.stdout.write(f"{language}: {len(errors)} error(s), {warnings} warning(s); {mode}\n")
        failed = failed or bool(failing)
    target = write_report(args.report, results)
    sys.stdout.write(f"Report: {target}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
