"""Read a figure's SVG source: its labels; write it again with the labels of one language.

A figure is an SVG file whose words are all in ``<text>`` elements (tspans inside one are one
label, read as one message) and in its ``<title>`` and ``<desc>``. Each ``<text>`` names itself
and its box, so that the build can wrap a translation and tell when it no longer fits:

``id``
    the label's name, used in the translators' comment and in the overflow report;
``data-width``
    the width of the label's box, in the figure's units; the label wraps within it;
``data-lines``
    how many lines the box holds (default 1).

The root may declare ``data-mirror="true"``: in a right-to-left language the drawing is then
flipped left to right (an arrow showing reading order); a picture of the body is never mirrored,
which is the default. Labels are never mirrored, only moved with their anchor; in a mirrored figure
they are direct children of the root.

The file is parsed with defusedxml (no DTD, no entities) and may hold no script, no foreign object
and no reference outside itself: a figure is drawn, not loaded.
"""

from __future__ import annotations

import copy
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import arabic_reshaper
from bidi import get_display
from defusedxml import ElementTree as SafeET

from build_tools.figures import fonts

SVG_NS = "http://www.w3.org/2000/svg"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ET.register_namespace("", SVG_NS)
#: The default line height of a wrapped label, in ems.
LINE_HEIGHT = 1.2
FORBIDDEN = {"script", "foreignObject", "image", "use", "style", "a", "iframe"}


class FigureError(ValueError):
    """A figure source that breaks the rules above; the message names file, line and fix."""


@dataclass(frozen=True)
class Label:
    """One message of a figure: a ``<text>`` label, or its ``<title>`` or ``<desc>``."""

    name: str
    kind: str  # "label", "title" or "desc"
    text: str
    line: int
    font_size: float = 0.0
    width: float = 0.0
    lines: int = 1


@dataclass(frozen=True)
class Layout:
    lines: list[str]
    widest: float
    fits: bool


