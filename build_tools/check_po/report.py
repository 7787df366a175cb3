"""The HTML report a translation coordinator reads: per language and document,
how complete the translation is and what the checks found.

One self-contained file (no scripts, fonts or stylesheets from elsewhere),
with every piece of catalogue text escaped, written atomically so a reader
never sees half a report.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterable
from html import escape
from pathlib import Path

from .checker import FileResult
from .findings import CODES, Finding, Severity

_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem;
       color: #1a1a1a; }
h1, h2, h3 { line-height: 1.2; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #ccc; padding: 0.3rem 0.5rem; text-align: left;
         vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { background: #e4e4e4; width: 8rem; height: 0.8rem; display: inline-block; }
.bar span { background: #2e7d32; height: 100%; display: block; }
.error { color: #b00020; font-weight: 600; }
.warning { color: #8a5a00; }
.ok { color: #2e7d32; }
code, .msgid { font-family: ui-monospace, monospace; font-size: 0.9em; white-space: pre-wrap;
       word-break: break-word; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0.5rem; }
.pair div { background: #f7f7f7; padding: 0.3rem; }
details { margin-bottom: 1rem; }
td.finding { width: 45%; }
td.num:first-child { width: 3.5rem; }
"""


def _bar(percent: float) -> str:
    filled = f'<span style="width:{percent:.0f}%"></span>'
    return f'<span class="bar" title="{percent:.0f}%">{filled}</span>'


def _counts(findings: Iterable[Finding]) -> tuple[int, int]:
    items = list(findings)
    errors = sum(1 for f in items if f.severity is Severity.ERROR)
    return errors, len(items) - errors


def _severity_cell(errors: int, warnings: int) -> str:
    cells = f'<td class="num{" error" if errors else ""}">{errors}</td>'
    return cells + f'<td class="num{" warning" if warnings else ""}">{warnings}</td>'


def _summary(results: list[FileResult], by_language: dict[str, list[FileResult]]) -> list[str]:
    rows = [
        "<h2>Languages</h2><table><tr><th>Language</th><th>Documents</th><th>Messages</th>"
        "<th>Translated</th><th></th><th>Fuzzy</th><th>Untranslated</th><th>Errors</th>"
        "<th>Warnings</th></tr>"
    ]
    for language, items in by_language.items():
        total = sum(r.stats.total for r in items)
        translated = sum(r.stats.translated for r in items)
        percent = 100.0 * translated / total if total else 100.0
        errors, warnings = _counts(f for r in items for f in _own(r))
        rows.append(
            f'<tr><td><a href="#lang-{escape(language)}">{escape(language)}</a></td>'
            f'<td class="num">{len(items)}</td><td class="num">{total}</td>'
            f'<td class="num">{percent:.1f}%</td><td>{_bar(percent)}</td>'
            f'<td class="num">{sum(r.stats.fuzzy for r in items)}</td>'
            f'<td class="num">{sum(r.stats.untranslated for r in items)}</td>'
            f"{_severity_cell(errors, warnings)}</tr>"
        )
    rows.append("</table>")
    return rows


def _finding_row(finding: Finding) -> str:
    message = escape(finding.message)
    if finding.previous_msgid is not None and finding.msgid is not None:
        source = (
            '<div class="pair"><div><b>was</b><br><span class="msgid">'
            f"{escape(finding.previous_msgid)}</span></div><div><b>now</b><br>"
            f'<span class="msgid">{escape(finding.msgid)}</span></div></div>'
        )
    else:
        source = f'<span class="msgid">{escape(finding.msgid or "")}</span>'
    name = CODES[finding.code].name
    return (
        f'<tr><td class="num">{finding.line}</td>'
        f'<td class="{finding.severity.value}" title="{escape(name)}">{finding.code}</td>'
        f'<td class="finding">{message}</td><td>{source}</td></tr>'
    )


