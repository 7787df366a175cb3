"""Review packets: everything a reviewer must read before signing, as one PDF.

``make review-packet`` (English) is for a clinician: each page that has no current clinical review,
as it will print, with numbered lines, and a redline of its source since the version last reviewed
(found in git from the recorded version; when it cannot be found, the packet says so and the whole
page is for review). ``make review-packet LANG=es`` is for a medical translator: each page whose
translation has no current review, the English and the translation side by side message by
message, the messages changed since the last review marked, and the translation checks' findings
beside the message they concern. Every page ends with a sign-off box naming the exact versions and
the command that records the review.
"""

from __future__ import annotations

import datetime as dt
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from build_tools.atomic import atomic_output
from build_tools.check_po.pofile import PoEntry, parse_po_bytes
from build_tools.languages import Language
from build_tools.project import Project
from build_tools.reviews import history, records

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class DiffLine:
    """One line of a redline: ``same``, ``added`` or ``removed``; ``number`` in the current page."""

    kind: str
    text: str
    number: int | None


@dataclass(frozen=True)
class MessageRow:
    number: int
    english: str
    translation: str
    marks: tuple[str, ...]
    findings: tuple[str, ...]


@dataclass
class PagePacket:
    docname: str
    title: str
    status: str
    versions: list[tuple[str, str]]
    command: str
    printed: list[str] = field(default_factory=list)
    redline: list[DiffLine] | None = None
    history_note: str = ""
    messages: list[MessageRow] = field(default_factory=list)
    file_findings: list[str] = field(default_factory=list)


def review_pages(source_dir: Path) -> list[str]:
    """Every page of the handbook (all carry patient content), in a stable order."""
    return sorted(
        path.relative_to(source_dir).with_suffix("").as_posix()
        for path in source_dir.rglob("*.rst")
    )


def _title(source_file: Path) -> str:
    lines = source_file.read_text(encoding="utf-8").splitlines()
    for index in range(1, len(lines)):
        underline = lines[index].strip()
        if (
            underline
            and len(set(underline)) == 1
            and underline[0] in "=-~#*"
            and lines[index - 1].strip()
        ) and set(lines[index - 1].strip()) != set(underline):
            return lines[index - 1].strip()
    return source_file.stem


def redline(old: str, new: str) -> list[DiffLine]:
    """Line by line: what the reviewed version said, and what the page says now."""
    old_lines, new_lines = old.splitlines(), new.splitlines()
    result: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            result.extend(DiffLine("same", new_lines[j], j + 1) for j in range(b0, b1))
            continue
        result.extend(DiffLine("removed", old_lines[i], None) for i in range(a0, a1))
        result.extend(DiffLine("added", new_lines[j], j + 1) for j in range(b0, b1))
    return result


def printed_text(root: Path, build_dir: Path) -> dict[str, list[str]]:
    """Each English page as it prints, as plain text (Sphinx's text builder), by page."""
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace

    outdir = build_dir / "text"
    warnings = io.StringIO()
    with docutils_namespace():
        app = Sphinx(
            srcdir=Project.load(root).srcdir,
            confdir=root,
            outdir=outdir,
            doctreedir=build_dir / "doctrees",
            buildername="text",
            confoverrides={"language": "en"},
            status=None,
            warning=warnings,
            freshenv=False,
        )
        app.build()
    return {
        path.relative_to(outdir).with_suffix("").as_posix(): path.read_text(
            encoding="utf-8"
        ).splitlines()
        for path in outdir.rglob("*.txt")
    }


def clinical_pages(root: Path, build_dir: Path) -> list[PagePacket]:
    project = Project.load(root)
    source_dir, locale_dir = project.srcdir, project.locale_dir
    reviews = records.load(source_dir, locale_dir, "en")
    texts = printed_text(root, build_dir)
    packets = []
    for docname in review_pages(source_dir):
        source_file = source_dir / f"{docname}.rst"
        status = records.clinical_status(source_dir, reviews.get(docname), docname)
        if status.current:
            continue
        version = records.source_version(source_file)
        current_text = source_file.read_text(encoding="utf-8")
        packet = PagePacket(
            docname=docname,
            title=_title(source_file),
            status="",
            versions=[("English source version", version)],
            command=(
                "python -m build_tools.reviews record --kind clinical "
                f'--page {docname} --reviewer "NAME, ROLE" --date YYYY-MM-DD '
                f"--source-version {version}"
            ),
            printed=texts.get(docname, []),
        )
        if status.review is None:
            packet.status = "No clinical review recorded: the whole page is for review."
        else:
            reviewed = history.reviewed_source(root, status.review.source_version)
            when = f"reviewed by {status.review.reviewer} on {status.review.date}"
            packet.status = f"The page changed since it was {when}."
            if reviewed is None:
                packet.history_note = (
                    f"The reviewed version {status.review.source_version} was not found in this "
                    "repository's git history, so no redline can be shown: the whole page is for "
                    "review."
                )
            else:
                packet.redline = redline(reviewed.decode("utf-8", "replace"), current_text)
        packets.append(packet)
    return packets


