"""Every page of the handbook, in every output, says who has reviewed it, in the reader's language.

Under each page's title the HTML site, the ePub and the handbook PDF print the page's dates, its
clinical review status and, in a translation, the translation's review status, worked out from the
review records (:mod:`build_tools.reviews`) for the exact version being built. A page depends on
the record files, so recording a review rebuilds the pages it concerns.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from babel.dates import format_date
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util import logging

from build_tools import page_metadata
from build_tools.catalogues import source_locale_dirs
from build_tools.languages import Language
from build_tools.reviews import records
from build_tools.theme_i18n import theme_translations

logger = logging.getLogger(__name__)

#: Broken record files already reported by this process: one warning each, not one per page.
_REPORTED: set[str] = set()

#: The builders whose pages a reader sees; the gettext builder must not extract the status, and
#: a handout prints its own document-control block.
READER_BUILDERS = frozenset({"html", "dirhtml", "singlehtml", "epub", "pdf"})


def _dirs(app: Sphinx) -> tuple[Path, Path]:
    source_dir = Path(app.srcdir)
    # The .po sources beside the review records, not the compiled catalogues Sphinx reads.
    locale_dir = source_locale_dirs(app.config, app.srcdir)[0]
    return source_dir, locale_dir


def note_record_dependencies(app: Sphinx, doctree: nodes.document) -> None:
    """A page is rebuilt when a review record that concerns it changes."""
    source_dir, locale_dir = _dirs(app)
    language = app.config.language or "en"
    app.env.note_dependency(str(records.clinical_path(source_dir)))
    if language != "en":
        app.env.note_dependency(str(records.translation_path(locale_dir, language)))


def _reviews(source_dir: Path, locale_dir: Path, language: str) -> dict[str, records.Review]:
    """The records of ``language``; a broken file is one warning, and then counts as no review."""
    try:
        return records.load(source_dir, locale_dir, language)
    except records.ReviewError as exc:
        if str(exc) not in _REPORTED:
            _REPORTED.add(str(exc))
            logger.warning("%s", exc, type="handbook", subtype="reviews")
        return {}


def add_page_control(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put each page's dates and review status under its title.

    The PDF builder resolves the whole book as one doctree, each page in a ``start_of_file``:
    every page in it gets its own status, under its own first section.
    """
    if app.builder.name not in READER_BUILDERS:
        return
    pages: list[tuple[str, nodes.Element]] = [(docname, doctree)]
    pages += [(page["docname"], page) for page in doctree.findall(addnodes.start_of_file)]
    for page_name, tree in pages:
        section = next((s for s in tree.findall(nodes.section) if _page_of(s, tree) is tree), None)
        if section is None:
            continue
        fields = _status_fields(app, page_name)
        if fields is not None:
            section.insert(1, fields)


def _page_of(node: nodes.Node, top: nodes.Element) -> nodes.Element:
    """The ``start_of_file`` (or the document itself) that ``node`` belongs to."""
    parent = node.parent
    while parent is not None and parent is not top:
        if isinstance(parent, addnodes.start_of_file):
            return parent
        parent = parent.parent
    return top


def _status_fields(app: Sphinx, docname: str) -> nodes.field_list | None:
    """The page's dates and review status as a field list, or None for a page without metadata."""
    metadata = app.env.metadata.get(docname, {})
    if not page_metadata.has_metadata(metadata):
        return None
    gettext = theme_translations(app).gettext
    language = Language(app.config.language or "en")
    source_dir, locale_dir = _dirs(app)

    def long_date(day: dt.date) -> str:
        return str(format_date(day, "long", locale=language.code))

    clinical_review = _reviews(source_dir, locale_dir, "en").get(docname)
    clinical = records.clinical_status(source_dir, clinical_review, docname)
    translation = None
    if language.code != "en":
        reviewed = _reviews(source_dir, locale_dir, language.code).get(docname)
        translation = records.translation_status(source_dir, locale_dir, reviewed, docname)
    clinical_text, translation_text = page_metadata.status_lines(
        clinical, translation, gettext, long_date
    )

    rows: list[tuple[str, str]] = []
    for key in ("written", "next-review"):
        value = str(metadata.get(key, ""))
        with contextlib.suppress(ValueError):
            value = long_date(dt.date.fromisoformat(value))
        rows.append((gettext(page_metadata.LABELS[key]), value))
    clinical_label = page_metadata.LABELS["clinical-review"]
    rows.append((gettext(clinical_label), clinical_text))
    if translation_text is not None:
        rows.append((gettext(page_metadata.TRANSLATION_LABEL), translation_text))

    fields = nodes.field_list(classes=["page-control"])
    for label, value in rows:
        fields += nodes.field(
            "",
            nodes.field_name("", label),
            nodes.field_body("", nodes.paragraph("", value)),
        )
    return fields


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("doctree-read", note_record_dependencies)
    app.connect("doctree-resolved", add_page_control)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
