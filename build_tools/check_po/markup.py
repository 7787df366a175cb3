"""PO301-PO306: the reStructuredText of a translation against its source."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from .findings import Issue
from .rst import CONTENT_ROLES, LITERAL_ROLES, Markup, parse_markup, written_target

# Sphinx's own marker (sphinx.transforms.i18n.parse_noqa): a msgstr ending in
# Sphinx's marker (a hash, then "noqa") tells it not to compare references with the source's.
_NOQA = re.compile(r"(.*)(?<!\\)#\s*noqa\s*$", re.DOTALL)


def parse_noqa(msgstr: str) -> tuple[str, bool]:
    """The msgstr as Sphinx uses it, and whether it ends with Sphinx's ``#noqa``."""
    match = _NOQA.match(msgstr)
    return (match.group(1), True) if match else (msgstr, False)


def _without_sphinx_reference_checks(markup: Markup) -> Markup:
    """What is left to compare under ``#noqa``: Sphinx skips its checks of
    footnote, citation and named references and of cross-references (roles
    that link: :term:, :ref:, :doc: ...); the rest is still compared."""
    linking = {role for role in markup.roles if role not in CONTENT_ROLES | LITERAL_ROLES}
    return replace(
        markup,
        roles=Counter({r: n for r, n in markup.roles.items() if r not in linking}),
        role_targets=Counter({k: n for k, n in markup.role_targets.items() if k[0] not in linking}),
        refnames=Counter(),
        footnotes=Counter(),
        citations=Counter(),
    )


def _listing(items: Counter[str], show: Callable[[str], str]) -> str:
    return ", ".join(show(item) for item in sorted(items.elements()))


def _counter_issue(
    code: str,
    what: str,
    source: Counter[str],
    translation: Counter[str],
    show: Callable[[str], str],
    advice: str,
) -> list[Issue]:
    missing, extra = source - translation, translation - source
    if not missing and not extra:
        return []
    parts = []
    if missing:
        parts.append(f"{what} {_listing(missing, show)} in the source missing from the translation")
    if extra:
        parts.append(f"{what} {_listing(extra, show)} in the translation not in the source")
    return [Issue(code, "; ".join(parts) + f"; {advice}")]


#: Sphinx's cross-reference roles that accept ``title <target>``. Other roles (a project's own,
#: such as ``:clinic:``, or ``:abbr:``, ``:kbd:``) take their text as it is: there, the advice is
#: to copy the role from the source.
TITLED_ROLES = frozenset(
    {"ref", "doc", "term", "any", "numref", "download", "keyword", "option", "envvar", "token"}
)


def takes_title(role: str, written: str) -> bool:
    """True when ``:role:`title <target>``` is a valid way to translate the role's text."""
    return role in TITLED_ROLES or ":" in role or written.rstrip().endswith(">")


def _role_issues(source: Markup, translation: Markup) -> list[Issue]:
    missing = source.role_targets - translation.role_targets
    extra = translation.role_targets - source.role_targets
    parts = []
    for role, target in sorted(missing.elements()):
        written = source.role_sources[(role, target)]
        target = written_target(written)
        part = f":{role}:`{written}` in the source has no match in the translation"
        replacements = [t for (r, t) in extra if r == role]
        if replacements:
            shown = translation.role_sources[(role, replacements[0])]
            part += f" (found :{role}:`{shown}`); the target may not change: " + (
                f"write :{role}:`translated text <{target}>`"
                if takes_title(role, written)
                else f"write :{role}:`{written}` as in the source"
            )
        parts.append(part)
    for role, target in sorted(extra.elements()):
        if not any(r == role for (r, _) in missing):
            written = translation.role_sources[(role, target)]
            parts.append(f":{role}:`{written}` in the translation is not in the source")
    # Roles whose text may be translated are compared by count only.
    counted = {
        role
        for role in source.roles | translation.roles
        if source.roles[role] != translation.roles[role]
        and not any(r == role for (r, _) in missing | extra)
    }
    for role in sorted(counted):
        name = f":{role}:" if role else "`interpreted text`"
        parts.append(
            f"{name} appears {source.roles[role]} time(s) in the source and "
            f"{translation.roles[role]} in the translation"
        )
    if not parts:
        return []
    return [
        Issue(
            "PO302",
            "; ".join(parts) + "; keep every role and its target "
            "(inline markup needs a space or '\\ ' before and after it)",
        )
    ]


