"""The text a reader sees in a reST message, without link targets and labels.

``:ref:`procedure-cryoablation``` shows the title of a section, not its
label, ``:term:`liver <hepatic>``` shows "liver", and ``[Smith2020]_`` shows a
footnote mark; targets and references are checked as markup (PO302-PO305),
so the number and glossary checks read only what is shown.
"""

from __future__ import annotations

import re

# Names and labels are bounded in length, so that no pattern rescans a long
# run of text from every position in it (hostile input costs linear time).
_ROLE = re.compile(r":(?P<role>[\w:.+-]{1,80}):`(?P<body>[^`]*)`")
_EMBEDDED_TARGET = re.compile(r"(?<!\\)<[^<>`]*>(?=`_)")
# Footnote, citation and substitution references are markup (PO304, PO305).
_REFERENCE_MARKUP = re.compile(r"\[[^\]\s]{1,200}\]_|(?<![\w|])\|[^|\s][^|]*\|(?:__?)?(?![\w|])")
# Roles that show the title of what they point to, not their own text.
_TITLE_FROM_TARGET = frozenset({"ref", "doc", "numref", "std:ref", "std:doc", "any"})


def explicit_title(body: str, escape: str = "\\") -> str | None:
    """The title of ``title <target>``, as Sphinx's ``explicit_title_re`` reads it.

    Written out rather than as that pattern, whose ``\\s*`` before ``<`` is
    tried from every position of a whitespace run (quadratic time).
    """
    if not body.endswith(">"):
        return None
    opening = body.rfind("<")
    if opening < 1 or body[opening - 1] == escape or ">" in body[opening + 1 : -1]:
        return None
    title = body[:opening]
    return title.rstrip() or title[0]


def _role_text(match: re.Match[str]) -> str:
    body = match.group("body")
    title = explicit_title(body)
    if title is not None:
        return title
    return " " if match.group("role") in _TITLE_FROM_TARGET else body


def _drop_embedded_targets(text: str) -> str:
    """Remove ``<target>`` of ```text <target>`_`` with the blanks before it."""
    pieces, last = [], 0
    for match in _EMBEDDED_TARGET.finditer(text):
        pieces.append(text[last : match.start()].rstrip())
        last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def visible_text(text: str) -> str:
    text = _REFERENCE_MARKUP.sub(" ", _ROLE.sub(_role_text, text))
    return _drop_embedded_targets(text)
