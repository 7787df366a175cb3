"""Run every check over catalogues: the library's entry points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .allow import apply_allowances, read_allowances
from .completeness import CatalogueStats, catalogue_stats, check_completeness
from .content import check_content
from .findings import Finding, Issue, make_finding
from .glossary import Glossary, check_glossary, find_glossary, load_glossary
from .header import check_header, parse_fields
from .language import (
    SOURCE_LANGUAGE,
    LanguageInfo,
    document_name,
    language_from_path,
    language_info,
)
from .markup import check_markup, parse_noqa, written_in_rest
from .placeholders import check_placeholders
from .pofile import PoEntry, PoFile, parse_po_bytes
from .structure import duplicate_messages, plural_count_problem, syntax_problems


@dataclass(frozen=True)
class AllowedFinding:
    """A finding a reviewer accepted, kept for the report's audit trail."""

    finding: Finding
    reason: str
    comment_line: int


@dataclass
class FileResult:
    path: Path
    stats: CatalogueStats
    findings: list[Finding]
    allowed: list[AllowedFinding] = field(default_factory=list)


def find_catalogues(paths: Sequence[Path]) -> list[Path]:
    """The .po files named or found under folders; a missing path raises FileNotFoundError."""
    found: dict[Path, None] = {}
    for given in paths:
        path = Path(given)  # callers may pass strings from a Makefile or Sphinx config
        if path.is_dir():
            found.update(dict.fromkeys(sorted(path.rglob("*.po"))))
        elif path.is_file():
            found[path] = None
        else:
            raise FileNotFoundError(path)
    return list(found)


