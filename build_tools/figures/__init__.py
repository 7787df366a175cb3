"""Figures whose labels are translated like the text (Sphinx extension).

An SVG under ``handbook_figures_dir`` (``source/figures/`` here) used by ``.. figure::`` or
``.. image::`` is a translatable figure: the words inside it (see :mod:`build_tools.figures.svg`)
and the image's alt text are messages of the page that shows it. ``make gettext`` puts them into
that page's template with a comment naming the figure and the label; every other builder (HTML,
ePub, the PDF, the handouts) gets the figure with its labels in the build's language, wrapped in
their boxes, as a ``data:`` URI on the image node. Doing it on the doctree, before Sphinx collects
images, means each builder handles the figure as any other image and no builder needs to know.

A label takes its translation from the page's compiled catalogue, as the text does: a missing or
fuzzy one is English (and the handouts' gate refuses the page for a final handout, as it does for
any incomplete catalogue). A label that does not fit its box, or holds a character no font has, is
a warning naming the figure, the label and the language; the builds run with ``-W``.
"""

from __future__ import annotations

import base64
import gettext
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__
from build_tools.figures import fonts, pot
from build_tools.figures.svg import FigureError, Label, Layout, parse, render, wrap
from build_tools.languages import Language

logger = logging.getLogger(__name__)

#: The attribute that marks an image node as a translatable figure: its SVG, relative to srcdir.
SOURCE_ATTRIBUTE = "handbook_figure"
#: The alt text as the source wrote it, kept before Sphinx translates it.
ALT_ATTRIBUTE = "handbook_alt_source"


class KeepSourceAlt(SphinxTransform):
    """Keep each image's English alt text before Sphinx's Locale transform (priority 20) runs."""

    default_priority = 10

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.image):
            if node.get("alt"):
                node[ALT_ATTRIBUTE] = node["alt"]


def figure_path(app: Sphinx, node: nodes.image, docname: str) -> tuple[str, Path] | None:
    """The SVG source of ``node`` if it is one of our figures (relative and absolute), else None."""
    uri = node.get("uri", "")
    if not isinstance(uri, str) or not uri.lower().endswith(".svg") or "://" in uri:
        return None
    relative, absolute = app.env.relfn2path(uri, docname)
    folder = (Path(app.srcdir) / app.config.handbook_figures_dir).resolve()
    path = Path(absolute).resolve()
    if not path.is_relative_to(folder):
        return None
    return relative, path


def catalogue(app: Sphinx, docname: str) -> gettext.NullTranslations:
    """The page's compiled catalogue (as the Locale transform reads it), or none."""
    language = app.config.language or "en"
    domain = docname_to_domain(docname, app.config.gettext_compact)
    for folder in app.config.locale_dirs:
        mo = Path(app.srcdir, folder) / language / "LC_MESSAGES" / f"{domain}.mo"
        if mo.is_file():
            with mo.open("rb") as handle:
                return gettext.GNUTranslations(handle)
    return gettext.NullTranslations()


def layout_labels(
    labels: list[Label],
    translations: dict[str, str],
    figure: str,
    language: Language,
    location: Any,
) -> dict[str, Layout]:
    """Each ``<text>`` label's lines in ``language``; a warning for each one that does not fit."""
    layouts: dict[str, Layout] = {}
    for label in labels:
        text = translations[label.text]
        missing = fonts.missing_glyphs(text)
        if missing:
            names = ", ".join(f"U+{ord(c):04X} {c}" for c in missing)
            logger.warning(
                "figure %s, label %r (%s): no font has %s; replace the character",
                figure,
                label.name,
                language.code,
                names,
                location=location,
                type="figures",
                subtype="glyph",
            )
        if label.kind != "label":
            continue
        rtl = language.direction == "rtl"
        layout = wrap(text, label.width, label.font_size, label.lines, rtl=rtl)
        layouts[label.name] = layout
        if not layout.fits:
            logger.warning(
                "figure %s, label %r (%s): %r does not fit its box (%g wide, %d line(s)): it "
                "needs %d line(s) and %g; shorten the translation, or give the label a wider "
                "data-width or more data-lines in the SVG",
                figure,
                label.name,
                language.code,
                text,
                label.width,
                label.lines,
                len(layout.lines),
                round(layout.widest),
                location=location,
                type="figures",
                subtype="overflow",
            )
    return layouts


def translate_figures(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``, before Sphinx collects images: each figure becomes its language's SVG."""
    docname = app.env.current_document.docname
    builder = app.builder.name
    translator: gettext.NullTranslations | None = None
    language = Language(app.config.language or "en")
    for node in doctree.findall(nodes.image):
        found = figure_path(app, node, docname)
        if found is None:
            continue
        relative, path = found
        app.env.note_dependency(str(path))
        node[SOURCE_ATTRIBUTE] = relative
        location = (docname, node.line)
        if not node.get("alt"):
            logger.warning(
                "figure %s has no alt text; give it an :alt: option",
                relative,
                location=location,
                type="figures",
                subtype="alt",
            )
        if builder == "gettext":
            continue  # the template wants the English, and the source file's name
        if translator is None:
            translator = catalogue(app, docname)
        english_alt = node.get(ALT_ATTRIBUTE) or node.get("alt")
        if english_alt:
            alt = translator.gettext(english_alt)
            if alt != english_alt:
                # Sphinx's Locale transform translates an image's alt text but leaves the image
                # marked translated=False; the handouts' gate reads that mark as "untranslated",
                # so it must say what happened.
                node["translated"] = True
            node["alt"] = alt
        try:
            root, labels = parse(path)
        except FigureError as exc:
            logger.warning("%s", exc, location=location, type="figures", subtype="source")
            continue
        translations = {label.text: translator.gettext(label.text) for label in labels}
        layouts = layout_labels(labels, translations, relative, language, location)
        rtl = language.direction == "rtl"
        data = render(root, translations, layouts, language=language.code, rtl=rtl)
        node["uri"] = "data:image/svg+xml;base64," + base64.b64encode(data).decode("ascii")
        if "candidates" in node:
            del node["candidates"]


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("handbook_figures_dir", "figures", "env", types=frozenset({str}))
    # Sphinx's ImageCollector listens at the default priority (500): the figure is ours first.
    app.add_transform(KeepSourceAlt)
    app.connect("doctree-read", translate_figures, priority=400)
    pot.setup(app)
    return {
        "version": __version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
