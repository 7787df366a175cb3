"""The ``pdf`` builder: the whole project as one print-ready PDF, through WeasyPrint.

It is Sphinx's single-page HTML builder with a different last step: the assembled book is rendered
with our print theme (Jinja templates and CSS paged media) and handed to WeasyPrint's API.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Set
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import __
from sphinx.util import logging
from sphinx.util.display import progress_message
from sphinx.writers.html5 import HTML5Translator

from build_tools.atomic import OutputError
from build_tools.languages import Language
from build_tools.pdf.assemble import Chapter, assemble, doc_anchor
from build_tools.pdf.render import Renderer, RenderWarningError
from build_tools.pdf.theme import PrintTheme
from build_tools.theme_i18n import theme_translations

logger = logging.getLogger(__name__)


class PrintTranslator(HTML5Translator):
    """HTML for paper: no permalink pilcrows after headings."""

    def add_permalink_ref(self, node: nodes.Element, title: str) -> None:
        return


class PDFBuilder(SingleFileHTMLBuilder):
    """Build the whole project as one PDF file with WeasyPrint."""

    name = "pdf"
    format = "html"
    epilog = __("The PDF file is in %(outdir)s.")
    default_translator_class = PrintTranslator
    search = False
    copysource = False
    allow_parallel = False

    def init(self) -> None:
        super().init()
        self.language = Language(self.config.language or "en")
        self.translations = theme_translations(self._app)
        self.theme_printer = PrintTheme(self.config.pdf_theme_path, self.translations)
        self.renderer: Renderer | None = None

    def prepare_writing(self, docnames: Set[str]) -> None:
        super().prepare_writing(docnames)
        # render_partial() uses settings of its own, in English by default: docutils would then
        # label a note "Note" in every language.
        self._settings.language_code = self.config.language or "en"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return "#" + doc_anchor(docname)

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to, typ)

    @property
    def target_path(self) -> Path:
        basename = self.config.pdf_basename.format(
            language=self.language.code, project=self.config.project
        )
        return Path(self.outdir) / f"{basename}.pdf"

    def write_documents(self, _docnames: Set[str]) -> None:
        self.prepare_writing(self.env.all_docs.keys())
        with progress_message(__("assembling the book")):
            chapters = assemble(self, self.config.root_doc)
        with progress_message(__("rendering HTML for print")):
            html = self.render_book(chapters)
        if self.config.pdf_debug_html:
            self.target_path.with_suffix(".html").write_text(html, encoding="utf-8")
        with progress_message(__("writing %s") % self.target_path.name):
            if self.renderer is None:
                self.renderer = Renderer(
                    self.theme_printer.stylesheets("book"), self.config.pdf_options
                )
            strict = self.warnings_are_errors
            if strict and self._app._warncount:
                # -W: the build fails anyway; the last good PDF is worth more than a flawed one.
                logger.info(__("%s kept as it was: this build has warnings"), self.target_path)
                return
            try:
                pages = self.renderer.write_pdf(
                    html,
                    Path(self.srcdir),
                    self.target_path,
                    extra_css=self.theme_printer.page_css(self.config.pdf_paper_size),
                    keep_previous_on_warning=strict,
                )
            except RenderWarningError:
                logger.info(__("%s kept as it was: rendering gave warnings"), self.target_path)
                return
            except OutputError as exc:  # a full disk, a read-only folder: one line, not a crash
                logger.error("%s", exc, type="pdf", subtype="write")
                return
        logger.info(__("%s: %d pages"), self.target_path, pages)

    @property
    def warnings_are_errors(self) -> bool:
        """True under ``-W``: then nothing is written from a build that will fail."""
        # Sphinx offers no public flag for -W; its application keeps it here (Sphinx 8 and 9).
        return bool(getattr(self._app, "_fail_on_warnings", False))

    def render_book(self, chapters: list[Chapter]) -> str:
        root, *rest = chapters
        first_section = next(iter(root.tree.findall(nodes.section)), None)
        if first_section is not None and isinstance(first_section[0], nodes.title):
            first_section.remove(first_section[0])
        context: dict[str, Any] = {
            "title": root.title,
            "language": self.language,
            "project": self.config.project,
            "author": self.config.author,
            "version": self.config.version or self.config.release,
            "date": _build_date(),
            "intro": self._render(root),
            "chapters": [
                {
                    "anchor": doc_anchor(c.docname),
                    "depth": c.depth - 1,  # the root is the book itself, its children are chapters
                    "title": c.title,
                    "docname": c.docname,
                    "body": self._render(c),
                }
                for c in rest
            ],
        }
        return self.theme_printer.render("book.html", context)

    def _render(self, chapter: Chapter) -> str:
        self.current_docname = chapter.docname
        # Section and figure numbers are keyed by the original ids; the book numbers neither.
        self.secnumbers: dict[str, tuple[int, ...]] = {}
        self.fignumbers: dict[str, dict[str, tuple[int, ...]]] = {}
        # A document node cannot sit inside another; render its children in a plain wrapper.
        body = nodes.container(classes=["chapter-body"])
        body.extend(list(chapter.tree.children))
        return self.render_partial(body)["fragment"]

    def copy_assets(self) -> None:
        # The PDF embeds what it needs; no _static folder beside it.
        return

    def finish(self) -> None:
        # Nothing else to write: no static files, search index or inventory for a PDF.
        return


def _build_date() -> dt.date:
    """The build date; SOURCE_DATE_EPOCH makes it reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()
