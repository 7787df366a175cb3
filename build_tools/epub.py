"""ePub 3 that passes EPUBCheck and says what it is, in the book's language.

On top of Sphinx's ``epub`` builder:

* the reading direction of right-to-left languages (Sphinx derives ``page-progression-direction``
  from ``epub_writing_mode`` alone), and ``lang``/``dir`` on every page and on ``nav.xhtml``;
* one identifier per language edition (``<epub_identifier>:<lang>``), the same in the OPF and in
  the NCX's ``dtb:uid`` (Sphinx writes ``epub_uid``, the XML id, there: EPUBCheck's NCX-001);
* the contents' heading in the book's language (Sphinx writes English "Table of Contents");
* no viewport ``<meta>`` (reading systems ignore it in reflowable books: EPUBCheck's HTM-060b);
* accessibility metadata (schema.org and EPUB Accessibility 1.1), in the book's language.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.locale import _ as sphinx_gettext  # Sphinx's own catalogue, not theme.po
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__
from build_tools.languages import Language
from build_tools.theme_i18n import N_, theme_translations

_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*/>')

#: The book's description, summary of its accessibility and its contributors (theme.po).
DESCRIPTION = N_("A handbook for patients and families about interventional oncology")
ACCESSIBILITY_SUMMARY = N_(
    "Text with headings, a table of contents and a glossary, readable by screen readers. "
    "Checked by automated tools only."
)
CONTRIBUTOR = N_("The IOS Handbook contributors")


class DirectionalEpub3Builder(Epub3Builder):
    """Sphinx's ``epub`` builder, with the fixes above."""

    @property
    def _language(self) -> Language:
        return Language(self.config.language or "en")

    def edition_identifier(self) -> str:
        """The identifier of this language's edition: each edition is a book of its own."""
        return f"{self.config.epub_identifier}:{self._language.code}"

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        translate = theme_translations(self.app).gettext
        metadata["id"] = html.escape(self.edition_identifier())
        metadata["description"] = html.escape(translate(DESCRIPTION))
        # Who made it, in the book's language: creator, contributor, publisher and rights.
        contributors = translate(CONTRIBUTOR)
        for key in ("author", "contributor", "publisher"):
            metadata[key] = html.escape(contributors)
        year = self.config.copyright.split(",")[0].strip()
        metadata["copyright"] = html.escape(f"© {year} {contributors}")
        if self._language.direction == "rtl":
            metadata["page_progression_direction"] = "rtl"
        return metadata

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        metadata = super().toc_metadata(level, navpoints)
        metadata["uid"] = self.edition_identifier()  # NCX's dtb:uid: the OPF's identifier
        return metadata

    def navigation_doc_metadata(self, navlist: list[Any]) -> dict[str, Any]:
        metadata = super().navigation_doc_metadata(navlist)
        metadata["toc_locale"] = html.escape(sphinx_gettext("Table of Contents"))
        return metadata

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        tag, direction = self._language.bcp47, self._language.direction
        self.globalcontext["html_tag"] = self.html_tag.replace(
            "<html ", f'<html lang="{tag}" xml:lang="{tag}" dir="{direction}" ', 1
        )

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        return super().get_doc_context(docname, body, _VIEWPORT.sub("", metatags))

    def handle_page(self, pagename: str, addctx: dict[str, Any], *args: Any, **kwargs: Any) -> None:
        super().handle_page(pagename, addctx, *args, **kwargs)
        # Sphinx's basic layout writes a viewport <meta> outside any template block; the page is
        # ours to finish, so it comes out here.
        page = Path(self.get_outfilename(pagename))
        if page.is_file():
            text = page.read_text(encoding="utf-8")
            page.write_text(_VIEWPORT.sub("", text), encoding="utf-8")

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = Path(self.outdir, "nav.xhtml")
        tag, direction = self._language.bcp47, self._language.direction
        text = nav.read_text(encoding="utf-8").replace(
            f'xml:lang="{tag}">', f'xml:lang="{tag}" dir="{direction}">', 1
        )
        nav.write_text(text, encoding="utf-8")

    def build_content(self) -> None:
        super().build_content()
        opf = Path(self.outdir, "content.opf")
        translate = theme_translations(self.app).gettext
        summary = html.escape(translate(ACCESSIBILITY_SUMMARY))
        accessibility = "\n".join(
            f"    {line}"
            for line in (
                '<meta property="schema:accessMode">textual</meta>',
                '<meta property="schema:accessModeSufficient">textual</meta>',
                '<meta property="schema:accessibilityFeature">structuralNavigation</meta>',
                '<meta property="schema:accessibilityFeature">tableOfContents</meta>',
                '<meta property="schema:accessibilityFeature">readingOrder</meta>',
                '<meta property="schema:accessibilityHazard">none</meta>',
                f'<meta property="schema:accessibilitySummary">{summary}</meta>',
                '<meta property="dcterms:conformsTo">'
                "EPUB Accessibility 1.1 - WCAG 2.1 Level AA</meta>",
            )
        )
        text = opf.read_text(encoding="utf-8").replace(
            "  </metadata>", f"{accessibility}\n  </metadata>", 1
        )
        opf.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> ExtensionMetadata:
    app.setup_extension("sphinx.builders.epub3")
    app.add_builder(DirectionalEpub3Builder, override=True)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
