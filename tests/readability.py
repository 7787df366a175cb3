"""Plain-language measures of a built HTML page, as HANDOUT-STANDARD.md defines them."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

#: Elements whose text is one unit of reading: a heading, a paragraph, a list item, a term.
_UNITS = {"p", "li", "h1", "h2", "h3", "dt", "dd"}


class _BodyText(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <div class="body">
        self.units: list[str] = []
        self.lists: list[int] = []
        self._open: list[list[str]] = []
        self._list_stack: list[int] = []
        self._skip = 0  # inside a toctree: navigation, not reading text

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and ("body" in classes or self.depth):
            self.depth += 1
        if not self.depth:
            return
        if tag == "div" and (self._skip or "toctree-wrapper" in classes):
            self._skip += 1
        if self._skip:
            return
        if tag in _UNITS:
            self._open.append([])
        if tag in {"ul", "ol"}:
            self._list_stack.append(0)
        if tag == "li" and self._list_stack:
            self._list_stack[-1] += 1

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "div":
            self.depth -= 1
            if self._skip:
                self._skip -= 1
                return
        if self._skip:
            return
        if tag in _UNITS and self._open:
            text = re.sub(r"\s+", " ", "".join(self._open.pop())).strip()
            if text:
                # A heading or list item is read as a sentence of its own.
                self.units.append(text if text[-1] in ".?!:" else text + ".")
        if tag in {"ul", "ol"} and self._list_stack:
            self.lists.append(self._list_stack.pop())

    def handle_data(self, data: str) -> None:
        if self.depth and self._open and not self._skip:
            self._open[-1].append(data)


def page_text(html_file: Path) -> tuple[str, list[int]]:
    """The reading text of a page's body, and the number of items in each of its lists."""
    parser = _BodyText()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return " ".join(parser.units), parser.lists
