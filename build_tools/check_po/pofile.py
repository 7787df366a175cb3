"""A strict reader for gettext PO files that keeps line numbers.

polib and Babel accept some broken files silently and report errors without
a useful line, so this small tokenizer follows the grammar of GNU gettext's
PO format itself: comments (``#``, ``#.``, ``#:``, ``#,``, ``#|``), the
keywords ``msgctxt``, ``msgid``, ``msgid_plural``, ``msgstr`` and
``msgstr[n]``, continuation strings, C escapes and ``#~`` obsolete entries.
Each syntax error is reported at its line and parsing resumes, so one broken
entry does not hide the rest of the file.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

# The only escapes GNU msgfmt accepts, besides octal and hex.
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "\\": "\\",
    '"': '"',
    "'": "'",
    "?": "?",
}
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=\s|\"|$)")
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"[0-9A-Fa-f]+")


@dataclass(frozen=True)
class Comment:
    line: int
    text: str


@dataclass
class PoEntry:
    """One message of a catalogue, with the lines a finding points to."""

    line: int
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    translator_comments: list[Comment] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    msgid_line: int = 0
    msgstr_line: int = 0

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None and not self.obsolete

    @property
    def is_plural(self) -> bool:
        return self.msgid_plural is not None

    @property
    def is_fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[index] for index in sorted(self.msgstr)]

    @property
    def is_translated(self) -> bool:
        """Every form is filled in and the message is not fuzzy, so msgfmt uses it."""
        return bool(self.msgstr) and all(self.msgstr.values()) and not self.is_fuzzy

    @property
    def is_empty(self) -> bool:
        return not any(self.msgstr.values())


@dataclass(frozen=True)
class SyntaxProblem:
    line: int
    message: str


@dataclass(frozen=True)
class DecodeProblem:
    line: int
    message: str


@dataclass
class PoFile:
    """A parsed catalogue: its entries, and what was wrong with its bytes."""

    entries: list[PoEntry]
    syntax_problems: list[SyntaxProblem]
    declared_charset: str | None
    decode_problem: DecodeProblem | None

    @property
    def header(self) -> PoEntry | None:
        for entry in self.entries:
            if entry.is_header:
                return entry
        return None

    @property
    def messages(self) -> list[PoEntry]:
        """The live messages: neither the header nor obsolete ones."""
        return [e for e in self.entries if not e.is_header and not e.obsolete]


def parse_po_bytes(data: bytes) -> PoFile:
    """Parse raw bytes, decoding them with the charset the header declares."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    charset_match = _CHARSET.search(data)
    declared = charset_match.group(1).decode("ascii") if charset_match else None
    text, decode_problem = _decode(data, declared)
    lines = _LINE_BREAK.split(text)
    entries, problems = _Parser(lines).parse()
    bare = _bare_cr_line(text)
    if bare is not None:
        problems.insert(0, SyntaxProblem(bare, _BARE_CR))
    return PoFile(entries, problems, declared, decode_problem)


# Only these end a line for msgfmt and Babel; str.splitlines() would also
# break at U+2028, form feeds and other characters a msgstr may hold.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BARE_CR = (
    "this line ends with a carriage return alone (old Mac line endings): Babel, which "
    "Sphinx compiles catalogues with, reads no message after it and the build stays "
    "untranslated; save the file with LF line endings"
)


def _bare_cr_line(text: str) -> int | None:
    """The line of the first CR not followed by LF, counting lines as an editor does."""
    position = text.find("\r")
    while position != -1 and text.startswith("\r\n", position):
        position = text.find("\r", position + 2)
    if position == -1:
        return None
    return len(_LINE_BREAK.findall(text, 0, position)) + 1


def _decode(data: bytes, declared: str | None) -> tuple[str, DecodeProblem | None]:
    encoding = "utf-8"
    if declared is not None:
        try:
            encoding = codecs.lookup(declared).name
        except LookupError:
            # The header check reports an unknown charset; read on as UTF-8.
            encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problem = DecodeProblem(
            line,
            f"byte 0x{data[error.start]:02x} is not valid {declared or 'UTF-8'}; "
            "save the file in the charset its header declares (UTF-8 is best)",
        )
        return data.decode(encoding, errors="replace"), problem
    if encoding != "utf-8" and not data.isascii():
        # A single-byte charset decodes any bytes, so check whether the bytes
        # are really UTF-8: that is how a mislabelled file shows itself.
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return text, None
        first = next(i for i, byte in enumerate(data) if byte > 0x7F)
        line = data.count(b"\n", 0, first) + 1
        return text, DecodeProblem(
            line,
            f"the header declares {declared} but the bytes are UTF-8; "
            "declare charset=UTF-8 in Content-Type",
        )
    return text, None