def _problem_issues(source: Markup, translation: Markup, added_directives: set[str]) -> list[Issue]:
    extra = translation.problems - source.problems
    # A problem inside a directive the translation added is reported once, as PO306.
    shown = [
        problem
        for problem in sorted(extra)
        if not any(f'"{name}"' in problem for name in added_directives)
    ]
    if not shown:
        return []
    return [
        Issue(
            "PO301",
            "reST markup in the translation does not parse: "
            + " ".join(shown)
            + " Close the markup as the source does, or escape the character with a backslash",
        )
    ]


def _added_markup_issues(source: Markup, translation: Markup) -> list[Issue]:
    parts = []
    added_directives = translation.directives - source.directives
    if added_directives:
        names = ", ".join(f".. {name}::" for name in sorted(added_directives))
        parts.append(f"directive {names}")
    tags = translation.html_tags - source.html_tags
    if tags:
        parts.append("HTML " + ", ".join(f"<{tag}>" for tag in sorted(tags)))
    schemes = translation.schemes - source.schemes
    if schemes:
        parts.append("script link " + ", ".join(f"{scheme}:" for scheme in sorted(schemes)))
    # Absolute URLs and addresses are compared as PO204 and PO205.
    links = {
        uri
        for uri in translation.refuris - source.refuris
        if "://" not in uri
        and "@" not in uri
        and not uri.startswith("www.")
        and not uri.lower().startswith(tuple(schemes))
    }
    if links:
        parts.append("link to " + ", ".join(sorted(links)))
    if not parts:
        return []
    return [
        Issue(
            "PO306",
            "the translation adds "
            + "; ".join(parts)
            + " that the source does not have; remove it (Sphinx drops or misplaces it)",
        )
    ]


# Where Sphinx's gettext builder found a message: reST files and docstrings.
_REST_REFERENCE = re.compile(r"\.(?:rst|rest|txt)(?::|$)|docstring of|<autosummary>", re.IGNORECASE)


def written_in_rest(references: list[str]) -> bool:
    """Whether a message is reST: it comes from a .rst file, or its origin is not recorded."""
    return not references or any(_REST_REFERENCE.search(ref) for ref in references)


def check_markup(
    source_text: str, translation_text: str, *, rest: bool = True, noqa: bool = False
) -> list[Issue]:
    """Compare the markup; ``noqa`` (the msgstr ended in Sphinx's ``#noqa``, already
    removed from ``translation_text``) skips what Sphinx skips for it."""
    source = parse_markup(source_text, rest=rest)
    translation = parse_markup(translation_text, rest=rest)
    if noqa:
        source = _without_sphinx_reference_checks(source)
        translation = _without_sphinx_reference_checks(translation)
    added_directives = set(translation.directives - source.directives)
    return [
        *_problem_issues(source, translation, added_directives),
        *_role_issues(source, translation),
        *_counter_issue(
            "PO303",
            "reference",
            source.refnames,
            translation.refnames,
            lambda name: f"`{name}`_",
            "keep the reference name: write `translated text <name_>`_",
        ),
        *_counter_issue(
            "PO303",
            "hyperlink target",
            source.targets,
            translation.targets,
            lambda name: f"_{name}",
            "keep hyperlink targets as they are",
        ),
        *_counter_issue(
            "PO303",
            "anonymous reference",
            Counter({"__": source.anonymous_refs}),
            Counter({"__": translation.anonymous_refs}),
            lambda name: "`...`__",
            "keep one anonymous reference for each in the source",
        ),
        *_counter_issue(
            "PO304",
            "substitution",
            source.substitutions,
            translation.substitutions,
            lambda name: f"|{name}|",
            "copy substitution references unchanged",
        ),
        *_counter_issue(
            "PO305",
            "footnote reference",
            source.footnotes,
            translation.footnotes,
            lambda name: f"[{name}]_",
            "copy footnote references unchanged",
        ),
        *_counter_issue(
            "PO305",
            "citation reference",
            source.citations,
            translation.citations,
            lambda name: f"[{name}]_",
            "copy citation references unchanged",
        ),
        *_counter_issue(
            "PO307",
            "inline literal",
            source.literals,
            translation.literals,
            lambda text: f"``{text}``",
            "copy inline literals unchanged: they are code, file names, options or commands",
        ),
        *_added_markup_issues(source, translation),
    ]
