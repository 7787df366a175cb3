"""Patient handouts: one PDF per procedure page, in a clinic's name, in every language.

``python -m build_tools.handouts`` (``make handouts``) runs :mod:`.runner`; the Sphinx side is the
``handout`` builder in :mod:`.builder`, which the handbook extension registers.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__


def setup(app: Sphinx) -> ExtensionMetadata:
    from build_tools.handouts.builder import HandoutBuilder

    app.add_builder(HandoutBuilder)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
