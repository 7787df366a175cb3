"""Paths to the test catalogues and a compact view of findings."""

from __future__ import annotations

from pathlib import Path

from build_tools.check_po import Finding

DATA = Path(__file__).parent / "data"
DEFECTS = DATA / "defects"
CLEAN = DATA / "clean" / "locale"


def codes_and_lines(findings: list[Finding]) -> list[tuple[int, str]]:
    return sorted((f.line, f.code) for f in findings)
