"""Format placeholders: the PO108 check, and their removal before content checks.

Only messages flagged ``python-format``, ``c-format`` or
``python-brace-format`` are checked, as ``msgfmt --check`` does: in other
messages a ``%`` or a brace is ordinary text.
"""

from __future__ import annotations

import re
from collections import Counter

from .findings import Issue

# A mapping key is bounded in length, so that "%(%(%(..." is not rescanned
# from every "%" (quadratic time).
_PERCENT = re.compile(
    r"%(?:(?P<position>\d+)\$)?(?:\((?P<name>[^)]{0,200})\))?[-#0 +']*(?:\*|\d+)?"
    r"(?P<precision>\.(?:\*|\d+))?"
    r"(?:hh|ll|[hlLqjzt])?(?P<type>[diouxXeEfFgGcrsaAp%])?"
)
_BRACE = re.compile(r"\{\{|\}\}|\{(?P<field>[^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}")
# Named placeholders are unambiguous in any message, so content checks drop
# them even when a message lacks its format flag.
_ALWAYS_PLACEHOLDER = re.compile(r"%\([\w.]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]|\{\w*\}")

FORMAT_FLAGS = ("python-format", "c-format", "python-brace-format")


def _percent_placeholders(text: str) -> list[str]:
    found = []
    for match in _PERCENT.finditer(text):
        kind = match.group("type")
        if kind == "%":
            continue
        if kind is None:
            # A lone "%" (such as "50 % de") breaks %-formatting at run time.
            found.append("stray %")
            continue
        key = match.group("name") or match.group("position")
        # The precision is part of what a placeholder means: "%.1f mg" printed
        # as "%.0f mg" turns 0.5 mg into 0 mg.
        kind = (match.group("precision") or "") + kind
        if match.group("name") is not None:
            found.append(f"%({key}){kind}")
        else:
            found.append(f"%{key}${kind}" if key else f"%{kind}")
    return found


def _brace_placeholders(text: str) -> list[str]:
    found = []
    for match in _BRACE.finditer(text):
        field = match.group("field")
        if field is None:
            continue
        # "{name.attr}" and "{name[0]}" use the argument "name".
        found.append("{" + re.split(r"[.\[]", field, maxsplit=1)[0] + "}")
    return found


def placeholders(text: str, flags: set[str]) -> Counter[str]:
    found: Counter[str] = Counter()
    if "python-format" in flags or "c-format" in flags:
        found.update(_percent_placeholders(text))
    if "python-brace-format" in flags:
        found.update(_brace_placeholders(text))
    return found


def _describe(items: Counter[str]) -> str:
    return ", ".join(sorted(items.elements()))


def _positional_order(text: str) -> list[str]:
    """Unnamed %s/%d placeholders, whose order is their meaning."""
    return [
        p
        for p in _percent_placeholders(text)
        if p.startswith("%") and "(" not in p and "$" not in p
    ]


def check_placeholders(sources: list[str], translations: list[str], flags: set[str]) -> list[Issue]:
    """Compare the placeholders of one message (several forms if it is plural)."""
    if not any(flag in flags for flag in FORMAT_FLAGS):
        return []
    if len(sources) == 1 and len(translations) == 1:
        return _compare_single(sources[0], translations[0], flags)
    return _compare_plural(sources, translations, flags)


def _compare_single(source_text: str, translation_text: str, flags: set[str]) -> list[Issue]:
    source, translation = placeholders(source_text, flags), placeholders(translation_text, flags)
    missing, extra = source - translation, translation - source
    if missing or extra:
        return [_difference_issue(missing, extra)]
    if "python-format" not in flags and "c-format" not in flags:
        return []
    source_order = _positional_order(source_text)
    translation_order = _positional_order(translation_text)
    if source_order != translation_order:
        return [
            Issue(
                "PO108",
                f"unnamed placeholders are in a different order ({' '.join(translation_order)} "
                f"for {' '.join(source_order)}); keep their order or name them",
            )
        ]
    return []


def _compare_plural(sources: list[str], translations: list[str], flags: set[str]) -> list[Issue]:
    # A plural form may leave out the count ("one file", Arabic dual forms),
    # so each form may only use the source's placeholders, and all of them
    # must appear in some form.
    source_all: Counter[str] = Counter()
    for text in sources:
        source_all |= placeholders(text, flags)
    used: Counter[str] = Counter()
    extra: Counter[str] = Counter()
    for text in translations:
        form = placeholders(text, flags)
        used |= form
        extra |= form - source_all
    missing = Counter({key: 1 for key in source_all if key not in used})
    if missing or extra:
        return [_difference_issue(missing, extra)]
    return []


def _difference_issue(missing: Counter[str], extra: Counter[str]) -> Issue:
    parts = []
    if missing:
        parts.append(f"the translation lacks {_describe(missing)}")
    if extra:
        parts.append(f"the translation adds {_describe(extra)}")
    return Issue(
        "PO108",
        "format placeholders differ: "
        + "; ".join(parts)
        + "; use exactly the source's placeholders (write %% for a literal %)",
    )


def strip_placeholders(text: str, flags: set[str]) -> str:
    """Replace placeholders with a space so their digits are not read as numbers."""
    if "python-format" in flags or "c-format" in flags:
        text = _PERCENT.sub(lambda m: "%" if m.group("type") == "%" else " ", text)
    if "python-brace-format" in flags:
        text = _BRACE.sub(lambda m: m.group(0)[0] if m.group("field") is None else " ", text)
    return _ALWAYS_PLACEHOLDER.sub(" ", text)
