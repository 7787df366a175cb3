"""A Sphinx builder that renders a whole project as one PDF with WeasyPrint.

Any Sphinx project can use it: ``extensions = ["build_tools.pdf"]`` and ``sphinx-build -b pdf``.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__
from build_tools.pdf.builder import PDFBuilder
from build_tools.pdf.theme import PAPER_SIZES


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx.builders.singlehtml")
    app.add_builder(PDFBuilder)
    # "{language}" and "{project}" are filled in when the builder starts.
    app.add_config_value("pdf_basename", "{project}-{language}", "env", types=frozenset({str}))
    app.add_config_value("pdf_theme_path", None, "env", types=frozenset({str, type(None)}))
    app.add_config_value("pdf_paper_size", "a4", "env", types=frozenset({str}))
    app.add_config_value("pdf_options", {"pdf_tags": True}, "env", types=frozenset({dict}))
    app.add_config_value("pdf_debug_html", False, "", types=frozenset({bool}))
    app.connect("builder-inited", _check_config)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _check_config(app: Sphinx) -> None:
    from sphinx.errors import ConfigError

    if app.builder.name != "pdf":
        return
    if app.config.pdf_paper_size not in PAPER_SIZES:
        raise ConfigError(
            f"pdf_paper_size = {app.config.pdf_paper_size!r}; use one of {', '.join(PAPER_SIZES)}"
        )
