"""Measure label text in the fonts the handbook's body text uses, and find characters none has.

The labels of a figure are set in the body text's font stack (``common.css``: Noto Sans, then
Noto Sans CJK SC, then Noto Naskh Arabic), so a Chinese or Arabic label looks like the text around
the figure. fontconfig finds the files, as it does for WeasyPrint and for the browser; fontTools
reads their advance widths. Widths are summed per character without shaping: joined Arabic forms
and kerning change a label's width by a few percent, well inside the margin a label box keeps.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont

#: The body text's font stack (build_tools/pdf/theme/static/common.css), for SVG ``font-family``.
FONT_STACK = ("Noto Sans", "Noto Sans CJK SC", "Noto Naskh Arabic")
#: Unquoted and without spaces after the commas: WeasyPrint 70 splits the SVG attribute on commas
#: and strips quotes but not spaces, so "'A', 'B'" would name a family " 'B" that no font has.
FONT_FAMILY = ",".join((*FONT_STACK, "sans-serif"))


class FontMissing(RuntimeError):
    """A font of the stack is not installed (``make system-packages`` installs them)."""


@dataclass(frozen=True)
class Face:
    family: str
    cmap: dict[int, str]
    advances: dict[str, int]
    units_per_em: int


@functools.cache
def _face(family: str) -> Face:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        raise FontMissing("fc-match (fontconfig) is not installed; run make system-packages")
    found = subprocess.run(
        [fc_match, "-f", "%{family}\n%{file}\n%{index}", family],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\n")
    if len(found) < 3 or family not in found[0].split(","):
        raise FontMissing(f"the font {family!r} is not installed; run make system-packages")
    path, index = Path(found[1]), int(found[2] or 0)
    font = TTCollection(path).fonts[index] if path.suffix.lower() == ".ttc" else TTFont(path)
    cmap = dict(font.getBestCmap())
    advances = {name: metric[0] for name, metric in font["hmtx"].metrics.items()}
    return Face(family, cmap, advances, int(font["head"].unitsPerEm))


def faces() -> tuple[Face, ...]:
    return tuple(_face(family) for family in FONT_STACK)


def _ignorable(char: str) -> bool:
    # Format characters (bidi marks, zero-width joiners) and spaces draw nothing to look up.
    return unicodedata.category(char) in {"Cf", "Zs", "Cc"}


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` that no font of the stack has."""
    stack = faces()
    return [
        char
        for char in dict.fromkeys(text)
        if not _ignorable(char) and not any(ord(char) in face.cmap for face in stack)
    ]


def text_width(text: str, font_size: float) -> float:
    """The width of ``text`` at ``font_size``, in the same units, as the font stack sets it."""
    stack = faces()
    total = 0.0
    for char in text:
        for face in stack:
            glyph = face.cmap.get(ord(char))
            if glyph is not None:
                total += face.advances.get(glyph, 0) / face.units_per_em
                break
        else:
            if char == " " or _ignorable(char):
                total += 0.26 if char == " " else 0.0
            else:
                total += 1.0  # drawn as a missing-glyph box, reported elsewhere
    return total * font_size
