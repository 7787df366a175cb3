"""Hostile or broken input costs linear time, and the checks still work inside it.

Before these checks were made linear, each part of the message below took
from tens of seconds to minutes (a 20,000-space run, 2,000 URLs, 20,000
numbers, long runs of markup characters).  The bound is generous: a loaded
two-core machine checks it in a few seconds.
"""

from __future__ import annotations

import time
from pathlib import Path

from build_tools.check_po import check_paths

from .helpers import write_po

BOUND_SECONDS = 30.0


def hostile(six: str) -> str:
    parts = [
        "Wait" + " " * 20_000 + f"{six} hours.",
        " ".join(f"https://example.org/{i}/page" for i in range(2_000)),
        ", ".join(f"{i} mg" for i in range(20_000)),
        "a:" * 5_000 + "[" * 5_000 + "<a" + " " * 5_000 + "x_" * 5_000,
        "\n".join(["*a* `b`_ :term:`c <d>` ``e``"] * 5 + ["`*[|" * 20]),
    ]
    return "\n\n".join(parts)


def test_a_hostile_message_is_checked_in_bounded_time(tmp_path: Path) -> None:
    catalogue = write_po(tmp_path, [(hostile("6.5"), hostile("16,5"))])
    start = time.perf_counter()
    findings = check_paths([catalogue])
    elapsed = time.perf_counter() - start
    assert elapsed < BOUND_SECONDS
    # The changed number is still found among 20,000 others.
    assert [f.code for f in findings] == ["PO201"]
    assert "16,5" in findings[0].message


def test_a_large_catalogue_is_checked_in_bounded_time(tmp_path: Path) -> None:
    messages = [
        (
            f"Message {i}: take 1.5 mg, call +1 555 010 4477, see https://example.org/{i}.",
            f"Mensaje {i}: tome 1,5 mg, llame al +1 555 010 4477, vea https://example.org/{i}.",
        )
        for i in range(5_000)
    ]
    messages[4_321] = (messages[4_321][0], messages[4_321][1].replace("1,5 mg", "15 mg"))
    catalogue = write_po(tmp_path, messages)
    start = time.perf_counter()
    findings = check_paths([catalogue])
    # Twice the bound: 5,000 messages, each checked in full.
    assert time.perf_counter() - start < 2 * BOUND_SECONDS
    assert [(f.code, f.msgid) for f in findings] == [("PO201", messages[4_321][0])]


def test_thousands_of_changed_urls_are_paired_in_bounded_time(tmp_path: Path) -> None:
    source = " ".join(f"https://example.org/en/{i}/page" for i in range(3_000))
    # Localised, except one whose path changed.
    translation = source.replace("/en/", "/es/").replace("/es/1234/page", "/es/1234/pagina")
    catalogue = write_po(tmp_path, [(source, translation)])
    start = time.perf_counter()
    findings = check_paths([catalogue])
    assert time.perf_counter() - start < BOUND_SECONDS
    assert [f.code for f in findings] == ["PO204"]
    assert "the path changed from /1234/page to /1234/pagina" in findings[0].message


def test_a_hostile_format_message_is_checked_in_bounded_time(tmp_path: Path) -> None:
    text = "%(" * 20_000 + "{a" * 20_000 + "%" + " " * 20_000 + ".\n"
    catalogue = write_po(
        tmp_path,
        [(text + "%(n)d", text + "%(m)d")],
        before="#: ../../source/tace.rst:3\n#, python-format\n",
    )
    start = time.perf_counter()
    findings = check_paths([catalogue])
    assert time.perf_counter() - start < BOUND_SECONDS
    assert [f.code for f in findings] == ["PO108"]
