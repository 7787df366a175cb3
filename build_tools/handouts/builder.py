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
from build_tools.handouts.gate import gate
from build_tools.handouts.jobs import HandoutJob
from build_tools.handouts.qr import qr_data_uri
from build_tools.pdf.assemble import drop_toctrees, namespace_ids
from build_tools.pdf.builder import PDFBuilder
from build_tools.pdf.render import Renderer
from build_tools.theme_i18n import THEME_DOMAIN

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
        """Check, render and write one handout; return its page count."""
        env = self.env
        profile = job.clinic
        self.base_url = profile.handbook_base_url or self.config.handbook_base_url
        # Read by the handbook extension when the page's placeholders are resolved.
        self.clinic_values = profile.clinic_values(job.language)

        source_tree = env.get_doctree(job.docname)
        metadata: page_metadata.PageMetadata | page_metadata.MetadataError
        try:
            metadata = page_metadata.parse(env.metadata.get(job.docname, {}))
        except page_metadata.MetadataError as exc:
            metadata = exc
        messages = Path(self.srcdir, self.config.locale_dirs[0], job.language, "LC_MESSAGES")
        locale_dir = messages.parent.parent
        reasons = gate(
            language=job.language,
            doctree=source_tree,
            catalogues=[messages / f"{job.docname}.po", messages / f"{THEME_DOMAIN}.po"],
            glossary_root=locale_dir,
            metadata=metadata,
            today=today,
            draft=job.draft,
            cache_dir=Path(
                self.config.handbook_check_cache or Path(self.doctreedir, "check-po-cache")
            ),
        )
        if reasons:
            raise HandoutError("; ".join(reasons))
        assert isinstance(metadata, page_metadata.PageMetadata)

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
            "handout.html", self._context(job, title, body_html, metadata, locale_dir, today)
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
        metadata: page_metadata.PageMetadata,
        locale_dir: Path,
        today: dt.date,
    ) -> dict[str, Any]:
        gettext = self.theme_printer.gettext
        code = self.language.code
        source = Path(self.env.doc2path(job.docname))
        version = f"{self.config.version}-{reviews.source_version(source)}"
        control: dict[str, Any] = {
            "version": version,
            "issued": format_date(today, "long", locale=code),
            "issued_iso": today.isoformat(),
            "next_review": format_date(metadata.next_review, "long", locale=code),
            "clinical_review": gettext(metadata.clinical_review),
            "translated": job.language != "en",
            "translation": "",
        }
        if job.language != "en":
            review = reviews.load(locale_dir, job.language).get(job.docname)
            translation = gettext("Translated from the English source, version {version}.").format(
                version=version
            )
            # A review covers the English it was made against; after the source changes, the
            # handout says again that the translation has not been reviewed.
            if review is None or review.source_version != version:
                status = gettext(
                    "This translation has not yet been reviewed by a qualified medical translator."
                )
            else:
                status = gettext(
                    "Reviewed by {reviewer} on {date}, against version {version}."
                ).format(
                    reviewer=review.reviewer,
                    date=format_date(review.date, "long", locale=code),
                    version=review.source_version,
                )
            control["translation"] = f"{translation} {status}"
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
