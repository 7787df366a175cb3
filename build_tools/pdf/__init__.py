"""A Sphinx builder that renders a whole project as one PDF with WeasyPrint.

Any Sphinx project can use it: installed, ``sphinx-build -b pdf SOURCE OUTPUT`` finds it through
the ``sphinx.builders`` entry point; or list it in ``extensions``. Inside this repository it is
``build_tools.pdf``; installed, it is ``sphinx_weasyprint_book``. Every import inside the package is
relative, so both names work.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

__version__ = "0.1.0"


def setup(app: Sphinx) -> ExtensionMetadata:
    from . import config
    from .assemble import BookAnchors, RefuseRemoteImages
    from .builder import PDFBuilder
    from .i18n import register_catalogue

    app.setup_extension("sphinx.builders.singlehtml")
    app.add_builder(PDFBuilder)
    config.register(app)
    app.add_post_transform(RefuseRemoteImages)
    app.add_post_transform(BookAnchors)
    app.connect("config-inited", register_catalogue)
    app.connect("builder-inited", _check_config)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}


def _check_config(app: Sphinx) -> None:
    from . import config
    from .builder import PDFBuilder

    if isinstance(app.builder, PDFBuilder):
        config.check(app, app.config)
