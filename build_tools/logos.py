"""A clinic's logo is checked before any handout uses it: a small, self-contained image.

- An SVG is parsed with ``defusedxml``: no document type, no entities, nothing external. Every
  reference (``href``, ``xlink:href``, ``url(...)`` in a style) must point inside the file
  (``#id``) or be an embedded raster image (``data:image/png``, ``jpeg``, ``gif``); no script, no
  ``foreignObject``, no style sheet import, and a bounded number of elements.
- A PNG is read with Pillow: really a PNG, at most :data:`MAX_PIXELS` pixels, not damaged.
- Either way the file is at most :data:`MAX_BYTES`.

Every problem is a :class:`LogoError` with one short line: it quotes at most a few dozen
characters of the file, never its data.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

#: A logo is a small picture: anything bigger is a mistake (or an attack on the press).
MAX_BYTES = 1024 * 1024
MAX_PIXELS = 4000 * 4000
MAX_SIDE = 8000
MAX_SVG_ELEMENTS = 5000
MAX_SVG_USES = 200
#: Embedded rasters that an SVG logo may carry.
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif)[;,]", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.IGNORECASE)
_FORBIDDEN = frozenset({"script", "foreignObject", "iframe", "object", "embed", "audio", "video"})
_SHOWN = 60


class LogoError(ValueError):
    """A logo that must not be used; ``str()`` says why in one line (without the fix)."""


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def check(path: Path) -> None:
    """Raise :class:`LogoError` unless ``path`` is a logo the press may print."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise LogoError(f"is {size / 1048576:.1f} MB; a logo may be at most 1 MB")
    if path.suffix.lower() == ".svg":
        check_svg(path.read_bytes())
    else:
        check_png(path)


def check_png(path: Path) -> None:
    from PIL import Image

    # The size first, from the header itself: Pillow refuses a huge image with an exception that
    # does not say how big it is.
    with path.open("rb") as handle:
        head = handle.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise LogoError("is not a PNG image (its first bytes are not a PNG header)")
    width, height = struct.unpack(">II", head[16:24])
    if width > MAX_SIDE or height > MAX_SIDE or width * height > MAX_PIXELS:
        raise LogoError(
            f"is {width}×{height} pixels; a logo may have at most "
            f"{MAX_PIXELS // 1_000_000} million pixels ({MAX_SIDE} on a side)"
        )
    try:
        with Image.open(path, formats=["PNG"]) as image:
            image.verify()
    except Exception as exc:  # Pillow raises many kinds for a damaged or disguised file
        raise LogoError(f"is not a readable PNG image ({type(exc).__name__})") from None


def check_svg(data: bytes) -> None:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise LogoError(
            f"has a document type or entities ({type(exc).__name__}); an SVG logo may have neither"
        ) from None
    except Exception as exc:  # ParseError, or bytes that are not XML at all
        raise LogoError(f"is not a well-formed SVG file ({type(exc).__name__})") from None
    if _local(root.tag) != "svg":
        raise LogoError(f"is not an SVG image (its root element is {_shown(_local(root.tag))})")
    elements = list(root.iter())
    if len(elements) > MAX_SVG_ELEMENTS:
        raise LogoError(f"has {len(elements)} elements; an SVG logo may have {MAX_SVG_ELEMENTS}")
    uses = 0
    for element in elements:
        name = _local(element.tag)
        if name in _FORBIDDEN:
            raise LogoError(f"has a <{name}> element; an SVG logo may not")
        uses += name == "use"
        for attribute, value in element.attrib.items():
            key = _local(attribute)
            if key.lower().startswith("on"):
                raise LogoError(f"has an event handler ({key}); an SVG logo may not")
            if key == "href":
                _reference(value)
            for target in _CSS_URL.findall(value):
                _reference(target)
        if name == "style" and element.text:
            if "@import" in element.text:
                raise LogoError("imports a style sheet; an SVG logo must be self-contained")
            for target in _CSS_URL.findall(element.text):
                _reference(target)
    if uses > MAX_SVG_USES:
        raise LogoError(f"has {uses} <use> elements; an SVG logo may have {MAX_SVG_USES}")


def _reference(value: str) -> None:
    target = value.strip()
    if target.startswith("#") or _DATA_IMAGE.match(target):
        return
    raise LogoError(
        f"refers to {_shown(target)}; an SVG logo must be self-contained "
        "(only #id references and embedded PNG, JPEG or GIF images)"
    )
