"""The builder's own words (``Contents``, ``Page 3 of 40``, ``Index``) in the book's language.

They live in the builder's message catalogue, ``locale/<lang>/LC_MESSAGES/<domain>.po`` beside this
module, one per language that Sphinx itself ships, and reach Sphinx through its public API
(``app.add_message_catalog`` and ``sphinx.locale.get_translation``). Sphinx reads compiled ``.mo``
files; they are compiled from the ``.po`` here, with Babel, into the build's doctree folder, so the
source tree and an installed package are never written to.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translation

from .atomic import atomic_output

#: The gettext domain of the builder's strings.
DOMAIN = "sphinx_weasyprint_book"
CATALOGUES = Path(__file__).parent / "locale"

_ = get_translation(DOMAIN)


def shipped_languages() -> list[str]:
    """The languages the builder has a catalogue for."""
    return sorted(p.parent.parent.name for p in CATALOGUES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def register_catalogue(app: Sphinx, config: Config) -> None:
    """Compile the catalogues for the build's language and register them with Sphinx."""
    language = config.language or "en"
    compiled = Path(app.doctreedir) / f"{DOMAIN}-locale"
    # gettext falls back from pt_BR to pt: compile both where they exist.
    for code in dict.fromkeys((language, language.split("_")[0])):
        source = CATALOGUES / code / "LC_MESSAGES" / f"{DOMAIN}.po"
        if not source.is_file():
            continue
        target = compiled / code / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if target.is_file() and target.stat().st_mtime_ns >= source.stat().st_mtime_ns:
            continue
        with source.open("rb") as handle:
            catalogue = read_po(handle, locale=code, domain=DOMAIN)
        with atomic_output(target) as out:
            write_mo(out, catalogue, use_fuzzy=False)
    app.add_message_catalog(DOMAIN, str(compiled))
