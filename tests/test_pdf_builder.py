"""The pdf builder on a tiny project: what the PDF holds, not how it was made."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.pdftools import catalog_lang, fonts, page_size_mm, page_texts, toc_entries


def _pdf(app) -> Path:
    return Path(app.outdir) / "book-en.pdf"


@pytest.mark.sphinx("pdf", testroot="pdf-basic", freshenv=True)
def test_builds_one_pdf_without_warnings(app):
    app.build()
    assert app.warning.getvalue() == ""
    assert _pdf(app).is_file()
    # The PDF is the builder's only output: no _static folder, no leftover temporary file.
    assert sorted(p.name for p in Path(app.outdir).iterdir()) == ["book-en.pdf"]


@pytest.mark.sphinx("pdf", testroot="pdf-basic", freshenv=True)
def test_contents_page_numbers_point_at_chapter_starts(app):
    app.build()
    pages = page_texts(_pdf(app))
    contents = next(i for i, text in enumerate(pages) if text.startswith("Contents"))
    entries = toc_entries(pages[contents])
    assert [title for title, _ in entries] == ["Second chapter", "Third chapter"]
    for title, number in entries:
        assert pages[number - 1].strip().startswith(title), (title, number)


@pytest.mark.sphinx("pdf", testroot="pdf-basic", freshenv=True)
def test_cover_footer_and_placeholders(app):
    app.build()
    pages = page_texts(_pdf(app))
    assert "The Test Book" in pages[0]
    assert "Page 1 of" not in pages[0]  # the cover has no footer
    assert f"Page 2 of {len(pages)}" in pages[1]
    text = "\n".join(pages)
    # :clinic:`main_phone` prints the neutral phrase in the handbook
    assert "Call the phone number your care team gave you" in text
    # a procedure page's document control, under its title
    assert "Next review:" in text and "November 27, 2028" in text
    assert "not yet reviewed by a clinician" in text


@pytest.mark.sphinx("pdf", testroot="pdf-basic", freshenv=True)
def test_a4_fonts_embedded_and_language_set(app):
    app.build()
    pdf = _pdf(app)
    assert page_size_mm(pdf) == (210.0, 297.0)
    rows = fonts(pdf)
    assert rows, "no fonts in the PDF"
    assert all(row["emb"] == "yes" and row["uni"] == "yes" for row in rows), rows
    assert catalog_lang(pdf) == "en"


@pytest.mark.sphinx(
    "pdf", testroot="pdf-basic", freshenv=True, confoverrides={"pdf_paper_size": "letter"}
)
def test_letter_paper(app):
    app.build()
    # Not A4: the file name says so.
    pdf = Path(app.outdir) / "book-en-letter.pdf"
    assert page_size_mm(pdf) == (215.9, 279.4)
    # The handbook's cover notice sits at the foot of the Letter page, not 7 mm from its edge.
    notice = [w for w in _words(pdf) if w[0] == 1 and w[5] in {"replace", "team."}]
    assert notice
    assert max(w[4] for w in notice) == pytest.approx((279.4 - 24) * MM, abs=3 * MM)


def test_parallel_build_with_warnings_as_errors(tmp_path):
    """Every extension of ours declares itself parallel-safe: -j 2 -W builds (-j auto is one
    process on a one-core machine, where Sphinx would not ask)."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    source = root / "tests" / "roots" / "test-pdf-basic"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "pdf",
            "-j",
            "2",
            "-W",
            "-q",
            str(source),
            str(tmp_path / "out"),
        ],
        env=dict(os.environ, PYTHONPATH=str(root)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "book-en.pdf").is_file()


@pytest.mark.sphinx(
    "pdf", testroot="pdf-basic", freshenv=True, confoverrides={"pdf_paper_size": "a5"}
)
def test_unknown_paper_size_is_a_config_error(app_params, make_app):
    from sphinx.errors import ConfigError

    args, kwargs = app_params
    with pytest.raises(ConfigError, match="pdf_paper_size"):
        make_app(*args, **kwargs)


@pytest.mark.sphinx(
    "pdf", testroot="pdf-basic", freshenv=True, confoverrides={"pdf_debug_html": True}
)
def test_anchors_are_unique_and_language_independent(app):
    app.build()
    html = (Path(app.outdir) / "book-en.html").read_text(encoding="utf-8")
    import re

    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "duplicate ids in the assembled book"
    # Chapter anchors come from document names; cross-document references point at them.
    assert 'id="doc-sub-third"' in html
    assert 'href="#doc-sub-third--third-label"' in html or 'href="#doc-sub-third"' in html
    assert 'href="#doc-sub-third--second-risks"' in html


