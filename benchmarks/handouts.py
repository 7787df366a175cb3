"""Measure handout builds as ratios against a baseline taken in the same session.

    .venv/bin/python benchmarks/handouts.py

Baseline: one clinic's Spanish handouts built from nothing (reading the sources included).
Measured against it: the same run again with nothing changed (should render nothing), and the
same handouts rendered after a change to the clinic profile only (sources already read). Peak
memory is the largest resident set of any child process (``getrusage``). Nothing here is a test:
the numbers depend on the machine, the ratios much less.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(build_dir: Path, clinic: Path) -> tuple[float, str]:
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "build_tools.handouts",
            "--clinic",
            str(clinic),
            "--lang",
            "es",
            "--today",
            "2026-11-27",
            "--build-dir",
            str(build_dir),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return time.perf_counter() - start, result.stdout.strip().splitlines()[-1]


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        build_dir = Path(scratch) / "build"
        clinic = Path(scratch) / "bench.toml"
        text = (ROOT / "clinics" / "example.toml").read_text(encoding="utf-8")
        clinic.write_text(
            text.replace('logo = "logos/', f'logo = "{ROOT}/clinics/logos/'), encoding="utf-8"
        )

        cold, cold_says = run(build_dir, clinic)
        noop, noop_says = run(build_dir, clinic)
        clinic.write_text(
            clinic.read_text(encoding="utf-8").replace("555-0199", "555-0198"), encoding="utf-8"
        )
        warm, warm_says = run(build_dir, clinic)
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        shutil.rmtree(build_dir)

    sys.stdout.write(
        f"baseline: cold build of 7 Spanish handouts  {cold:6.2f} s   ({cold_says})\n"
        f"nothing changed                             {noop:6.2f} s   ratio {noop / cold:.2f}"
        f"   ({noop_says})\n"
        f"profile changed, sources already read       {warm:6.2f} s   ratio {warm / cold:.2f}"
        f"   ({warm_says})\n"
        f"peak memory of one worker                   {peak_mib:6.0f} MiB\n"
    )


if __name__ == "__main__":
    main()