def _key(entry: PoEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def translation_pages(root: Path, language: str) -> list[PagePacket]:
    from build_tools.check_po import check_paths

    project = Project.load(root)
    source_dir, locale_dir = project.srcdir, project.locale_dir
    reviews = records.load(source_dir, locale_dir, language)
    packets = []
    for docname in review_pages(source_dir):
        po_file = locale_dir / language / "LC_MESSAGES" / f"{docname}.po"
        if not po_file.is_file():
            continue
        status = records.translation_status(source_dir, locale_dir, reviews.get(docname), docname)
        if status.current:
            continue
        source_version = records.source_version(source_dir / f"{docname}.rst")
        messages_version = records.messages_version(po_file)
        packet = PagePacket(
            docname=docname,
            title=_title(source_dir / f"{docname}.rst"),
            status="",
            versions=[
                ("English source version", source_version),
                ("Messages version", messages_version),
            ],
            command=(
                f"python -m build_tools.reviews record --kind translation --lang {language} "
                f'--page {docname} --reviewer "NAME" --qualification "QUALIFICATION" '
                f"--date YYYY-MM-DD --source-version {source_version} "
                f"--messages-version {messages_version}"
            ),
        )
        previous: dict[tuple[str, str], list[str]] | None = None
        if status.review is None:
            packet.status = "No translation review recorded: every message is for review."
        else:
            when = f"reviewed by {status.review.reviewer} on {status.review.date}"
            packet.status = f"The page or its translation changed since it was {when}."
            old = history.reviewed_catalogue(root, po_file, status.review.messages_version)
            if old is None:
                packet.history_note = (
                    "The reviewed version of the messages was not found in this repository's git "
                    "history, so changed messages cannot be told apart: every message is for "
                    "review."
                )
            else:
                previous = {_key(e): e.translations for e in parse_po_bytes(old).messages}
        findings: dict[str, list[str]] = {}
        for finding in check_paths([po_file], glossary_root=locale_dir):
            text = f"{finding.code} {finding.message}"
            if finding.msgid is None:
                packet.file_findings.append(f"line {finding.line}: {text}")
            else:
                findings.setdefault(finding.msgid, []).append(text)
        catalogue = parse_po_bytes(po_file.read_bytes())
        for number, entry in enumerate(catalogue.messages, start=1):
            marks = []
            if previous is not None:
                if _key(entry) not in previous:
                    marks.append("changed: new or changed English")
                elif previous[_key(entry)] != entry.translations:
                    marks.append("changed: translation edited")
            if entry.is_fuzzy:
                marks.append("fuzzy: not used until confirmed")
            elif not entry.is_translated:
                marks.append("untranslated: prints in English")
            packet.messages.append(
                MessageRow(
                    number=number,
                    english=entry.msgid,
                    translation=" | ".join(entry.translations),
                    marks=tuple(marks),
                    findings=tuple(findings.get(entry.msgid, ())),
                )
            )
        packets.append(packet)
    return packets


def build_packet(root: Path, language: str, out_dir: Path) -> tuple[Path, int]:
    """Write ``out_dir/review-packet-<language>.pdf``; return its path and the pages in it."""
    from weasyprint import HTML

    if language == "en":
        pages = clinical_pages(root, out_dir / "work")
    else:
        pages = translation_pages(root, language)
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    html = environment.get_template("packet.html").render(
        language=Language(language),
        language_name=Language(language).locale.get_display_name("en") or language,
        clinical=language == "en",
        pages=pages,
        today=dt.date.today().isoformat(),
    )
    target = out_dir / f"review-packet-{language}.pdf"
    document = HTML(string=html, base_url=str(TEMPLATES)).render()
    with atomic_output(target) as handle:
        document.write_pdf(handle)
    return target, len(pages)
