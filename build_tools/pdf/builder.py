"""The ``pdf`` builder: the whole project as one print-ready PDF, through WeasyPrint.

It is Sphinx's single-page HTML builder with a different last step. The book is assembled with
Sphinx's toctree inlining and reference resolution (see :mod:`.assemble`), written by Sphinx's HTML5
translator with the builder's own docutils settings, laid out with the print theme (Jinja templates
and CSS paged media) and handed to WeasyPrint's API. It never loads the project's HTML theme.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging as std_logging
import re
from collections.abc import Callable, Sequence, Set
from pathlib import Path
from typing import Any, Literal

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.indexentries import IndexEntries
from sphinx.util import logging
from sphinx.util.display import progress_message
from sphinx.util.logging import is_suppressed_warning
from sphinx.util.nodes import inline_all_toctrees

from . import config as pdf_config
from .assemble import BOOK_FLAG, doc_anchor, rewrite_internal_uri
from .atomic import OutputError
from .fetch import network_fetcher
from .i18n import _
from .language import BookLanguage
from .render import Renderer, RenderWarningError
from .reproducible import pin_attachment_dates, source_date
from .tagging import finish_tagging
from .theme import ChainedTranslations, PrintTheme
from .translator import PrintTranslator

logger = logging.getLogger(__name__)


class _WarningCounter(std_logging.Handler):
    """Counts the warnings Sphinx reports during the build (Sphinx has no public count)."""

    def __init__(self, suppressed: Sequence[str]) -> None:
        super().__init__(level=std_logging.WARNING)
        self.suppressed = suppressed
        self.count = 0

    def emit(self, record: std_logging.LogRecord) -> None:
        # What suppress_warnings silences does not fail a -W build, so it does not count here.
        kind, subtype = getattr(record, "type", None), getattr(record, "subtype", None)
        if not is_suppressed_warning(kind, subtype, self.suppressed):  # type: ignore[arg-type]
            self.count += 1


class PDFBuilder(SingleFileHTMLBuilder):
    """Build the whole project as one PDF file with WeasyPrint."""

    name = "pdf"
    format = "html"
    epilog = _("The PDF file is in %(outdir)s.")
    default_translator_class = PrintTranslator
    search = False
    copysource = False
    add_permalinks = False
    supported_remote_images = False
    allow_parallel = False  # one book, one file: there is nothing to write in parallel

    def __init__(self, app: Sphinx, env: BuildEnvironment) -> None:
        super().__init__(app, env)
        # The book is HTML only on its way to paper: ``.. only:: html`` is for the web site.
        self.tags.remove("html")
        # Under -W a flawed build must not replace the last good PDF. Sphinx 9 offers no public
        # "warnings are errors" flag on the builder; Sphinx.keep_going is set from it (and only
        # from it) by Sphinx.__init__.
        self.warnings_are_errors = bool(app.keep_going)
        self.warning_counter = _WarningCounter(app.config.suppress_warnings)
        std_logging.getLogger("sphinx").addHandler(self.warning_counter)

    def init_templates(self) -> None:
        # A PDF is laid out by the print theme; the project's HTML theme (which may not even be
        # installed where the PDF is built) plays no part.
        self.theme = None  # type: ignore[assignment]
        self.theme_options = {}
        self.create_template_bridge()
        self.templates.init(self)

    def init(self) -> None:
        super().init()
        self.language = BookLanguage(self.config.language or "en")
        self.translations = ChainedTranslations([_])
        theme_path = self.config.pdf_theme_path
        # Like every path in conf.py, relative to the folder conf.py is in.
        theme = Path(self.confdir, theme_path) if theme_path else None
        self.theme_printer = PrintTheme(theme, self.translations)
        self.renderer: Renderer | None = None

    def add_theme_translations(self, gettext: Any) -> None:
        """Put a project's own translations of the theme's strings before the builder's."""
        self.translations.sources.insert(0, gettext)

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        if docname in self.env.all_docs:
            return "#document-" + docname  # made a unique anchor by assemble.BookAnchors
        if docname == "genindex":
            return "#genindex"
        return "#contents"  # a page the book has no room for (search): its contents instead

    @property
    def target_path(self) -> Path:
        project = re.sub(r"[^\w.-]+", "-", self.config.project).strip("-") or "book"
        basename = self.config.pdf_basename.format(language=self.language.code, project=project)
        paper = self.config.pdf_paper_size
        suffix = "" if paper == "a4" else f"-{paper}"
        return Path(self.outdir) / f"{basename}{suffix}.pdf"

    def assemble_doctree(self) -> nodes.document:
        root = self.config.root_doc
        tree = inline_all_toctrees(self, set(), root, self.env.get_doctree(root), str, [root])
        tree["docname"] = root
        tree[BOOK_FLAG] = True
        self.env.resolve_references(tree, root, self)
        return tree

    def write_documents(self, _docnames: Set[str]) -> None:
        self.prepare_writing(self.env.all_docs.keys())
        with progress_message(_("assembling the book")):
            tree = self.assemble_doctree()
        with progress_message(_("rendering HTML for print")):
            html = self.render_book(tree)
        if self.config.pdf_debug_html:
            self.target_path.with_suffix(".html").write_text(html, encoding="utf-8")
        with progress_message(_("writing %s") % self.target_path.name):
            self.write_pdf(html)

    def write_pdf(self, html: str) -> None:
        if self.warnings_are_errors and self.warning_counter.count:
            # -W: the build fails anyway; the last good PDF is worth more than a flawed one.
            logger.info(_("%s kept as it was: this build has warnings"), self.target_path)
            return
        if self.renderer is None:
            options = dict(self.config.pdf_options)
            if self.config.pdf_variant:
                options["pdf_variant"] = self.config.pdf_variant
            # None: the renderer's closed world (the theme, and the sources at each write).
            fetcher = network_fetcher() if self.config.pdf_allow_remote_images else None
            self.renderer = Renderer(self.theme_printer.stylesheets("book"), options, fetcher)
        try:
            pages = self.renderer.write_pdf(
                html,
                Path(self.srcdir),
                self.target_path,
                extra_css=self.page_css(),
                keep_previous_on_warning=self.warnings_are_errors,
                finisher=self.finisher(),
            )
        except RenderWarningError:
            logger.info(_("%s kept as it was: rendering gave warnings"), self.target_path)
            return
        except OutputError as exc:  # a full disk, a read-only folder: one line, not a crash
            logger.error("%s", exc, type="pdf", subtype="write")
            return
        logger.info(_("%s: %d pages"), self.target_path, pages)

    def finisher(self) -> Callable[[Any, Any], None] | None:
        """What to change in WeasyPrint's objects before the file is written: furniture as
        artifacts and the contents as ``TOC`` when the PDF is tagged; attachments dated
        ``SOURCE_DATE_EPOCH`` when it is set."""
        steps: list[Callable[[Any, Any], None]] = []
        variant = self.config.pdf_variant or ""
        if self.config.pdf_options.get("pdf_tags") or variant.startswith("pdf/ua"):
            steps.append(finish_tagging)
        when = source_date()
        if when is not None:
            steps.append(functools.partial(pin_attachment_dates, when=when))
        if not steps:
            return None

        def finish(document: Any, pdf: Any) -> None:
            for step in steps:
                step(document, pdf)

        return finish

    def page_css(self) -> str:
        config = self.config
        return self.theme_printer.page_css(
            config.pdf_paper_size,
            margins=pdf_config.margins(config),
            fonts=pdf_config.fonts(config),
            script_fonts=pdf_config.script_fonts(config),
            press=config.pdf_profile == "press",
            pygments=self.highlighter.get_stylesheet(),
        )

    def render_book(self, tree: nodes.document) -> str:
        root = self.config.root_doc
        title = self.config.pdf_cover_title or _root_title(self.env, root, self.config.project)
        front_section = next((n for n in tree.children if isinstance(n, nodes.section)), None)
        if front_section is not None and isinstance(front_section[0], nodes.title):
            front_section.remove(front_section[0])  # the cover carries the book's title
        front, chapters = self._translate(tree)
        context: dict[str, Any] = {
            "title": title,
            "subtitle": self.config.pdf_cover_subtitle,
            "author": self.config.pdf_cover_author,
            "notice": self.config.pdf_cover_notice,
            "project": self.config.project,
            "language": self.language,
            "version": self.config.release or self.config.version,
            "date": build_date(),
            "root_anchor": doc_anchor(root),
            "front": front,
            "body": chapters,
            "contents": self._contents(tree),
            "index": self._index(),
            "profile": self.config.pdf_profile,
        }
        return self.theme_printer.render("book.html", context)

    def _translate(self, tree: nodes.document) -> tuple[str, str]:
        """The front matter and the chapters, as HTML, written by Sphinx's translator."""
        tree.settings = self.docsettings
        self.current_docname = self.config.root_doc
        self.secnumbers = {}  # BookAnchors puts Sphinx's numbers on the titles themselves
        self.fignumbers = tree.get("pdf_fignumbers", {})
        self.imgpath = ""  # images are read where they are, relative to the source folder
        visitor = self.create_translator(tree, self)
        assert isinstance(visitor, PrintTranslator)
        tree.walkabout(visitor)
        first_chapter = next(
            (
                i
                for i, part in enumerate(visitor.body)
                if part.startswith('<section class="chapter')
            ),
            len(visitor.body),
        )
        return "".join(visitor.body[:first_chapter]), "".join(visitor.body[first_chapter:])

    def _contents(self, tree: nodes.document) -> list[dict[str, Any]]:
        entries = []
        for chapter in tree.findall(addnodes.start_of_file):
            docname = chapter["docname"]
            number = self.env.toc_secnumbers.get(docname, {}).get("")
            entries.append(
                {
                    "anchor": doc_anchor(docname),
                    "depth": chapter.get("depth", 0),
                    "number": ".".join(map(str, number)) if number else "",
                    "title": _root_title(self.env, docname, docname),
                    "docname": docname,
                }
            )
        return entries

    def _index(self) -> list[dict[str, Any]]:
        """The general index (``genindex``), its links pointing into the book."""
        anchors = {f"document-{name}": name for name in self.env.all_docs}

        def links(pairs: list[tuple[str | None, str | Literal[False]]]) -> list[str]:
            return [rewrite_internal_uri(uri, anchors) for _main, uri in pairs if uri]

        letters = []
        for letter, entries in IndexEntries(self.env).create_index(self):
            items = []
            for name, (targets, subitems, _key) in entries:
                items.append(
                    {
                        "name": name,
                        "links": links(targets),
                        "subitems": [
                            {"name": sub, "links": links(sublinks)} for sub, sublinks in subitems
                        ],
                    }
                )
            letters.append({"letter": letter, "entries": items})
        return letters

    def copy_assets(self) -> None:
        # The PDF embeds what it needs; no _static folder beside it.
        return

    def finish(self) -> None:
        # Nothing else to write: no static files, search index or inventory for a PDF.
        std_logging.getLogger("sphinx").removeHandler(self.warning_counter)


def _root_title(env: BuildEnvironment, docname: str, default: str) -> str:
    title = env.titles.get(docname)
    return title.astext() if title is not None else default


def build_date() -> dt.date:
    """The build date; SOURCE_DATE_EPOCH makes it reproducible."""
    when = source_date()
    return when.date() if when is not None else dt.date.today()
