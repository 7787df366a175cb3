"""The PO reader: entries, their lines, and syntax errors with lines."""

from __future__ import annotations

import pytest

from build_tools.check_po.pofile import PoStringError, parse_po_bytes, parse_string

SAMPLE = b"""# translator note
msgid ""
msgstr "Language: es\\n"

#. extracted
#: a.rst:1 b.rst:2
#, fuzzy, python-format
#| msgid "old %s"
msgctxt "ctx"
msgid "new "
"%s"
msgstr ""
"nuevo %s"

msgid "one"
msgid_plural "many"
msgstr[0] "uno"
msgstr[1] "muchos"

#~ msgid "gone"
#~ msgstr "ido"
"""


def test_entries_and_their_lines():
    po = parse_po_bytes(SAMPLE)
    assert po.syntax_problems == [] and po.decode_problem is None
    header, entry, plural, obsolete = po.entries
    assert header.is_header and header.msgstr_line == 3
    assert entry.msgctxt == "ctx" and entry.msgid == "new %s" and entry.msgstr == {0: "nuevo %s"}
    assert entry.flags == {"fuzzy", "python-format"}
    assert entry.previous_msgid == "old %s"
    assert entry.references == ["a.rst:1", "b.rst:2"]
    assert entry.extracted_comments == ["extracted"]
    assert (entry.line, entry.msgid_line, entry.msgstr_line) == (5, 10, 12)
    assert plural.msgid_plural == "many" and plural.translations == ["uno", "muchos"]
    assert plural.msgstr_line == 17
    assert obsolete.obsolete and obsolete.msgid == "gone"
    assert po.messages == [entry, plural]


@pytest.mark.parametrize(
    ("quoted", "value"),
    [
        ('"a\\nb"', "a\nb"),
        ('"tab\\there"', "tab\there"),
        ('"q\\"q"', 'q"q'),
        ('"\\101\\x42"', "AB"),
        ('"  "  ', "  "),
    ],
)
def test_c_escapes(quoted, value):
    assert parse_string(quoted) == value


@pytest.mark.parametrize("quoted", ['"open', '"bad \\q"', '"x" y', "no quotes"])
def test_broken_strings(quoted):
    with pytest.raises(PoStringError):
        parse_string(quoted)


def test_reading_resumes_after_a_syntax_error():
    data = b'msgid "a"\nmsgstr "b\n\nmsgid "c"\nmsgstr "d"\n'
    po = parse_po_bytes(data)
    assert [(p.line, p.message.split(":")[0]) for p in po.syntax_problems] == [
        (2, "unterminated string")
    ]
    assert [e.msgid for e in po.entries] == ["c"]


def test_plural_indices_must_be_in_order():
    po = parse_po_bytes(b'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[2] "y"\n')
    assert [p.line for p in po.syntax_problems] == [3]


def test_bytes_that_do_not_match_the_charset():
    data = (
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
        b'\nmsgid "a"\nmsgstr "\xe9"\n'
    )
    po = parse_po_bytes(data)
    assert po.decode_problem is not None and po.decode_problem.line == 5
