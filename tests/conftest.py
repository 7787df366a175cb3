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


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds its ``test-<name>`` projects."""
    return Path(__file__).parent / "roots"
