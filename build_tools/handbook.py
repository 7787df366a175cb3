"""The handbook's Sphinx extension: clinic placeholders, page metadata and language settings.

``extensions = ["build_tools.handbook"]`` brings in everything the handbook needs, the PDF builder
included.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__, page_metadata
from build_tools.catalogues import source_locale_dirs, use_compiled_catalogues
from build_tools.check_cache import HEADER_BOOKKEEPING
from build_tools.clinic_role import fill_clinic_values
from build_tools.languages import Language
from build_tools.theme_i18n import theme_translations
from build_tools.translation_gate import catalogue_problems, checkable

logger = logging.getLogger(__name__)

#: The handbook's layer over the PDF builder's print theme (cover, notices, welcome page).
HANDBOOK_PRINT_THEME = Path(__file__).parent / "handbook_theme"


def today(config: Config) -> dt.date:
    """The date the build treats as today; ``handbook_today`` pins it for tests."""
    if config.handbook_today:
        return dt.date.fromisoformat(config.handbook_today)
    return dt.date.today()


def normalise_config(app: Sphinx, config: Config) -> None:
    language = Language(config.language or "en")
    for name in ("epub_basename", "pdf_basename"):
        value = getattr(config, name, None)
        if isinstance(value, str) and "{language}" in value:
            setattr(config, name, value.format(language=language.code, project=config.project))
    # ePub metadata wants a BCP 47 tag (zh-CN), gettext spells it zh_CN.
    config.epub_language = language.bcp47
    # The handbook's print theme is a layer over the PDF builder's own.
    if config.pdf_theme_path is None:
        config.pdf_theme_path = str(HANDBOOK_PRINT_THEME)


def add_print_theme_translations(app: Sphinx) -> None:
    """The handbook's words for its print layer come from its own theme.po, before the builder's."""
    from build_tools.pdf.builder import PDFBuilder

    if isinstance(app.builder, PDFBuilder):
        app.builder.add_theme_translations(theme_translations(app).gettext)


def check_metadata(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.current_document.docname
    metadata = app.env.metadata.get(docname, {})
    if not page_metadata.has_metadata(metadata):
        return
    try:
        parsed = page_metadata.parse(metadata)
    except page_metadata.MetadataError as exc:
        logger.warning("%s", exc, location=docname, type="handbook", subtype="metadata")
        return
    if parsed.is_due(today(app.config)):
        logger.warning(
            "the review date %s has passed; review the page and set a new :next-review: date",
            parsed.next_review,
            location=docname,
            type="handbook",
            subtype="review_due",
        )




def check_translations(app: Sphinx) -> None:
    """Fail the build on a translation error; let incomplete work through (it prints English)."""
    language = app.config.language or "en"
    if language == "en" or app.builder.name == "gettext":
        return
    from build_tools.check_cache import check_findings

    folders = [
        locale_dir / language / "LC_MESSAGES"
        for locale_dir in source_locale_dirs(app.config, app.srcdir)
    ]
    released = language in app.config.handbook_released_languages
    documents = sorted(app.project.discover(app.config.exclude_patterns))
    file_problems = catalogue_problems(folders[0], documents) if folders else []
    for problem in file_problems:
        # A released language never prints a page in English without saying so; a language in
        # progress does, as its incomplete pages do.
        if released:
            logger.warning("%s", problem.line(), type="translation", subtype="catalogue")
        else:
            logger.info("translation of %s: %s", language, problem.line())
    folders = [folder for folder in folders if folder.is_dir()]
    if not folders:
        return
    # Checked once per changed catalogue, not once per Sphinx run (build_tools.check_cache).
    cache = app.config.handbook_check_cache or Path(app.doctreedir, "check-po-cache")
    findings = check_findings(
        checkable(folders, file_problems),
        glossary_root=folders[0].parent.parent,
        cache_dir=Path(cache),
    )
    warnings = 0
    for finding in findings:
        # Header bookkeeping (a new catalogue's template Last-Translator, say) changes nothing a
        # reader sees: make check-po and the handouts insist on it, the handbook does not.
        if finding.severity == "error" and finding.code not in HEADER_BOOKKEEPING:
            logger.warning(
                "%s:%d: %s %s",
                finding.path,
                finding.line,
                finding.code,
                finding.message,
                type="translation",
                subtype=finding.code,
            )
        else:
            warnings += 1
    if warnings:
        logger.info(
            "translation of %s: %d incomplete or unchecked message(s); run make check-po LANG=%s",
            language,
            warnings,
            language,
        )


def translations_for(app: Sphinx) -> Any:
    return theme_translations(app)


def resolve_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    translations = translations_for(app)
    # A handout builder carries the clinic it is printing for; otherwise conf.py may name one.
    values = getattr(app.builder, "clinic_values", None) or app.config.clinic_values
    fill_clinic_values(doctree, values, translations.gettext)


def use_translated_title(app: Sphinx, env: BuildEnvironment) -> None:
    """Title the ePub and the HTML pages with the root document's title, as translated."""
    title = env.titles.get(app.config.root_doc)
    if title is not None:
        app.config.epub_title = title.astext()
        app.config.html_title = title.astext()


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("build_tools.clinic_role")
    app.setup_extension("build_tools.bidi")
    app.setup_extension("build_tools.pdf")
    app.setup_extension("build_tools.html_site")
    app.setup_extension("build_tools.handouts")
    app.setup_extension("build_tools.epub")
    app.setup_extension("build_tools.page_status")
    app.setup_extension("build_tools.figures")
    # Only read when an output is written: changing it (one clinic, then the next) re-reads nothing.
    app.add_config_value("clinic_values", {}, "", types=frozenset({dict}))
    app.add_config_value("handbook_today", None, "env", types=frozenset({str, type(None)}))
    app.add_config_value("handbook_base_url", "", "html", types=frozenset({str}))
    app.add_config_value("handbook_released_languages", [], "", types=frozenset({list}))
    app.add_config_value("handbook_locale_sources", [], "", types=frozenset({list}))
    # First of all: Sphinx reads catalogues compiled by this build, never a stale .mo.
    app.connect("config-inited", use_compiled_catalogues, priority=100)
    # Where the translation checks keep their results; builds of one project share one folder.
    app.add_config_value("handbook_check_cache", "", "", types=frozenset({str}))
    app.connect("config-inited", normalise_config, priority=800)
    app.connect("builder-inited", check_translations)
    app.connect("builder-inited", add_print_theme_translations)
    app.connect("doctree-read", check_metadata)
    app.connect("env-updated", use_translated_title)
    app.connect("doctree-resolved", resolve_placeholders)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }
