"""The book as one doctree: Sphinx's toctree inlining, then anchors made unique for print.

The builder assembles the book as Sphinx's single-page builder does (``inline_all_toctrees``, then
``env.resolve_references``), so every directive and role is resolved by Sphinx itself. One doctree
then holds the ids of many documents, and two pages that both have a section "Risks" give two
elements with one id. :class:`BookAnchors`, a post-transform, makes every id the document's name
plus the id docutils gave it there: unique across the book, and the same in every language (ids
made from translated titles break in Chinese). It also carries Sphinx's section and figure numbers
over to the new ids, and lifts each chapter out of the root document, so that the root's own text
is the book's front matter.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

from .fetch import is_remote

logger = logging.getLogger(__name__)

#: Set on the assembled book's doctree, so the transforms leave single documents alone.
BOOK_FLAG = "pdf_book"


def doc_anchor(docname: str) -> str:
    """A document's anchor in every language: ``procedures/tace`` -> ``doc-procedures-tace``."""
    return "doc-" + re.sub(r"[^A-Za-z0-9_-]+", "-", docname)


def node_anchor(docname: str, node_id: str) -> str:
    """The anchor of one element of a document, unique across the assembled book."""
    return f"{doc_anchor(docname)}--{node_id}"


def drop_toctrees(tree: nodes.Element) -> None:
    """Remove toctrees (a page printed on its own lists no links to other pages)."""
    for toctree in list(tree.findall(addnodes.toctree)):
        parent = toctree.parent
        parent.remove(toctree)
        if isinstance(parent, nodes.compound) and not parent.children:
            parent.parent.remove(parent)


def namespace_ids(tree: nodes.Element, docname: str, anchors: dict[str, str]) -> None:
    """Prefix every id of one document's tree with the document's anchor."""
    for node in tree.findall(nodes.Element):
        _rename(node, docname, anchors)


def _rename(node: nodes.Element, docname: str, anchors: dict[str, str]) -> None:
    if node.get("ids"):
        node["ids"] = [node_anchor(docname, node_id) for node_id in node["ids"]]
    if node.get("backrefs"):
        node["backrefs"] = [node_anchor(docname, ref) for ref in node["backrefs"]]
    if node.get("refid"):
        node["refid"] = node_anchor(docname, node["refid"])
    refuri = node.get("refuri")
    if isinstance(node, nodes.reference) and refuri and refuri.startswith("#"):
        node["refuri"] = rewrite_internal_uri(refuri, anchors)


def rewrite_internal_uri(refuri: str, anchors: dict[str, str]) -> str:
    """``#document-<name>`` or ``#document-<name>#<id>`` (as the builder resolves a reference
    to another document) -> that document's anchor, or the namespaced id in it."""
    head, _, node_id = refuri[1:].partition("#")
    target = anchors.get(head)
    if target is None:
        return refuri
    return f"#{node_anchor(target, node_id)}" if node_id else f"#{doc_anchor(target)}"


class BookAnchors(SphinxPostTransform):
    """Unique, language-independent anchors and Sphinx's numbers for the assembled book."""

    default_priority = 900  # after every reference is resolved and ``only`` is applied
    builders = ("pdf",)

    def run(self, **kwargs: Any) -> None:
        if not self.document.get(BOOK_FLAG):
            return
        env = self.env
        root = self.config.root_doc
        anchors = {f"document-{name}": name for name in env.all_docs}
        fignumbers: dict[str, dict[str, tuple[int, ...]]] = {}
        titled: set[str] = set()

        def walk(node: nodes.Element, docname: str, depth: int) -> None:
            if isinstance(node, addnodes.start_of_file):
                docname = node["docname"]
                node["depth"] = depth
                depth += 1
            if isinstance(node, nodes.section) and node.get("ids"):
                self._number_section(node, docname, docname not in titled, depth)
                titled.add(docname)
            for figtype, numbers in env.toc_fignumbers.get(docname, {}).items():
                for node_id in node.get("ids", ()):
                    if node_id in numbers:
                        new_id = node_anchor(docname, node_id)
                        fignumbers.setdefault(figtype, {})[new_id] = numbers[node_id]
            _rename(node, docname, anchors)
            for child in node.children:
                if isinstance(child, nodes.Element):
                    walk(child, docname, depth)

        walk(self.document, root, 0)
        self.document["pdf_fignumbers"] = fignumbers
        _lift_chapters(self.document)

    def _number_section(
        self, section: nodes.section, docname: str, first: bool, depth: int
    ) -> None:
        title = section[0] if section.children else None
        if not isinstance(title, nodes.title):
            return
        numbers = self.env.toc_secnumbers.get(docname, {})
        # Sphinx keys a document's first heading as "" and the others as "#<id>".
        number = numbers.get("" if first else "#" + section["ids"][0])
        if number:
            title["secnumber"] = number
        if first and docname != self.config.root_doc:
            title["classes"] += ["chapter-title", f"depth-{max(depth - 1, 0)}"]


def _lift_chapters(document: nodes.document) -> None:
    """Move the root document's chapters out of its section, after it.

    Each chapter then starts a top-level section of its own (``<h1>``), and what stays in the
    root document's section is the book's front matter.
    """
    root_section = next((n for n in document.children if isinstance(n, nodes.section)), None)
    if root_section is None:
        return
    root_section["classes"].append("book-front")
    chapters = [
        node
        for node in root_section.findall(addnodes.start_of_file)
        if not _inside_chapter(node, root_section)
    ]
    for chapter in chapters:
        parent = chapter.parent
        parent.remove(chapter)
        if isinstance(parent, nodes.compound) and not parent.children:
            parent.parent.remove(parent)
    document.extend(chapters)


def _inside_chapter(node: nodes.Node, stop: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None and parent is not stop:
        if isinstance(parent, addnodes.start_of_file):
            return True
        parent = parent.parent
    return False


class RefuseRemoteImages(SphinxPostTransform):
    """A PDF build never downloads: a remote image is replaced by its alt text, with a warning."""

    default_priority = 890
    builders = ("pdf",)

    def run(self, **kwargs: Any) -> None:
        if self.config.pdf_allow_remote_images:
            return
        for image in list(self.document.findall(nodes.image)):
            uri = image.get("uri", "")
            if not is_remote(uri):
                continue
            logger.warning(
                "remote image %s not fetched: a PDF build does not use the network; "
                "download it into the project, or set pdf_allow_remote_images = True",
                uri,
                location=image,
                type="pdf",
                subtype="remote_image",
            )
            alt = image.get("alt", "")
            replacement = nodes.inline(alt, alt, classes=["image-not-fetched"])
            if isinstance(image.parent, nodes.reference) and len(image.parent) == 1:
                image.parent.replace_self(replacement)
            else:
                image.replace_self(replacement)
