"""The site's search in every language: a Chinese stemmer that exists, and messages in Arabic.

Two gaps of Sphinx 9 that leave a search page stuck or silent:

* Chinese: Sphinx's ``SearchChinese`` ships the English Snowball stemmer (``english-stemmer.js``,
  which defines ``EnglishStemmer``) but names the JavaScript stemmer after the language, so
  ``language_data.js`` ends with ``window.Stemmer = ChineseStemmer`` and the page throws. The
  Python side stems the Latin words of a Chinese page with the English stemmer, so the browser
  must too: :class:`ChineseSearch` says so.
* Messages: the search page's JavaScript reads ``_static/translations.js``, which Sphinx copies
  from its own ``sphinx.js`` and never merges with a project's catalogue. Its Arabic one leaves
  35 of 54 messages empty, its Spanish one the result count. After the build we write
  ``translations.js`` again, Sphinx's messages overlaid with ours from
  ``locale/<lang>/LC_MESSAGES/sphinx.po`` (the catalogue Sphinx already merges for templates).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import sphinx
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.search.zh import SearchChinese
from sphinx.util import logging
from sphinx.util.typing import ExtensionMetadata

from build_tools import __version__
from build_tools.atomic import write_text_atomic

logger = logging.getLogger(__name__)

_ADD_TRANSLATIONS = re.compile(r"Documentation\.addTranslations\((.*)\);\s*$", re.DOTALL)


class ChineseSearch(SearchChinese):
    """Sphinx's Chinese search, with the name of the JavaScript stemmer it really ships."""

    # Read by the index builder as f"window.Stemmer = {language_name}Stemmer;" (Sphinx 9).
    language_name = "English"


def sphinx_translations_js(language: str) -> dict[str, Any] | None:
    """The messages of Sphinx's own ``sphinx.js`` for ``language``, or None if it has none."""
    path = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.js"
    if not path.is_file():
        return None
    match = _ADD_TRANSLATIONS.search(path.read_text(encoding="utf-8"))
    if not match:
        return None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def merge_catalogue(data: dict[str, Any], catalogue_path: Path, language: str) -> int:
    """Fill ``data['messages']`` from a ``sphinx.po``; return how many messages it filled."""
    with catalogue_path.open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    messages: dict[str, Any] = data["messages"]
    filled = 0
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        if key not in messages:
            continue  # not a message of Sphinx's JavaScript
        if isinstance(message.string, tuple):
            if all(message.string):
                messages[key] = list(message.string)
                filled += 1
        elif message.string:
            messages[key] = message.string
            filled += 1
    return filled


def write_translations_js(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html" or app.builder.name == "epub":
        return
    language = app.config.language or "en"
    data = sphinx_translations_js(language)
    catalogues = [
        Path(app.srcdir, d, language, "LC_MESSAGES", "sphinx.po") for d in app.config.locale_dirs
    ]
    catalogues = [path for path in catalogues if path.is_file()]
    if data is None or not catalogues:
        return
    for path in reversed(catalogues):  # the first locale_dir wins, as in Sphinx
        merge_catalogue(data, path, language)
    target = Path(app.outdir, "_static", "translations.js")
    body = json.dumps(data, ensure_ascii=False, indent=1)
    text = f"Documentation.addTranslations({body});\n"
    write_text_atomic(target, text)
    empty = [
        key
        for key, value in data["messages"].items()
        if not all([value] if isinstance(value, str) else value)
    ]
    logger.debug("translations.js for %s: %d messages still empty", language, len(empty))


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_search_language(ChineseSearch)
    app.connect("build-finished", write_translations_js)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
