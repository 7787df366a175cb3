"""Handouts as a clinic prints them: one sheet per procedure, in its name, safe to hand out."""

from __future__ import annotations

import functools
import operator
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from build_tools.handouts.runner import procedure_pages
from tests.conftest import run_handouts as handouts
from tests.pdftools import (
    font_sizes,
    normalise_space,
    page_count,
    page_size_mm,
    page_texts,
    qr_codes,
)

ROOT = Path(__file__).resolve().parent.parent
HANDOUT_LANGUAGES = ("en", "es", "fr", "zh_CN", "ar")
PROCEDURES = [name.rsplit("/", 1)[-1] for name in procedure_pages()]


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
    # No review is recorded in the project: every handout is a draft.
    assert sorted(p.stem for p in folder.glob("*.pdf")) == sorted(f"{p}-draft" for p in PROCEDURES)
    for pdf in folder.glob("*.pdf"):
        assert page_count(pdf) <= 2, pdf.name
        assert page_size_mm(pdf) == (210.0, 297.0)
        text = normalise_space(" ".join(page_texts(pdf)))
        # Phone numbers read in order, in Arabic too.
        assert "555-0134" in text and "555-0199" in text, pdf.name
        assert "Riverside Cancer Centre" in text


def test_document_control_and_disclaimer(built):
    text = normalise_space(" ".join(page_texts(built / "example" / "es" / "tace-draft.pdf")))
    assert "27 de noviembre de 2028" in text  # next review, from the page's metadata, in Spanish
    assert "Riverside Cancer Centre" in text  # issued by
    assert "no sustituye" in text.lower()
    # No qualified medical translator has reviewed the Spanish yet, and the handout says so.
    assert "traductor médico cualificado" in text or "traductor médico calificado" in text
    english = normalise_space(" ".join(page_texts(built / "example" / "en" / "tace-draft.pdf")))
    assert "not yet reviewed by a clinician" in english
    assert "does not replace the advice of your own care team" in english


@pytest.mark.parametrize(
    ("language", "page"), [("en", "tace"), ("es", "cryoablation"), ("ar", "tace")]
)
def test_qr_code_leads_to_the_same_page_online(built, tmp_path, language, page):
    codes = qr_codes(built / "example" / language / f"{page}-draft.pdf", tmp_path)
    assert codes == [f"https://handbook.example.org/{language}/procedures/{page}.html"]


def test_letter_paper_and_fahrenheit(built):
    pdf = built / "lakeside-us" / "en" / "tace-draft.pdf"
    assert page_size_mm(pdf) == (215.9, 279.4)
    assert page_count(pdf) <= 2
    assert "100.4 °F" in normalise_space(" ".join(page_texts(pdf)))


