"""Paths to the test catalogues and a compact view of findings."""

from __future__ import annotations

from pathlib import Path

from build_tools.check_po import Finding

DATA = Path(__file__).parent / "data"
DEFECTS = DATA / "defects"
CLEAN = DATA / "clean" / "locale"


def codes_and_lines(findings: list[Finding]) -> list[tuple[int, str]]:
    return sorted((f.line, f.code) for f in findings)


HEADER = """msgid ""
msgstr ""
"Project-Id-Version: IOS Handbook 1.0\\n"
"PO-Revision-Date: 2026-01-12 10:00+0100\\n"
"Last-Translator: Ana Ruiz <ana@example.org>\\n"
"Language: {language}\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

"""


def quote(text: str) -> str:
    """``text`` as one PO string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def write_po(
    folder: Path,
    messages: list[tuple[str, str]],
    *,
    language: str = "es",
    before: str = "#: ../../source/tace.rst:3\n",
    name: str = "messages.po",
) -> Path:
    """A small catalogue of our own: a header, then each (msgid, msgstr) after ``before``."""
    body = "".join(
        f"{before}msgid {quote(source)}\nmsgstr {quote(translation)}\n\n"
        for source, translation in messages
    )
    path = folder / name
    path.write_text(HEADER.format(language=language) + body, encoding="utf-8")
    return path
