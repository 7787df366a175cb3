"""The text a reader sees in a reST message, without link targets and labels.

``:ref:`procedure-cryoablation``` shows the title of a section, not its
label, ``:term:`liver <hepatic>``` shows "liver", and ``[Smith2020]_`` shows a
footnote mark; targets and references are checked as markup (PO302-PO305),
so the number and glossary checks read only what is shown.
"""

from __future__ import annotations

import re

_ROLE = re.compile(r":(?P<role>[\w:.+-]+):`(?P<body>[^`]*)`")
_EXPLICIT_TITLE = re.compile(r"^(.+?)\s*(?<!\\)<[^<>]*>$", re.DOTALL)
_EMBEDDED_TARGET = re.compile(r"\s*(?<!\\)<[^<>`]*>(?=`_)")
# Footnote, citation and substitution references are markup (PO304, PO305).
_REFERENCE_MARKUP = re.compile(r"\[[^\]\s]+\]_|(?<![\w|])\|[^|\s][^|]*\|(?:__?)?(?![\w|])")
# Roles that show the title of what they point to, not their own text.
_TITLE_FROM_TARGET = frozenset({"ref", "doc", "numref", "std:ref", "std:doc", "any"})


def _role_text(match: re.Match[str]) -> str:
    body = match.group("body")
    explicit = _EXPLICIT_TITLE.match(body)
    if explicit:
        return explicit.group(1)
    return " " if match.group("role") in _TITLE_FROM_TARGET else body


def visible_text(text: str) -> str:
    text = _REFERENCE_MARKUP.sub(" ", _ROLE.sub(_role_text, text))
    return _EMBEDDED_TARGET.sub("", text)
