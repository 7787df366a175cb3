"""Every language in every format: complete catalogues, right scripts, right direction, search."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from build_tools.languages import Language, shipped_languages
from tests.pdftools import catalog_lang, normalise_space, page_texts

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = ["ar", "es", "fr", "zh_CN"]
ALL = ["en", *TRANSLATED]


def test_the_shipped_languages():
    assert shipped_languages(ROOT / "locale") == ALL


def test_every_catalogue_is_complete(tmp_path):
    json_path = tmp_path / "stats.json"
    result = subprocess.run(
        [sys.executable, "-m", "build_tools.stats", "--json", str(json_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    stats = json.loads(json_path.read_text(encoding="utf-8"))
    assert sorted(stats) == sorted(TRANSLATED)
    for language, documents in stats.items():
        assert "theme" in documents and "procedures/tace" in documents
        for document, counts in documents.items():
            assert set(counts) == {"translated", "fuzzy", "untranslated"}
            assert counts["fuzzy"] == 0 and counts["untranslated"] == 0, (language, document)
            assert counts["translated"] > 0
    assert "100.0%" in result.stdout


@pytest.mark.parametrize("language", TRANSLATED)
def test_pdf_is_in_its_language_with_every_glyph(handbook, language):
    pdf = handbook / "pdf" / f"handbook-{language}.pdf"
    text = normalise_space(" ".join(page_texts(pdf)))
    # The build runs with -W, and a .notdef glyph is a WeasyPrint warning: it built, so every
    # character had a glyph. Check the catalogue language and a word only the translation has.
    assert catalog_lang(pdf) == Language(language).bcp47
    marker = {"es": "Glosario", "fr": "Glossaire", "zh_CN": "术语表", "ar": "مسرد"}[language]
    assert marker in text
    assert "When to call your care team" not in text


def test_chinese_lines_never_start_with_closing_punctuation(handbook):
    pdf = handbook / "pdf" / "handbook-zh_CN.pdf"
    lines = [line.strip() for page in page_texts(pdf) for line in page.splitlines() if line.strip()]
    offenders = [line for line in lines if line[0] in "，。、）：；！？」』"]
    assert not offenders, offenders[:5]
    assert len(lines) > 200


@pytest.mark.parametrize("language", ALL)
def test_html_language_tag_direction_and_switcher(handbook, language):
    tag = Language(language).bcp47
    page = handbook / "html" / language / "procedures" / "tace.html"
    html = page.read_text(encoding="utf-8")
    assert f'<html lang="{tag}" dir="{Language(language).direction}"' in html
    for other in ALL:
        if other == language:
            continue
        href = f"../../{other}/procedures/tace.html"
        assert f'href="{href}"' in html and f'hreflang="{Language(other).bcp47}"' in html
        assert (page.parent / href).resolve().is_file()
    # The downloads are inside the language's site, so it works served on its own.
    up = "../downloads/"
    for download in (f"{up}handbook-{language}.pdf", f"{up}handbook-{language}.epub"):
        assert f'href="{download}"' in html
        assert (page.parent / download).resolve().is_file()


def _search_index(handbook: Path, language: str) -> dict:
    text = (handbook / "html" / language / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


@pytest.mark.parametrize(
    ("language", "word", "page"),
    [
        ("en", "embolization", "procedures/tace"),
        ("es", "quimioembolización", "procedures/tace"),
        ("fr", "chimioembolisation", "procedures/tace"),
        ("zh_CN", "输液港", "procedures/venous-access-ports"),
        ("ar", "القسطرة", "procedures/tace"),
    ],
)
def test_search_finds_a_word_on_its_page(handbook, language, word, page):
    from sphinx.search import languages as search_languages

    index = _search_index(handbook, language)
    # Sphinx's own search language turns the query into index keys, as searchtools.js does.
    lang_key = language.split("_")[0]
    language_class = search_languages.get(lang_key)
    keys = {word.lower()}
    if language_class is not None and not isinstance(language_class, str):
        searcher = language_class({})
        keys |= {searcher.stem(w.lower()) for w in searcher.split(word)}
    elif isinstance(language_class, str):
        import importlib

        module, name = language_class.rsplit(".", 1)
        searcher = getattr(importlib.import_module(module), name)({})
        keys |= {searcher.stem(w.lower()) for w in searcher.split(word)}
    docs = set()
    for key in keys:
        # Words of a page's title are indexed apart from its body, as searchtools.js reads them.
        for table in ("terms", "titleterms"):
            hits = index[table].get(key, [])
            docs |= {hits} if isinstance(hits, int) else set(hits)
    assert index["docnames"].index(page) in docs, (keys, page)


def test_epub_declares_language_and_direction(handbook):
    with zipfile.ZipFile(handbook / "epub" / "handbook-ar.epub") as archive:
        opf = archive.read("content.opf").decode("utf-8")
        index = archive.read("index.xhtml").decode("utf-8")
    assert 'page-progression-direction="rtl"' in opf
    assert "<dc:language>ar</dc:language>" in opf
    assert 'dir="rtl"' in index
    with zipfile.ZipFile(handbook / "epub" / "handbook-zh_CN.epub") as archive:
        opf = archive.read("content.opf").decode("utf-8")
    assert "<dc:language>zh-CN</dc:language>" in opf
    assert 'page-progression-direction="ltr"' in opf


def test_a_new_language_starts_with_one_command_and_builds(repo_copy):
    def make(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["make", "--no-print-directory", *args],
            cwd=repo_copy,
            capture_output=True,
            text=True,
            check=False,
        )

    # RUNTIME names a file that exists: make uses the linked .venv and installs nothing.
    result = make("update-po", "LANG=de", "RUNTIME=.venv/bin/python")
    assert result.returncode == 0, result.stderr
    created = sorted(
        p.relative_to(repo_copy / "locale" / "de" / "LC_MESSAGES").as_posix()
        for p in (repo_copy / "locale" / "de" / "LC_MESSAGES").rglob("*.po")
    )
    assert "procedures/tace.po" in created and "theme.po" in created and "index.po" in created
    header = (repo_copy / "locale" / "de" / "LC_MESSAGES" / "index.po").read_text(encoding="utf-8")
    assert "Language: de" in header and "Plural-Forms: nplurals=2; plural=(n != 1);" in header
    result = make("pdf", "LANG=de", "RUNTIME=.venv/bin/python")
    assert result.returncode == 0, result.stdout + result.stderr
    pdf = repo_copy / "build" / "pdf" / "handbook-de.pdf"
    assert catalog_lang(pdf) == "de"
    # Untranslated, it falls back to English text, with German dates and page labels from Babel.
    text = normalise_space(" ".join(page_texts(pdf)))
    assert "What is interventional oncology?" in text
    assert re.search(r"\d+\. November 2026", text)


def test_translation_gate_is_clean_and_writes_the_report(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "build_tools.translation_gate", "--report", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for language in TRANSLATED:
        assert f"{language}: 0 error(s), 0 warning(s); strict (released)" in result.stdout
    report = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert all(language in report for language in TRANSLATED)


def test_the_handbook_build_fails_on_a_translation_error(repo_copy, tmp_path):
    po = repo_copy / "locale" / "fr" / "LC_MESSAGES" / "procedures" / "tace.po"
    text = po.read_text(encoding="utf-8")
    assert "<catheter>`" in text
    po.write_text(text.replace("<catheter>`", "<cathéter>`", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "build_tools.build", "html", "fr", "--build-dir", str(tmp_path)],
        cwd=repo_copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "tace.po" in result.stdout + result.stderr
    assert "PO302" in result.stdout + result.stderr
