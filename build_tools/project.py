"""One project model: where the sources, catalogues and outputs are, as ``conf.py`` says.

Every command (``build``, ``catalogues``, ``translation_gate``, ``stats``, the handouts and the
reviews) takes its folders, file names, released languages and paper sizes from here, so a
project whose ``conf.py`` says otherwise is honoured by all of them alike.

``conf.py`` is read through Sphinx's own config reading (``sphinx.config.Config.read``), exactly
as ``sphinx-build`` reads it, once per process and configuration folder.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.config import Config
from sphinx.util.osutil import make_filename
from sphinx.util.tags import Tags

#: The repository's top level: ``conf.py`` sits there, beside ``source/`` and ``locale/``.
REPOSITORY = Path(__file__).resolve().parent.parent

#: The values our commands read that only our extensions declare (their defaults match theirs).
_PROJECT_VALUES: dict[str, tuple[Any, type]] = {
    "handbook_released_languages": ([], list),
    "handbook_locale_sources": ([], list),
    "pdf_basename": ("{project}-{language}", str),
    "pdf_paper_size": ("a4", str),
    # Sphinx's ePub builder declares it, with the project's name as its default.
    "epub_basename": (lambda config: make_filename(config.project), str),
}


@dataclass(frozen=True)
class Project:
    """The paths and names of one Sphinx project, as its ``conf.py`` gives them."""

    confdir: Path
    srcdir: Path
    #: The folders holding the ``.po`` sources, absolute (``locale_dirs`` as ``conf.py`` wrote it).
    locale_dirs: tuple[Path, ...]
    released_languages: frozenset[str]
    source_language: str
    project_name: str
    #: ``pdf_basename`` as written, with ``{project}`` and ``{language}`` still to fill in.
    pdf_basename: str
    #: ``epub_basename`` as written (``build_tools.handbook`` fills in ``{language}`` too).
    epub_basename: str
    default_paper: str
    paper_sizes: tuple[str, ...]
    build_dir: Path

    @staticmethod
    def load(confdir: str | os.PathLike[str] | None = None) -> Project:
        """The project whose ``conf.py`` is in ``confdir`` (the repository by default)."""
        return _load(Path(confdir if confdir is not None else REPOSITORY).resolve())

    @property
    def locale_dir(self) -> Path:
        """The first (for the handbook: the only) folder of catalogue sources."""
        return self.locale_dirs[0]

    @property
    def pot_dir(self) -> Path:
        """Where ``make gettext`` writes the message templates."""
        return self.build_dir / "gettext"

    def pdf_name(self, language: str, paper: str | None = None) -> str:
        """The file name the PDF builder gives a language's PDF (a paper other than A4 says so)."""
        basename = self.pdf_basename.format(project=self.project_name, language=language)
        paper = paper or self.default_paper
        suffix = "" if paper == "a4" else f"-{paper}"
        return f"{basename}{suffix}.pdf"

    def epub_name(self, language: str) -> str:
        """The file name of a language's ePub."""
        basename = self.epub_basename
        if "{language}" in basename:  # as build_tools.handbook.normalise_config fills it in
            basename = basename.format(project=self.project_name, language=language)
        return f"{basename}.epub"


@functools.cache
def _load(confdir: Path) -> Project:
    # Config.read executes conf.py as sphinx-build does (it raises ConfigError without one).
    config = Config.read(confdir, overrides={}, tags=Tags())
    for name, (default, kind) in _PROJECT_VALUES.items():
        if name not in config:
            config.add(name, default, "", types=frozenset({kind}))
    config.init_values()
    srcdir = confdir / "source"
    sources = config.handbook_locale_sources or config.locale_dirs
    # The builder's own list of papers: the commands offer what it lays out.
    from build_tools.pdf.config import PAPER_SIZES

    return Project(
        confdir=confdir,
        srcdir=srcdir,
        locale_dirs=tuple(Path(os.path.normpath(srcdir / d)) for d in sources),
        released_languages=frozenset(config.handbook_released_languages),
        source_language=config.language or "en",
        project_name=config.project,
        pdf_basename=config.pdf_basename,
        epub_basename=config.epub_basename,
        default_paper=config.pdf_paper_size,
        paper_sizes=tuple(PAPER_SIZES),
        build_dir=confdir / "build",
    )
