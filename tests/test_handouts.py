"""Handouts as a clinic prints them: one sheet per procedure, in its name, safe to hand out."""

from __future__ import annotations

import functools
import operator
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from build_tools.handouts.runner import procedure_pages
from tests.pdftools import (
    font_sizes,
    normalise_space,
    page_count,
    page_size_mm,
    page_texts,
    qr_codes,
)

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-27"
HANDOUT_LANGUAGES = ("en", "es", "fr", "zh_CN", "ar")
PROCEDURES = [name.rsplit("/", 1)[-1] for name in procedure_pages()]


def handouts(
    *args: str, build_dir: Path, cwd: Path = ROOT, today: str = TODAY
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "build_tools.handouts",
            "--today",
            today,
            "--build-dir",
            str(build_dir),
            *args,
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def built(handouts_built: Path) -> Path:
    return handouts_built  # built once per session by tests/conftest.py


def test_seven_procedure_pages():
    assert sorted(PROCEDURES) == sorted(
        [
            "tace",
            "radiofrequency-ablation",
            "microwave-ablation",
            "radioembolization",
            "cryoablation",
            "ethanol-injection",
            "venous-access-ports",
        ]
    )


@pytest.mark.parametrize("language", HANDOUT_LANGUAGES)
def test_one_sheet_per_procedure_with_the_clinics_numbers(built, language):
    folder = built / "example" / language
    assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted(PROCEDURES)
    for pdf in folder.glob("*.pdf"):
        assert page_count(pdf) <= 2, pdf.name
        assert page_size_mm(pdf) == (210.0, 297.0)
        text = normalise_space(" ".join(page_texts(pdf)))
        # Phone numbers read in order, in Arabic too.
        assert "555-0134" in text and "555-0199" in text, pdf.name
        assert "Riverside Cancer Centre" in text


def test_document_control_and_disclaimer(built):
    text = normalise_space(" ".join(page_texts(built / "example" / "es" / "tace.pdf")))
    assert "27 de noviembre de 2028" in text  # next review, from the page's metadata, in Spanish
    assert "Riverside Cancer Centre" in text  # issued by
    assert "no sustituye" in text.lower()
    # No qualified medical translator has reviewed the Spanish yet, and the handout says so.
    assert "traductor médico cualificado" in text or "traductor médico calificado" in text
    english = normalise_space(" ".join(page_texts(built / "example" / "en" / "tace.pdf")))
    assert "not yet reviewed by a clinician" in english
    assert "does not replace the advice of your own care team" in english


@pytest.mark.parametrize(
    ("language", "page"), [("en", "tace"), ("es", "cryoablation"), ("ar", "tace")]
)
def test_qr_code_leads_to_the_same_page_online(built, tmp_path, language, page):
    codes = qr_codes(built / "example" / language / f"{page}.pdf", tmp_path)
    assert codes == [f"https://handbook.example.org/{language}/procedures/{page}.html"]


def test_letter_paper_and_fahrenheit(built):
    pdf = built / "lakeside-us" / "en" / "tace.pdf"
    assert page_size_mm(pdf) == (215.9, 279.4)
    assert page_count(pdf) <= 2
    assert "100.4 °F" in normalise_space(" ".join(page_texts(pdf)))


def test_body_text_is_never_below_12_pt(built):
    sizes = font_sizes(built / "example" / "en" / "tace.pdf")
    body = sum(count for size, count in sizes.items() if size >= 12)
    small = {size for size in sizes if size < 12}
    # Only document control, the page footer and the printed web address are smaller.
    assert small <= {10.0, 7.5}, sizes
    assert body / sum(sizes.values()) > 0.85, sizes


def test_second_run_renders_nothing_and_touches_nothing(built):
    build_dir = built.parent
    before = {p: p.stat().st_mtime_ns for p in built.rglob("*.pdf")}
    result = handouts("--clinic", "clinics/example.toml", "--lang", "es", build_dir=build_dir)
    assert result.returncode == 0
    assert "Nothing to do" in result.stdout
    assert {p: p.stat().st_mtime_ns for p in built.rglob("*.pdf")} == before


def test_shards_partition_the_work():
    def listing(*extra: str) -> list[str]:
        result = subprocess.run(
            [sys.executable, "-m", "build_tools.handouts", "--all-clinics", "--list", *extra],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.split()

    full = listing()
    shards = [listing("--shard", f"{i}/3") for i in (1, 2, 3)]
    assert sorted(functools.reduce(operator.iadd, shards, [])) == sorted(full)
    assert len(set(functools.reduce(operator.iadd, shards, []))) == len(full)
    assert all(shards)
    assert len(full) == 7 * (5 + 2)  # example prints five languages, lakeside-us two


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ('[clinic]\nname = "X"\n', "address: missing"),
        ("[clinic]\nname = 5\n", "name: must be a string"),
        ("[clinic\n", "not valid TOML"),
    ],
)
def test_broken_profile_fails_with_one_line(tmp_path, profile, expected):
    path = tmp_path / "broken.toml"
    path.write_text(profile, encoding="utf-8")
    result = handouts("--clinic", str(path), build_dir=tmp_path / "build")
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert expected in result.stderr
    assert str(path) in result.stderr
    assert not (tmp_path / "build").exists()


