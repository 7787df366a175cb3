"""Shared test set-up: Sphinx's own testing fixtures and the paths of this repository."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def handbook(tmp_path_factory) -> Path:
    """The real handbook in every language and format, built once as `make all` builds it."""
    import subprocess
    import sys

    build_dir = tmp_path_factory.mktemp("build")
    result = subprocess.run(
        [sys.executable, "-m", "build_tools.build", "all", "all", "--build-dir", str(build_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr, result.stdout + result.stderr
    return build_dir


@pytest.fixture
def repo_copy(tmp_path) -> Path:
    """A scratch copy of the project, for planting defects and writing catalogues safely.

    The copy links the real .venv, so make finds its tools and installs nothing.
    """
    import shutil

    copy = tmp_path / "repo"
    for name in ("source", "locale", "build_tools", "clinics"):
        shutil.copytree(
            ROOT / name, copy / name, ignore=shutil.ignore_patterns("*.mo", "__pycache__")
        )
    for name in ("conf.py", "Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy(ROOT / name, copy / name)
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds its ``test-<name>`` projects."""
    return Path(__file__).parent / "roots"
