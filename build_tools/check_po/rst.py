"""Read a msgid or msgstr as a standalone reStructuredText fragment.

Each side is parsed with docutils and summarised: roles and their targets,
references, substitutions, footnotes, directives, raw HTML and parse
problems.  Roles are handled by one generic function, so Sphinx roles
(``:term:``, ``:ref:``, ``:doc:``) and a project's own roles parse without a
Sphinx application and without touching docutils' global role registry.
File inclusion and raw output are disabled: a translation must never make
this checker read a file or fetch a URL.
"""

from __future__ import annotations

import io
import re
import types
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Parser, states

# Roles whose content is shown, not looked up: a translation may change it.
CONTENT_ROLES = frozenset(
    {
        "",
        "abbr",
        "guilabel",
        "menuselection",
        "emphasis",
        "strong",
        "sub",
        "sup",
        "subscript",
        "superscript",
        "title-reference",
        "title",
        "t",
        "dfn",
        "kbd",
        "pep-reference",
        "rfc-reference",
    }
)
# Roles whose content is code or a formula: it is copied, never translated.
LITERAL_ROLES = frozenset(
    {
        "code",
        "literal",
        "math",
        "command",
        "program",
        "regexp",
        "makevar",
        "mimetype",
        "mailheader",
        "samp",
        "file",
    }
)
# Sphinx looks these targets up without case.
_CASELESS_TARGETS = frozenset({"term", "ref", "std:term", "std:ref", "keyword", "numref"})
_DIRECTIVE = re.compile(
    r"^[ \t]*\.\.[ \t]+(?:\|[^|]+\|[ \t]+)?([^\s:][^\s]*?)::(?:\s|$)", re.MULTILINE
)
# Possessive: a long blank run after "<" or "<a" is not rescanned (linear time).
_HTML_TAG = re.compile(r"<\s*+/?\s*+([A-Za-z][A-Za-z0-9-]*+)(\s[^<>]*+|/\s*+)?>")
# "<original entry>" in prose is not HTML: a tag counts if it is an HTML
# element or carries an attribute.
_HTML_ELEMENT_NAMES = """
a abbr address applet area article aside audio b base basefont bdi bdo blockquote body br button
canvas caption center cite code col colgroup data datalist dd del details dfn dialog div dl dt em
embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr
html i iframe img input ins kbd label legend li link main map mark marquee math meta meter nav
noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script
section select slot small source span strong style sub summary sup svg table tbody td template
textarea tfoot th thead time title tr track u ul var video wbr
"""
_HTML_ELEMENTS = frozenset(_HTML_ELEMENT_NAMES.split())
_ATTRIBUTE = re.compile(r"[\w-]+\s*=")
# A script link is the scheme, a colon and code: "javascript:alert(1)".  The
# word "JavaScript" in running text, or "JavaScript: enable it", is not one.
_SCRIPT_SCHEME = re.compile(
    r"\b(javascript|vbscript)[ \t]*+:(?=[!-~])|\b(data:[a-z]+/[a-z+.-]+)", re.IGNORECASE
)
# Characters without which a fragment has no markup, so parsing is skipped.
_MARKUP_HINT = re.compile(r"[`*|_\[\]<>\\]|^[ \t]*+\.\.|::|\n[ \t]|^[ \t]", re.MULTILINE)


@dataclass
class Markup:
    """What one side of a message carries as markup."""

    problems: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    role_targets: Counter[tuple[str, str]] = field(default_factory=Counter)
    role_sources: dict[tuple[str, str], str] = field(default_factory=dict)
    refnames: Counter[str] = field(default_factory=Counter)
    anonymous_refs: int = 0
    targets: Counter[str] = field(default_factory=Counter)
    refuris: set[str] = field(default_factory=set)
    substitutions: Counter[str] = field(default_factory=Counter)
    footnotes: Counter[str] = field(default_factory=Counter)
    citations: Counter[str] = field(default_factory=Counter)
    directives: Counter[str] = field(default_factory=Counter)
    html_tags: set[str] = field(default_factory=set)
    schemes: set[str] = field(default_factory=set)
    # Inline literals (``...``), whitespace collapsed: code, never translated.
    literals: Counter[str] = field(default_factory=Counter)


def _settings() -> Any:
    settings = frontend.get_default_settings(Parser)
    settings.report_level = 5  # nothing is written; messages are observed instead
    settings.halt_level = 5
    settings.warning_stream = io.StringIO()
    settings.file_insertion_enabled = False
    settings.raw_enabled = False
    settings.pep_references = False
    settings.rfc_references = False
    settings.smart_quotes = False
    return settings


_SETTINGS = _settings()


def split_explicit_title(text: str) -> tuple[str, str] | None:
    """(title, target) of ``title <target>``, as Sphinx's ``explicit_title_re`` reads it.

    Written out rather than as that pattern, whose ``\\s*`` before ``<`` is
    tried from every position of a whitespace run (quadratic time).  Escaped
    characters arrive from docutils as NUL and a backslash-escaped ``<`` opens
    nothing.
    """
    if not text.endswith(">"):
        return None
    opening = text.rfind("<")
    if opening < 1 or text[opening - 1] == "\x00":
        return None
    title = text[:opening]
    return title.rstrip() or title[0], text[opening + 1 : -1]


