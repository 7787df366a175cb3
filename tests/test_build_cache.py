"""Builds do no work twice: nothing changed builds nothing, a change builds what depends on it."""

from __future__ import annotations

import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.pdftools import normalise_space, page_texts

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.integration


def build(*args: str, cwd: Path, build_dir: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "build_tools.build", *args, "--build-dir", str(build_dir)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    return result, time.perf_counter() - start


def mtimes(folder: Path) -> dict[Path, int]:
    return {
        p: p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file() and "cache" not in p.relative_to(folder).parts
    }


def test_nothing_changed_builds_nothing_and_touches_nothing(handbook):
    before = mtimes(handbook)
    result, seconds = build("all", "all", cwd=ROOT, build_dir=handbook)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Nothing to do" in result.stdout
    assert mtimes(handbook) == before
    # Under a second on an idle machine; the margin is for a busy one.
    assert seconds < 5, seconds


def test_a_change_rebuilds_exactly_what_depends_on_it(repo_copy, tmp_path):
    out = tmp_path / "build"
    # Spanish in every format (one environment, read by the first job), French as a site.
    for builder, language in (("all", "es"), ("html", "fr")):
        result, _ = build(builder, language, cwd=repo_copy, build_dir=out)
        assert result.returncode == 0, result.stdout + result.stderr
    es_page = out / "html" / "es" / "procedures" / "tace.html"
    fr_site = out / "html" / "fr"
    fr_before = mtimes(fr_site)

    # One Spanish catalogue changes: every Spanish output is rebuilt, the French site is not.
    po = repo_copy / "locale" / "es" / "LC_MESSAGES" / "procedures" / "tace.po"
    text = po.read_text(encoding="utf-8")
    old = 'msgstr "Quimioembolización transarterial (TACE)"'
    assert old in text
    po.write_text(text.replace(old, 'msgstr "Quimioembolización transarterial (QETA)"'), "utf-8")
    for builder, language, rebuilt in (("all", "es", True), ("html", "fr", False)):
        result, _ = build(builder, language, cwd=repo_copy, build_dir=out)
        assert result.returncode == 0, result.stdout + result.stderr
        assert ("Nothing to do" in result.stdout) is not rebuilt, (language, result.stdout)
    new = "Quimioembolización transarterial (QETA)"
    assert new in normalise_space(es_page.read_text(encoding="utf-8"))
    assert new in normalise_space(" ".join(page_texts(out / "pdf" / "handbook-es.pdf")))
    with zipfile.ZipFile(out / "epub" / "handbook-es.epub") as epub:
        (page,) = [n for n in epub.namelist() if n.endswith("procedures/tace.xhtml")]
        assert new in normalise_space(epub.read(page).decode())
    assert mtimes(fr_site) == fr_before

    # The theme is an input of every language.
    css = repo_copy / "build_tools" / "html_theme" / "ioshandbook" / "static" / "handbook.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    result, _ = build("html", "fr", cwd=repo_copy, build_dir=out)
    assert "Nothing to do" not in result.stdout and result.returncode == 0, result.stdout
    assert "/* changed */" in next(fr_site.rglob("handbook.css")).read_text(encoding="utf-8")

    # An output removed or edited by hand is built again, never taken as up to date.
    es_page.write_text("edited by hand", encoding="utf-8")
    result, _ = build("html", "es", cwd=repo_copy, build_dir=out)
    assert "Nothing to do" not in result.stdout and result.returncode == 0, result.stdout
    assert "edited by hand" not in es_page.read_text(encoding="utf-8")


def test_failed_translation_checks_build_nothing_and_never_pass_later(repo_copy, tmp_path):
    out = tmp_path / "build"
    po = repo_copy / "locale" / "es" / "LC_MESSAGES" / "procedures" / "tace.po"
    text = po.read_text(encoding="utf-8")
    # A translation that points the patient at the wrong number.
    po.write_text(
        text.replace(":clinic:`after_hours_phone`", ":clinic:`main_phone`", 1), encoding="utf-8"
    )
    for _ in ("first", "second"):
        result, _ = build("pdf", "es", cwd=repo_copy, build_dir=out)
        assert result.returncode == 1
        assert "PO302" in result.stderr and "tace.po:" in result.stderr
        assert "nothing was built" in result.stderr
        assert not (out / "pdf").exists()
