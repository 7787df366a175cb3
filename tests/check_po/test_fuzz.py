"""Fuzzing: whatever bytes a catalogue holds, the checker reports through its codes.

Random bytes, mutated catalogues and random reST in messages must never
raise: every problem is a finding with a known code and that code's
severity.  The examples are derandomised so that a run in CI is
reproducible; set ``CHECK_PO_FUZZ_EXAMPLES`` to fuzz longer on your machine.
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools.check_po import CODES, check_catalogues

from .helpers import CLEAN, HEADER, quote

EXAMPLES = int(os.environ.get("CHECK_PO_FUZZ_EXAMPLES", "150"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 150,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

SEED = (CLEAN / "es" / "LC_MESSAGES" / "procedures" / "tace.po").read_bytes()
# Pieces that matter to a PO reader, an reST parser or the content checks.
TOKENS = [
    '"', "\\", "\\n", "\\x", "\\777", "\n", "\r", "\r\n", "\t", " ", "#", "#~ ", "#| ", "#, fuzzy",
    "#: a.rst:1", "# check-po: allow PO201 -- r", "msgid ", "msgstr ", "msgstr[0] ", "msgstr[9] ",
    "msgid_plural ", "msgctxt ", '""', "charset=", "Language: ", "Plural-Forms: nplurals=2; ",
    "*", "**", "`", "``", "_", "__", "|", "[", "]", "<", ">", ":term:", ":ref:`a <b>`", ".. ",
    ".. raw:: html", "::", "https://example.org/a", "www.", "a@b.org", "javascript:", "%s", "%(n)d",
    "{0}", "{", "1", "1,5", "2.5", "٣", "٫", "mg", "°C", "+34 912 345 678", "3.0a1", "#noqa",
    "，", "、", "،", "。", "\u2028", "\x00", "\ufeff", "é", "中", "ع", "noqa", "&#169;",
]  # fmt: skip


def check_bytes(folder: Path, data: bytes) -> None:
    path = folder / "fuzz.po"
    path.write_bytes(data)
    (result,) = check_catalogues([path])
    for finding in result.findings + [allowed.finding for allowed in result.allowed]:
        assert finding.code in CODES
        assert finding.severity is CODES[finding.code].severity
        assert finding.line >= 1
        assert finding.message.strip()


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes(tmp_path: Path, data: bytes) -> None:
    check_bytes(tmp_path, data)


@st.composite
def mutated_catalogue(draw: st.DrawFn) -> bytes:
    data = bytearray(SEED)
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        position = draw(st.integers(min_value=0, max_value=len(data)))
        kind = draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = draw(st.sampled_from(TOKENS) | st.text(max_size=8)).encode("utf-8")
        if kind == "insert":
            data[position:position] = piece
        elif kind == "delete":
            del data[position : position + draw(st.integers(min_value=1, max_value=40))]
        else:
            data[position : position + len(piece)] = piece
    return bytes(data)


@FUZZ
@given(data=mutated_catalogue())
def test_mutated_catalogue(tmp_path: Path, data: bytes) -> None:
    check_bytes(tmp_path, data)


MESSAGE = st.lists(st.sampled_from(TOKENS) | st.text(max_size=6), max_size=30).map("".join)


@FUZZ
@given(
    source=MESSAGE,
    translation=MESSAGE,
    language=st.sampled_from(["es", "fr", "zh_CN", "ar", "de", "xx"]),
    flags=st.sampled_from(["", "#, python-format\n", "#, fuzzy\n", "#, python-brace-format\n"]),
)
def test_random_rest_messages(
    tmp_path: Path, source: str, translation: str, language: str, flags: str
) -> None:
    entry = f"#: ../../source/a.rst:1\n{flags}msgid {quote(source)}\nmsgstr {quote(translation)}\n"
    check_bytes(tmp_path, (HEADER.format(language=language) + entry).encode("utf-8"))


def test_a_charset_with_a_nul_is_reported_not_raised(tmp_path: Path) -> None:
    # Found by the fuzz test: codecs.lookup raises ValueError, not LookupError, for it.
    data = SEED.replace(b"charset=UTF-8", b"charset=\x00UTF-8", 1)
    assert data != SEED
    check_bytes(tmp_path, data)
    (finding,) = check_catalogues([tmp_path / "fuzz.po"])[0].findings
    assert finding.code == "PO104"
    assert "is unknown" in finding.message