def _hex_character(digits: str) -> str:
    value = int(digits, 16)
    if value > 0x10FFFF:
        raise PoStringError(f"hex escape \\x{digits[:12]} is beyond any character")
    return chr(value)


class PoStringError(ValueError):
    """A quoted PO string that is unterminated or holds a bad escape."""


def parse_string(text: str) -> str:
    """Decode one quoted PO string (``"..."``, with nothing after it but blanks)."""
    if not text.startswith('"'):
        raise PoStringError("expected a string in double quotes")
    out: list[str] = []
    i = 1
    while i < len(text):
        char = text[i]
        if char == '"':
            rest = text[i + 1 :].strip()
            if rest:
                raise PoStringError(f"unexpected text after the closing quote: {rest[:20]!r}")
            return "".join(out)
        if char != "\\":
            out.append(char)
            i += 1
            continue
        i += 1
        if i >= len(text):
            break
        escape = text[i]
        if escape in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[escape])
            i += 1
        elif escape in "01234567":
            digits = _OCTAL.match(text, i)
            assert digits is not None
            out.append(chr(int(digits.group(0), 8)))
            i = digits.end()
        elif escape == "x" and (digits := _HEX.match(text, i + 1)) is not None:
            out.append(_hex_character(digits.group(0)))
            i = digits.end()
        else:
            raise PoStringError(
                f"bad escape \\{escape}; write \\\\{escape} for a backslash, "
                'or use \\n, \\t, \\" or \\\\'
            )
    raise PoStringError("unterminated string: the closing double quote is missing")


