"""Patient handouts: one PDF per procedure page, in a clinic's name, in every language.

``python -m build_tools.handouts`` (``make handouts``) runs :mod:`.runner`; the Sphinx side is the
``handout`` builder in :mod:`.builder`, which the handbook extension registers.
"""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    from build_tools.handouts.builder import HandoutBuilder

    app.add_builder(HandoutBuilder)
