"""The builder's configuration values: declared with their types, checked when the builder starts.

Every value is documented in the README; an invalid one stops the build with a ``ConfigError``
that names the value and the fix.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import ENUM, Config
from sphinx.errors import ConfigError

#: Paper sizes the theme lays out: CSS ``size`` value, width and height.
PAPER_SIZES: dict[str, tuple[str, str, str]] = {
    "a4": ("A4", "210mm", "297mm"),
    "letter": ("letter", "215.9mm", "279.4mm"),
}

#: ``digital``: for reading on screen and printing at home or in an office.
#: ``press``: for a print shop: 3 mm bleed, crop marks, chapters on right-hand pages.
PROFILES = ("digital", "press")

#: WeasyPrint options the builder sets itself; a project cannot override them in ``pdf_options``.
MANAGED_OPTIONS = frozenset({"stylesheets", "attachments", "cache", "pdf_variant"})

_LENGTH = re.compile(r"^\d+(\.\d+)?(mm|cm|in|pt|pc|px)$")
MARGIN_SIDES = ("top", "bottom", "inside", "outside")

#: Fonts for scripts that the base fonts do not draw, by language (the first part of the code).
DEFAULT_SCRIPT_FONTS = {
    "zh": '"Noto Sans CJK SC", "Noto Sans", sans-serif',
    "zh_TW": '"Noto Sans CJK TC", "Noto Sans", sans-serif',
    "zh_HK": '"Noto Sans CJK HK", "Noto Sans", sans-serif',
    "yue": '"Noto Sans CJK HK", "Noto Sans", sans-serif',
    "ja": '"Noto Sans CJK JP", "Noto Sans", sans-serif',
    "ko": '"Noto Sans CJK KR", "Noto Sans", sans-serif',
    "ar": '"Noto Naskh Arabic", "Noto Sans", sans-serif',
    "fa": '"Noto Naskh Arabic", "Noto Sans", sans-serif',
    "ur": '"Noto Nastaliq Urdu", "Noto Naskh Arabic", sans-serif',
    "he": '"Noto Sans Hebrew", "Noto Sans", sans-serif',
    "hi": '"Noto Sans Devanagari", "Noto Sans", sans-serif',
    "ne": '"Noto Sans Devanagari", "Noto Sans", sans-serif',
    "bn": '"Noto Sans Bengali", "Noto Sans", sans-serif',
    "si": '"Noto Sans Sinhala", "Noto Sans", sans-serif',
    "ta": '"Noto Sans Tamil", "Noto Sans", sans-serif',
    "te": '"Noto Sans Telugu", "Noto Sans", sans-serif',
    "ka": '"Noto Sans Georgian", "Noto Sans", sans-serif',
}

DEFAULT_FONTS = {
    "body": '"Noto Sans", "DejaVu Sans", sans-serif',
    "heading": '"Noto Serif", "DejaVu Serif", serif',
    "mono": '"Noto Sans Mono", "DejaVu Sans Mono", monospace',
}


def register(app: Sphinx) -> None:
    """Declare every configuration value of the builder."""
    add = app.add_config_value
    # "{project}" and "{language}" are filled in when the file is written.
    add("pdf_basename", "{project}-{language}", "", types=frozenset({str}))
    add("pdf_paper_size", "a4", "", types=ENUM(*PAPER_SIZES))
    add("pdf_profile", "digital", "", types=ENUM(*PROFILES))
    # PDF/UA-1 identification (tags, XMP); "pdf/a-3u" or another WeasyPrint variant for archives.
    add("pdf_variant", "pdf/ua-1", "", types=frozenset({str, type(None)}))
    add("pdf_margins", {}, "", types=frozenset({dict}))
    add("pdf_fonts", {}, "", types=frozenset({dict}))
    add("pdf_script_fonts", {}, "", types=frozenset({dict}))
    add("pdf_cover_title", None, "", types=frozenset({str, type(None)}))
    add("pdf_cover_subtitle", "", "", types=frozenset({str}))
    add("pdf_cover_author", lambda config: config.author, "", types=frozenset({str}))
    add("pdf_cover_notice", "", "", types=frozenset({str}))
    add("pdf_theme_path", None, "", types=frozenset({str, type(None)}))
    add("pdf_allow_remote_images", False, "", types=frozenset({bool}))
    add("pdf_options", {"pdf_tags": True}, "", types=frozenset({dict}))
    add("pdf_debug_html", False, "", types=frozenset({bool}))


def margins(config: Config) -> dict[str, str]:
    return {"top": "22mm", "bottom": "24mm", "inside": "30mm", "outside": "30mm"} | dict(
        config.pdf_margins
    )


def fonts(config: Config) -> dict[str, str]:
    return DEFAULT_FONTS | dict(config.pdf_fonts)


def script_fonts(config: Config) -> dict[str, str]:
    return DEFAULT_SCRIPT_FONTS | dict(config.pdf_script_fonts)


def check(app: Sphinx, config: Config) -> None:
    """Reject values Sphinx's type check lets through, with the fix in the message."""
    # Sphinx only warns about a value outside an ENUM; for print, a wrong paper is an error.
    if config.pdf_paper_size not in PAPER_SIZES:
        raise ConfigError(
            f"pdf_paper_size = {config.pdf_paper_size!r}: use one of {', '.join(PAPER_SIZES)}"
        )
    if config.pdf_profile not in PROFILES:
        raise ConfigError(f"pdf_profile = {config.pdf_profile!r}: use one of {', '.join(PROFILES)}")
    if config.pdf_variant is not None:
        from weasyprint.pdf import VARIANTS

        if config.pdf_variant not in VARIANTS:
            raise ConfigError(
                f"pdf_variant = {config.pdf_variant!r}: use None or one of "
                + ", ".join(sorted(VARIANTS))
            )
    try:
        config.pdf_basename.format(project="p", language="l")
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(
            f"pdf_basename = {config.pdf_basename!r}: only {{project}} and {{language}} "
            f"are filled in ({exc!r})"
        ) from exc
    for name, value in margins(config).items():
        if name not in MARGIN_SIDES:
            raise ConfigError(f"pdf_margins has {name!r}: use {', '.join(MARGIN_SIDES)}")
        if not isinstance(value, str) or not _LENGTH.match(value):
            raise ConfigError(f"pdf_margins[{name!r}] = {value!r}: give a length such as '20mm'")
    for name, family in fonts(config).items():
        if name not in DEFAULT_FONTS:
            raise ConfigError(f"pdf_fonts has {name!r}: use {', '.join(DEFAULT_FONTS)}")
        _check_family(f"pdf_fonts[{name!r}]", family)
    for language, family in script_fonts(config).items():
        _check_family(f"pdf_script_fonts[{language!r}]", family)
    _check_options(config.pdf_options)


def _check_family(name: str, family: Any) -> None:
    # A font list goes into the stylesheet as it is: it must not be able to end the rule.
    if not isinstance(family, str) or not family.strip() or any(c in family for c in "{};<>\\"):
        raise ConfigError(
            f"{name} = {family!r}: give a CSS font-family list such as '\"Noto Sans\", sans-serif'"
        )


def _check_options(options: dict[str, Any]) -> None:
    from weasyprint import DEFAULT_OPTIONS

    unknown = sorted(set(options) - set(DEFAULT_OPTIONS))
    if unknown:
        raise ConfigError(
            f"pdf_options has {unknown}, which WeasyPrint does not know; "
            f"see weasyprint.DEFAULT_OPTIONS"
        )
    managed = sorted(set(options) & MANAGED_OPTIONS)
    if managed:
        raise ConfigError(
            f"pdf_options sets {managed}, which the builder sets itself; "
            "use pdf_variant for the PDF variant"
        )
