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

from build_tools.atomic import write_text_atomic
from build_tools.check_po import collect_stats
from build_tools.languages import LanguageError, resolve
from build_tools.project import Project


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


def language_stats(locale_dir: Path, language: str) -> dict[str, Counts]:
    """Counts per document (``procedures/tace``) for one language, sorted by document.

    The counting is the translation checker's own (one reader of .po files for the project).
    """
    folder = locale_dir / language / "LC_MESSAGES"
    if not folder.is_dir():
        return {}
    return {
        stats.document.removesuffix(".po"): Counts(
            stats.translated, stats.fuzzy, stats.untranslated
        )
        for stats in sorted(collect_stats([folder]), key=lambda item: item.document)
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
    project = Project.load()
    parser.add_argument("--locale-dir", type=Path, default=project.locale_dir)
    parser.add_argument("--json", type=Path, default=project.build_dir / "stats.json")
    args = parser.parse_args(argv)
    try:
        languages = [
            lang
            for lang in resolve(args.language, args.locale_dir)
            if lang != project.source_language
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
