"""Gather a Sphinx project's documents, in reading order, into one doctree for print.

Sphinx's single-page builder keeps each document's ids as they are, so two pages that both have a
section "Risks and side effects" give two elements with one id. Print needs unique anchors, and
anchors that do not change with the language (ids made from translated titles break in Chinese),
so every id here is the document's name plus the id docutils gave it in that document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from docutils import nodes
from sphinx import addnodes
from sphinx.environment import BuildEnvironment


class _Resolver(Protocol):
    env: BuildEnvironment


def doc_anchor(docname: str) -> str:
    """A document's anchor in every language: ``procedures/tace`` -> ``doc-procedures-tace``."""
    return "doc-" + re.sub(r"[^A-Za-z0-9_-]+", "-", docname)


def node_anchor(docname: str, node_id: str) -> str:
    """The anchor of one element of a document, unique across the assembled book."""
    return f"{doc_anchor(docname)}--{node_id}"


@dataclass
class Chapter:
    """One document of the book: where it sits in the toctree, its title and its doctree."""

    docname: str
    depth: int
    title: str
    tree: nodes.document


def reading_order(env: BuildEnvironment, root: str) -> Iterator[tuple[str, int]]:
    """Every document reachable from ``root`` through toctrees, depth first, once each."""
    seen = {root}

    def walk(docname: str, depth: int) -> Iterator[tuple[str, int]]:
        yield docname, depth
        for child in env.toctree_includes.get(docname, []):
            if child not in seen and child in env.all_docs:
                seen.add(child)
                yield from walk(child, depth + 1)

    yield from walk(root, 0)


def assemble(builder: _Resolver, root: str) -> list[Chapter]:
    """Resolve each document for print and make its anchors unique; the root comes first."""
    env = builder.env
    chapters = []
    anchors = {f"#{doc_anchor(name)}": name for name in env.all_docs}
    for docname, depth in reading_order(env, root):
        tree = env.get_doctree(docname).deepcopy()
        drop_toctrees(tree)
        env.apply_post_transforms(tree, docname)
        namespace_ids(tree, docname, anchors)
        title = env.titles[docname].astext() if docname in env.titles else docname
        chapters.append(Chapter(docname, depth, title, tree))
    return chapters


def drop_toctrees(tree: nodes.document) -> None:
    # The book prints its own contents page; a toctree's list of links would repeat it.
    for toctree in list(tree.findall(addnodes.toctree)):
        parent = toctree.parent
        toctree.parent.remove(toctree)
        if isinstance(parent, nodes.compound) and not parent.children:
            parent.parent.remove(parent)


def namespace_ids(tree: nodes.document, docname: str, anchors: dict[str, str]) -> None:
    for node in tree.findall(nodes.Element):
        if node.get("ids"):
            node["ids"] = [node_anchor(docname, node_id) for node_id in node["ids"]]
        if node.get("backrefs"):
            node["backrefs"] = [node_anchor(docname, ref) for ref in node["backrefs"]]
        if node.get("refid"):
            node["refid"] = node_anchor(docname, node["refid"])
        refuri = node.get("refuri")
        if isinstance(node, nodes.reference) and refuri and refuri.startswith("#"):
            node["refuri"] = _rewrite_internal_uri(refuri, anchors)


def _rewrite_internal_uri(refuri: str, anchors: dict[str, str]) -> str:
    # A cross-document reference arrives as "#doc-<name>" or "#doc-<name>#<id>".
    head, _, node_id = refuri.partition("#")[2].partition("#")
    target = anchors.get(f"#{head}")
    if target is None:
        return refuri
    return f"#{node_anchor(target, node_id)}" if node_id else f"#{doc_anchor(target)}"
