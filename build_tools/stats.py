"""Translation progress: per language and document, how many messages are translated, fuzzy or not.

``python -m build_tools.stats`` prints a table and writes ``build/stats.json``::

    {"es": {"index": {"translated": 12, "fuzzy": 0, "untranslated": 0}, ...}, ...}
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from build_tools.atomic import write_text_atomic
from build_tools.languages import SOURCE_LANGUAGE, LanguageError, resolve

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Counts:
    translated: int
    fuzzy: int
    untranslated: int

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def count(po_path: Path) -> Counts:
    """Count one catalogue's messages (the header and obsolete messages do not count)."""
    with po_path.open("rb") as handle:
        catalogue = read_po(handle)
    translated = fuzzy = untranslated = 0
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            fuzzy += 1
        elif all(strings):
            translated += 1
        else:
            untranslated += 1
    return Counts(translated, fuzzy, untranslated)


def language_stats(locale_dir: Path, language: str) -> dict[str, Counts]:
    """Counts per document (``procedures/tace``) for one language, sorted by document."""
    messages = locale_dir / language / "LC_MESSAGES"
    return {
        po.relative_to(messages).with_suffix("").as_posix(): count(po)
        for po in sorted(messages.rglob("*.po"))
    }


def collect(locale_dir: Path, languages: Sequence[str]) -> dict[str, dict[str, Counts]]:
    return {lang: language_stats(locale_dir, lang) for lang in languages}


def to_json(stats: dict[str, dict[str, Counts]]) -> str:
    data = {lang: {doc: asdict(c) for doc, c in docs.items()} for lang, docs in stats.items()}
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def to_table(stats: dict[str, dict[str, Counts]]) -> str:
    lines = [
        f"{'language':<9}{'document':<40}{'translated':>11}{'fuzzy':>7}{'untransl.':>10}{'%':>7}"
    ]
    for lang, docs in stats.items():
        total = Counts(
            sum(c.translated for c in docs.values()),
            sum(c.fuzzy for c in docs.values()),
            sum(c.untranslated for c in docs.values()),
        )
        for doc, c in docs.items():
            lines.append(
                f"{lang:<9}{doc:<40}{c.translated:>11}{c.fuzzy:>7}{c.untranslated:>10}{c.percent:>6.1f}%"
            )
        lines.append(
            f"{lang:<9}{'(all)':<40}{total.translated:>11}{total.fuzzy:>7}{total.untranslated:>10}"
            f"{total.percent:>6.1f}%"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools.stats", description=__doc__)
    parser.add_argument("language", nargs="?", default="all")
    parser.add_argument("--locale-dir", type=Path, default=ROOT / "locale")
    parser.add_argument("--json", type=Path, default=ROOT / "build" / "stats.json")
    args = parser.parse_args(argv)
    try:
        languages = [
            lang for lang in resolve(args.language, args.locale_dir) if lang != SOURCE_LANGUAGE
        ]
    except LanguageError as exc:
        sys.stderr.write(f"error: LANG={args.language}: {exc}\n")
        return 2
    stats = collect(args.locale_dir, languages)
    sys.stdout.write(to_table(stats))
    write_text_atomic(args.json, to_json(stats))
    sys.stdout.write(f"Written to {args.json}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