def _profile(tmp_path: Path, **changes: str) -> Path:
    text = (ROOT / "clinics" / "example.toml").read_text(encoding="utf-8")
    text = text.replace(
        'logo = "logos/riverside.svg"', f'logo = "{ROOT}/clinics/logos/riverside.svg"'
    )
    for old, new in changes.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('logo = "', 'logo = "missing-', "does not exist"),
        ('"zh_CN", "ar"]', '"zh_CN", "xx"]', "not a language of the handbook"),
        ('paper = "a4"', 'paper = "a5"', "not a paper size"),
        ('phone = "555-0134"', 'phone = "call us"', "not a phone number"),
    ],
)
def test_profile_errors_name_file_line_field_and_fix(tmp_path, old, new, expected):
    path = _profile(tmp_path, **{old: new})
    result = handouts("--clinic", str(path), build_dir=tmp_path / "build")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line and expected in line
    assert line.startswith(f"error: {path}:")
    assert not (tmp_path / "build").exists()


def test_profile_values_are_text_not_markup(tmp_path, handout_build_dir):
    path = _profile(
        tmp_path,
        **{'name = "Riverside Cancer Centre"': 'name = "<script>alert(1)</script> **Bold** `x`_"'},
    )
    result = handouts("--clinic", str(path), "--lang", "en", build_dir=handout_build_dir)
    assert result.returncode == 0, result.stderr
    pdf = handout_build_dir / "handouts" / "clinic" / "en" / "tace.pdf"
    text = normalise_space(" ".join(page_texts(pdf)))
    assert "<script>alert(1)</script> **Bold** `x`_" in text


def test_passed_review_date_blocks_a_handout_unless_draft(handout_build_dir):
    build_dir = handout_build_dir
    late = handouts(
        "--clinic", "clinics/example.toml", "--lang", "en", build_dir=build_dir, today="2029-01-01"
    )
    assert late.returncode == 1
    assert "review date 2028-11-27 has passed" in late.stderr
    assert not list((build_dir / "handouts").rglob("*.pdf"))
    draft = handouts(
        "--clinic",
        "clinics/example.toml",
        "--lang",
        "en",
        "--draft",
        build_dir=build_dir,
        today="2029-01-01",
    )
    assert draft.returncode == 0, draft.stderr
    pdf = build_dir / "handouts" / "example" / "en" / "tace-draft.pdf"
    # The mark is rotated across the page; pypdf reads rotated text, pdftotext's reading order not.
    pages = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    assert pages and all("DRAFT, not for patients" in page for page in pages)


