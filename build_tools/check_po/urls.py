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


@functools.lru_cache(maxsize=4096)
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


def _localised(theirs: _Parts, ours: _Parts) -> bool:
    if theirs.key != ours.key:
        return False
    return theirs.fragment == ours.fragment or theirs.languages != ours.languages


def is_localised(source: str, translation: str) -> bool:
    """Whether ``translation`` is ``source`` with only its language part changed."""
    return _localised(_parts(source), _parts(translation))


def what_changed(source: str, translation: str) -> str:
    """The parts that differ, beyond the language: "the host changed from a to b"."""
    theirs, ours = _parts(source), _parts(translation)
    changes = []
    for name in ("scheme", "host", "path", "query", "fragment"):
        before, after = getattr(theirs, name), getattr(ours, name)
        if before != after and (name != "fragment" or theirs.languages == ours.languages):
            changes.append(f"the {name} changed from {before or '(none)'} to {after or '(none)'}")
    return ", ".join(changes)


def _pair_localised(missing: list[str], extra: list[str]) -> None:
    """Remove from both lists each source URL whose translation is only localised.

    The translation's URLs are indexed by what must not change, so that
    thousands of URLs are paired in linear time.
    """
    by_key: dict[tuple[str, str, str, str], list[tuple[str, _Parts]]] = {}
    for url in extra:
        parts = _parts(url)
        by_key.setdefault(parts.key, []).append((url, parts))
    paired: set[str] = set()
    kept = []
    for url in missing:
        theirs = _parts(url)
        candidates = by_key.get(theirs.key, [])
        match = next((c for c in candidates if _localised(theirs, c[1])), None)
        if match is None:
            kept.append(url)
        else:
            candidates.remove(match)
            paired.add(match[0])
    missing[:] = kept
    extra[:] = [url for url in extra if url not in paired]


def url_issues(source: set[str], translation: set[str]) -> list[Issue]:
    missing = sorted(source - translation)
    extra = sorted(translation - source)
    _pair_localised(missing, extra)
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
    by_host: dict[str, list[str]] = {}
    for url in extra:
        by_host.setdefault(_parts(url).host, []).append(url)
    unmatched = dict.fromkeys(extra)
    parts = []
    for url in missing:
        same_site = by_host.get(_parts(url).host, [])
        found = same_site.pop(0) if same_site else None
        if found is None and len(missing) == 1 and unmatched:
            found = next(iter(unmatched))
        if found is not None:
            unmatched.pop(found, None)
            parts.append(f"{url} (found {found}: {what_changed(url, found)})")
        else:
            parts.append(url)
    verb = "is" if len(missing) == 1 else "are"
    message = f"URL {', '.join(parts)} in the source {verb} missing from the translation"
    if unmatched:
        message += f" (found also {', '.join(unmatched)})"
    return [
        Issue(
            "PO204",
            message + "; copy the URL exactly (only its language part, such as /es/, "
            "es. or hl=es, may be localised)",
        )
    ]
