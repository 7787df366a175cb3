"""The ``:clinic:`KEY``` role: a detail that differs between clinics.

Procedure pages never state a clinic's phone numbers or thresholds as facts. They write
``:clinic:`main_phone``` instead; the handbook prints a neutral phrase in the reader's language
("the phone number your care team gave you") and a clinic's handout prints the clinic's value.
The node is resolved when each output is written, not when the source is read, so one environment
serves the handbook and every clinic.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docutils import nodes
from docutils.parsers.rst.states import Inliner
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__
from build_tools.bidi import ltr_run
from build_tools.theme_i18n import N_

logger = logging.getLogger(__name__)

#: Every key a page may use, with the phrase the handbook prints in its place.
CLINIC_KEYS: Mapping[str, str] = {
    "main_phone": N_("the phone number your care team gave you"),
    "after_hours_phone": N_("the after-hours number your care team gave you"),
    "fever_threshold": N_("the temperature your care team gave you"),
    # How long a low fever may last before the patient calls: each clinic sets its own number.
    "fever_days": N_("a few days"),
}

#: Keys whose values must keep their left-to-right order inside right-to-left text.
LTR_KEYS = frozenset({"main_phone", "after_hours_phone", "fever_threshold"})


class clinic_value(nodes.Inline, nodes.TextElement):
    """A placeholder for one clinic detail, filled in when the output is written."""


def clinic_role(
    name: str,
    rawtext: str,
    text: str,
    lineno: int,
    inliner: Inliner,
    options: Mapping[str, Any] | None = None,
    content: list[str] | None = None,
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    key = text.strip()
    if key not in CLINIC_KEYS:
        message = inliner.reporter.error(
            f"unknown clinic key {key!r} in :clinic:; use one of: {', '.join(sorted(CLINIC_KEYS))}",
            line=lineno,
        )
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [clinic_value(rawtext, "", key=key)], []


def fill_clinic_values(
    doctree: nodes.Node,
    values: Mapping[str, str],
    translate: Callable[[str], str],
) -> None:
    """Replace every placeholder with the clinic's value, or with the handbook's neutral phrase."""
    for node in list(doctree.findall(clinic_value)):
        key = node["key"]
        if key in values:
            text = values[key]
            classes = ["clinic-value", f"clinic-{key.replace('_', '-')}"]
        else:
            text = translate(CLINIC_KEYS[key])
            classes = ["clinic-placeholder"]
        if key in values and key in LTR_KEYS:
            # A phone number or a temperature keeps its order even inside right-to-left text.
            node.replace_self(nodes.inline("", "", ltr_run(text, text), classes=classes))
        else:
            node.replace_self(nodes.inline(text, text, classes=classes))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_node(clinic_value)
    app.add_role("clinic", clinic_role)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
