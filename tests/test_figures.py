"""Figures whose labels are translated like the text (build_tools.figures).

The real handbook is read back (the Spanish PDF's text, the Spanish pages' pictures, the tagged
PDF's figures, the ePub's pictures); the rules are also tried on figures unlike ours: a mirrored
arrow in Arabic, Chinese that wraps without spaces, a letter no font has, a hostile file.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdf
import pytest

from build_tools.figures import fonts
from build_tools.figures.svg import FigureError, parse, render, visual, wrap

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ROOT / "source" / "figures"
#: The pages that show a figure, and the figure each shows.
PAGES = {
    "what-is-interventional-oncology": "image-guidance.svg",
    "procedures/tace": "catheter.svg",
    "procedures/radioembolization": "catheter.svg",
    "procedures/radiofrequency-ablation": "ablation.svg",
    "procedures/microwave-ablation": "ablation.svg",
    "procedures/cryoablation": "ablation.svg",
    "procedures/ethanol-injection": "ablation.svg",
    "procedures/venous-access-ports": "port.svg",
}
#: English labels whose Spanish differs, and the Spanish of some of them.
ENGLISH_LABELS = [
    "Liver",
    "Catheter",
    "or at the wrist",
    "In at the top of the leg",
    "Skin",
    "Needle or probe",
    "Treated area",
    "Port, under the skin",
    "Large vein",
    "Heart",
    "Imaging machine",
    "Screen",
]
SPANISH_LABELS = ["Hígado", "Catéter", "Piel", "Aguja o sonda", "Zona tratada", "Vena grande"]


def svg_text(svg: bytes) -> str:
    """The words drawn in an SVG (its text and tspans), one space between each."""
    return " ".join(" ".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", svg.decode())).split())


def pictures(html: str) -> list[tuple[str, bytes]]:
    """Each figure picture of a page: its alt text and its SVG."""
    found = []
    for tag in re.findall(r"<img [^>]*>", html):
        src = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', tag)
        alt = re.search(r'alt="([^"]*)"', tag)
        if src:
            found.append((alt.group(1) if alt else "", base64.b64decode(src.group(1))))
    return found


# --- make gettext ---------------------------------------------------------------------------


def test_make_gettext_puts_labels_into_the_page_templates_with_comments(repo_copy):
    result = subprocess.run(
        ["make", "gettext"], cwd=repo_copy, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    templates = repo_copy / "build" / "gettext"
    for docname, figure in PAGES.items():
        pot = (templates / f"{docname}.pot").read_text(encoding="utf-8")
        _root, labels = parse(FIGURES / figure)
        for label in labels:
            assert f'msgid "{label.text}"' in pot or label.text[:30] in pot, (docname, label)
        # Each label says which figure and which label it is, and where it stands.
        assert f'#. Figure {figure}, label "' in pot
        assert f"#: ../../source/figures/{figure}:" in pot
        assert f"#. Figure {figure}: its alt text" in pot
    tace = (templates / "procedures" / "tace.pot").read_text(encoding="utf-8")
    block = tace[tace.index('label "liver"') - 20 : tace.index('msgid "Liver"')]
    assert "#: ../../source/figures/catheter.svg:" in block
    assert "characters fit" in block


# --- the built handbook ---------------------------------------------------------------------


def test_spanish_pdf_shows_translated_labels_and_no_english_one(handbook):
    text = subprocess.run(
        ["pdftotext", str(handbook / "pdf" / "handbook-es.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    words = " ".join(text.split())
    for label in SPANISH_LABELS:
        assert label in words, label
    lines = {" ".join(line.split()) for line in text.splitlines()}
    for label in ENGLISH_LABELS:
        assert label not in lines, f"English label {label!r} in the Spanish PDF"
    assert not re.search(r"\b(Liver|Catheter|Needle or|Treated area|Imaging machine)\b", text)


def test_spanish_pages_show_translated_labels_and_alt_text(handbook):
    for docname, figure in PAGES.items():
        html = (handbook / "html" / "es" / f"{docname}.html").read_text(encoding="utf-8")
        found = pictures(html)
        assert len(found) == 1, docname
        alt, svg = found[0]
        drawn = svg_text(svg)
        assert alt and not alt.startswith("A drawing"), (docname, alt)
        assert 'xml:lang="es"' in svg.decode()
        for label in ENGLISH_LABELS:
            assert label not in drawn, (docname, label, drawn)
        _root, labels = parse(FIGURES / figure)
        assert len(re.findall(r"<text ", svg.decode())) == sum(
            1 for label in labels if label.kind == "label"
        )
    tace = (handbook / "html" / "es" / "procedures" / "tace.html").read_text(encoding="utf-8")
    drawn = svg_text(pictures(tace)[0][1])
    assert "Hígado" in drawn and "Catéter" in drawn


@pytest.mark.parametrize("language", ["en", "es", "fr", "zh_CN", "ar"])
def test_every_figure_in_the_tagged_pdf_has_alt_text(handbook, language):
    reader = pypdf.PdfReader(handbook / "pdf" / f"handbook-{language}.pdf")
    figures: list[str] = []

    def walk(node: object) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if node.get("/S") == "/Figure":
                figures.append(str(node.get("/Alt", "")))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    assert len(figures) == len(PAGES)
    assert all(alt.strip() for alt in figures), figures
    if language != "en":
        assert not any(alt.startswith("A drawing") for alt in figures), figures


@pytest.mark.parametrize("language", ["zh_CN", "ar"])
def test_epub_carries_the_figures_in_its_language(handbook, language):
    with zipfile.ZipFile(handbook / "epub" / f"handbook-{language}.epub") as epub:
        svgs = [epub.read(name) for name in epub.namelist() if name.endswith(".svg")]
        pages = "".join(
            epub.read(name).decode("utf-8") for name in epub.namelist() if name.endswith(".xhtml")
        )
    drawn = " ".join(svg_text(svg) for svg in svgs) + " ".join(
        svg_text(svg) for _alt, svg in pictures(pages)
    )
    assert drawn.strip(), "no figure in the ePub"
    for label in ENGLISH_LABELS:
        assert label not in drawn, label


# --- a label that no longer fits ------------------------------------------------------------


def test_a_label_made_too_long_is_reported_with_figure_label_and_language(repo_copy, tmp_path):
    po = repo_copy / "locale" / "es" / "LC_MESSAGES" / "procedures" / "tace.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgid "Liver"\nmsgstr "Hígado"' in text
    po.write_text(
        text.replace(
            'msgid "Liver"\nmsgstr "Hígado"',
            'msgid "Liver"\nmsgstr "Hígado, el órgano grande bajo las costillas derechas"',
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "build_tools.build", "html", "es", "--build-dir", str(tmp_path)],
        cwd=repo_copy,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "figure figures/catheter.svg, label 'liver' (es)" in output, output
    assert "does not fit its box" in output


# --- the rules, on figures unlike ours --------------------------------------------------------

ARROW = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 100" data-mirror="true">
  <title>Reading order</title>
  <path d="M20 50 L360 50 L340 40 M360 50 L340 60" stroke="black"/>
  <text id="first" x="20" y="90" font-size="20" data-width="150">First</text>
  <text id="then" x="380" y="90" font-size="20" text-anchor="end" data-width="150">Then</text>
</svg>"""