def test_body_text_is_never_below_12_pt(built):
    sizes = font_sizes(built / "example" / "en" / "tace-draft.pdf")
    body = sum(count for size, count in sizes.items() if size >= 12)
    small = {size for size in sizes if size < 12}
    # Only the running footer (clinic, title, page number) is smaller: document control, the
    # QR code's caption and the printed web address are read by patients too.
    assert small <= {10.0}, sizes
    assert body / sum(sizes.values()) > 0.95, sizes


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
    # A logo must live in the profile's own folder.
    (tmp_path / "logos").mkdir(exist_ok=True)
    (tmp_path / "logos" / "riverside.svg").write_bytes(
        (ROOT / "clinics" / "logos" / "riverside.svg").read_bytes()
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
    pdf = handout_build_dir / "handouts" / "clinic" / "en" / "tace-draft.pdf"
    text = normalise_space(" ".join(page_texts(pdf)))
    assert "<script>alert(1)</script> **Bold** `x`_" in text


def test_passed_review_date_makes_a_draft_and_fails_a_final_only_run(handout_build_dir):
    build_dir = handout_build_dir
    late = handouts(
        "--clinic",
        "clinics/example.toml",
        "--lang",
        "en",
        "--final-only",
        build_dir=build_dir,
        today="2029-01-01",
    )
    assert late.returncode == 1
    assert "review date 2028-11-27 has passed" in late.stderr
    assert not list((build_dir / "handouts").rglob("*.pdf"))
    draft = handouts(
        "--clinic", "clinics/example.toml", "--lang", "en", build_dir=build_dir, today="2029-01-01"
    )
    assert draft.returncode == 0, draft.stderr
    assert "review date passed (7)" in draft.stdout
    pdf = build_dir / "handouts" / "example" / "en" / "tace-draft.pdf"
    # The mark is rotated across the page; pypdf reads rotated text, pdftotext's reading order not.
    pages = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    assert pages and all("DRAFT, not for patients" in page for page in pages)
    assert "review date passed" in normalise_space(" ".join(page_texts(pdf)))


def test_incomplete_translation_makes_a_draft_and_fails_a_final_only_run(repo_copy, tmp_path):
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
        "--final-only",
        build_dir=tmp_path / "build",
        cwd=repo_copy,
    )
    assert blocked.returncode == 1
    assert "example/es/tace: " in blocked.stderr
    assert "PO401" in blocked.stderr
    assert "Transarterial chemoembolization (TACE)" in blocked.stderr
    draft = handouts(
        "--clinic",
        "clinics/example.toml",
        "--lang",
        "es",
        build_dir=tmp_path / "build",
        cwd=repo_copy,
    )
    assert draft.returncode == 0, draft.stderr
    assert "translation incomplete (1)" in draft.stdout
    pdf = tmp_path / "build" / "handouts" / "example" / "es" / "tace-draft.pdf"
    assert all("BORRADOR" in page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert "traducción incompleta" in normalise_space(" ".join(page_texts(pdf)))


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
    pdf = handout_build_dir / "handouts" / "example" / "en" / "tace-large-draft.pdf"
    sizes = font_sizes(pdf)
    body = max(sizes, key=lambda size: sizes[size])
    assert body == 18.0, sizes
    assert page_count(pdf) > 2  # it may run longer than the standard sheet


def test_a_clinic_may_point_its_qr_codes_elsewhere(tmp_path, handout_build_dir):
    path = _profile(
        tmp_path,
        **{'paper = "a4"': 'paper = "a4"\nhandbook_base_url = "https://care.example.net/guide/"'},
    )
    result = handouts("--clinic", str(path), "--lang", "fr", build_dir=handout_build_dir)
    assert result.returncode == 0, result.stderr
    pdf = handout_build_dir / "handouts" / "clinic" / "fr" / "cryoablation-draft.pdf"
    assert qr_codes(pdf, tmp_path) == [
        "https://care.example.net/guide/fr/procedures/cryoablation.html"
    ]


#: Bidirectional controls that pdftotext adds around right-to-left runs.
_BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"), None)


def printed_url(pdf: Path, start: str) -> str:
    """The URL that begins with ``start``, read down its column of the laid-out text."""
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.translate(_BIDI_CONTROLS)
    lines = text.splitlines()
    for number, line in enumerate(lines):
        column = line.find(start)
        if column < 0:
            continue
        url = line[column:].split()[0]
        # The rotated DRAFT mark puts lines of stray letters between the URL's lines: only a
        # word that starts in the URL's own column continues it.
        for following in lines[number + 1 : number + 16]:
            if url.endswith(".html"):
                break
            rest = following[column:]
            if rest[:1].strip():
                url += rest.split()[0]
        return url
    raise AssertionError(f"{start} not in {pdf}")


@pytest.mark.parametrize("language", HANDOUT_LANGUAGES)
def test_fallback_url_prints_without_hyphens(built, language):
    """A patient types the URL under the QR code: a line may break in it, but nothing is added."""
    for page in PROCEDURES:
        pdf = built / "example" / language / f"{page}-draft.pdf"  # no page is reviewed yet
        url = f"https://handbook.example.org/{language}/procedures/{page}.html"
        assert printed_url(pdf, "https://handbook.example.org/") == url, (language, page)


def test_arabic_version_keeps_its_order(built):
    pdf = built / "example" / "ar" / "tace-draft.pdf"
    text = "".join(page_texts(pdf)).translate(_BIDI_CONTROLS)
    versions = [m.group(0) for m in re.finditer(r"1\.0-[0-9a-f]{12}", text)]
    assert len(versions) >= 2, text  # the version field and the translation note
    assert not re.search(r"[0-9a-f]{12}-1\.0", text), text


@pytest.fixture(scope="module")
def letter_all_languages(tmp_path_factory, handouts_built) -> tuple[Path, str]:
    """Every procedure in every language on US Letter: one run, with a scratch clinic."""
    folder = tmp_path_factory.mktemp("letter")
    path = _profile(folder, **{'paper = "a4"': 'paper = "letter"'})
    build_dir = folder / "build"
    result = handouts("--clinic", str(path), build_dir=build_dir)
    assert result.returncode == 0, result.stderr
    return build_dir / "handouts" / "clinic", result.stdout


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_handout_fits_one_sheet_in_every_language(built, letter_all_languages, paper):
    """Two pages, no more and no less, with the closing box and the disclaimer on the last."""
    folder, _ = letter_all_languages
    if paper == "a4":
        folder = built / "example"
    size = (210.0, 297.0) if paper == "a4" else (215.9, 279.4)
    closing = {
        "en": "does not replace the advice of your own care team",
        "es": "no sustituye",
        "fr": "ne remplace pas",
    }
    # The page's own words, from its catalogue: one run renders every language, and a worker
    # must not carry one language's catalogue into the next.
    key_points = {
        "en": "Key points",
        "es": "Puntos clave",
        "fr": "Points clés",
        "zh_CN": "要点",
        "ar": "نقاط أساسية",
    }
    for language in HANDOUT_LANGUAGES:
        others = [words for other, words in key_points.items() if other != language]
        for page in PROCEDURES:
            pdf = folder / language / f"{page}-draft.pdf"
            assert page_count(pdf) == 2, (paper, language, page)
            first = normalise_space(page_texts(pdf)[0])
            assert key_points[language] in first, (paper, language, page)
            assert not any(words in first for words in others), (paper, language, page)
            assert page_size_mm(pdf) == size
            last = normalise_space(page_texts(pdf)[-1])
            # The "when to call us" box, with the after-hours number, ends the sheet.
            assert "555-0199" in last, (paper, language, page)
            if language in closing:
                assert closing[language] in last.lower(), (paper, language, page)


def test_french_sets_a_space_before_a_colon(letter_all_languages):
    folder, _ = letter_all_languages
    text = " ".join(page_texts(folder / "fr" / "tace-draft.pdf"))
    assert re.search("Émis par\u202f: ", text) or re.search("Émis par : ", text), text
    assert "Émis par:" not in text


def test_a_handout_too_long_is_named_with_its_page_count(repo_copy, tmp_path):
    page = repo_copy / "source" / "procedures" / "ethanol-injection.rst"
    filler = "\n\n   ".join(
        f"Paragraph {n} makes this page too long for one sheet." for n in range(120)
    )
    text = page.read_text(encoding="utf-8")
    marker = "   This sheet gives the main points."  # printed in the handout only
    assert marker in text
    page.write_text(text.replace(marker, f"   {filler}\n\n{marker}"), encoding="utf-8")
    result = handouts(
        "--clinic", "clinics/example.toml", "--lang", "en", build_dir=tmp_path / "b", cwd=repo_copy
    )
    assert result.returncode == 1
    line = next(line for line in result.stderr.splitlines() if "pages" in line)
    assert re.fullmatch(
        r"error: example/en/ethanol-injection: runs to \d+ pages; at most 2 are allowed", line
    ), line
    assert ".tmp" not in result.stderr
