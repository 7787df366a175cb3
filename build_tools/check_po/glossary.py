"""PO501-PO502: the approved renderings of medical terms, per language.

``locale/<lang>/glossary.csv`` is a UTF-8 CSV file whose header row names
at least the columns ``term`` and ``approved``; other columns (a ``note``)
are for people.  ``term`` is the source term, ``approved`` the renderings a
translation may use; either may list alternatives separated by ``|``::

    term,approved,note
    TACE|transarterial chemoembolization,quimioembolización transarterial|TACE,
    liver,hígado,

A message whose source holds a term must use one of its approved renderings.
Matching ignores case (except for acronyms such as ``CT``, which are matched
as written), allows a short inflection ending (tumor, tumores) and, in
Arabic, a joined article or conjunction (والكبد); in Chinese and Japanese,
which do not separate words, a rendering is found as a substring.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .findings import Issue
from .language import LanguageInfo
from .visible import visible_text

GLOSSARY_NAME = "glossary.csv"
_REQUIRED = ("term", "approved")


@dataclass(frozen=True)
class GlossaryTerm:
    line: int
    terms: tuple[str, ...]
    approved: tuple[str, ...]


@dataclass
class Glossary:
    path: Path
    terms: list[GlossaryTerm] = field(default_factory=list)
    # (line, message) for rows or headers that could not be read.
    problems: list[tuple[int, str]] = field(default_factory=list)


def _alternatives(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def load_glossary(path: Path) -> Glossary:
    glossary = Glossary(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        glossary.problems.append((1, f"cannot read the glossary ({error}); save it as UTF-8"))
        return glossary
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in _REQUIRED if name not in header]
    if missing:
        glossary.problems.append(
            (1, f"the header row lacks {', '.join(missing)}; it must start with: term,approved")
        )
        return glossary
    reader.fieldnames = header
    for row in reader:
        line = reader.line_num
        terms = _alternatives(row.get("term") or "")
        approved = _alternatives(row.get("approved") or "")
        if not terms and not approved:
            continue
        if not terms or not approved:
            glossary.problems.append(
                (line, "a row needs both a term and at least one approved rendering")
            )
            continue
        glossary.terms.append(GlossaryTerm(line, terms, approved))
    return glossary


def find_glossary(po_path: Path, language: str, glossary_root: Path | None) -> Path | None:
    """``<root>/<lang>/glossary.csv``; the root is ``locale/`` above ``LC_MESSAGES``."""
    roots = [glossary_root] if glossary_root is not None else []
    if glossary_root is None and "LC_MESSAGES" in po_path.parts:
        index = po_path.parts.index("LC_MESSAGES")
        roots.append(Path(*po_path.parts[: index - 1]) if index > 1 else Path())
    for root in roots:
        for code in dict.fromkeys((language, language.replace("-", "_").split("_")[0])):
            candidate = root / code / GLOSSARY_NAME
            if candidate.is_file():
                return candidate
    return None


@functools.cache
def _pattern(term: str, word_spaces: bool, clitic_prefixes: bool) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(part) for part in term.split())
    if not word_spaces:
        return re.compile(body, re.IGNORECASE)
    if len(term) >= 2 and term.isupper():
        return re.compile(rf"(?<!\w){body}s?(?!\w)")
    before = r"(?<!\w)\w{0,3}" if clitic_prefixes else r"(?<!\w)"
    return re.compile(rf"{before}{body}\w{{0,3}}(?!\w)", re.IGNORECASE)


def _mentions(text: str, phrases: tuple[str, ...], lang: LanguageInfo) -> bool:
    return any(
        _pattern(phrase, lang.word_spaces, lang.clitic_prefixes).search(text) for phrase in phrases
    )


def check_glossary(
    source: str,
    translation: str,
    glossary: Glossary,
    *,
    source_lang: LanguageInfo,
    target_lang: LanguageInfo,
) -> list[Issue]:
    issues = []
    source, translation = visible_text(source), visible_text(translation)
    for entry in glossary.terms:
        if _mentions(source, entry.terms, source_lang) and not _mentions(
            translation, entry.approved, target_lang
        ):
            issues.append(
                Issue(
                    "PO501",
                    f"the source uses the term «{entry.terms[0]}» but the translation uses none "
                    f"of its approved renderings ({' | '.join(entry.approved)}); use one, "
                    f"or add the new rendering to {glossary.path.name} line {entry.line}",
                )
            )
    return issues
