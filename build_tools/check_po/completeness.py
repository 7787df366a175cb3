"""PO401-PO403 and the counts a translation coordinator reads.

An identical translation is often an untranslated one, except where the
source is only code, literals, names, numbers or addresses, which stay
as they are in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .findings import Issue
from .pofile import PoEntry, PoFile

# What stays the same in every language, removed before looking for words.
# Names, tokens and addresses are matched from their first character only
# (the lookbehinds, bounded role names): a pattern tried from every position
# of a long run would cost quadratic time.
_UNTRANSLATABLE = re.compile(
    r"``.*?``"  # inline literals
    # A role alone is a name or a link, even if its text could be translated.
    r"|:[\w:.+-]{1,80}:`[^`]*`"
    r"|`[^`]*`_{0,2}"  # interpreted text and references
    r"|\|[^|\s][^|]*\|"  # substitutions
    r"|(?:https?|ftp)://\S+|www\.\S+"
    r"|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]|\{[^{}]*\}"
    # identifiers, paths, file and module names
    r"|(?<![^\s`])(?:\S*[_/\\]\S*|\S+\.\S+)"
    r"|&#?\w+;"  # HTML entities
    r"|\d\S*",
    re.DOTALL,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_CAMEL = re.compile(r"[a-z][A-Z]")


@dataclass(frozen=True)
class CatalogueStats:
    """How far one catalogue is translated; fuzzy messages are not translated."""

    path: Path
    language: str | None
    document: str
    total: int
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int

    @property
    def percent_translated(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def catalogue_stats(po: PoFile, path: Path, language: str | None, document: str) -> CatalogueStats:
    messages = po.messages
    fuzzy = sum(1 for e in messages if e.is_fuzzy and not e.is_empty)
    translated = sum(1 for e in messages if e.is_translated)
    return CatalogueStats(
        path=path,
        language=language,
        document=document,
        total=len(messages),
        translated=translated,
        fuzzy=fuzzy,
        untranslated=len(messages) - translated - fuzzy,
        obsolete=sum(1 for e in po.entries if e.obsolete),
    )


def _is_name_like(word: str, alone: bool) -> bool:
    if len(word) == 1:
        return True  # a unit or a variable: s, h, x
    if len(word) >= 2 and word.isupper():
        return True  # an acronym: HTML, CT, PDF
    if _CAMEL.search(word):
        return True  # LaTeX, JavaScript, reStructuredText
    # A single capitalised word is most often a name (Sphinx, Python).
    return alone and word[:1].isupper()


def keeps_its_form(msgid: str, *, same_alphabet: bool = False) -> bool:
    """Whether a msgid is only code, literals, names, numbers or addresses.

    With ``same_alphabet`` (a Latin-script translation of an English
    source), a single word also keeps its form: "module", "variable" and
    "Introduction" are French words as well.
    """
    words = _WORD.findall(_UNTRANSLATABLE.sub(" ", msgid))
    if same_alphabet and len(words) == 1:
        return True
    return all(_is_name_like(word, alone=len(words) == 1) for word in words)


def _short(text: str, limit: int = 70) -> str:
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_completeness(
    entry: PoEntry, *, same_alphabet: bool = False, same_language: bool = False
) -> list[Issue]:
    """PO401-PO403; ``same_language`` (en_GB from en) expects identical messages."""
    if entry.is_empty:
        return [Issue("PO401", "the message is not translated; translate it")]
    if entry.is_fuzzy:
        if entry.previous_msgid is not None and entry.previous_msgid != entry.msgid:
            return [
                Issue(
                    "PO402",
                    f"fuzzy: the source changed from «{_short(entry.previous_msgid)}» to "
                    f"«{_short(entry.msgid)}»; update the translation, then remove the fuzzy flag",
                )
            ]
        return [Issue("PO402", "fuzzy: check the translation, then remove the fuzzy flag")]
    if not all(entry.msgstr.values()):
        return [Issue("PO401", "some plural forms are empty; translate every msgstr[n]")]
    sources = [entry.msgid, entry.msgid_plural or entry.msgid]
    identical = all(
        text.strip() == sources[min(index, 1)].strip()
        for index, text in enumerate(entry.translations)
    )
    if (
        identical
        and not same_language
        and not keeps_its_form(entry.msgid, same_alphabet=same_alphabet)
    ):
        return [
            Issue(
                "PO403",
                "the translation is the same as the source; translate it, "
                "or allow it with a check-po comment if it is right",
            )
        ]
    return []
