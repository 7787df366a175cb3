"""The ``handout`` builder: one procedure page as a one-sheet PDF in a clinic's name.

It shares the PDF builder's machinery (fonts and stylesheets loaded once, WeasyPrint's warnings as
Sphinx warnings) and renders each page with the handout template. Handouts are written one by one
by :meth:`HandoutBuilder.write_handout`, which the runner calls for each job.
"""

from __future__ import annotations

import base64
import datetime as dt
import mimetypes
from collections.abc import Set
from pathlib import Path
from typing import Any

from babel.dates import format_date
from docutils import nodes
from sphinx.util import logging

from build_tools import page_metadata, reviews
from build_tools.catalogues import source_locale_dirs
from build_tools.handouts.gate import REASONS, Verdict, assess, untranslated_messages
from build_tools.handouts.jobs import HandoutJob
from build_tools.handouts.qr import qr_data_uri
from build_tools.pdf.assemble import drop_toctrees, namespace_ids
from build_tools.pdf.builder import PDFBuilder
from build_tools.pdf.render import Renderer
from build_tools.reviews import ReviewError

logger = logging.getLogger(__name__)

#: A standard handout is one sheet printed on both sides.
MAX_PAGES = 2


class HandoutError(Exception):
    """A handout that must not be printed; the message says why and what to do."""


