"""The project model: every command takes its paths and names from conf.py, as Sphinx reads it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sphinx.errors import ConfigError

from build_tools import translation_gate
from build_tools.build import Job
from build_tools.html_site import download_names
from build_tools.project import Project

ROOT = Path(__file__).resolve().parent.parent

SCRATCH_CONF = """\
project = "Field Guide"
language = "en"
locale_dirs = ["../translations"]
handbook_released_languages = ["xx"]
pdf_basename = "guide-{language}"
pdf_paper_size = "letter"
epub_basename = "guide-{language}-ebook"
# Reading the settings must not load the extensions or run setup(): neither exists here.
extensions = ["no_such_extension_anywhere"]


def setup(app):
    raise RuntimeError("conf.py's setup() ran while only its settings were read")
"""


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    (tmp_path / "conf.py").write_text(SCRATCH_CONF, encoding="utf-8")
    return tmp_path


def test_the_handbook_model_matches_its_conf_py() -> None:
    project = Project.load()
    assert project.confdir == ROOT
    assert project.srcdir == ROOT / "source"
    assert project.locale_dirs == (ROOT / "locale",)
    assert project.released_languages == {"es", "fr", "zh_CN", "ar"}
    assert project.source_language == "en"
    assert project.build_dir == ROOT / "build"
    assert project.pot_dir == ROOT / "build" / "gettext"
    assert project.pdf_name("es") == "handbook-es.pdf"
    assert project.pdf_name("es", "letter") == "handbook-es-letter.pdf"
    assert project.epub_name("es") == "handbook-es.epub"
    assert project.paper_sizes == ("a4", "letter")


def test_a_scratch_conf_py_gives_its_own_folders_languages_and_names(scratch: Path) -> None:
    project = Project.load(scratch)
    assert project.confdir == scratch.resolve()
    assert project.locale_dirs == (scratch.resolve() / "translations",)
    assert project.released_languages == {"xx"}
    assert project.default_paper == "letter"
    assert project.pdf_name("xx") == "guide-xx-letter.pdf"
    assert project.pdf_name("xx", "a4") == "guide-xx.pdf"


def test_the_model_is_read_once_per_folder(scratch: Path) -> None:
    first = Project.load(scratch)
    (scratch / "conf.py").write_text('handbook_released_languages = ["yy"]\n', encoding="utf-8")
    assert Project.load(scratch) is first
    assert Project.load(str(scratch)) is first


def test_locale_sources_are_preferred_and_the_default_basename_names_the_project(
    tmp_path: Path,
) -> None:
    (tmp_path / "conf.py").write_text(
        'project = "Notes"\nlanguage = "de"\nlocale_dirs = ["ignored"]\n'
        'handbook_locale_sources = ["po", "/abs/po"]\n',
        encoding="utf-8",
    )
    project = Project.load(tmp_path)
    assert project.locale_dirs == (tmp_path.resolve() / "source" / "po", Path("/abs/po"))
    assert project.source_language == "de"
    assert project.released_languages == frozenset()
    assert project.pdf_name("fr") == "Notes-fr.pdf"
    assert project.epub_name("fr") == "Notes.epub"  # Sphinx's default: the project's name


def test_a_folder_without_conf_py_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"conf\.py"):
        Project.load(tmp_path)


def test_translation_gate_reads_released_languages_without_running_conf_py_code(
    scratch: Path,
) -> None:
    assert translation_gate.released_languages(scratch) == {"xx"}
    assert translation_gate.released_languages() == {"es", "fr", "zh_CN", "ar"}


def test_the_site_links_the_pdf_the_builder_names(scratch: Path) -> None:
    assert download_names("xx", Project.load(scratch)) == {
        "pdf": "guide-xx-letter.pdf",
        "epub": "guide-xx-ebook.epub",
    }
    assert download_names("es")["pdf"] == "handbook-es.pdf"


def test_the_build_expects_the_file_the_pdf_builder_writes(tmp_path: Path) -> None:
    assert Job("pdf", "fr", tmp_path).output == tmp_path / "pdf" / "handbook-fr.pdf"
    letter = Job("pdf", "fr", tmp_path, ("pdf_paper_size=letter",))
    assert letter.output == tmp_path / "pdf" / "handbook-fr-letter.pdf"
    assert Job("epub", "fr", tmp_path).output == tmp_path / "epub" / "handbook-fr.epub"
    command = Job("html", "fr", tmp_path).command()
    assert command[-2] == str(ROOT / "source")
    assert command[command.index("-c") + 1] == str(ROOT)