def test_incomplete_translation_blocks_a_handout_unless_draft(repo_copy, tmp_path):
    po = repo_copy / "locale" / "es" / "LC_MESSAGES" / "procedures" / "tace.po"
    text = po.read_text(encoding="utf-8")
    # Empty the translation of the page's title: Sphinx would print it in English.
    marker = 'msgid "Transarterial chemoembolization (TACE)"\nmsgstr "'
    start = text.index(marker) + len(marker)
    end = text.index('"', start)
    po.write_text(text[:start] + text[end:], encoding="utf-8")
    blocked = handouts(
        "--clinic",
        "clinics/example.toml",
        "--lang",
        "es",
        build_dir=tmp_path / "build",
        cwd=repo_copy,
    )
    assert blocked.returncode == 1
    assert "example/es/tace: " in blocked.stderr
    assert "not translated or fuzzy" in blocked.stderr
    assert "Transarterial chemoembolization (TACE)" in blocked.stderr
    draft = handouts(
        "--clinic",
        "clinics/example.toml",
        "--lang",
        "es",
        "--draft",
        build_dir=tmp_path / "build",
        cwd=repo_copy,
    )
    assert draft.returncode == 0, draft.stderr
    pdf = tmp_path / "build" / "handouts" / "example" / "es" / "tace-draft.pdf"
    assert all("BORRADOR" in page.extract_text() for page in PdfReader(str(pdf)).pages)


def test_a_failed_safety_check_blocks_even_a_draft(repo_copy, tmp_path):
    po = repo_copy / "locale" / "es" / "LC_MESSAGES" / "procedures" / "tace.po"
    text = po.read_text(encoding="utf-8")
    assert ":clinic:`after_hours_phone`" in text
    # A translation that points the patient at the wrong number.
    po.write_text(
        text.replace(":clinic:`after_hours_phone`", ":clinic:`main_phone`", 1), encoding="utf-8"
    )
    for extra in ((), ("--draft",)):
        result = handouts(
            "--clinic",
            "clinics/example.toml",
            "--lang",
            "es",
            *extra,
            build_dir=tmp_path / "build",
            cwd=repo_copy,
        )
        assert result.returncode == 1
        assert "PO302" in result.stderr
    assert not list((tmp_path / "build" / "handouts").rglob("tace*.pdf"))


def test_large_print_is_18_pt(handout_build_dir):
    result = handouts(
        "--clinic",
        "clinics/example.toml",
        "--lang",
        "en",
        "--large-print",
        build_dir=handout_build_dir,
    )
    assert result.returncode == 0, result.stderr
    pdf = handout_build_dir / "handouts" / "example" / "en" / "tace-large.pdf"
    sizes = font_sizes(pdf)
    body = max(sizes, key=lambda size: sizes[size])
    assert body == 18.0, sizes
    assert page_count(pdf) > 2  # it may run longer than the standard sheet


def test_a_recorded_review_is_printed_only_for_the_version_it_covers(repo_copy, tmp_path):
    from build_tools.reviews import source_version

    version = f"1.0-{source_version(repo_copy / 'source' / 'procedures' / 'tace.rst')}"
    record = repo_copy / "locale" / "es" / "reviews.toml"

    def build(reviewed_version: str) -> str:
        # Test data, in a scratch copy: no such review exists in the project.
        record.write_text(
            '[pages."procedures/tace"]\n'
            'reviewer = "Test Reviewer (fixture)"\n'
            "date = 2026-11-20\n"
            f'source_version = "{reviewed_version}"\n',
            encoding="utf-8",
        )
        result = handouts(
            "--clinic",
            "clinics/example.toml",
            "--lang",
            "es",
            build_dir=tmp_path / "build",
            cwd=repo_copy,
        )
        assert result.returncode == 0, result.stderr
        pdf = tmp_path / "build" / "handouts" / "example" / "es" / "tace.pdf"
        return normalise_space(" ".join(page_texts(pdf)).replace("-\n", ""))

    current = build(version)
    assert "Test Reviewer (fixture)" in current and "20 de noviembre de 2026" in current
    stale = build("1.0-000000000000")  # reviewed against an older English source
    assert "Test Reviewer" not in stale
    assert "no ha sido revisada por un traductor médico" in stale


def test_a_clinic_may_point_its_qr_codes_elsewhere(tmp_path, handout_build_dir):
    path = _profile(
        tmp_path,
        **{'paper = "a4"': 'paper = "a4"\nhandbook_base_url = "https://care.example.net/guide/"'},
    )
    result = handouts("--clinic", str(path), "--lang", "fr", build_dir=handout_build_dir)
    assert result.returncode == 0, result.stderr
    pdf = handout_build_dir / "handouts" / "clinic" / "fr" / "cryoablation.pdf"
    assert qr_codes(pdf, tmp_path) == [
        "https://care.example.net/guide/fr/procedures/cryoablation.html"
    ]
