"""The translation checks, run once per changed catalogue: results cached by content hash.

Every Sphinx run of a translated handbook checks its language's catalogues (``builder-inited``),
and so does every handout and ``make check-po``. The checks give the same findings for the same
bytes, so each catalogue's result is stored under a key that covers everything they read: the
catalogue's path and bytes, the glossaries beside it, the checker's code, the source language and
the versions of Python, Babel and docutils. A changed input is a new key; nothing is ever stale.

A cache hit does not import ``build_tools.check_po`` (compiling its patterns costs about half a
second per process); :class:`CheckedFinding` carries what a build needs to know of a finding.
Results are JSON files in ``cache_dir``, written atomically, so builds running in parallel may
share one folder; ``make clean`` empties it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from build_tools.atomic import write_text_atomic

if TYPE_CHECKING:
    from build_tools.check_po import FileResult

CHECKER = Path(__file__).resolve().parent / "check_po"
#: Findings about a catalogue's header fields rather than its messages: the handbook build lets
#: them through (``make check-po`` and the handouts do not).
HEADER_BOOKKEEPING = frozenset({"PO103", "PO104"})
#: Changes whenever the stored form changes.
FORMAT = "check-cache/1"


@dataclass(frozen=True)
class CheckedFinding:
    """One finding as a build reads it; ``severity`` is ``"error"`` or ``"warning"``."""

    path: Path
    line: int
    code: str
    severity: str
    message: str
    msgid: str | None = None
    previous_msgid: str | None = None


def find_catalogues(paths: Sequence[Path]) -> list[Path]:
    """The .po files named or found under folders, in the order the checker itself takes them."""
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.update(dict.fromkeys(sorted(path.rglob("*.po"))))
        elif path.is_file():
            found[path] = None
        else:
            raise FileNotFoundError(path)
    return list(found)


@cache
def _tool_digest() -> str:
    digest = hashlib.sha256(FORMAT.encode())
    for name in ("babel", "docutils"):
        digest.update(f"{name}={metadata.version(name)};".encode())
    digest.update(sys.version.encode())
    for path in sorted(CHECKER.rglob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _glossary_roots(path: Path, glossary_root: Path | None) -> list[Path]:
    # Where check_po.glossary.find_glossary looks for the glossary of a catalogue.
    if glossary_root is not None:
        return [glossary_root]
    if "LC_MESSAGES" in path.parts:
        index = path.parts.index("LC_MESSAGES")
        return [Path(*path.parts[: index - 1]) if index > 1 else Path()]
    return []


def _key(path: Path, glossary_root: Path | None, source_language: str) -> str:
    digest = hashlib.sha256(_tool_digest().encode())
    digest.update(f"{path}\0{glossary_root}\0{source_language}\0".encode())
    digest.update(path.read_bytes())
    for root in _glossary_roots(path, glossary_root):
        # Every language's glossary, not only the one named in the header: cheap and safe.
        for glossary in sorted(root.glob("*/glossary.csv")):
            digest.update(f"\0{glossary}\0".encode())
            digest.update(glossary.read_bytes())
    return digest.hexdigest()


def _stored(result: FileResult) -> dict[str, Any]:
    stats = result.stats
    return {
        "path": str(result.path),
        "stats": {
            "path": str(stats.path),
            "language": stats.language,
            "document": stats.document,
            "total": stats.total,
            "translated": stats.translated,
            "fuzzy": stats.fuzzy,
            "untranslated": stats.untranslated,
            "obsolete": stats.obsolete,
        },
        "findings": [finding.to_dict() for finding in result.findings],
        "allowed": [
            {"finding": a.finding.to_dict(), "reason": a.reason, "comment_line": a.comment_line}
            for a in result.allowed
        ],
    }


def _results(
    paths: Sequence[Path], glossary_root: Path | None, source_language: str, cache_dir: Path
) -> list[dict[str, Any]]:
    results = []
    root = glossary_root.resolve() if glossary_root is not None else None
    for path in find_catalogues(paths):
        # Checked and stored under the real path, so "locale/es/x.po" (make check-po) and
        # "/abs/locale/es/x.po" (Sphinx) share one entry; findings come back as the caller
        # spelled the paths.
        real = path.resolve()
        entry = cache_dir / f"{_key(real, root, source_language)}.json"
        try:
            stored: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            from build_tools.check_po import check_catalogues

            (result,) = check_catalogues(
                [real], glossary_root=root, source_language=source_language
            )
            stored = _stored(result)
            write_text_atomic(entry, json.dumps(stored, ensure_ascii=False))
        # Both lists come from the same path parts (resolving adds a prefix), so they align.
        roots = zip(_glossary_roots(real, root), _glossary_roots(path, glossary_root), strict=False)
        spelled = dict(roots)
        spelled[real] = path
        results.append(_respell(stored, spelled))
    return _once_per_glossary(results)


def _respell(stored: dict[str, Any], spelled: dict[Path, Path]) -> dict[str, Any]:
    def spell(text: str) -> str:
        path = Path(text)
        if path in spelled:
            return str(spelled[path])
        for real, given in spelled.items():
            if path.is_relative_to(real):
                return str(given / path.relative_to(real))
        return text

    def finding(item: dict[str, Any]) -> dict[str, Any]:
        return dict(item, path=spell(item["path"]))

    return {
        "path": spell(stored["path"]),
        "stats": dict(stored["stats"], path=spell(stored["stats"]["path"])),
        "findings": [finding(f) for f in stored["findings"]],
        "allowed": [dict(a, finding=finding(a["finding"])) for a in stored["allowed"]],
    }


def _once_per_glossary(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A glossary's own problems are reported with the first catalogue that uses it, as the
    checker does when it checks several catalogues in one call."""
    seen: set[str] = set()
    for stored in results:
        kept = []
        for finding in stored["findings"]:
            if finding["path"] != stored["path"]:
                key = json.dumps(finding, sort_keys=True)
                if key in seen:
                    continue
                seen.add(key)
            kept.append(finding)
        stored["findings"] = kept
    return results


