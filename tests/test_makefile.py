"""The Makefile's contract: LANG only from the command line, tools under a sane locale."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make(*args: str, env_lang: str = "es") -> subprocess.CompletedProcess[str]:
    # The shell's LANG is set to "es" here on purpose: it must not select the language.
    env = dict(os.environ, LANG=env_lang)
    return subprocess.run(
        ["make", "--no-print-directory", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_help_is_the_default_target():
    result = make()
    assert result.returncode == 0
    for target in ("html", "epub", "pdf", "gettext", "update-po", "test", "clean"):
        assert f"  {target} " in result.stdout


def test_lang_from_the_environment_is_ignored():
    result = make("show-config", env_lang="es")
    assert "handbook language: en" in result.stdout
    assert "LANG=C.UTF-8 LC_ALL=C.UTF-8" in result.stdout


def test_lang_on_the_command_line_selects_the_language_but_never_reaches_the_tools():
    result = make("show-config", "LANG=es", env_lang="C.UTF-8")
    assert "handbook language: es" in result.stdout
    assert "LANG=C.UTF-8 LC_ALL=C.UTF-8" in result.stdout


def test_unknown_language_fails_with_one_line_and_writes_nothing(tmp_path):
    for value in ("xx", "../x", "de"):
        before = sorted((ROOT / "build").rglob("*")) if (ROOT / "build").exists() else []
        result = make("pdf", f"LANG={value}")
        assert result.returncode != 0
        errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
        assert len(errors) == 1, result.stderr
        assert "known languages: en" in errors[0]
        after = sorted((ROOT / "build").rglob("*")) if (ROOT / "build").exists() else []
        assert after == before


def test_handouts_need_a_clinic_and_check_it_before_building(tmp_path):
    result = make("handouts", "LANG=es")
    assert result.returncode != 0
    assert (
        "error: name the clinic profile: make handouts CLINIC=clinics/example.toml" in result.stderr
    )
    broken = tmp_path / "broken.toml"
    broken.write_text("[clinic]\nname = 1\n", encoding="utf-8")
    result = make("handouts", "LANG=es", f"CLINIC={broken}")
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert result.returncode != 0
    assert errors == [f"error: {broken}:2: [clinic] name: must be a string in quotes, not int"]
