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


#: Tests that use these fixtures build real outputs: they are integration tests.
INTEGRATION_FIXTURES = frozenset(
    {"handbook", "handouts_built", "handout_build_dir", "repo_copy", "app", "make_app"}
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that builds something ``integration`` (``-m "not integration"`` for the
    fast unit tests); tests that start the build tools themselves carry the mark in their file."""
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & INTEGRATION_FIXTURES or item.get_closest_marker("sphinx"):
            item.add_marker(pytest.mark.integration)


TODAY = "2026-11-27"


def run_handouts(*args: str, build_dir: Path, cwd: Path = ROOT, today: str = TODAY):
    """``python -m build_tools.handouts`` as ``make handouts`` runs it, with a pinned date."""
    import subprocess
    import sys

    return subprocess.run(
        [
            sys.executable,
            "-m",
            "build_tools.handouts",
            "--today",
            today,
            "--build-dir",
            str(build_dir),
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def handouts_built(tmp_path_factory) -> Path:
    """Every handout of the example clinic and lakeside-us's English ones, built once per session.

    One run per clinic, as ``make handouts`` does: the languages are read in parallel and every
    worker stays warm for its share of the handouts.
    """
    build_dir = tmp_path_factory.mktemp("handouts")
    for args in (("clinics/example.toml",), ("clinics/lakeside-us.toml", "--lang", "en")):
        result = run_handouts("--clinic", *args, build_dir=build_dir)
        assert result.returncode == 0, result.stderr
    return build_dir / "handouts"


@pytest.fixture
def handout_build_dir(tmp_path, handouts_built) -> Path:
    """A fresh build folder for handouts that starts with the sources already read.

    The Sphinx environments and the cached translation checks of the session's build are copied
    in (never the handouts or their manifest): a test still builds every handout it asks for, but
    does not read the handbook again. Only for runs on this repository (not on a ``repo_copy``).
    """
    import shutil

    build_dir = tmp_path / "build"
    for name in ("doctrees", "cache"):
        shutil.copytree(handouts_built.parent / name, build_dir / name)
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