def _finding(stored: dict[str, Any]) -> CheckedFinding:
    return CheckedFinding(
        path=Path(stored["path"]),
        line=stored["line"],
        code=stored["code"],
        severity=stored["severity"],
        message=stored["message"],
        msgid=stored["msgid"],
        previous_msgid=stored["previous_msgid"],
    )


def check_findings(
    paths: Sequence[Path],
    *,
    glossary_root: Path | None,
    cache_dir: Path,
    source_language: str = "en",
) -> list[CheckedFinding]:
    """``check_po.check_paths``, each catalogue checked only when its inputs changed."""
    results = _results(paths, glossary_root, source_language, cache_dir)
    return [_finding(f) for stored in results for f in stored["findings"]]


def check_results(
    paths: Sequence[Path],
    *,
    glossary_root: Path | None,
    cache_dir: Path,
    source_language: str = "en",
) -> list[FileResult]:
    """``check_po.check_catalogues`` (findings, accepted findings and statistics), cached."""
    from build_tools.check_po import AllowedFinding, CatalogueStats, FileResult, Finding, Severity

    def finding(stored: dict[str, Any]) -> Finding:
        checked = _finding(stored)
        return Finding(
            path=checked.path,
            line=checked.line,
            code=checked.code,
            severity=Severity(checked.severity),
            message=checked.message,
            msgid=checked.msgid,
            previous_msgid=checked.previous_msgid,
        )

    def result(stored: dict[str, Any]) -> FileResult:
        stats = dict(stored["stats"], path=Path(stored["stats"]["path"]))
        return FileResult(
            path=Path(stored["path"]),
            stats=CatalogueStats(**stats),
            findings=[finding(f) for f in stored["findings"]],
            allowed=[
                AllowedFinding(finding(a["finding"]), a["reason"], a["comment_line"])
                for a in stored["allowed"]
            ],
        )

    return [result(s) for s in _results(paths, glossary_root, source_language, cache_dir)]


def errors(findings: Iterable[CheckedFinding], ignore: Iterable[str] = ()) -> list[CheckedFinding]:
    """The findings that fail a build: errors, except codes in ``ignore``."""
    skipped = set(ignore)
    return [f for f in findings if f.severity == "error" and f.code not in skipped]