def test_a_mirrored_figure_is_flipped_in_arabic_and_its_labels_are_not(tmp_path):
    source = tmp_path / "arrow.svg"
    source.write_text(ARROW, encoding="utf-8")
    root, labels = parse(source)
    translations = {"Reading order": "ترتيب القراءة", "First": "أولاً", "Then": "ثم"}
    layouts = {
        label.name: wrap(translations[label.text], label.width, label.font_size, 1, rtl=True)
        for label in labels
        if label.kind == "label"
    }
    out = render(root, translations, layouts, language="ar", rtl=True).decode()
    assert 'transform="matrix(-1 0 0 1 400 0)"' in out  # the arrow points the other way
    first = re.search(r'<text[^>]*id="first"[^>]*>', out)
    assert first and 'x="380"' in first.group(0) and 'text-anchor="end"' in first.group(0)
    assert visual("أولاً") in out and "ترتيب القراءة" in out
    # The same figure in English, and a body diagram in Arabic, are not flipped.
    english = render(root, {}, {}, language="en", rtl=False).decode()
    assert "matrix(-1" not in english
    body_root, _ = parse(FIGURES / "catheter.svg")
    assert "matrix(-1" not in render(body_root, {}, {}, language="ar", rtl=True).decode()


def test_arabic_labels_are_shaped_and_drawn_in_visual_order():
    shaped = visual("الكبد")
    assert shaped != "الكبد"
    assert all(0xFB50 <= ord(char) <= 0xFEFF for char in shaped)  # joined presentation forms
    assert not fonts.missing_glyphs(shaped)


def test_chinese_wraps_without_spaces_and_overflow_counts_lines():
    layout = wrap("输液港位于锁骨下方的皮肤下面", 120, 24, 3)
    assert len(layout.lines) == 3 and layout.fits
    assert all(fonts.text_width(line, 24) <= 120 for line in layout.lines)
    assert not wrap("输液港位于锁骨下方的皮肤下面", 120, 24, 2).fits
    # A single word wider than its box never fits, however many lines it may use.
    assert not wrap("Schulterblattgräte", 100, 24, 5).fits