class _Glossaries:
    """Each glossary file is read once and its own problems reported once."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self.loaded: dict[Path, Glossary] = {}

    def for_catalogue(
        self, path: Path, language: str | None
    ) -> tuple[Glossary | None, list[Finding]]:
        location = find_glossary(path, language, self.root) if language else None
        if location is None:
            return None, []
        if location in self.loaded:
            return self.loaded[location], []
        glossary = self.loaded[location] = load_glossary(location)
        problems = [make_finding(location, line, "PO502", text) for line, text in glossary.problems]
        return glossary, problems


@dataclass(frozen=True)
class _Context:
    source: LanguageInfo
    target: LanguageInfo
    nplurals: int | None
    glossary: Glossary | None


def _content_issues(entry: PoEntry, context: _Context) -> list[Issue]:
    sources = [entry.msgid] if entry.msgid_plural is None else [entry.msgid, entry.msgid_plural]
    translations = entry.translations
    rest = written_in_rest(entry.references)
    noqa = False
    if rest:
        # Sphinx removes its marker (a hash, then "noqa") from a translation of reST before use.
        unmarked = [parse_noqa(translation) for translation in translations]
        translations = [translation for translation, _ in unmarked]
        noqa = any(marked for _, marked in unmarked)
    issues = check_placeholders(sources, translations, entry.flags)
    source_text, translation_text = "\n".join(sources), "\n".join(translations)
    issues += check_content(
        source_text,
        translation_text,
        source_lang=context.source,
        target_lang=context.target,
        flags=entry.flags,
    )
    for index, translation in enumerate(translations):
        source = sources[min(index, len(sources) - 1)]
        for issue in check_markup(source, translation, rest=rest, noqa=noqa):
            if issue not in issues:
                issues.append(issue)
    if context.glossary is not None:
        issues += check_glossary(
            source_text,
            translation_text,
            context.glossary,
            source_lang=context.source,
            target_lang=context.target,
        )
    return issues


def _fuzzy_with_differences(issue: Issue, entry: PoEntry, context: _Context) -> Issue:
    """A fuzzy message is not used, so its checks are warnings: what they find
    is shown in its one PO402 finding, against the current source."""
    if issue.code != "PO402" or not all(entry.msgstr.values()):
        return issue
    differences = _content_issues(entry, context)
    if not differences:
        return issue
    shown = " | ".join(f"{d.code} {d.message}" for d in differences)
    return Issue(
        "PO402", f"{issue.message}; the translation differs from the current source: {shown}"
    )


def _entry_findings(
    path: Path, entry: PoEntry, context: _Context
) -> tuple[list[Finding], list[AllowedFinding]]:
    issues = check_completeness(
        entry,
        same_alphabet=context.target.latin_script and context.source.latin_script,
        same_language=context.target.base == context.source.base,
    )
    count_problem = plural_count_problem(entry, context.nplurals)
    if count_problem is not None:
        issues.append(Issue("PO107", count_problem))
    if entry.is_translated and count_problem is None:
        issues += _content_issues(entry, context)
    elif entry.is_fuzzy and not entry.is_empty and count_problem is None:
        issues = [_fuzzy_with_differences(issue, entry, context) for issue in issues]
    allowances, problems = read_allowances(entry)
    kept, allowed, unused = apply_allowances(issues, allowances)

    def finding(issue: Issue) -> Finding:
        return make_finding(
            path,
            entry.msgstr_line,
            issue.code,
            issue.message,
            msgid=entry.msgid,
            previous_msgid=entry.previous_msgid if issue.code == "PO402" else None,
        )

    return (
        [finding(issue) for issue in (*kept, *problems, *unused)],
        [
            AllowedFinding(finding(issue), allowance.reason, allowance.line)
            for issue, allowance in allowed
        ],
    )


def _check_parsed(
    path: Path, po: PoFile, glossaries: _Glossaries, source_language: str
) -> FileResult:
    findings = [make_finding(path, line, code, text) for line, code, text in syntax_problems(po)]
    header_issues, header = check_header(po, language_from_path(path))
    header_line = po.header.msgstr_line if po.header is not None else 1
    if po.header is not None:
        header_issues += read_allowances(po.header)[1]
    findings += [make_finding(path, header_line, i.code, i.message) for i in header_issues]
    findings += [
        make_finding(path, entry.msgstr_line, "PO102", text, msgid=entry.msgid)
        for entry, text in duplicate_messages(po)
    ]
    glossary, glossary_problems = glossaries.for_catalogue(path, header.language)
    findings += glossary_problems
    context = _Context(
        source=language_info(source_language),
        target=language_info(header.language or "und"),
        nplurals=header.nplurals,
        glossary=glossary,
    )
    allowed: list[AllowedFinding] = []
    for entry in po.messages:
        entry_findings, entry_allowed = _entry_findings(path, entry, context)
        findings += entry_findings
        allowed += entry_allowed
    stats = catalogue_stats(po, path, header.language, document_name(path))
    return FileResult(path, stats, sorted(findings, key=Finding.sort_key), allowed)


def check_catalogues(
    paths: Sequence[Path],
    *,
    glossary_root: Path | None = None,
    source_language: str = SOURCE_LANGUAGE,
) -> list[FileResult]:
    """Check every catalogue under ``paths``: findings, accepted findings and statistics."""
    glossaries = _Glossaries(glossary_root)
    return [
        _check_parsed(path, parse_po_bytes(path.read_bytes()), glossaries, source_language)
        for path in find_catalogues(paths)
    ]


def check_paths(
    paths: Sequence[Path],
    *,
    glossary_root: Path | None = None,
    source_language: str = SOURCE_LANGUAGE,
) -> list[Finding]:
    """All findings for the .po files in ``paths`` (files or folders), in file and line order."""
    results = check_catalogues(paths, glossary_root=glossary_root, source_language=source_language)
    return [finding for result in results for finding in result.findings]


def collect_stats(paths: Sequence[Path]) -> list[CatalogueStats]:
    """Translated, fuzzy and untranslated counts per catalogue, without running the checks."""
    stats = []
    for path in find_catalogues(paths):
        po = parse_po_bytes(path.read_bytes())
        fields = parse_fields(po.header.msgstr.get(0, ""))[0] if po.header is not None else {}
        language = fields.get("Language") or language_from_path(path)
        stats.append(catalogue_stats(po, path, language, document_name(path)))
    return stats
