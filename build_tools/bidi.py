"""Keep numbers in order inside right-to-left text.

In an Arabic sentence the bidirectional algorithm reorders a run like ``555-0134`` into
``0134-555`` and may break ``38 °C`` between the number and its unit. A patient dials the phone
number on a handout, so every phone number, measurement, time and range in a right-to-left
document is isolated in a ``<span dir="ltr">`` that does not break. Translators mark nothing.
(WeasyPrint ignores ``unicode-bidi: isolate``; the ``dir`` attribute is what it honours.)
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__
from build_tools.languages import Language

_DIGIT = r"[0-9\u0660-\u0669\u06F0-\u06F9]"
_UNIT = r"(?:°\s?[CF]|℃|℉|mg|mcg|µg|μg|kg|g|mL|ml|L|cm|mm|m|%|h)(?![A-Za-z])"
_SEPARATORS = r"[ \u00A0\u202F.,:/\-–()\u066B\u066C]"
# A number, then any run of separators and numbers (phone numbers, decimals, times, ranges),
# then an optional unit. Separators: space, no-break spaces, . , : / - – ( ) and the Arabic
# decimal and thousands separators.
NUMERIC_RUN = re.compile(
    rf"\+?\(?{_DIGIT}(?:{_DIGIT}|{_SEPARATORS}+(?={_DIGIT}|\())*"
    rf"(?:[ \u00A0\u202F]?{_UNIT})?"
)

_SKIP = (nodes.literal, nodes.literal_block, nodes.raw, nodes.comment, nodes.system_message)


class ltr_run(nodes.Inline, nodes.TextElement):
    """Text that keeps left-to-right order and stays on one line inside right-to-left text."""


def visit_ltr_run_html(translator: Any, node: ltr_run) -> None:
    translator.body.append(translator.starttag(node, "span", "", dir="ltr", CLASS="ltr-run"))


def depart_ltr_run_html(translator: Any, node: ltr_run) -> None:
    translator.body.append("</span>")


def _pass(translator: Any, node: nodes.Node) -> None:
    return


def isolate_numbers(doctree: nodes.Node) -> int:
    """Wrap every numeric run of the text in an :class:`ltr_run`; return how many were wrapped."""
    wrapped = 0
    for text in list(doctree.findall(nodes.Text)):
        parent = text.parent
        if parent is None or isinstance(parent, ltr_run) or _inside(parent, _SKIP):
            continue
        source = str(text)
        pieces: list[nodes.Node] = []
        position = 0
        for match in NUMERIC_RUN.finditer(source):
            if match.start() > position:
                pieces.append(nodes.Text(source[position : match.start()]))
            run = match.group(0)
            pieces.append(ltr_run(run, run))
            position = match.end()
            wrapped += 1
        if not pieces:
            continue
        if position < len(source):
            pieces.append(nodes.Text(source[position:]))
        index = parent.index(text)
        parent.remove(text)
        for offset, piece in enumerate(pieces):
            parent.insert(index + offset, piece)
    return wrapped


def _inside(node: nodes.Node | None, kinds: tuple[type[nodes.Node], ...]) -> bool:
    while node is not None:
        if isinstance(node, kinds):
            return True
        node = node.parent
    return False


def on_doctree_resolved(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if Language(app.config.language or "en").direction == "rtl":
        isolate_numbers(doctree)


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_node(
        ltr_run,
        html=(visit_ltr_run_html, depart_ltr_run_html),
        latex=(_pass, _pass),
        text=(_pass, _pass),
        man=(_pass, _pass),
        texinfo=(_pass, _pass),
    )
    # After the clinic's values are filled in, so that a handout's phone numbers are isolated too.
    app.connect("doctree-resolved", on_doctree_resolved, priority=600)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
