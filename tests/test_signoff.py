"""Sign-off: what reaches a patient is exactly what a qualified person approved.

Every review recorded here is test data in a scratch copy of the project (``repo_copy``): no such
review happened, and none is recorded in the project itself.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.pdftools import normalise_space, page_texts

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-27"
CLINICIAN = "Dr Test Fixture, consultant interventional radiologist"
TRANSLATOR = "Test Translator Fixture"
QUALIFICATION = "certified medical translator (test fixture)"


def run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def handouts(cwd: Path, *extra: str, today: str = TODAY) -> subprocess.CompletedProcess[str]:
    return run(
        cwd,
        "build_tools.handouts",
        "--clinic",
        "clinics/example.toml",
        "--lang",
        "es",
        "--today",
        today,
        "--build-dir",
        str(cwd / "build"),
        *extra,
    )


def record_clinical(cwd: Path, page: str = "procedures/tace") -> subprocess.CompletedProcess[str]:
    return run(
        cwd,
        "build_tools.reviews",
        "record",
        "--kind",
        "clinical",
        "--page",
        page,
        "--reviewer",
        CLINICIAN,
        "--date",
        "2026-11-20",
    )


def record_spanish(cwd: Path, page: str = "procedures/tace") -> subprocess.CompletedProcess[str]:
    return run(
        cwd,
        "build_tools.reviews",
        "record",
        "--kind",
        "translation",
        "--lang",
        "es",
        "--page",
        page,
        "--reviewer",
        TRANSLATOR,
        "--qualification",
        QUALIFICATION,
        "--date",
        "2026-11-21",
    )


def text_of(pdf: Path) -> str:
    return normalise_space(" ".join(page_texts(pdf)).replace("-\n", ""))


def marked_on_every_page(pdf: Path, mark: str) -> bool:
    # The mark is rotated across the page; pypdf reads rotated text, pdftotext's reading order not.
    pages = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    return bool(pages) and all(mark in page for page in pages)


def test_the_project_ships_no_review_record():
    import tomllib

    files = [ROOT / "source" / "clinical-reviews.toml", *ROOT.glob("locale/*/reviews.toml")]
    assert len(files) == 5
    for path in files:
        assert tomllib.loads(path.read_text(encoding="utf-8")) == {}, path


def test_handouts_are_final_only_for_what_was_approved(repo_copy):
    folder = repo_copy / "build" / "handouts" / "example" / "es"

    # No review recorded: every handout is a draft, marked, and the run says why.
    first = handouts(repo_copy)
    assert first.returncode == 0, first.stderr
    assert "0 final, 7 drafts: no clinical review (7), no translation review (7)" in first.stdout
    assert sorted(p.name for p in folder.glob("*.pdf")) == sorted(
        f"{p.stem}-draft.pdf"
        for p in (repo_copy / "source" / "procedures").glob("*.rst")
        if p.stem != "index"
    )
    assert marked_on_every_page(folder / "tace-draft.pdf", "BORRADOR")
    assert "sin revisión clínica" in text_of(folder / "tace-draft.pdf")
    final_only = handouts(repo_copy, "--final-only")
    assert final_only.returncode == 1
    # One cause, so one line naming how many handouts it stopped (failures grouped by cause).
    assert "not final (FINAL_ONLY)" in final_only.stderr
    assert "(7 handouts: " in final_only.stderr

    # A clinical and a Spanish review of one page: that page's handout is final.
    clinical = record_clinical(repo_copy)
    assert clinical.returncode == 0, clinical.stderr
    assert "Recorded in source/clinical-reviews.toml: clinical review of procedures/tace" in (
        clinical.stdout
    )
    spanish = record_spanish(repo_copy)
    assert spanish.returncode == 0, spanish.stderr
    assert "Recorded in locale/es/reviews.toml: es translation review of procedures/tace" in (
        spanish.stdout
    )
    approved = handouts(repo_copy)
    assert approved.returncode == 0, approved.stderr
    assert "1 final, 6 drafts: no clinical review (6), no translation review (6)" in approved.stdout
    final = folder / "tace.pdf"
    assert final.is_file() and not (folder / "tace-draft.pdf").exists()
    text = text_of(final)
    assert "Dr Test Fixture" in text and TRANSLATOR in text
    assert "20 de noviembre de 2026" in text and "21 de noviembre de 2026" in text
    assert "BORRADOR" not in " ".join(page.extract_text() for page in PdfReader(str(final)).pages)
    assert (folder / "cryoablation-draft.pdf").is_file() and not (
        folder / "cryoablation.pdf"
    ).exists()
    refused = handouts(repo_copy, "--final-only").stderr
    assert "not final (FINAL_ONLY)" in refused and "(6 handouts: " in refused

    # Editing one reviewed Spanish message voids the review and removes the final file.
    po = repo_copy / "locale" / "es" / "LC_MESSAGES" / "procedures" / "tace.po"
    original_po = po.read_text(encoding="utf-8")
    assert 'msgstr "Qué es"' in original_po
    po.write_text(original_po.replace('msgstr "Qué es"', 'msgstr "Qué es esto"', 1), "utf-8")
    edited = handouts(repo_copy)
    assert edited.returncode == 0, edited.stderr
    assert "Removed example/es/tace.pdf: it lost its approval" in edited.stdout
    assert "translation changed since its review (1)" in edited.stdout
    assert not final.exists() and (folder / "tace-draft.pdf").is_file()
    assert "la traducción cambió después de su revisión" in text_of(folder / "tace-draft.pdf")

    # Back to the reviewed messages: final again. Then editing the English voids both reviews.
    po.write_text(original_po, "utf-8")
    assert handouts(repo_copy).returncode == 0
    assert final.is_file()
    rst = repo_copy / "source" / "procedures" / "tace.rst"
    original_rst = rst.read_text(encoding="utf-8")
    rst.write_text(original_rst.replace("treats some liver", "treats some kinds of liver"), "utf-8")
    english = handouts(repo_copy)
    assert english.returncode == 0, english.stderr
    assert "Removed example/es/tace.pdf" in english.stdout
    assert "page changed since its clinical review (1)" in english.stdout
    assert not final.exists() and (folder / "tace-draft.pdf").is_file()

    # A run dated after the review date rebuilds: a draft, or an error for a production run.
    rst.write_text(original_rst, "utf-8")
    assert handouts(repo_copy).returncode == 0 and final.is_file()
    late = handouts(repo_copy, today="2029-01-01")
    assert late.returncode == 0, late.stderr
    assert "Nothing to do" not in late.stdout
    assert "Removed example/es/tace.pdf" in late.stdout
    assert "review date passed (7)" in late.stdout
    assert not final.exists()
    late_text = text_of(folder / "tace-draft.pdf")
    assert "1 de enero de 2029" in late_text  # the date issued is the day of the run
    refused = handouts(repo_copy, "--final-only", today="2029-01-01")
    assert refused.returncode == 1
    assert "review date 2028-11-27 has passed" in refused.stderr


def test_a_cached_handout_is_judged_again_every_run(repo_copy):
    """The freshness record never skips the gate: a new day reprints the date it was issued."""
    assert handouts(repo_copy).returncode == 0
    again = handouts(repo_copy)
    assert "Nothing to do" in again.stdout
    assert "0 final, 7 drafts" in again.stdout  # the summary is given for skipped handouts too
    next_day = handouts(repo_copy, today="2026-11-28")
    assert "Nothing to do" not in next_day.stdout
    pdf = repo_copy / "build" / "handouts" / "example" / "es" / "tace-draft.pdf"
    assert "28 de noviembre de 2026" in text_of(pdf)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ('[pages."procedures/tace"\n', ":1: not valid TOML"),
        (
            '[pages."procedures/tace"]\nreviewer = "Dr X, radiologist"\ndate = "2026-11-20"\n',
            ':3: [pages."procedures/tace"] date: must be a date without quotes',
        ),
        (
            '[pages."procedures/nope"]\nreviewer = "Dr X, radiologist"\ndate = 2026-11-20\n',
            ':1: [pages."procedures/nope"]: no such page',
        ),
        (
            '[pages."procedures/tace"]\nreviewer = "Dr X"\ndate = 2026-11-20\n'
            'source_version = "' + "0" * 40 + '"\n',
            ':2: [pages."procedures/tace"] reviewer: give the name and the role',
        ),
        (
            '\n[pages."procedures/tace"]\nreviewer = "Dr X, radiologist"\ndate = 2026-11-20\n'
            'source_version = "abc"\n',
            ':5: [pages."procedures/tace"] source_version: missing or not a version',
        ),
    ],
)
def test_a_broken_clinical_record_gives_one_line(repo_copy, record, expected):
    path = repo_copy / "source" / "clinical-reviews.toml"
    path.write_text(record, encoding="utf-8")
    result = handouts(repo_copy)
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line, result.stderr
    assert line.startswith("error: ") and "clinical-reviews.toml" + expected in line, line
    assert "internal error" not in line
    assert not list((repo_copy / "build").rglob("*.pdf"))


def test_a_broken_translation_record_gives_one_line(repo_copy):
    path = repo_copy / "locale" / "es" / "reviews.toml"
    path.write_text(
        '[pages."procedures/tace"]\nreviewer = "A"\nqualification = "B"\ndate = 2026-11-20\n'
        'source_version = "' + "0" * 40 + '"\nsurprise = 1\n',
        encoding="utf-8",
    )
    result = handouts(repo_copy)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert 'reviews.toml:6: [pages."procedures/tace"] surprise: unknown field' in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--kind", "clinical", "--page", "procedures/nope", "--reviewer", "A, b"], "no such page"),
        (["--kind", "clinical", "--page", "../conf", "--reviewer", "A, b"], "no such page"),
        (["--kind", "clinical", "--page", "procedures/tace", "--reviewer", "A"], "name and"),
        (
            [
                "--kind",
                "clinical",
                "--page",
                "procedures/tace",
                "--reviewer",
                "A, b",
                "--date",
                "2999-01-01",
            ],
            "in the future",
        ),
        (["--kind", "translation", "--page", "procedures/tace", "--reviewer", "A"], "--lang"),
        (
            [
                "--kind",
                "translation",
                "--lang",
                "es",
                "--page",
                "procedures/tace",
                "--reviewer",
                "A",
            ],
            "qualification",
        ),
        (
            [
                "--kind",
                "clinical",
                "--page",
                "procedures/tace",
                "--reviewer",
                "A, b",
                "--source-version",
                "0" * 40,
            ],
            "changed since version",
        ),
    ],
)
def test_record_refuses_what_cannot_be_true(repo_copy, args, expected):
    before = (repo_copy / "source" / "clinical-reviews.toml").read_bytes()
    result = run(repo_copy, "build_tools.reviews", "record", *args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and expected in result.stderr, result.stderr
    assert (repo_copy / "source" / "clinical-reviews.toml").read_bytes() == before


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def test_review_packets_show_what_changed_since_the_review(repo_copy):
    review = repo_copy / "build" / "review"
    rst = repo_copy / "source" / "procedures" / "tace.rst"
    po = repo_copy / "locale" / "es" / "LC_MESSAGES" / "procedures" / "tace.po"

    # Not a git repository: the reviewed version cannot be found, and the packet says so.
    assert record_clinical(repo_copy).returncode == 0
    rst.write_text(
        rst.read_text("utf-8").replace("treats some liver", "treats many liver"), "utf-8"
    )
    lost = run(repo_copy, "build_tools.reviews", "packet", "en")
    assert lost.returncode == 0, lost.stderr
    text = text_of(review / "review-packet-en.pdf")
    assert "was not found in this repository's git history" in text
    assert "the whole page is for review" in text

    # In git: the redline shows the reviewed line and the line as it is now.
    _git(repo_copy, "init", "-q")
    _git(repo_copy, "add", "source", "locale")
    _git(repo_copy, "commit", "-q", "-m", "reviewed version")
    assert record_clinical(repo_copy).returncode == 0
    assert record_spanish(repo_copy).returncode == 0
    rst.write_text(
        rst.read_text("utf-8").replace("treats many liver", "treats some liver"), "utf-8"
    )
    po.write_text(
        po.read_text("utf-8").replace('msgstr "Qué es"', 'msgstr "Qué es 16"', 1), "utf-8"
    )
    english = run(repo_copy, "build_tools.reviews", "packet")
    assert english.returncode == 0, english.stderr
    pdf = review / "review-packet-en.pdf"
    reader_text = text_of(pdf)
    assert "Changes since the reviewed version" in reader_text
    assert "treats many liver" in reader_text and "treats some liver" in reader_text
    assert "The page as it will print (numbered lines)" in reader_text
    assert (
        "python -m build_tools.reviews record --kind clinical --page procedures/tace" in reader_text
    )
    assert "not a clinician" in reader_text or "Nobody who built it is a clinician" in reader_text

    spanish = run(repo_copy, "build_tools.reviews", "packet", "es")
    assert spanish.returncode == 0, spanish.stderr
    es_text = text_of(review / "review-packet-es.pdf")
    assert "Qué es 16" in es_text
    assert "changed: translation edited" in es_text
    assert "PO201" in es_text  # the check's finding stands beside the message
    assert "--kind translation --lang es --page procedures/tace" in es_text


def test_every_page_of_the_site_and_the_ebook_shows_its_review_status(handbook):
    for page in ("index", "society", "glossary", "procedures/tace"):
        english = (handbook / "html" / "en" / f"{page}.html").read_text(encoding="utf-8")
        assert "Clinical review" in english and "not yet reviewed by a clinician" in english, page
        spanish = (handbook / "html" / "es" / f"{page}.html").read_text(encoding="utf-8")
        assert "Revisión clínica" in spanish, page
        assert "pendiente de revisión por un profesional clínico" in spanish, page
        assert "Revisión de la traducción" in spanish, page
        assert "traductor médico cualificado" in spanish, page
    with zipfile.ZipFile(handbook / "epub" / "handbook-ar.epub") as book:
        name = next(name for name in book.namelist() if name.endswith("society.xhtml"))
        page = book.read(name).decode("utf-8")
    assert "المراجعة السريرية" in page and "مراجعة الترجمة" in page
    pdf_text = text_of(handbook / "pdf" / "handbook-fr.pdf")
    assert pdf_text.count("pas encore relu par un clinicien") >= 14


def test_make_targets_pass_the_sign_off_options(repo_copy):
    packet = subprocess.run(
        ["make", "review-packet", "LANG=es"], cwd=repo_copy, capture_output=True, text=True
    )
    assert packet.returncode == 0, packet.stderr
    assert (repo_copy / "build" / "review" / "review-packet-es.pdf").is_file()
    production = subprocess.run(
        ["make", "handouts", "CLINIC=clinics/example.toml", "LANG=es", "FINAL_ONLY=1"],
        cwd=repo_copy,
        capture_output=True,
        text=True,
    )
    assert production.returncode != 0
    assert "not final (FINAL_ONLY)" in production.stderr
    assert not list((repo_copy / "build" / "handouts").rglob("*.pdf"))


def test_a_messages_version_ignores_layout_and_sees_every_visible_change():
    from build_tools.reviews.records import messages_version_of

    base = (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=utf-8\\n"\n\n'
        '#: a.rst:1\nmsgid "One"\nmsgstr "Uno"\n\n'
        '#: a.rst:2\nmsgid "Two words"\nmsgstr "Dos palabras"\n'
    )
    version = messages_version_of(base.encode())
    moved = base.replace("#: a.rst:1", "#: a.rst:40").replace(
        'msgstr "Dos palabras"', 'msgstr ""\n"Dos "\n"palabras"'
    )
    assert messages_version_of(moved.encode()) == version
    for changed in (
        base.replace('"Uno"', '"Una"'),
        base.replace("#: a.rst:1\n", "#: a.rst:1\n#, fuzzy\n"),
        base.replace('msgid "One"', 'msgctxt "x"\nmsgid "One"'),
    ):
        assert messages_version_of(changed.encode()) != version


def test_redline_keeps_the_current_line_numbers():
    from build_tools.reviews.packet import redline

    lines = redline("a\nb\nc\n", "a\nB\nc\nd\n")
    assert [(line.kind, line.text, line.number) for line in lines] == [
        ("same", "a", 1),
        ("removed", "b", None),
        ("added", "B", 2),
        ("same", "c", 3),
        ("added", "d", 4),
    ]