def _document(result: FileResult) -> list[str]:
    stats = result.stats
    parts = [
        f"<h3>{escape(stats.document)}</h3>"
        f"<p><code>{escape(str(result.path))}</code> — {stats.translated} of {stats.total} "
        f"translated ({stats.percent_translated:.1f}%), {stats.fuzzy} fuzzy, "
        f"{stats.untranslated} untranslated, {stats.obsolete} obsolete.</p>"
    ]
    # Untranslated messages are listed apart: they are work to do, and in a
    # new catalogue they would bury the findings that need a decision.
    findings = [f for f in _own(result) if f.code != "PO401"]
    untranslated = [f for f in _own(result) if f.code == "PO401"]
    if findings:
        errors, warnings = _counts(findings)
        opened = " open" if errors else ""
        parts.append(
            f"<details{opened}><summary>{errors} errors, {warnings} warnings</summary><table>"
            "<tr><th>Line</th><th>Code</th><th>Finding</th><th>Source text</th></tr>"
        )
        parts.extend(_finding_row(f) for f in findings)
        parts.append("</table></details>")
    elif not untranslated:
        parts.append('<p class="ok">No findings.</p>')
    if untranslated:
        parts.append(
            f"<details><summary>{len(untranslated)} untranslated messages</summary><table>"
            "<tr><th>Line</th><th>Source text</th></tr>"
        )
        parts.extend(
            f'<tr><td class="num">{f.line}</td><td class="msgid">{escape(f.msgid or "")}</td></tr>'
            for f in untranslated
        )
        parts.append("</table></details>")
    if result.allowed:
        parts.append(
            "<details><summary>Findings accepted by a reviewer</summary><table>"
            "<tr><th>Line</th><th>Code</th><th>Finding</th><th>Reason</th></tr>"
        )
        parts.extend(
            f'<tr><td class="num">{a.finding.line}</td><td>{a.finding.code}</td>'
            f"<td>{escape(a.finding.message)}</td><td>{escape(a.reason)}</td></tr>"
            for a in result.allowed
        )
        parts.append("</table></details>")
    return parts


def _own(result: FileResult) -> list[Finding]:
    """The findings about the catalogue itself, not about its glossary file."""
    return [f for f in result.findings if f.path == result.path]


def render_report(results: list[FileResult]) -> str:
    other_findings = [f for r in results for f in r.findings if f.path != r.path]
    by_language: dict[str, list[FileResult]] = defaultdict(list)
    # Catalogues whose language is unknown come last.
    ordered = sorted(
        results, key=lambda r: (r.stats.language is None, r.stats.language or "", r.stats.document)
    )
    for result in ordered:
        by_language[result.stats.language or "unknown"].append(result)
    generated = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Translation report</title><style>{_STYLE}</style></head><body>",
        f"<h1>Translation report</h1><p>Generated {generated}. Errors must be fixed before "
        "a handout is printed; warnings show work still to do.</p>",
        *_summary(results, by_language),
    ]
    for language, items in by_language.items():
        parts.append(f'<h2 id="lang-{escape(language)}">{escape(language)}</h2>')
        parts.append(
            "<table><tr><th>Document</th><th>Translated</th><th></th><th>Fuzzy</th>"
            "<th>Untranslated</th><th>Errors</th><th>Warnings</th></tr>"
        )
        for result in items:
            errors, warnings = _counts(_own(result))
            parts.append(
                f"<tr><td>{escape(result.stats.document)}</td>"
                f'<td class="num">{result.stats.percent_translated:.1f}%</td>'
                f"<td>{_bar(result.stats.percent_translated)}</td>"
                f'<td class="num">{result.stats.fuzzy}</td>'
                f'<td class="num">{result.stats.untranslated}</td>'
                f"{_severity_cell(errors, warnings)}</tr>"
            )
        parts.append("</table>")
        for result in items:
            parts.extend(_document(result))
    if other_findings:
        parts.append(
            "<h2>Other files</h2><table><tr><th>File</th><th>Line</th><th>Code</th>"
            "<th>Finding</th></tr>"
        )
        parts.extend(
            f'<tr><td><code>{escape(str(f.path))}</code></td><td class="num">{f.line}</td>'
            f'<td class="{f.severity.value}">{f.code}</td><td>{escape(f.message)}</td></tr>'
            for f in other_findings
        )
        parts.append("</table>")
    parts.append(
        "<h2>Codes</h2><table><tr><th>Code</th><th>Name</th><th>Severity</th><th>Meaning</th></tr>"
    )
    parts.extend(
        f'<tr><td>{info.code}</td><td>{info.name}</td><td class="{info.severity.value}">'
        f"{info.severity.value}</td><td>{escape(info.summary)}</td></tr>"
        for info in CODES.values()
    )
    parts.append("</table></body></html>\n")
    return "\n".join(parts)


def write_report(directory: Path, results: list[FileResult]) -> Path:
    """Write ``directory/index.html`` atomically and return its path."""
    html_text = render_report(results)
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "index.html"
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".index-", suffix=".html")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(html_text)
        # mkstemp makes the file private; the report is for a web server and coordinators.
        Path(temporary).chmod(0o644)
        Path(temporary).replace(target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