def test_a_character_no_font_has_is_named():
    assert fonts.missing_glyphs("Leber ᚠ") == ["ᚠ"]  # runic: none of the body fonts has it
    assert fonts.missing_glyphs("肝脏 الكبد Hígado") == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<script>alert(1)</script>", "shapes and text only"),
        ('<image href="http://127.0.0.1/x.png"/>', "shapes and text only"),
        ('<rect fill="url(http://127.0.0.1/x)"/>', "refers outside the figure"),
        ('<text id="a" x="1" y="1" font-size="20">No box</text>', "data-width="),
        ('<text x="1" y="1" font-size="20" data-width="9">No id</text>', "has no id="),
    ],
)
def test_a_broken_or_hostile_figure_is_refused_in_one_line(tmp_path, body, expected):
    source = tmp_path / "bad.svg"
    source.write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{body}</svg>',
        encoding="utf-8",
    )
    with pytest.raises(FigureError, match=re.escape(expected)) as caught:
        parse(source)
    assert str(source) in str(caught.value) and "\n" not in str(caught.value)


def test_an_entity_bomb_is_refused(tmp_path):
    source = tmp_path / "bomb.svg"
    source.write_text(
        '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><title>&b;</title></svg>',
        encoding="utf-8",
    )
    with pytest.raises(FigureError, match="not a well-formed SVG"):
        parse(source)


def test_every_shipped_label_fits_in_every_language():
    """The build warns on overflow; this says which label, without a build."""
    import gettext as stdlib_gettext
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    from build_tools.languages import Language

    problems = []
    for language in ["en", "es", "fr", "zh_CN", "ar"]:
        rtl = Language(language).direction == "rtl"
        for docname, figure in PAGES.items():
            translate = stdlib_gettext.NullTranslations().gettext
            po = ROOT / "locale" / language / "LC_MESSAGES" / f"{docname}.po"
            if language != "en":
                buffer = io.BytesIO()
                with po.open("rb") as handle:
                    write_mo(buffer, read_po(handle, locale=language), use_fuzzy=False)
                buffer.seek(0)
                translate = stdlib_gettext.GNUTranslations(buffer).gettext
            _root, labels = parse(FIGURES / figure)
            for label in labels:
                text = translate(label.text)
                if language != "en" and label.kind == "label":
                    assert text != label.text or text == "Tumor", (language, figure, label)
                if (
                    label.kind == "label"
                    and not wrap(text, label.width, label.font_size, label.lines, rtl=rtl).fits
                ):
                    problems.append((language, figure, label.name, text))
                if fonts.missing_glyphs(text):
                    problems.append((language, figure, label.name, "missing glyph"))
    assert not problems


# --- the handouts' gate ---------------------------------------------------------------------


def _untranslate(po: Path, msgid_start: str) -> None:
    """Empty the translation of the message whose msgid starts with ``msgid_start``."""
    text = po.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    for index, block in enumerate(blocks):
        source = [
            line
            for line in block.split("msgstr")[0].splitlines()
            if line.startswith(("msgid", '"'))
        ]
        joined = "".join(re.findall(r'"(.*)"', "\n".join(source)))
        if joined.startswith(msgid_start) and "msgstr" in block:
            head = block.split("msgstr")[0]
            blocks[index] = head + 'msgstr ""'
            break
    else:
        raise AssertionError(f"{msgid_start!r} not in {po}")
    po.write_text("\n\n".join(blocks), encoding="utf-8")


def test_a_missing_label_or_alt_text_makes_the_handout_incomplete(repo_copy):
    import datetime as dt

    from build_tools.handouts.gate import assess

    messages = repo_copy / "locale" / "es" / "LC_MESSAGES" / "procedures"
    _untranslate(messages / "tace.po", "Liver")  # a label
    _untranslate(messages / "cryoablation.po", "A drawing of a cut")  # an alt text
    verdicts = {
        docname: assess(
            source_dir=repo_copy / "source",
            locale_dir=repo_copy / "locale",
            language="es",
            docname=f"procedures/{docname}",
            today=dt.date(2027, 1, 1),
        )
        for docname in ("tace", "cryoablation")
    }
    assert not verdicts["tace"].final
    assert "Liver" in repr(verdicts["tace"]) or "PO401" in repr(verdicts["tace"])
    assert not verdicts["cryoablation"].final

    # The handouts themselves: the two pages are drafts "translation incomplete", a complete
    # page is not, though its figure's alt text is translated by Sphinx.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_tools.handouts",
            "--clinic",
            "clinics/example.toml",
            "--lang",
            "es",
            "--draft",
        ],
        cwd=repo_copy,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = repo_copy / "build" / "handouts" / "example" / "es"

    def reasons(name: str) -> str:
        text = subprocess.run(
            ["pdftotext", str(out / f"{name}-draft.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return " ".join(text.split())

    assert "traducción incompleta" in reasons("tace")
    assert "traducción incompleta" in reasons("cryoablation")
    assert "traducción incompleta" not in reasons("radioembolization")