@pytest.mark.sphinx("pdf", testroot="pdf-weasylog", freshenv=True)
def test_weasyprint_problems_are_sphinx_warnings(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "unicode-bidi" in warnings  # an ignored CSS rule
    assert "nowhere" in warnings  # an anchor that does not exist
    assert "missing-image.png" in warnings  # a resource that cannot be loaded
    assert "[weasyprint" in warnings  # typed, so suppress_warnings can name them


@pytest.mark.sphinx("pdf", testroot="pdf-glyphs", freshenv=True)
def test_a_missing_glyph_is_a_warning(app):
    # With -W (as the Makefile builds) this fails the build.
    app.build()
    assert ".notdef glyph" in app.warning.getvalue()
    assert "U+E000" in app.warning.getvalue()


@pytest.mark.sphinx("pdf", testroot="pdf-glyphs", freshenv=True, warningiserror=True)
def test_with_warnings_as_errors_the_previous_pdf_is_kept(app):
    previous = Path(app.outdir) / "Glyphs-en.pdf"
    previous.parent.mkdir(parents=True, exist_ok=True)
    previous.write_bytes(b"%PDF- the last good build")
    app.build()
    assert ".notdef glyph" in app.warning.getvalue()
    assert previous.read_bytes() == b"%PDF- the last good build"
    assert not [p for p in previous.parent.iterdir() if p.name != previous.name]


# ---- Any Sphinx project: the vanilla root -------------------------------------------------------

VANILLA_PDF = "Ein-Projekt-mit-Leerzeichen-{language}{paper}.pdf"
#: Words of our handbook that must never appear in another project's PDF.
HANDBOOK_WORDS = ("andbook", "Handbuch", "atient", "care team", "linic", "Klinik", "About this")
MM = 72 / 25.4


def _vanilla(make_app, tmp_path, **confoverrides):
    import shutil

    srcdir = tmp_path / "vanilla"
    shutil.copytree(Path(__file__).parent / "roots" / "test-pdf-vanilla", srcdir)
    app = make_app(
        "pdf", srcdir=srcdir, freshenv=True, warningiserror=True, confoverrides=confoverrides
    )
    app.build()
    assert app.warning.getvalue() == ""
    language = confoverrides.get("language", "de")
    paper = confoverrides.get("pdf_paper_size", "a4")
    name = VANILLA_PDF.format(language=language, paper="" if paper == "a4" else f"-{paper}")
    pdf = Path(app.outdir) / name
    assert sorted(p.name for p in Path(app.outdir).iterdir()) == [name]
    return pdf


def _words(pdf: Path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word with its page (from 1) and box in points, as ``pdftotext -bbox`` finds it."""
    import html
    import re
    import subprocess

    out = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    words = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for match in re.finditer(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
            page,
        ):
            x0, y0, x1, y1 = (float(v) for v in match.groups()[:4])
            words.append((number, x0, y0, x1, y1, html.unescape(match[5])))
    return words


@pytest.mark.parametrize(
    ("language", "furniture"),
    [
        ("de", ["Inhalt", "Seite 2 von", "Stichwortverzeichnis", "Abb. 1.1", "Siehe auch"]),
        ("en", ["Contents", "Page 2 of", "Index", "Fig. 1.1", "See also"]),
    ],
)
def test_vanilla_project_in_its_own_language(make_app, tmp_path, language, furniture):
    pdf = _vanilla(make_app, tmp_path, language=language)
    pages = page_texts(pdf)
    text = "\n".join(pages)
    for words in furniture:
        assert words in text, words
    for word in HANDBOOK_WORDS:
        assert word not in text, word
    assert catalog_lang(pdf) == language
    assert "Ein Projekt mit Leerzeichen" in pages[0]
    # Sphinx's numbers: a numbered toctree, nested; the contents list the nested chapter.
    assert "1. Benutzung" in text or "1. Usage" in text
    assert "3.1. Tief unten" in text
    contents = next(i for i, page in enumerate(pages) if page.startswith(furniture[0]))
    assert [title for title, _ in toc_entries(pages[contents])][:4] == [
        "1 Benutzung",
        "2 Referenz",
        "3 Verschachtelt",
        "3.1 Tief unten",
    ]
    # Every directive rendered: domain objects, glossary, footnote, citation, math, only.
    for expected in ("frob(value", "Frobnicator", "--verbose", "Frobnikation", "Knuth1984"):
        assert expected in text, expected
    assert "a^2 + b^2 = c^2" in text
    assert "nur im PDF" in text and "nur in HTML" not in text
    for expected in ("Randnotiz", "Ein Themenkasten", "Strg+C", "return 42", "Eine Warnung"):
        assert expected in text, expected
    # :download: puts the file into the PDF.
    import subprocess

    attached = subprocess.run(
        ["pdfdetach", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    assert "example.py" in attached


def test_nothing_runs_past_the_text_area(make_app, tmp_path):
    import subprocess

    pdf = _vanilla(make_app, tmp_path)
    left, right = 30 * MM, (210 - 30) * MM  # the theme's default margins on A4
    outside = [w for w in _words(pdf) if w[1] < left - 1 or w[3] > right + 1]
    assert not outside, outside[:5]
    # The long code line and the wide table wrapped instead.
    assert "abcdefghijklmnopqrstuvwxyz0123456789" in "".join(w[5] for w in _words(pdf))
    # The image three times as wide as the page is scaled to the column.
    rows = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout.splitlines()[2:]
    assert rows, "no image in the PDF"
    for row in rows:
        fields = row.split()
        width_px, x_ppi = int(fields[3]), float(fields[12])
        assert width_px / x_ppi * 72 <= right - left + 1, row


def test_press_profile_has_bleed_marks_and_right_hand_chapters(make_app, tmp_path):
    from pypdf import PdfReader

    pdf = _vanilla(make_app, tmp_path, pdf_profile="press")
    reader = PdfReader(str(pdf))
    for page in reader.pages:
        trim, bleed = page.trimbox, page.bleedbox
        assert (float(trim.width), float(trim.height)) == pytest.approx((210 * MM, 297 * MM))
        for a, b in zip(bleed, trim, strict=True):
            assert abs(float(a) - float(b)) == pytest.approx(3 * MM, abs=0.01)
    pages = page_texts(pdf)
    for title in ("1. Benutzung", "2. Referenz", "3. Verschachtelt"):
        number = next(i for i, page in enumerate(pages, start=1) if page.startswith(title))
        assert number % 2 == 1, (title, number)


def test_letter_paper_cover_and_pages_fit(make_app, tmp_path):
    pdf = _vanilla(make_app, tmp_path, pdf_paper_size="letter")
    assert page_size_mm(pdf) == (215.9, 279.4)
    width, height = 215.9 * MM, 279.4 * MM
    assert all(w[1] >= 0 and w[3] <= width and w[2] >= 0 and w[4] <= height for w in _words(pdf))
    cover = [w for w in _words(pdf) if w[0] == 1]
    assert cover and max(w[4] for w in cover) < height - 20 * MM


def test_same_sources_give_identical_bytes(tmp_path):
    import os
    import shutil
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, SOURCE_DATE_EPOCH="1767225600", PYTHONPATH=str(root))
    built = []
    for name in ("one", "two"):  # two folders: the path of the sources must not leak in
        srcdir = tmp_path / name / "src"
        shutil.copytree(Path(__file__).parent / "roots" / "test-pdf-vanilla", srcdir)
        out = tmp_path / name / "out"
        subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "pdf", "-q", "-W", str(srcdir), str(out)],
            check=True,
            env=env,
        )
        built.append((out / VANILLA_PDF.format(language="de", paper="")).read_bytes())
    assert built[0] == built[1]
    import io

    from pypdf import PdfReader

    assert PdfReader(io.BytesIO(built[0])).metadata["/CreationDate"] == "D:20260101"


def test_furniture_is_artifact_and_contents_are_tagged_toc(make_app, tmp_path):
    from pypdf import PdfReader

    pdf = _vanilla(make_app, tmp_path)
    reader = PdfReader(str(pdf))
    root = reader.trailer["/Root"]
    assert 'pdfuaid:part="1"' in root["/Metadata"].get_object().get_data().decode()

    tagged: set[tuple[int, int]] = set()  # (page object number, MCID) reachable from the root
    tags: list[tuple[str, list[str]]] = []  # each element's tag and its children's tags

    def walk(element, page=None):
        element = element.get_object()
        if "/Pg" in element:
            page = element.raw_get("/Pg")
        kids = element.get("/K")
        if kids is None:
            return
        if not isinstance(kids, list):
            kids = [kids]
        children = []
        for kid in kids:
            kid_object = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid_object, int):
                tagged.add((page.idnum, kid_object))
            elif "/MCID" in kid_object:
                kid_page = kid_object.raw_get("/Pg") if "/Pg" in kid_object else page
                tagged.add((kid_page.idnum, kid_object["/MCID"]))
            elif "/S" in kid_object:
                children.append(str(kid_object["/S"]))
                walk(kid, page)
        tags.append((str(element.get("/S")), children))

    walk(root["/StructTreeRoot"])
    toc = [children for tag, children in tags if tag == "/TOC"]
    assert toc == [["/TOCI"] * 5]  # four chapters and the index

    page = reader.pages[4]
    texts: dict[object, str] = {}
    stack: list[object] = []

    def before(operator, operands, cm, tm):
        if operator == b"BDC":
            properties = operands[1] if len(operands) > 1 else {}
            stack.append(properties.get("/MCID") if hasattr(properties, "get") else None)
        elif operator == b"BMC":
            stack.append("artifact" if operands[0] == "/Artifact" else None)
        elif operator == b"EMC" and stack:
            stack.pop()

    def text(value, cm, tm, font, size):
        mark = next((m for m in reversed(stack) if m is not None), None)
        texts[mark] = texts.get(mark, "") + value

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    page_id = page.indirect_reference.idnum
    assert not texts.get(None, "").strip(), "text outside any marked content"
    marks = [m for m in texts if m not in ("artifact", None)]
    assert all((page_id, m) in tagged for m in marks), "marked content outside the tree"
    assert "Seite 5 von" in texts["artifact"].replace("\n", " ")
    in_tree = "".join(texts[m] for m in marks)
    assert "Seite 5" not in in_tree
    assert "Referenz" in in_tree  # the chapter's own title is content


def test_pdf_variant_for_archives(make_app, tmp_path):
    from pypdf import PdfReader

    pdf = _vanilla(make_app, tmp_path, pdf_variant="pdf/a-3u")
    metadata = PdfReader(str(pdf)).trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b'pdfaid:part="3"' in metadata and b'pdfaid:conformance="U"' in metadata


@pytest.mark.parametrize(
    "overrides",
    [
        {"pdf_profile": "glossy"},
        {"pdf_margins": {"top": "two centimetres"}},
        {"pdf_margins": {"middle": "2cm"}},
        {"pdf_options": {"no_such_option": True}},
        {"pdf_options": {"stylesheets": []}},
        {"pdf_variant": "pdf/z-9"},
        {"pdf_fonts": {"body": "x; } body { color: red"}},
        {"pdf_basename": "{project}-{version}"},
    ],
)
def test_invalid_settings_are_config_errors(make_app, tmp_path, overrides):
    from sphinx.errors import ConfigError

    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text('extensions = ["build_tools.pdf"]\n')
    (srcdir / "index.rst").write_text("Title\n=====\n")
    with pytest.raises(ConfigError, match=next(iter(overrides))):
        make_app("pdf", srcdir=srcdir, confoverrides=overrides)


@pytest.mark.sphinx("pdf", testroot="pdf-remote", freshenv=True)
def test_remote_images_are_not_fetched(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "remote image https://example.invalid/logo.png not fetched" in warnings
    assert "index.rst" in warnings  # where it is
    assert "pdf_allow_remote_images" in warnings  # and how to allow it
    assert "WeasyPrint" not in warnings  # nothing was asked of the network
    assert "The logo of another site" in "\n".join(page_texts(Path(app.outdir) / "Remote-en.pdf"))


def test_wheel_brings_the_builder_to_any_project(tmp_path):
    """pip builds a wheel whose builder sphinx-build finds with no change to a project's conf.py."""
    import os
    import shutil
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parent.parent
    repo = tmp_path / "repo"
    shutil.copytree(
        root / "build_tools" / "pdf",
        repo / "build_tools" / "pdf",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    shutil.copy(root / "pyproject.toml", repo)
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "-q"]
    # The venv's setuptools and wheel build it: nothing is downloaded.
    offline = ["--no-build-isolation", "--no-deps"]
    subprocess.run([*pip_wheel, *offline, "-w", str(tmp_path / "dist"), str(repo)], check=True)
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path / "site")
    assert not [n for n in names if n.startswith("build_tools")]
    for wanted in (
        "sphinx_weasyprint_book/theme/templates/book.html",
        "sphinx_weasyprint_book/theme/static/book.css",
        "sphinx_weasyprint_book/locale/de/LC_MESSAGES/sphinx_weasyprint_book.po",
    ):
        assert wanted in names
    assert not [n for n in names if "handout" in n]  # the handbook's own templates stay home

    project = tmp_path / "project"
    shutil.copytree(root / "tests" / "roots" / "test-pdf-vanilla", project)
    conf = project / "conf.py"
    conf.write_text(conf.read_text().replace('extensions = ["build_tools.pdf"]\n', ""))
    env = dict(os.environ, PYTHONPATH=str(tmp_path / "site"))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "pdf",
            "-W",
            "-q",
            str(project),
            str(tmp_path / "out"),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pages = page_texts(tmp_path / "out" / VANILLA_PDF.format(language="de", paper=""))
    assert "Inhalt" in pages[2]
    probe = subprocess.run(
        [sys.executable, "-c", "import build_tools"], cwd=tmp_path, env=env, check=False
    )
    assert probe.returncode != 0
