"""ePub 3 that declares the reading direction of right-to-left languages.

Sphinx derives ``page-progression-direction`` from ``epub_writing_mode`` alone (vertical text reads
right to left), so an Arabic book would declare ``ltr``. This builder takes the direction from the
language (Babel's CLDR data) and puts ``lang`` and ``dir`` on every page's ``<html>``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__
from build_tools.languages import Language


class DirectionalEpub3Builder(Epub3Builder):
    """Sphinx's ``epub`` builder, with the text direction of the book's language."""

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        if Language(self.config.language or "en").direction == "rtl":
            metadata["page_progression_direction"] = "rtl"
        return metadata

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        language = Language(self.config.language or "en")
        tag, direction = language.bcp47, language.direction
        self.globalcontext["html_tag"] = self.html_tag.replace(
            "<html ", f'<html lang="{tag}" xml:lang="{tag}" dir="{direction}" ', 1
        )


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx.builders.epub3")
    app.add_builder(DirectionalEpub3Builder, override=True)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
