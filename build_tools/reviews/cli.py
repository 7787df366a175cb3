"""``python -m build_tools.reviews``: record a review that happened, or build review packets.

::

    python -m build_tools.reviews record --kind clinical --page procedures/tace \\
        --reviewer "Name Surname, consultant interventional radiologist" [--date 2027-01-15]
    python -m build_tools.reviews record --kind translation --lang es --page procedures/tace \\
        --reviewer "Name Surname" --qualification "certified medical translator" [--date ...]
    python -m build_tools.reviews packet [LANG|all]      # build/review/review-packet-<lang>.pdf

``record`` writes the exact versions of the page as they are now (or refuses when the versions
printed in the packet, ``--source-version``/``--messages-version``, are no longer current), and
prints what it recorded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from build_tools.atomic import write_text_atomic
from build_tools.languages import (
    SOURCE_LANGUAGE,
    LanguageError,
    normalise,
    resolve,
    shipped_languages,
)
from build_tools.project import Project
from build_tools.reviews import records


class UsageError(ValueError):
    """A command line that cannot be carried out; the message says what to change."""


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD") from None


def record(args: argparse.Namespace) -> str:
    """Write one review record; return the line that says what was recorded."""
    project = Project.load()
    if args.kind == "clinical":
        if args.lang not in (None, SOURCE_LANGUAGE):
            raise UsageError("a clinical review covers the English source; leave out --lang")
        if args.qualification or args.messages_version:
            raise UsageError("--qualification and --messages-version are for translation reviews")
        language = SOURCE_LANGUAGE
    else:
        if not args.lang:
            raise UsageError("name the language of the translation: --lang es")
        try:
            language = normalise(args.lang)
        except LanguageError as exc:
            raise UsageError(f"--lang {args.lang}: {exc}") from None
        if language == SOURCE_LANGUAGE or language not in shipped_languages(project.locale_dir):
            known = " ".join(shipped_languages(project.locale_dir)[1:])
            raise UsageError(f"--lang {args.lang}: no translation of that language; known: {known}")
        if not args.qualification or not args.qualification.strip():
            raise UsageError(
                "name the translator's qualification: --qualification \"certified medical "
                'translator, English to Spanish"'
            )
    docname = args.page.strip().removesuffix(".rst").removeprefix("source/")
    if not records.page_exists(project.srcdir, docname):
        raise UsageError(f"--page {args.page}: no such page (source/{docname}.rst)")
    today = dt.date.today()
    date = args.date or today
    if date > today:
        raise UsageError(f"--date {date}: in the future; record a review once it has happened")

    source_version = records.source_version(project.srcdir / f"{docname}.rst")
    if args.source_version and args.source_version != source_version:
        raise UsageError(
            f"source/{docname}.rst changed since version {args.source_version} was reviewed "
            f"(it is now {source_version}); review the current version: make review-packet"
        )
    messages_version = ""
    if language != SOURCE_LANGUAGE:
        po_file = project.locale_dir / language / "LC_MESSAGES" / f"{docname}.po"
        if not po_file.is_file():
            raise UsageError(
                f"--page {args.page}: no catalogue {po_file.relative_to(project.confdir)}"
            )
        messages_version = records.messages_version(po_file)
        if args.messages_version and args.messages_version != messages_version:
            raise UsageError(
                f"{po_file.relative_to(project.confdir)} changed since version "
                f"{args.messages_version} was "
                f"reviewed; review the current version: make review-packet LANG={language}"
            )

    path = records.record_path(project.srcdir, project.locale_dir, language)
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    # The file must be sound before it is rewritten: its other records are kept as they are.
    existing = records.parse(path, text, language, project.srcdir) if text else {}
    review = records.Review(
        docname=docname,
        reviewer=args.reviewer.strip(),
        date=date,
        source_version=source_version,
        qualification=(args.qualification or "").strip(),
        messages_version=messages_version,
        language=language,
    )
    new_text = records.render(records.leading_comments(text), {**existing, docname: review})
    # Check what is about to be written with the same rules as every reader.
    records.parse(path, new_text, language, project.srcdir)
    write_text_atomic(path, new_text)
    where = path.relative_to(project.confdir)
    if language == SOURCE_LANGUAGE:
        what = f"clinical review of {docname} by {review.reviewer} on {date}"
        versions = f"English source version {source_version}"
    else:
        what = (
            f"{language} translation review of {docname} by {review.reviewer} "
            f"({review.qualification}) on {date}"
        )
        versions = f"English source version {source_version}, messages version {messages_version}"
    return f"Recorded in {where}: {what}; covers {versions}."


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m build_tools.reviews",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True)
    rec = sub.add_parser("record", help="record a review that has happened")
    rec.add_argument("--kind", choices=("clinical", "translation"), required=True)
    rec.add_argument("--page", required=True, help="the page, e.g. procedures/tace")
    rec.add_argument("--reviewer", required=True, help='"Name, role" (clinical) or the name')
    rec.add_argument("--qualification", help="the translator's qualification (translation)")
    rec.add_argument("--lang", help="the language of the translation (translation)")
    rec.add_argument("--date", type=_date, help="the day of the review (default: today)")
    rec.add_argument("--source-version", help="the English version reviewed (from the packet)")
    rec.add_argument("--messages-version", help="the messages version reviewed (from the packet)")
    packet = sub.add_parser("packet", help="build build/review/review-packet-<lang>.pdf")
    packet.add_argument("language", nargs="?", default=SOURCE_LANGUAGE, help="a language, or all")
    packet.add_argument("--build-dir", type=Path, default=Project.load().build_dir)
    args = parser.parse_args(argv)

    try:
        if args.command == "record":
            sys.stdout.write(record(args) + "\n")
            return 0
        from build_tools.reviews.packet import build_packet

        project = Project.load()

        for language in resolve(args.language, project.locale_dir):
            path, pages = build_packet(project.confdir, language, args.build_dir / "review")
            sys.stdout.write(f"{path}: {pages} page(s) to review\n")
        return 0
    except (UsageError, records.ReviewError, LanguageError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
