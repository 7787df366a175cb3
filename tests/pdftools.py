"""Read back what a PDF really holds: text per page, fonts, catalogue entries."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from pypdf import PdfReader


def page_texts(pdf: Path) -> list[str]:
    """The text of every page, as poppler's pdftotext extracts it (reading order, no layout)."""
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def fonts(pdf: Path) -> list[dict[str, str]]:
    """Rows of ``pdffonts``: name, type, emb, sub, uni."""
    out = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name, then type (one or more words), encoding, emb, sub, uni, object id (two numbers)
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def catalog_lang(pdf: Path) -> str | None:
    lang = PdfReader(str(pdf)).trailer["/Root"].get("/Lang")
    return str(lang) if lang is not None else None


def page_size_mm(pdf: Path) -> tuple[float, float]:
    box = PdfReader(str(pdf)).pages[0].mediabox
    return (round(float(box.width) * 25.4 / 72, 1), round(float(box.height) * 25.4 / 72, 1))


def normalise_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def toc_entries(page_text: str) -> list[tuple[str, int]]:
    """``(title, page)`` pairs from a contents page whose lines end in dot leaders and a number.

    The page's first line is its heading ("Contents") and is skipped.
    """
    entries = []
    pending = ""
    lines = [line for line in page_text.splitlines() if line.strip()]
    for line in lines[1:]:
        match = re.match(r"^(.*?)[\s.·…]*?\s*\.{3,}\s*(\d+)\s*$", line)
        if match:
            entries.append((normalise_space(pending + " " + match.group(1)), int(match.group(2))))
            pending = ""
        elif line.strip():
            pending = normalise_space(pending + " " + line)
    return entries


def font_sizes(pdf: Path) -> dict[float, int]:
    """How many characters the PDF sets at each effective font size (points)."""
    import math
    from collections import Counter

    sizes: Counter[float] = Counter()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            sizes[round(size * scale, 1)] += len(text.strip())

    for page in PdfReader(str(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return dict(sizes)


def page_count(pdf: Path) -> int:
    return len(PdfReader(str(pdf)).pages)


def qr_codes(pdf: Path, workdir: Path) -> list[str]:
    """Every QR code on every page, decoded by zbarimg from a 150 dpi rendering."""
    prefix = workdir / pdf.stem
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(prefix)], check=True)
    found = []
    for image in sorted(workdir.glob(f"{pdf.stem}*.png")):
        result = subprocess.run(
            ["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True, check=False
        )
        found.extend(line for line in result.stdout.splitlines() if line)
    return found
