"""Keep the gettext catalogues: extract the templates, create and update each language's ``.po``.

``python -m build_tools.catalogues extract`` writes ``build/gettext/*.pot``: one template per
document (Sphinx's gettext builder) and ``theme.pot`` for the strings of our own templates and code
(Babel's extractors). ``python -m build_tools.catalogues update [LANG]`` runs sphinx-intl over
them, for one language (a new one is created) or for every language under ``locale/``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import write_po

from build_tools.atomic import atomic_output
from build_tools.build import tool_environment
from build_tools.languages import SOURCE_LANGUAGE, LanguageError, normalise, shipped_languages
from build_tools.theme_i18n import THEME_DOMAIN

ROOT = Path(__file__).resolve().parent.parent
POT_DIR = ROOT / "build" / "gettext"
LOCALE_DIR = ROOT / "locale"
#: Wrap catalogues at one width everywhere, so that tools do not rewrap each other's lines.
LINE_WIDTH = 79

#: Where our own translatable strings stand, and how Babel reads each kind of file.
THEME_SOURCES = [
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.css", "jinja2"),
    ("**/html_theme/**.html", "jinja2"),
    ("**.py", "python"),
]
THEME_KEYWORDS = {"_": None, "_t": None, "gettext": None, "N_": None, "ngettext": (1, 2)}


def extract_theme(pot_dir: Path = POT_DIR) -> int:
    """Write ``theme.pot`` from build_tools' templates and code; return the number of messages."""
    catalogue = Catalog(project="IOS Handbook", version="1.0", charset="utf-8")
    package = ROOT / "build_tools"
    for filename, lineno, message, comments, context in extract_from_dir(
        package,
        THEME_SOURCES,
        keywords=THEME_KEYWORDS,
        comment_tags=("Translators:",),
        options_map={
            "**/templates/**": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"},
            "**/html_theme/**": {"extensions": "jinja2.ext.i18n"},
        },
    ):
        location = (f"build_tools/{filename}", lineno)
        catalogue.add(message, None, [location], auto_comments=comments, context=context)
    with atomic_output(pot_dir / f"{THEME_DOMAIN}.pot") as handle:
        write_po(handle, catalogue, width=LINE_WIDTH, sort_by_file=True)
    return len(catalogue)


def extract_documents(pot_dir: Path = POT_DIR) -> None:
    """Run Sphinx's gettext builder: one ``.pot`` per document."""
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "gettext",
        "-c",
        str(ROOT),  # conf.py sits at the top level
        "-d",
        str(ROOT / "build" / "doctrees" / "gettext"),
        "-W",
        "--keep-going",  # a broken source must not make a broken template
        "-q",
        str(ROOT / "source"),
        str(pot_dir),
    ]
    subprocess.run(command, check=True, cwd=ROOT, env=tool_environment())


def update(
    languages: Sequence[str], pot_dir: Path = POT_DIR, locale_dir: Path = LOCALE_DIR
) -> dict[str, int]:
    """Create or update the catalogues of ``languages``; obsolete messages are dropped."""
    from sphinx_intl.basic import update as intl_update

    counts: dict[str, int] = intl_update(
        str(locale_dir),
        str(pot_dir),
        tuple(languages),
        line_width=LINE_WIDTH,
        ignore_obsolete=True,
        jobs=1,
    )
    return counts


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.catalogues", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="write build/gettext/*.pot")
    update_parser = sub.add_parser("update", help="create or update locale/<lang>/LC_MESSAGES/*.po")
    update_parser.add_argument("language", nargs="?", help="one language; all of them if omitted")
    args = parser.parse_args(argv)

    if args.command == "extract":
        extract_documents()
        count = extract_theme()
        sys.stdout.write(
            f"Templates written to {POT_DIR.relative_to(ROOT)}/ ({count} theme messages)\n"
        )
        return 0

    if args.language:
        try:
            languages = [normalise(args.language)]
        except LanguageError as exc:
            sys.stderr.write(f"error: LANG={args.language}: {exc}\n")
            return 2
        if languages == [SOURCE_LANGUAGE]:
            sys.stderr.write("error: LANG=en is the source language; it has no catalogues\n")
            return 2
    else:
        languages = [lang for lang in shipped_languages(LOCALE_DIR) if lang != SOURCE_LANGUAGE]
    extract_documents()
    extract_theme()
    counts = update(languages)
    sys.stdout.write(
        f"Catalogues of {', '.join(languages) or 'no language'}: {counts['create']} created, "
        f"{counts['update']} updated, {counts['notchanged']} unchanged\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