def _tag(element: ET.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def normalised(text: str) -> str:
    return " ".join(text.split())


def _line_of(source: str, needle: str) -> int:
    index = source.find(needle)
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


def _number(path: Path, line: int, element: ET.Element, name: str, default: str | None) -> float:
    value = element.get(name, default)
    try:
        if value is None:
            raise ValueError
        number = float(value)
    except ValueError:
        label = element.get("id", "?")
        raise FigureError(
            f"{path}:{line}: label {label!r} needs a number in {name}= (its box); "
            f'add e.g. {name}="24"'
        ) from None
    if number <= 0:
        raise FigureError(f"{path}:{line}: {name}= of label {element.get('id')!r} must be > 0")
    return number


def parse(path: Path) -> tuple[ET.Element, list[Label]]:
    """The SVG's root and its labels, in document order; :class:`FigureError` on a broken one."""
    try:
        source = path.read_text(encoding="utf-8")
        root = SafeET.fromstring(source)
    except (OSError, UnicodeDecodeError) as exc:
        raise FigureError(f"{path}: cannot read the figure: {exc}") from None
    except Exception as exc:  # defusedxml and expat raise several kinds for a broken file
        raise FigureError(f"{path}: not a well-formed SVG file: {exc}; fix the XML") from None
    if _tag(root) != "svg" or root.tag != f"{{{SVG_NS}}}svg":
        raise FigureError(f"{path}:1: the root must be an <svg> in the SVG namespace")
    if root.get("viewBox") is None:
        raise FigureError(f'{path}:1: the <svg> needs a viewBox="0 0 WIDTH HEIGHT"')
    labels: list[Label] = []
    seen: set[str] = set()
    parents = {child: parent for parent in root.iter() for child in parent}
    for element in root.iter():
        tag = _tag(element)
        if tag in FORBIDDEN or any(a.startswith("on") for a in element.attrib):
            raise FigureError(
                f"{path}: <{tag}> or an event handler in a figure; draw with shapes and text only"
            )
        if any(_refers_outside(value) for value in element.attrib.values()):
            raise FigureError(f"{path}: <{tag}> refers outside the figure; remove the reference")
        if tag in {"title", "desc"} and element.text and element.text.strip():
            line = _line_of(source, f"<{tag}")
            labels.append(Label(tag, tag, normalised(element.text), line))
        elif tag == "text":
            name = element.get("id")
            text = normalised("".join(element.itertext()))
            line = _line_of(source, f'id="{name}"') if name else 1
            if not name:
                raise FigureError(f"{path}: a <text> ({text!r}) has no id=; name each label")
            if name in seen:
                raise FigureError(f"{path}:{line}: two labels are called {name!r}; rename one")
            seen.add(name)
            if not text:
                continue
            ancestor: ET.Element | None = element
            while ancestor is not None and ancestor.get("font-size") is None:
                ancestor = parents.get(ancestor)
            if ancestor is not None:
                element.set("font-size", ancestor.get("font-size", ""))  # the size is the label's
            labels.append(
                Label(
                    name,
                    "label",
                    text,
                    line,
                    font_size=_number(path, line, element, "font-size", None),
                    width=_number(path, line, element, "data-width", None),
                    lines=int(_number(path, line, element, "data-lines", "1")),
                )
            )
    return root, labels


def _refers_outside(value: str) -> bool:
    value = value.strip().lower()
    return value.startswith(("http:", "https:", "file:", "data:", "//")) or (
        "url(" in value and "url(#" not in value
    )


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in {"W", "F"}


def _tokens(text: str) -> list[str]:
    """Words, and each Chinese or Japanese character on its own: where a line may break."""
    tokens: list[str] = []
    for word in text.split(" "):
        current = ""
        for char in word:
            if _is_wide(char) and unicodedata.category(char) not in {"Po", "Pe", "Pf"}:
                if current:
                    tokens.append(current)
                current = char
            else:
                current += char
        if current:
            tokens.append(current)
        tokens.append(" ")
    return tokens[:-1]


def visual(line: str) -> str:
    """A right-to-left line in the order it is drawn, its Arabic letters in their joined forms.

    WeasyPrint 70 draws SVG text one character at a time, left to right (weasyprint/svg/text.py):
    Arabic letters would come out unjoined and a right-to-left line backwards. Each line of a
    right-to-left label is therefore given to every renderer already shaped (Unicode presentation
    forms, which the Noto Arabic fonts have) and in visual order, with ``unicode-bidi`` set to
    ``bidi-override`` so that browsers draw it as it stands. Short vowel marks are dropped: drawn
    one by one they would stand apart from their letters.
    """
    return str(get_display(arabic_reshaper.reshape(line)))


def wrap(text: str, width: float, font_size: float, max_lines: int, *, rtl: bool = False) -> Layout:
    """Break ``text`` greedily into lines of at most ``width``; say whether it fits its box.

    The lines are logical text; in a right-to-left language each is measured as it is drawn.
    """

    def measure(line: str) -> float:
        return fonts.text_width(visual(line) if rtl else line, font_size)

    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        candidate = current + token
        if current and token != " " and measure(candidate) > width:
            lines.append(current.rstrip())
            current = token
        else:
            current = candidate if (current or token != " ") else ""
    if current.strip():
        lines.append(current.rstrip())
    widest = max((measure(line) for line in lines), default=0.0)
    return Layout(lines, widest, widest <= width and len(lines) <= max_lines)


def _view_box(root: ET.Element) -> tuple[float, float]:
    x, _y, width, _height = (float(v) for v in re.split(r"[\s,]+", root.get("viewBox", "").strip()))
    return x, width


def render(
    root: ET.Element,
    translations: dict[str, str],
    layouts: dict[str, Layout],
    *,
    language: str,
    rtl: bool,
) -> bytes:
    """The figure with its labels in ``language``: title, desc and wrapped ``<text>`` labels.

    ``translations`` maps each label's English text to its translation (English where there is
    none); ``layouts`` gives each ``<text>`` label's lines, by its id.
    """
    root = copy.deepcopy(root)
    root.set(f"{{{XML_NS}}}lang", language.replace("_", "-"))
    root.set("role", "img")
    mirror = rtl and root.get("data-mirror", "false").strip().lower() == "true"
    x0, width = _view_box(root)
    texts: list[ET.Element] = []
    for element in list(root.iter()):
        tag = _tag(element)
        if tag in {"title", "desc"} and element.text:
            element.text = translations.get(normalised(element.text), element.text)
        elif tag == "text":
            texts.append(element)
    for element in texts:
        layout = layouts.get(element.get("id", ""))
        if layout is None:
            continue
        size = float(element.get("font-size", "16"))
        x = element.get("x", "0")
        for child in list(element):
            element.remove(child)
        element.text = None
        element.set("font-family", fonts.FONT_FAMILY)
        anchor = element.get("text-anchor", "start")
        if mirror:
            x = f"{2 * x0 + width - float(x):g}"
            element.set("x", x)
            anchor = {"start": "end", "end": "start"}.get(anchor, anchor)
        if rtl:
            # Drawn as it stands (see visual()): the anchor keeps its place on the drawing.
            element.set("direction", "ltr")
            element.set("unicode-bidi", "bidi-override")
        element.set("text-anchor", anchor)
        for index, line in enumerate(layout.lines):
            tspan = ET.SubElement(element, f"{{{SVG_NS}}}tspan", {"x": x})
            if index:
                tspan.set("dy", f"{size * LINE_HEIGHT:g}")
            tspan.text = visual(line) if rtl else line
    if mirror:
        flip = f"matrix(-1 0 0 1 {2 * x0 + width:g} 0)"
        drawing = ET.Element(f"{{{SVG_NS}}}g", {"transform": flip})
        for child in list(root):
            if _tag(child) not in {"title", "desc", "text"}:
                root.remove(child)
                drawing.append(child)
        leading = sum(1 for child in root if _tag(child) in {"title", "desc"})
        root.insert(leading, drawing)
    for element in root.iter():
        for name in [n for n in element.attrib if n.startswith("data-")]:
            del element.attrib[name]
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
