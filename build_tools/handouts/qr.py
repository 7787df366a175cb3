"""QR codes that lead from a printed handout to the same page online, in the same language."""

from __future__ import annotations

import segno


def qr_data_uri(url: str) -> str:
    """An SVG QR code for ``url`` as a data URI (medium error correction survives a crease)."""
    code = segno.make(url, error="m", micro=False)
    return str(code.svg_data_uri(scale=4, border=2, dark="#000000", light="#ffffff"))
