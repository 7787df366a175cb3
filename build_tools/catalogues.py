"""Keep the gettext catalogues: extract the templates, create and update each language's ``.po``.

``python -m build_tools.catalogues extract`` writes ``build/gettext/*.pot``: one template per
document (Sphinx's gettext builder) and ``theme.pot`` for the strings of our own templates and code
(Babel's extractors). ``python -m build_tools.catalogues update [LANG]`` runs sphinx-intl over
them, for one language (a new one is created) or for every language under ``locale/``.

Compiled catalogues (``.mo``) are derived state, never kept beside the sources: each build
compiles the ``.po`` files it is about to check into its own folder under the build directory
(:func:`use_compiled_catalogues`), removes every compiled file whose ``.po`` is gone, and points
Sphinx there. A stale ``.mo`` left in ``locale/`` by an older tool is never read, so a page prints
only text that the checks of this very build have seen.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from build_tools.atomic import atomic_output, is_stale_temporary, write_bytes_atomic
from build_tools.build import tool_environment
from build_tools.check_po.cli import MAX_CATALOGUE_BYTES
from build_tools.languages import LanguageError, normalise, shipped_languages
from build_tools.project import Project
from build_tools.theme_i18n import THEME_DOMAIN

#: This package: the theme's strings stand in its templates and code.
PACKAGE = Path(__file__).resolve().parent
#: Wrap catalogues at one width everywhere, so that tools do not rewrap each other's lines.
LINE_WIDTH = 79

#: Where our own translatable strings stand, and how Babel reads each kind of file.
THEME_SOURCES = [
    # The generic PDF builder (build_tools/pdf) has a message catalogue of its own, registered
    # with Sphinx: its code and book templates are not the handbook's theme. The handout
    # template beside them is.
    ("pdf/*.py", "ignore"),
    ("pdf/theme/templates/base-book.html", "ignore"),
    ("pdf/theme/templates/book.html", "ignore"),
    # In the site's templates, _() is Sphinx's own catalogue; ours is _t (extracted apart).
    ("**/html_theme/**", "ignore"),
    ("**/templates/**.html", "jinja2"),
    ("**/templates/**.css", "jinja2"),
    ("**.py", "python"),
]
#: The site's templates: only our own ``_t`` (and ``N_``) strings belong to the theme catalogue.
SITE_SOURCES = [("**/html_theme/**.html", "jinja2")]
SITE_KEYWORDS = {"_t": None, "N_": None}
THEME_KEYWORDS = {"_": None, "_t": None, "gettext": None, "N_": None, "ngettext": (1, 2)}


def extract_theme(pot_dir: Path | None = None) -> int:
    """Write ``theme.pot`` from build_tools' templates and code; return the number of messages."""
    pot_dir = pot_dir or Project.load().pot_dir
    catalogue = Catalog(project="IOS Handbook", version="1.0", charset="utf-8")
    package = PACKAGE
    options = {
        "**/templates/**": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"},
        "**/html_theme/**": {"extensions": "jinja2.ext.i18n"},
    }
    for sources, keywords in ((THEME_SOURCES, THEME_KEYWORDS), (SITE_SOURCES, SITE_KEYWORDS)):
        for filename, lineno, message, comments, context in extract_from_dir(
            package,
            sources,
            keywords=keywords,
            comment_tags=("Translators:",),
            options_map=options,
        ):
            location = (f"build_tools/{filename}", lineno)
            catalogue.add(message, None, [location], auto_comments=comments, context=context)
    with atomic_output(pot_dir / f"{THEME_DOMAIN}.pot") as handle:
        write_po(handle, catalogue, width=LINE_WIDTH, sort_by_file=True)
    return len(catalogue)


def extract_documents(pot_dir: Path | None = None, project: Project | None = None) -> None:
    """Run Sphinx's gettext builder: one ``.pot`` per document."""
    project = project or Project.load()
    pot_dir = pot_dir or project.pot_dir
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-b",
        "gettext",
        "-c",
        str(project.confdir),  # conf.py sits at the top level
        "-d",
        str(project.build_dir / "doctrees" / "gettext"),
        "-W",
        "--keep-going",  # a broken source must not make a broken template
        "-q",
        str(project.srcdir),
        str(pot_dir),
    ]
    subprocess.run(command, check=True, cwd=project.confdir, env=tool_environment())


def update(
    languages: Sequence[str], pot_dir: Path | None = None, locale_dir: Path | None = None
) -> dict[str, int]:
    """Create or update the catalogues of ``languages``; obsolete messages are dropped."""
    pot_dir = pot_dir or Project.load().pot_dir
    locale_dir = locale_dir or Project.load().locale_dir
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


#: Where a build keeps its compiled catalogues, inside its doctree folder (one per language and
#: builder, so parallel builds never share one).
COMPILED_FOLDER = "catalogues"


