"""The CI workflow and the Read the Docs configuration run our own Makefile targets."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from build_tools.languages import shipped_languages

ROOT = Path(__file__).resolve().parent.parent


def _make_targets() -> set[str]:
    help_text = subprocess.run(
        ["make", "--no-print-directory", "help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return set(re.findall(r"^  ([a-z-]+) ", help_text, re.MULTILINE))


def _make_calls(commands: list[str]) -> list[list[str]]:
    calls = []
    for command in commands:
        # "${{ matrix.lang }}" is one value to GitHub, three words to split().
        words = re.sub(r"\$\{\{.*?\}\}", "X", command).replace("sudo ", "").split()
        if words and words[0] == "make":
            calls.append([w for w in words[1:] if "=" not in w])
    return calls


def test_workflow_builds_every_language_and_every_shard():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "handbook.yml").read_text())
    jobs = workflow["jobs"]
    assert sorted(jobs["handbook"]["strategy"]["matrix"]["lang"]) == sorted(
        shipped_languages(ROOT / "locale")
    )
    shards = jobs["handouts"]["strategy"]["matrix"]["shard"]
    count = len(shards)
    assert shards == [f"{i}/{count}" for i in range(1, count + 1)]
    targets = _make_targets()
    for job in jobs.values():
        commands = [step["run"] for step in job["steps"] if "run" in step]
        calls = _make_calls(commands)
        assert calls, job
        assert all(set(call) <= targets for call in calls), calls
    test_steps = [step["run"] for step in jobs["test"]["steps"] if "run" in step]
    assert any("make test" in run for run in test_steps)


def test_read_the_docs_builds_with_the_makefile():
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text())
    assert config["version"] == 2
    commands = config["build"]["commands"]
    calls = _make_calls(commands)
    assert ["html"] in calls
    assert any("LANG=all" in command for command in commands)
    assert set(config["build"]["apt_packages"]) >= {"fonts-noto-core", "fonts-noto-cjk"}