def _generic_role(
    inliner: Any, rawsource: str, text: str, role: str, lineno: int
) -> tuple[list[nodes.Node], list[nodes.system_message]]:
    # The node shows only the title, so a "<target>" is not read as HTML.
    explicit = split_explicit_title(text)
    node = nodes.inline(rawsource, utils.unescape(explicit[0] if explicit else text))
    node["check_po_role"] = role.lower()
    node["check_po_text"] = text
    return [node], []


def _parser() -> Parser:
    # A fresh inliner per parse: docutils' Inliner grows its dispatch table
    # on each use.  Docutils builds its patterns from the inliner's class
    # dictionary, so the role hook is set on the instance, not a subclass.
    inliner = states.Inliner()
    inliner.interpreted = types.MethodType(_generic_role, inliner)
    return Parser(inliner=inliner)


def written_target(text: str) -> str:
    """The target a role looks up, as written: ``<target>`` if given, else the text itself."""
    explicit = split_explicit_title(text)
    target = explicit[1] if explicit else text
    return " ".join(utils.unescape(target).strip().lstrip("~!").split())


def role_target(role: str, text: str) -> str:
    """The target as Sphinx compares it (terms and labels without case)."""
    target = written_target(text)
    return target.lower() if role in _CASELESS_TARGETS else target


def html_tags(text: str) -> set[str]:
    return {
        m.group(1).lower()
        for m in _HTML_TAG.finditer(text)
        if m.group(1).lower() in _HTML_ELEMENTS or _ATTRIBUTE.search(m.group(2) or "")
    }


# Docutils searches the rest of a paragraph for the end of each inline
# start-string ("*", "`", "|", "["), so its time grows with their number
# times the paragraph's length: quadratic on a hostile paragraph.  Beyond
# this product (a 1,000-character paragraph may hold 1,000 of them; ordinary
# prose holds a few dozen in a few hundred characters) a message is not
# parsed, and that is reported as its one problem.
MARKUP_BUDGET = 1_000_000
TOO_COSTLY = (
    "A paragraph holds too many markup characters (* ` | [) for its length "
    "to be read in reasonable time; split it into shorter paragraphs."
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _too_costly(text: str) -> bool:
    return any(
        len(paragraph) * sum(map(paragraph.count, "*`|[")) > MARKUP_BUDGET
        for paragraph in _PARAGRAPH_BREAK.split(text)
    )


def parse_markup(text: str, *, rest: bool = True) -> Markup:
    """Summarise the markup of ``text``; with ``rest=False`` only HTML and script links.

    Messages taken from program code or templates (Sphinx's own interface)
    are not reStructuredText, so only what is dangerous in any text is read.
    """
    markup = Markup(
        schemes={(m.group(1) or m.group(2)).lower() for m in _SCRIPT_SCHEME.finditer(text)}
    )
    if not rest:
        markup.html_tags = html_tags(text)
        return markup
    markup.directives = Counter(m.group(1).lower() for m in _DIRECTIVE.finditer(text))
    if not _MARKUP_HINT.search(text):
        return markup
    if _too_costly(text):
        markup.problems[TOO_COSTLY] += 1
        return markup
    document = utils.new_document("<message>", _SETTINGS)
    messages: list[nodes.system_message] = []
    document.reporter.attach_observer(messages.append)
    _parser().parse(text, document)
    for message in messages:
        if message["level"] >= 2 and message.children:
            markup.problems[message.children[0].astext()] += 1
    _collect(document, markup)
    return markup


def _collect(document: nodes.document, markup: Markup) -> None:
    for node in document.findall():
        if isinstance(node, nodes.inline) and "check_po_role" in node:
            _collect_role(node, markup)
        elif isinstance(node, nodes.reference):
            if node.get("anonymous"):
                markup.anonymous_refs += 1
            if "refname" in node:
                markup.refnames[node["refname"]] += 1
            if "refuri" in node:
                markup.refuris.add(node["refuri"])
        elif isinstance(node, nodes.target):
            # A target made by an embedded URI ("`text <url>`_") is named
            # after the link text, which a translation may change.
            if (not node.get("refuri") and not node.get("refname")) or not isinstance(
                node.parent, nodes.TextElement
            ):
                markup.targets.update(node["names"])
        elif isinstance(node, nodes.literal):
            markup.literals[" ".join(node.astext().split())] += 1
        elif isinstance(node, nodes.substitution_reference):
            markup.substitutions[node["refname"]] += 1
        elif isinstance(node, nodes.footnote_reference):
            markup.footnotes[node.get("refname", "#" if node.get("auto") == 1 else "*")] += 1
        elif isinstance(node, nodes.citation_reference):
            markup.citations[node["refname"]] += 1
        elif isinstance(node, nodes.Text) and not isinstance(
            node.parent, nodes.literal | nodes.literal_block | nodes.system_message
        ):
            markup.html_tags.update(html_tags(str(node)))


def _collect_role(node: nodes.inline, markup: Markup) -> None:
    role = node["check_po_role"]
    markup.roles[role] += 1
    # "!" makes a role show its text without linking (Sphinx creates no
    # cross-reference), so only its count is compared, like text roles.
    if role in CONTENT_ROLES or (role not in LITERAL_ROLES and node["check_po_text"][:1] == "!"):
        return
    text = node["check_po_text"]
    target = " ".join(text.split()) if role in LITERAL_ROLES else role_target(role, text)
    markup.role_targets[(role, target)] += 1
    markup.role_sources.setdefault((role, target), text.replace("\x00", "\\"))