def compile_catalogues(sources: Sequence[Path], language: str, target: Path) -> list[Path]:
    """Compile every ``.po`` of ``language`` under ``sources`` into ``target``; return the ``.mo``.

    ``target`` mirrors the sources (``<lang>/LC_MESSAGES/<domain>.po`` with its ``.mo``): Sphinx
    finds a document's catalogue, and notes its dependency on the ``.mo``, through the ``.po``
    beside it. A file is rewritten only when its source changed, so an unchanged catalogue does
    not make Sphinx read its pages again. A file whose source is gone is removed, and so is the
    compiled copy of a catalogue that cannot be read (the translation checks report it).
    """
    wanted: dict[Path, bytes] = {}
    for source in sources:
        messages = source / language / "LC_MESSAGES"
        if not messages.is_dir():
            continue
        for po in sorted(messages.rglob("*.po")):
            relative = po.relative_to(messages)
            if any(part.startswith(".") for part in relative.parts) or relative in wanted:
                continue
            try:
                if po.stat().st_size > MAX_CATALOGUE_BYTES:
                    continue  # refused by the checks, with its size; not worth minutes of Babel
                wanted[relative] = po.read_bytes()
            except OSError:
                continue  # unreadable: compiled into nothing, reported by the checks
    out = target / language / "LC_MESSAGES"
    compiled: list[Path] = []
    for relative, data in wanted.items():
        copy = out / relative
        mo = copy.with_suffix(".mo")
        if mo.is_file() and copy.is_file() and copy.read_bytes() == data:
            compiled.append(mo)
            continue
        try:
            catalogue = read_po(io.BytesIO(data), locale=language, domain=relative.stem)
        except Exception:  # Babel raises many kinds on a broken file; the checks name the defect
            mo.unlink(missing_ok=True)
            copy.unlink(missing_ok=True)
            continue
        buffer = io.BytesIO()
        write_mo(buffer, catalogue, use_fuzzy=False)
        # The .mo first: a .po copy beside a .mo always means that .mo was made from it.
        copy.unlink(missing_ok=True)
        write_bytes_atomic(mo, buffer.getvalue())
        write_bytes_atomic(copy, data)
        compiled.append(mo)
    if out.is_dir():
        keep = {out / relative for relative in wanted} | set(compiled)
        for path in out.rglob("*"):
            if not path.is_file() or path in keep:
                continue
            # A dot file is a temporary file: another build's, being written, or a killed one's.
            if not path.name.startswith(".") or is_stale_temporary(path):
                path.unlink(missing_ok=True)
    return compiled


def source_locale_dirs(config: Any, srcdir: str | os.PathLike[str]) -> list[Path]:
    """The folders holding the ``.po`` sources (``locale_dirs`` as ``conf.py`` wrote them)."""
    dirs = getattr(config, "handbook_locale_sources", None) or config.locale_dirs
    return [Path(os.path.normpath(Path(srcdir, d))) for d in dirs]


def use_compiled_catalogues(app: Any, config: Any) -> None:
    """``config-inited``: compile this language's catalogues into the build; Sphinx reads only them.

    ``handbook_locale_sources`` keeps the source folders for our own tools (the checks, the
    theme, the handouts' review records); ``locale_dirs`` then names only the compiled folder.
    """
    language = config.language or "en"
    sources = source_locale_dirs(config, app.srcdir)
    config.handbook_locale_sources = [str(path) for path in sources]
    target = Path(app.doctreedir) / COMPILED_FOLDER
    compiled = compile_catalogues(sources, language, target) if language != "en" else []
    config.locale_dirs = [str(target)]
    config.gettext_auto_build = False  # Sphinx must never write a .mo beside a source
    if any(mo.stem == "sphinx" and mo.parent.name == "LC_MESSAGES" for mo in compiled):
        _reload_sphinx_messages(app, target, language)


def _reload_sphinx_messages(app: Any, target: Path, language: str) -> None:
    # Sphinx loads its own interface words (the "sphinx" domain) before any extension can run,
    # from the locale_dirs of conf.py; load them again from the catalogue compiled now, in
    # Sphinx's own order (ours, the system's, Sphinx's package). ``translators`` is the registry
    # that sphinx.locale.init fills; there is no public way to replace an entry in it.
    from sphinx import locale, package_dir

    locale.translators.pop(("general", "sphinx"), None)
    app.translator, _ = locale.init([target, None, Path(package_dir, "locale")], language)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.catalogues", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("extract", help="write build/gettext/*.pot")
    update_parser = sub.add_parser("update", help="create or update locale/<lang>/LC_MESSAGES/*.po")
    update_parser.add_argument("language", nargs="?", help="one language; all of them if omitted")
    args = parser.parse_args(argv)
    project = Project.load()

    if args.command == "extract":
        extract_documents(project.pot_dir, project)
        count = extract_theme(project.pot_dir)
        where = project.pot_dir.relative_to(project.confdir)
        sys.stdout.write(f"Templates written to {where}/ ({count} theme messages)\n")
        return 0

    if args.language:
        try:
            languages = [normalise(args.language)]
        except LanguageError as exc:
            sys.stderr.write(f"error: LANG={args.language}: {exc}\n")
            return 2
        if languages == [project.source_language]:
            sys.stderr.write(
                f"error: LANG={project.source_language} is the source language; "
                "it has no catalogues\n"
            )
            return 2
    else:
        languages = [
            lang
            for lang in shipped_languages(project.locale_dir)
            if lang != project.source_language
        ]
    extract_documents(project.pot_dir, project)
    extract_theme(project.pot_dir)
    counts = update(languages, project.pot_dir, project.locale_dir)
    sys.stdout.write(
        f"Catalogues of {', '.join(languages) or 'no language'}: {counts['create']} created, "
        f"{counts['update']} updated, {counts['notchanged']} unchanged\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
