"""Sphinx configuration of the IOS Handbook (build with ``sphinx-build -c .``; see the Makefile)."""

import sys
from pathlib import Path

# build_tools is this repository's own package: make it importable without installing it.
sys.path.insert(0, str(Path(__file__).resolve().parent))

project = "IOS Handbook"
author = "The IOS Handbook contributors"
copyright = "2026, The IOS Handbook contributors"
version = release = "1.0"

root_doc = "index"
extensions = ["build_tools.handbook"]
exclude_patterns = ["_build", "**/.*"]
templates_path: list[str] = []

# --- Languages -------------------------------------------------------------------------------
language = "en"
locale_dirs = ["../locale"]  # relative to source/
# Languages whose translation is complete: `make check-po` holds them to every check.
handbook_released_languages = ["es", "fr", "zh_CN", "ar"]
gettext_compact = False  # one catalogue per document: translators work page by page
gettext_uuid = False  # no random ids: catalogues stay stable between extractions
gettext_location = True  # "#: source/x.rst:12" tells a translator where a message stands
# Sphinx never compiles a .mo beside a source: each build compiles the catalogues it has checked
# into its own folder (build_tools.catalogues.use_compiled_catalogues) and reads only those.
gettext_auto_build = False
gettext_additional_targets: list[str] = []

# --- HTML ------------------------------------------------------------------------------------
# Alabaster with a language switcher and download links (build_tools.html_site)
html_theme = "ioshandbook"
html_title = "Interventional Oncology"
html_show_sourcelink = False
html_copy_source = False
html_theme_options = {
    "fixed_sidebar": False,
    "show_relbars": True,
    "show_powered_by": False,
    "font_family": '"Noto Sans", sans-serif',
    "head_font_family": '"Noto Serif", serif',
    "link": "#0b5563",
    "page_width": "1000px",
}
html_last_updated_fmt = None

# --- ePub ------------------------------------------------------------------------------------
epub_basename = "handbook-{language}"  # filled in per language by build_tools.handbook
epub_title = "Interventional Oncology: A Handbook for Patients and Families"
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_identifier = "urn:ios-handbook"  # each language's edition adds ":<lang>" (build_tools.epub)
epub_scheme = "URN"
epub_uid = "ios-handbook"
epub_show_urls = "no"
# Files of the basic theme that no page of the book uses (EPUBCheck's OPF-097 with --usage).
epub_exclude_files = ["search.html", "_static/basic.css", "_static/minus.png", "_static/plus.png"]

# --- PDF (build_tools.pdf) ---------------------------------------------------------------------
pdf_basename = "handbook-{language}"
pdf_paper_size = "a4"

# --- Handbook (build_tools.handbook) -----------------------------------------------------------
handbook_base_url = "https://handbook.example.org/"
