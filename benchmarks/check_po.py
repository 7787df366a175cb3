"""Time the translation checks on hostile messages and a large catalogue, at three sizes.

    .venv/bin/python benchmarks/check_po.py            # sizes 1x, 10x, 100x
    .venv/bin/python benchmarks/check_po.py --give-up 30

Each case is a catalogue generated in a temporary folder and checked with ``check_paths``:
one message made of a long whitespace run, thousands of URLs, thousands of numbers, nested
and unclosed markup, and a catalogue of many ordinary messages.  For each case the times at
1x, 10x and 100x are printed with the growth from 1x and from 10x to 100x: linear work grows
about 100 and 10 times, quadratic work 10,000 and 100 times (at 1x, fixed costs such as loading
Babel's data weigh more, so the growth from 10x is the steadier figure).  A size is skipped
(and its growth not computed) once a smaller size of the same case took longer than
``--give-up`` seconds.  Nothing here is a
test: the seconds depend on the machine, the growth much less.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.check_po import check_paths  # noqa: E402  (the project root is put on the path first)

HEADER = """msgid ""
msgstr ""
"Project-Id-Version: Benchmark 1\\n"
"PO-Revision-Date: 2026-01-01 00:00+0000\\n"
"Last-Translator: Benchmark <bench@example.org>\\n"
"Language: es\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"

"""


def quote(text: str) -> str:
    """``text`` as one PO string, escaped."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def entry(source: str, translation: str, line: int = 1) -> str:
    return (
        f"#: ../../source/bench.rst:{line}\nmsgid {quote(source)}\nmsgstr {quote(translation)}\n\n"
    )


def whitespace(n: int) -> str:
    run = " " * (1000 * n)
    return entry(f"Wait{run}6 hours.", f"Espere{run}6 horas.")


def urls(n: int) -> str:
    links = " ".join(f"https://example.org/{i}/page" for i in range(20 * n))
    return entry(f"See {links}.", f"Vea {links}.")


def numbers(n: int) -> str:
    source = ", ".join(f"{i} mg" for i in range(200 * n))
    translation = ", ".join(f"{i} mg" for i in range(200 * n))
    return entry(f"Doses: {source}.", f"Dosis: {translation}.")


def markup(n: int) -> str:
    # Paragraphs of ordinary size, so that docutils reads them all.
    paragraph = "\n".join(
        [":term:`t <T>` *a **b** c* ``c`` `r`_ |s| [#]_"] * 5 + ["<" * 20 + "`*[|" * 20]
    )
    text = "\n\n".join([paragraph] * (5 * n))
    return entry(text, text)


def catalogue(n: int) -> str:
    parts = []
    for i in range(170 * n):
        parts.append(
            entry(
                f"Message {i}: take 1.5 mg at 38.5 °C, call +1 555 010 4477 or see "
                f"https://example.org/{i} and :ref:`label-{i}` (|sub|).",
                f"Mensaje {i}: tome 1,5 mg a 38,5 °C, llame al +1 555 010 4477 o vea "
                f"https://example.org/{i} y :ref:`etiqueta <label-{i}>` (|sub|).",
                line=i + 1,
            )
        )
    return "".join(parts)


CASES: dict[str, Callable[[int], str]] = {
    "whitespace run (1,000 spaces at 1x)": whitespace,
    "URLs in one message (20 at 1x)": urls,
    "numbers in one message (200 at 1x)": numbers,
    "nested and unclosed markup (20 roles at 1x)": markup,
    "catalogue of messages (170 at 1x)": catalogue,
}
SIZES = (1, 10, 100)


def time_case(folder: Path, body: str) -> float:
    path = folder / "bench.po"
    path.write_text(HEADER + body, encoding="utf-8")
    start = time.perf_counter()
    check_paths([path])
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--give-up",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="skip larger sizes of a case once one took longer than this (default 60)",
    )
    args = parser.parse_args()
    sys.stdout.write(
        f"{'case':<46}{'1x':>10}{'10x':>10}{'100x':>10}{'100x/1x':>10}{'100x/10x':>10}\n"
    )
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        for name, make in CASES.items():
            times: list[float | None] = []
            for size in SIZES:
                if times and (times[-1] is None or times[-1] > args.give_up):
                    times.append(None)
                    continue
                times.append(time_case(folder, make(size)))
            shown = [f"{t:9.3f}s" if t is not None else f"{'skipped':>10}" for t in times]
            growth = "".join(
                f"{after / before:10.0f}" if before and after is not None else f"{'-':>10}"
                for before, after in ((times[0], times[2]), (times[1], times[2]))
            )
            sys.stdout.write(f"{name:<46}{''.join(shown)}{growth}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
