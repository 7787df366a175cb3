"""PO101, PO102, PO105 and PO107: whether the file holds together."""

from __future__ import annotations

from .pofile import PoEntry, PoFile


def syntax_problems(po: PoFile) -> list[tuple[int, str, str]]:
    """(line, code, message) for problems found while reading the bytes."""
    problems = [(p.line, "PO101", f"{p.message}") for p in po.syntax_problems]
    if po.decode_problem is not None:
        problems.append((po.decode_problem.line, "PO105", po.decode_problem.message))
    return problems


def duplicate_messages(po: PoFile) -> list[tuple[PoEntry, str]]:
    """Each repeated message, with the message naming the first occurrence.

    Obsolete (``#~``) entries count too: msgfmt rejects a file in which one
    repeats a live message or another obsolete one ("duplicate message
    definition").
    """
    first: dict[tuple[str | None, str], PoEntry] = {}
    duplicates = []
    for entry in po.entries:
        key = (entry.msgctxt, entry.msgid)
        if key not in first:
            first[key] = entry
        elif entry.obsolete:
            kept = "obsolete message" if first[key].obsolete else "message"
            duplicates.append(
                (
                    entry,
                    f"this obsolete (#~) entry repeats the {kept} whose msgstr is at line "
                    f"{first[key].msgstr_line}, and msgfmt rejects the file for it; "
                    "delete the obsolete entry",
                )
            )
        elif first[key].obsolete:
            duplicates.append(
                (
                    entry,
                    f"the obsolete (#~) entry whose msgstr is at line {first[key].msgstr_line} "
                    "repeats this message, and msgfmt rejects the file for it; "
                    "delete the obsolete entry",
                )
            )
        else:
            duplicates.append(
                (
                    entry,
                    f"this message repeats the one whose msgstr is at line "
                    f"{first[key].msgstr_line}; keep one (msguniq can merge them)",
                )
            )
    return duplicates


def plural_count_problem(entry: PoEntry, nplurals: int | None) -> str | None:
    if not entry.is_plural or nplurals is None or len(entry.msgstr) == nplurals:
        return None
    return (
        f"the message has {len(entry.msgstr)} msgstr[n] but Plural-Forms declares "
        f"nplurals={nplurals}; give msgstr[0] to msgstr[{nplurals - 1}]"
    )
