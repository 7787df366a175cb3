"""The search's language data and messages, on catalogues unlike ours (no build needed)."""

from __future__ import annotations

from pathlib import Path

from build_tools.html_search import ChineseSearch, merge_catalogue, sphinx_translations_js
from build_tools.html_site import copy_downloads


def test_the_chinese_stemmer_named_in_language_data_is_the_one_shipped():
    from sphinx.search import IndexBuilder

    builder = IndexBuilder.__new__(IndexBuilder)
    builder.lang = ChineseSearch({})
    code = builder.get_js_stemmer_code()
    assert "window.Stemmer = EnglishStemmer;" in code
    assert "var EnglishStemmer" in code or "EnglishStemmer=" in code


def test_merge_fills_empty_messages_and_plurals_and_skips_fuzzy(tmp_path: Path):
    data = sphinx_translations_js("ar")
    assert data is not None
    assert data["messages"]["Preparing search..."] == ""  # Sphinx's own Arabic leaves it empty
    po = tmp_path / "sphinx.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ar\\n"\n'
        '"Plural-Forms: nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : '
        'n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);\\n"\n\n'
        'msgid "Preparing search..."\nmsgstr "تحضير"\n\n'
        '#, fuzzy\nmsgid "Searching"\nmsgstr "غامض"\n\n'
        'msgid "Not a message of the JavaScript"\nmsgstr "لا"\n\n'
        'msgid "Search finished, found one page matching the search query."\n'
        'msgid_plural "Search finished, found ${resultCount} pages matching the search query."\n'
        + "".join(f'msgstr[{n}] "صيغة {n} ${{resultCount}}"\n' for n in range(6)),
        encoding="utf-8",
    )
    filled = merge_catalogue(data, po, "ar")
    messages = data["messages"]
    assert filled == 2
    assert messages["Preparing search..."] == "تحضير"
    assert messages["Searching"] != "غامض"  # fuzzy: left as Sphinx has it
    assert "Not a message of the JavaScript" not in messages
    plural = messages["Search finished, found one page matching the search query."]
    assert plural == [f"صيغة {n} ${{resultCount}}" for n in range(6)]


def test_downloads_are_copied_into_the_site_when_built(tmp_path: Path):
    assert copy_downloads(tmp_path, "es") == []  # no site yet: nothing to do
    (tmp_path / "html" / "es").mkdir(parents=True)
    assert copy_downloads(tmp_path, "es") == []  # nothing built yet
    (tmp_path / "pdf").mkdir()
    (tmp_path / "pdf" / "handbook-es.pdf").write_bytes(b"%PDF-1.7 test")
    copied = copy_downloads(tmp_path, "es")
    assert copied == [tmp_path / "html" / "es" / "downloads" / "handbook-es.pdf"]
    assert copied[0].read_bytes() == b"%PDF-1.7 test"