class HandoutBuilder(PDFBuilder):
    """Render procedure pages as clinic handouts (driven by ``build_tools.handouts.runner``)."""

    name = "handout"
    epilog = "Handouts are written by python -m build_tools.handouts."

    def init(self) -> None:
        super().init()
        self.base_url = self.config.handbook_base_url
        self.handout_renderer: Renderer | None = None
        self.clinic_values: dict[str, str] = {}
        self.theme_printer.environment.filters["text_direction"] = text_direction

    def write_documents(self, _docnames: Set[str]) -> None:
        # Reading the sources is all a plain build does; handouts are written job by job.
        return

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        # A handout stands alone: a link to another page goes to the online handbook.
        return self.page_url(docname)

    def page_url(self, docname: str) -> str:
        return f"{self.base_url.rstrip('/')}/{self.language.code}/{docname}.html"

    def renderer_for_handouts(self) -> Renderer:
        """The renderer shared by every handout this builder writes (fonts and CSS loaded once)."""
        if self.handout_renderer is None:
            self.handout_renderer = Renderer(
                self.theme_printer.stylesheets("handout"), self.config.pdf_options
            )
        return self.handout_renderer

    def write_handout(self, job: HandoutJob, target: Path, today: dt.date) -> int:
        """Check, render and write one handout; return its page count.

        The runner has judged the job already (final or draft, see :mod:`.gate`); the verdict is
        worked out again here from the same files, with what only the parsed page can show (a
        message Sphinx found no translation for), and a job that is no longer what the runner
        planned is refused rather than printed under the wrong name.
        """
        env = self.env
        profile = job.clinic
        self.base_url = profile.handbook_base_url or self.config.handbook_base_url
        # Read by the handbook extension when the page's placeholders are resolved.
        self.clinic_values = profile.clinic_values(job.language)

        source_tree = env.get_doctree(job.docname)
        # The checked .po sources, never the compiled catalogues Sphinx reads (issue 15).
        locale_dir = source_locale_dirs(self.config, self.srcdir)[0]
        try:
            verdict = assess(
                source_dir=Path(self.srcdir),
                locale_dir=locale_dir,
                language=job.language,
                docname=job.docname,
                today=today,
                cache_dir=Path(
                    self.config.handbook_check_cache or Path(self.doctreedir, "check-po-cache")
                ),
            )
        except ReviewError as exc:
            raise HandoutError(str(exc)) from None
        if job.language != "en" and (missing := untranslated_messages(source_tree)):
            sample = "; ".join(repr(text[:60]) for text in missing[:3])
            more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
            verdict = verdict.with_reason(
                "incomplete",
                f"{len(missing)} message(s) not translated or fuzzy: {sample}{more}; "
                "finish the translation (make update-po, then translate)",
            )
        if verdict.blocking:
            raise HandoutError("; ".join(verdict.blocking))
        if verdict.final and job.draft:
            verdict = verdict.with_reason("requested", "a draft was asked for (DRAFT=1)")
        if not verdict.final and not job.draft:
            raise HandoutError(
                "not final: " + "; ".join(verdict.details) + "; run again to build it as a draft"
            )
        metadata = verdict.metadata
        assert metadata is not None  # no blocking problem: the metadata was read

        tree = source_tree.deepcopy()
        drop_toctrees(tree)
        env.apply_post_transforms(tree, job.docname)
        namespace_ids(tree, job.docname, {})
        title = _pop_title(tree)
        self.current_docname = job.docname
        self.secnumbers = {}
        self.fignumbers = {}
        body = nodes.container(classes=["handout-content"])
        body.extend(list(tree.children))
        body_html = self.render_partial(body)["fragment"]

        html = self.theme_printer.render(
            "handout.html", self._context(job, title, body_html, verdict, metadata, today)
        )
        return self.renderer_for_handouts().write_pdf(
            html,
            Path(self.srcdir),
            target,
            extra_css=self.theme_printer.page_css(profile.paper, "handout-page.css"),
            max_pages=None if job.large_print else MAX_PAGES,
        )

    def _context(
        self,
        job: HandoutJob,
        title: str,
        body: str,
        verdict: Verdict,
        metadata: page_metadata.PageMetadata,
        today: dt.date,
    ) -> dict[str, Any]:
        gettext = self.theme_printer.gettext
        code = self.language.code
        source = Path(self.env.doc2path(job.docname))
        short = reviews.source_version(source)[:12]
        version = f"{self.config.version}-{short}"

        def long_date(day: dt.date) -> str:
            return str(format_date(day, "long", locale=code))

        clinical, translation_status = page_metadata.status_lines(
            verdict.clinical, verdict.translation, gettext, long_date
        )
        control: dict[str, Any] = {
            "version": version,
            "issued": long_date(today),
            "issued_iso": today.isoformat(),
            "next_review": long_date(metadata.next_review),
            "clinical_review": clinical,
            "translated": job.language != "en",
            "translation": "",
            "draft_reasons": [gettext(REASONS[reason]) for reason in verdict.draft_reasons],
        }
        if translation_status is not None:
            translation = gettext("Translated from the English source, version {version}.").format(
                version=version
            )
            control["translation"] = f"{translation} {translation_status}"
        url = self.page_url(job.docname)
        return {
            "language": self.language,
            "title": title,
            "body": body,
            "clinic": job.clinic,
            "logo_uri": _data_uri(job.clinic.logo) if job.clinic.logo else None,
            "when_to_call_extra": job.clinic.details.get(job.language, {}).get(
                "when_to_call_extra"
            ),
            "qr_uri": qr_data_uri(url),
            "qr_url": url,
            "control": control,
            "variant": "large" if job.large_print else "standard",
            "draft": job.draft,
        }


def text_direction(value: str) -> str:
    """``rtl`` or ``ltr`` from the first strongly directional character (Unicode's rule P2).

    A clinic's name or address is data in its own script: an English address keeps its order
    inside an Arabic page, an Arabic name keeps its order inside an English one.
    """
    import unicodedata

    for character in value:
        kind = unicodedata.bidirectional(character)
        if kind in {"R", "AL"}:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _pop_title(tree: nodes.document) -> str:
    """Take the page's title out of its body (the handout prints it in its own header)."""
    section = next(iter(tree.findall(nodes.section)), None)
    if section is None or not isinstance(section[0], nodes.title):
        return ""
    title = section[0]
    section.remove(title)
    return str(title.astext())


def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"
