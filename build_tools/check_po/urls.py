"""PO204: URLs compared as a reader follows them, with their language part localised.

A translation may point to the same page in its own language: the language
in the path (``/en/`` → ``/es/``, ``/zh-CN/``), in the first label of the
host (``en.wikipedia.org`` → ``es.wikipedia.org``) or in a query parameter
(``hl=en`` → ``hl=zh``).  That is localisation, not a change.  Anything else,
a changed host, path, query or scheme, is reported, saying what changed.
A fragment (``#section``) may change only with the language, because a
translated page has translated anchors.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from babel import Locale, UnknownLocaleError

from .findings import Issue

_TAG = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8}){0,2}")
# Query parameters that name the page's language on common sites.
_LANGUAGE_PARAMETERS = frozenset(
    {"hl", "lang", "language", "locale", "lng", "uselang", "setlang", "ln"}
)


@functools.cache
def is_language_tag(text: str) -> bool:
    """Whether ``text`` is a language Babel knows: es, zh-CN, pt_BR, zh-hans."""
    if not _TAG.fullmatch(text):
        return False
    try:
        Locale.parse(text.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class _Parts:
    scheme: str
    host: str
    path: str
    query: str
    fragment: str
    languages: tuple[str, ...]

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.scheme, self.host, self.path, self.query)


def _parts(url: str) -> _Parts:
    split = urlsplit(url if "://" in url else "http://" + url)
    languages: list[str] = []
    labels = split.netloc.lower().split(".")
    if len(labels) >= 3 and is_language_tag(labels[0]):
        languages.append(labels.pop(0))
    segments = []
    for segment in split.path.split("/"):
        if is_language_tag(segment):
            languages.append(segment.lower().replace("_", "-"))
        else:
            segments.append(segment)
    query = []
    for name, value in parse_qsl(split.query, keep_blank_values=True):
        if name.lower() in _LANGUAGE_PARAMETERS:
            languages.append(value.lower().replace("_", "-"))
        else:
            query.append(f"{name}={value}")
    return _Parts(
        scheme=split.scheme.lower() if "://" in url else "",
        host=".".join(labels),
        path="/".join(segments) or "/",
        query="&".join(query),
        fragment=split.fragment,
        languages=tuple(languages),
    )


def is_localised(source: str, translation: str) -> bool:
    """Whether ``translation`` is ``source`` with only its language part changed."""
    theirs, ours = _parts(source), _parts(translation)
    if theirs.key != ours.key:
        return False
    return theirs.fragment == ours.fragment or theirs.languages != ours.languages


def what_changed(source: str, translation: str) -> str:
    """The parts that differ, beyond the language: "the host changed from a to b"."""
    theirs, ours = _parts(source), _parts(translation)
    changes = []
    for name in ("scheme", "host", "path", "query", "fragment"):
        before, after = getattr(theirs, name), getattr(ours, name)
        if before != after and (name != "fragment" or theirs.languages == ours.languages):
            changes.append(f"the {name} changed from {before or '(none)'} to {after or '(none)'}")
    return ", ".join(changes)


def _same_site(source: str, translation: str) -> bool:
    return _parts(source).host == _parts(translation).host


def url_issues(source: set[str], translation: set[str]) -> list[Issue]:
    missing = sorted(source - translation)
    extra = sorted(translation - source)
    for url in list(missing):
        localised = next((t for t in extra if is_localised(url, t)), None)
        if localised is not None:
            missing.remove(url)
            extra.remove(localised)
    if not missing and not extra:
        return []
    if not missing:
        shown = ", ".join(extra)
        verb = "is" if len(extra) == 1 else "are"
        return [
            Issue(
                "PO204",
                f"URL {shown} in the translation {verb} not in the source; remove it or correct it",
            )
        ]
    parts = []
    for url in missing:
        found = next((t for t in extra if _same_site(url, t)), None)
        if found is None and len(missing) == 1 and extra:
            found = extra[0]
        if found is not None:
            extra.remove(found)
            parts.append(f"{url} (found {found}: {what_changed(url, found)})")
        else:
            parts.append(url)
    verb = "is" if len(missing) == 1 else "are"
    message = f"URL {', '.join(parts)} in the source {verb} missing from the translation"
    if extra:
        message += f" (found also {', '.join(extra)})"
    return [
        Issue(
            "PO204",
            message + "; copy the URL exactly (only its language part, such as /es/, "
            "es. or hl=es, may be localised)",
        )
    ]
