"""Shared test set-up: Sphinx's own testing fixtures and the paths of this repository."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where ``@pytest.mark.sphinx(testroot=...)`` finds its ``test-<name>`` projects."""
    return Path(__file__).parent / "roots"
