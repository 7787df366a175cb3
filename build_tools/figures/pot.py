"""``make gettext``: a figure's labels and alt text go into its page's template, with comments.

Sphinx's gettext builder collects a page's messages from its doctree, and its template has no
place for extracted comments (``#.``). The labels are added to the builder's catalogue for the
page (its public ``catalogs``) as the page is written, with the SVG file and line as their
location; when the templates are written, the comments saying which figure and which label each
message is, and how much room it has, are added to them with Babel.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po, write_po
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.gettext import MsgOrigin
from sphinx.util import logging
from sphinx.util.i18n import docname_to_domain

from build_tools.atomic import atomic_output
from build_tools.figures.svg import FigureError, Label, parse

logger = logging.getLogger(__name__)

#: Comments for the messages of each template, by domain and message.
COMMENTS_KEY = "handbook_figure_comments"
#: Wrap templates as the catalogues are wrapped (build_tools.catalogues.LINE_WIDTH).
LINE_WIDTH = 79
#: An average character of the body font is about this many ems wide (for the room a box has).
AVERAGE_CHAR_EM = 0.55


def comment_for(figure: str, label: Label) -> str:
    name = Path(figure).name
    if label.kind == "title":
        return f"Figure {name}: its title (read by screen readers)."
    if label.kind == "desc":
        return f"Figure {name}: its description (read by screen readers)."
    room = int(label.width / (label.font_size * AVERAGE_CHAR_EM)) * label.lines
    return (
        f'Figure {name}, label "{label.name}": a word in the drawing. Keep it short: '
        f"about {room} characters fit, on {label.lines} line(s)."
    )


def collect(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` of the gettext builder: add the page's figure messages."""
    from build_tools.figures import ALT_ATTRIBUTE, SOURCE_ATTRIBUTE

    if app.builder.name != "gettext":
        return
    domain = docname_to_domain(docname, app.config.gettext_compact)
    catalog = app.builder.catalogs[domain]  # type: ignore[attr-defined]
    comments: dict[str, dict[str, list[str]]] = getattr(app.builder, COMMENTS_KEY, {})
    setattr(app.builder, COMMENTS_KEY, comments)
    page = comments.setdefault(domain, {})
    for node in doctree.findall(nodes.image):
        relative = node.get(SOURCE_ATTRIBUTE)
        if not relative:
            continue
        path = Path(app.srcdir) / relative
        try:
            _root, labels = parse(path)
        except FigureError as exc:
            logger.warning("%s", exc, location=node, type="figures", subtype="source")
            continue
        for label in labels:
            catalog.add(label.text, MsgOrigin(str(path), label.line))
            page.setdefault(label.text, []).append(comment_for(relative, label))
        alt = node.get(ALT_ATTRIBUTE) or node.get("alt")
        if alt:
            catalog.add(alt, MsgOrigin(str(app.env.doc2path(docname)), node.line or 0))
            page.setdefault(alt, []).append(
                f"Figure {Path(relative).name}: its alt text, read aloud instead of the picture."
            )


def add_comments(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: write the comments into the templates Sphinx has written."""
    comments: dict[str, dict[str, list[str]]] = getattr(app.builder, COMMENTS_KEY, {})
    if exception is not None or app.builder.name != "gettext":
        return
    for domain, messages in sorted(comments.items()):
        target = Path(app.outdir) / f"{domain}.pot"
        if not target.is_file() or not messages:
            continue
        with target.open("rb") as handle:
            template = read_po(handle)
        for message in template:
            wanted = messages.get(str(message.id)) if message.id else None
            if wanted:
                message.auto_comments = list(dict.fromkeys(wanted))
        with atomic_output(target) as out:
            write_po(out, template, width=LINE_WIDTH, omit_header=False)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", collect)
    app.connect("build-finished", add_comments)
