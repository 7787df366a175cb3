"""Cached translation checks find what the checker finds, and check only what changed."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from build_tools import check_cache
from build_tools.check_po import check_catalogues, check_paths
from tests.check_po.helpers import CLEAN, DATA, DEFECTS

ROOT = Path(__file__).resolve().parent.parent


def plain(findings) -> list[tuple[str, int, str, str, str, str | None, str | None]]:
    return [
        (str(f.path), f.line, f.code, str(f.severity), f.message, f.msgid, f.previous_msgid)
        for f in findings
    ]


CASES = [
    pytest.param([DEFECTS], None, id="every planted defect"),
    pytest.param([CLEAN], CLEAN, id="clean catalogues with glossaries"),
    # A malformed glossary shared by two catalogues is reported once, as the checker does.
    pytest.param(
        [DATA / "glossary_bad" / "locale", DATA / "glossary" / "locale"], None, id="bad glossary"
    ),
    pytest.param([ROOT / "locale" / "es"], ROOT / "locale", id="our Spanish"),
]


@pytest.mark.parametrize(("paths", "glossary_root"), CASES)
def test_same_findings_cold_and_warm(tmp_path, paths, glossary_root):
    expected = plain(check_paths(paths, glossary_root=glossary_root))
    for _ in ("cold", "warm"):
        found = check_cache.check_findings(paths, glossary_root=glossary_root, cache_dir=tmp_path)
        assert plain(found) == expected


def test_bad_glossary_twice_is_reported_once(tmp_path):
    root = tmp_path / "locale"
    shutil.copytree(DATA / "glossary_bad" / "locale", root)
    terms = root / "fr" / "LC_MESSAGES" / "terms.po"
    shutil.copy(terms, terms.with_name("other.po"))
    expected = plain(check_paths([root], glossary_root=root))
    assert sum(code == "PO502" for _, _, code, *_ in expected) >= 1
    for _ in ("cold", "warm"):
        found = check_cache.check_findings([root], glossary_root=root, cache_dir=tmp_path / "c")
        assert plain(found) == expected


def test_full_results_match_the_checker(tmp_path):
    expected = check_catalogues([DEFECTS, CLEAN])
    for _ in ("cold", "warm"):
        results = check_cache.check_results(
            [DEFECTS, CLEAN], glossary_root=None, cache_dir=tmp_path
        )
        assert [r.path for r in results] == [r.path for r in expected]
        assert [r.stats for r in results] == [r.stats for r in expected]
        assert [plain(r.findings) for r in results] == [plain(r.findings) for r in expected]
        assert [
            (plain([a.finding]), a.reason, a.comment_line) for r in results for a in r.allowed
        ] == [(plain([a.finding]), a.reason, a.comment_line) for r in expected for a in r.allowed]


def test_relative_and_absolute_spellings_share_one_entry(tmp_path, monkeypatch):
    monkeypatch.chdir(DATA / "clean")
    cache = tmp_path / "cache"
    relative = check_cache.check_findings(
        [Path("locale/es")], glossary_root=Path("locale"), cache_dir=cache
    )
    entries = set(cache.iterdir())
    absolute = check_cache.check_findings([CLEAN / "es"], glossary_root=CLEAN, cache_dir=cache)
    assert set(cache.iterdir()) == entries  # nothing checked twice
    assert [str(f.path) for f in relative] == [
        os.path.relpath(f.path, DATA / "clean") for f in absolute
    ]


def test_a_changed_catalogue_or_glossary_is_checked_again(tmp_path):
    root = tmp_path / "locale"
    shutil.copytree(CLEAN, root)
    cache = tmp_path / "cache"
    tace = root / "es" / "LC_MESSAGES" / "procedures" / "tace.po"
    before = check_cache.check_findings([root / "es"], glossary_root=root, cache_dir=cache)
    assert not [f for f in before if f.severity == "error"]
    entries = set(cache.iterdir())
    text = tace.read_text(encoding="utf-8")
    # A translation that changes a number: the checker must see the new bytes, not the cache.
    changed = text.replace("durante las 6 horas", "durante las 8 horas", 1)
    assert changed != text
    tace.write_text(changed, encoding="utf-8")
    after = check_cache.check_findings([root / "es"], glossary_root=root, cache_dir=cache)
    assert "PO201" in {f.code for f in after}
    assert len(set(cache.iterdir()) - entries) == 1  # only the changed catalogue was checked
    # A glossary is an input of every catalogue of its language.
    glossary = root / "es" / "glossary.csv"
    glossary.write_text(glossary.read_text(encoding="utf-8") + "vein,vena,\n", encoding="utf-8")
    check_cache.check_findings([root / "es"], glossary_root=root, cache_dir=cache)
    assert len(set(cache.iterdir()) - entries) == 2


def test_a_cache_entry_that_is_damaged_is_checked_again(tmp_path):
    cache = tmp_path / "cache"
    expected = plain(check_cache.check_findings([DEFECTS], glossary_root=None, cache_dir=cache))
    for entry in cache.iterdir():
        entry.write_text("{not json", encoding="utf-8")
    assert plain(check_cache.check_findings([DEFECTS], glossary_root=None, cache_dir=cache)) == (
        expected
    )