class _Parser:
    """Line-by-line state machine over the PO grammar."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.entries: list[PoEntry] = []
        self.problems: list[SyntaxProblem] = []
        self.entry: PoEntry | None = None
        # The keyword that the next continuation string extends, and whether
        # it lives in a "#|" previous field.
        self.field: str | None = None
        self.seen: set[str] = set()
        self.broken = False
        # Each field's strings, joined when the entry ends: adding one string
        # at a time to the entry would copy the text again for each line.
        self.pieces: dict[str, list[str]] = {}

    def parse(self) -> tuple[list[PoEntry], list[SyntaxProblem]]:
        for number, raw in enumerate(self.lines, start=1):
            self._line(number, raw.strip())
        self._finish()
        return self.entries, self.problems

    def _error(self, line: int, message: str) -> None:
        self.problems.append(SyntaxProblem(line, message))
        self.broken = True
        self.field = None

    def _current(self, line: int) -> PoEntry:
        if self.entry is None:
            self.entry = PoEntry(line=line)
        return self.entry

    def _starts_new_entry(self) -> bool:
        """A comment or keyword after a msgstr begins the next entry."""
        return any(key.startswith("msgstr") for key in self.seen)

    def _flush(self, entry: PoEntry) -> None:
        for target, pieces in self.pieces.items():
            value = "".join(pieces)
            if target.startswith("msgstr:"):
                entry.msgstr[int(target.split(":")[1])] = value
            else:
                setattr(entry, target, value)
        self.pieces = {}

    def _finish(self) -> None:
        entry = self.entry
        if entry is not None:
            self._flush(entry)
        if entry is not None and not self.broken:
            if "msgid" in self.seen and not entry.msgstr:
                self._error(entry.msgid_line, 'msgid has no msgstr; add msgstr ""')
            elif self.seen and "msgid" not in self.seen:
                self._error(entry.line, "entry has no msgid")
            elif "msgid" in self.seen:
                self._check_plural_indices(entry)
                self.entries.append(entry)
        self.entry = None
        self.field = None
        self.seen = set()
        self.broken = False

    def _check_plural_indices(self, entry: PoEntry) -> None:
        if entry.is_plural and sorted(entry.msgstr) != list(range(len(entry.msgstr))):
            self._error(
                entry.msgstr_line,
                f"msgstr indices {sorted(entry.msgstr)} are not 0, 1, 2 ... in order",
            )

    def _line(self, number: int, line: str) -> None:
        if not line:
            return
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].lstrip()
            if not line:
                return
            if not line.startswith("|"):
                self._content(number, line, obsolete=True)
                return
            line = "#" + line
        if line.startswith("#|"):
            self._previous(number, line[2:].strip(), obsolete)
        elif line.startswith("#"):
            self._comment(number, line)
        else:
            self._content(number, line, obsolete=False)

    def _comment(self, number: int, line: str) -> None:
        if self._starts_new_entry() or (self.broken and self.seen):
            self._finish()
        entry = self._current(number)
        kind, body = line[1:2], line[2:].strip()
        if kind == ",":
            entry.flags.update(flag.strip() for flag in body.split(",") if flag.strip())
        elif kind == ".":
            entry.extracted_comments.append(body)
        elif kind == ":":
            entry.references.extend(body.split())
        else:
            entry.translator_comments.append(Comment(number, line[1:].strip()))

    def _previous(self, number: int, line: str, obsolete: bool) -> None:
        if self._starts_new_entry():
            self._finish()
        entry = self._current(number)
        entry.obsolete = entry.obsolete or obsolete
        match = _KEYWORD.match(line)
        if match is None:
            if line.startswith('"') and self.field and self.field.startswith("previous_"):
                self._append(number, line)
            else:
                self._error(number, f"unexpected text in a #| comment: {line[:30]!r}")
            return
        keyword = match.group(1)
        if keyword not in ("msgctxt", "msgid", "msgid_plural"):
            self._error(number, f"{keyword} cannot appear in a #| comment")
            return
        self.field = "previous_" + keyword
        setattr(entry, self.field, "")
        self.pieces[self.field] = []
        self._append(number, line[match.end() :].strip())

    def _content(self, number: int, line: str, *, obsolete: bool) -> None:
        match = _KEYWORD.match(line)
        if match is None:
            if line.startswith('"'):
                if self.field is None:
                    if not self.broken:
                        self._error(number, "a string continues no keyword")
                    return
                self._append(number, line)
            else:
                self._error(
                    number, f"unexpected text {line[:30]!r}; expected a keyword or a string"
                )
            return
        keyword, index = match.group(1), match.group(2)
        # A msgctxt or msgid also ends a broken entry, so reading resumes there.
        if keyword in ("msgctxt", "msgid") and (
            self.broken or self._starts_new_entry() or keyword in self.seen or "msgid" in self.seen
        ):
            self._finish()
        elif self.broken:
            return
        entry = self._current(number)
        entry.obsolete = entry.obsolete or obsolete
        if not self._keyword_in_order(number, keyword, entry):
            return
        self.seen.add(keyword if index is None else f"msgstr[{index}]")
        rest = line[match.end() :].strip()
        if keyword == "msgctxt":
            entry.msgctxt, self.field = "", "msgctxt"
        elif keyword == "msgid":
            entry.msgid_line, self.field = number, "msgid"
        elif keyword == "msgid_plural":
            entry.msgid_plural, self.field = "", "msgid_plural"
        else:
            position = 0 if index is None else int(index)
            if not entry.msgstr:
                entry.msgstr_line = number
            entry.msgstr[position] = ""
            self.field = f"msgstr:{position}"
        self.pieces[self.field] = []
        if not rest:
            self._error(number, f'{keyword} has no string; write {keyword} ""')
            return
        self._append(number, rest)

    def _keyword_in_order(self, number: int, keyword: str, entry: PoEntry) -> bool:
        problem = None
        if keyword == "msgid_plural" and (
            "msgid" not in self.seen or keyword in self.seen or entry.msgstr
        ):
            problem = "msgid_plural must follow msgid, before msgstr"
        elif keyword.startswith("msgstr") and "msgid" not in self.seen:
            problem = "msgstr without a msgid before it"
        elif keyword == "msgstr" and entry.is_plural:
            problem = "a plural message needs msgstr[0], msgstr[1] ... not msgstr"
        elif keyword.startswith("msgstr[") and not entry.is_plural:
            problem = "msgstr[n] is only for messages with msgid_plural; use msgstr"
        elif keyword in self.seen:
            problem = f"{keyword} appears twice in one entry"
        if problem is not None:
            self._error(number, problem)
            return False
        return True

    def _append(self, number: int, quoted: str) -> None:
        entry = self.entry
        assert entry is not None and self.field is not None
        try:
            value = parse_string(quoted)
        except PoStringError as error:
            self._error(number, str(error))
            return
        self.pieces.setdefault(self.field, []).append(value)
