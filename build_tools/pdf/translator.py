"""Sphinx's HTML5 translator, for paper: chapters as sections, no permalinks."""

from __future__ import annotations

import os
from pathlib import Path

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from .assemble import doc_anchor


class PrintTranslator(HTML5Translator):
    """HTML for WeasyPrint: each inlined document is a ``<section class="chapter">``."""

    def visit_start_of_file(self, node: nodes.Element) -> None:
        # Sphinx's translator marks the start with an empty span; print needs a box per chapter
        # (a page break, a running head, a bookmark).
        self.docnames.append(node["docname"])
        depth = node.get("depth", 0)
        self.body.append(
            f'<section class="chapter depth-{depth}" id="{doc_anchor(node["docname"])}"'
            f' data-docname="{self.attval(node["docname"])}">\n'
        )

    def depart_start_of_file(self, node: nodes.Element) -> None:
        self.body.append("</section>\n")
        self.docnames.pop()

    def visit_math(self, node: nodes.math, math_env: str = "") -> None:
        if self._typesets_math():
            super().visit_math(node, math_env)
            return
        # MathJax needs a browser: print the TeX source, set apart, as a reader can follow it.
        self.body.append(self.starttag(node, "span", "", CLASS="math tex"))
        self.body.append(self.encode(node.astext()) + "</span>")
        raise nodes.SkipNode

    def visit_math_block(self, node: nodes.math_block, math_env: str = "") -> None:
        if self._typesets_math():
            super().visit_math_block(node, math_env)
            return
        if node.get("label"):
            self.body.append(f'<span class="eqno">({node["number"]})</span>')
        self.body.append(self.starttag(node, "div", "", CLASS="math tex"))
        self.body.append(self.encode(node.astext()) + "</div>\n")
        raise nodes.SkipNode

    def _typesets_math(self) -> bool:
        # A renderer that makes images (sphinx.ext.imgmath) works on paper; MathJax does not.
        return self.builder.math_renderer_name not in {None, "mathjax"}

    def visit_download_reference(self, node: nodes.Element) -> None:
        if "filename" not in node:  # a link to a URL, written as on the web
            super().visit_download_reference(node)
            return
        # The PDF carries the file itself: WeasyPrint embeds what a rel="attachment" link names.
        source = next(
            (
                src
                for src, (_docs, dest) in self.builder.env.dlfiles.items()
                if os.fspath(dest) == node["filename"]
            ),
            None,
        )
        if source is None:
            self.context.append("")
            return
        href = self.attval(Path(source).as_posix())
        self.body.append(f'<a class="reference download" rel="attachment" href="{href}">')
        self.context.append("</a>")

    def add_permalink_ref(self, node: nodes.Element, title: str) -> None:
        # A pilcrow after each heading is a link on screen and a stray mark on paper.
        return
