"""The command line: output forms, exit status and the HTML report."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools.check_po.cli import main

from .helpers import CLEAN, DEFECTS

ROOT = Path(__file__).resolve().parents[2]


def test_clean_files_exit_0(capsys):
    assert main([str(CLEAN)]) == 0
    assert capsys.readouterr().out == ""


def test_an_error_exits_1_and_prints_path_line_code_message(capsys):
    path = DEFECTS / "po201_number.po"
    assert main([str(path)]) == 1
    out = capsys.readouterr().out
    assert out == (
        f"{path}:18: PO201 number 6 in the source is missing from the translation "
        "(found 16); correct the number, written the language's way\n"
    )


def test_warnings_alone_exit_0_unless_strict(capsys):
    path = str(DEFECTS / "po401_untranslated.po")
    assert main([path]) == 0
    assert main(["--strict", path]) == 1
    assert capsys.readouterr().out.count("PO401") == 2


def test_missing_path_exits_2(capsys):
    with pytest.raises(SystemExit) as stop:
        main([str(DEFECTS / "no-such-file.po")])
    assert stop.value.code == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_bad_option_exits_2():
    with pytest.raises(SystemExit) as stop:
        main(["--format", "xml", str(CLEAN)])
    assert stop.value.code == 2


def test_folder_without_catalogues_exits_2(tmp_path):
    with pytest.raises(SystemExit) as stop:
        main([str(tmp_path)])
    assert stop.value.code == 2


def test_json_output_follows_the_schema(capsys):
    path = DEFECTS / "po402_fuzzy.po"
    assert main(["--format", "json", str(path)]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item == {
        "path": str(path),
        "line": 20,
        "code": "PO402",
        "severity": "warning",
        "message": item["message"],
        "msgid": "Do not drink for 6 hours.",
        "previous_msgid": "Do not drink for 8 hours.",
    }


def test_report_is_written_escaped_and_self_contained(tmp_path, capsys):
    out = tmp_path / "report"
    assert main(["--report", str(out), str(DEFECTS / "po306_rst_added_markup.po"), str(CLEAN)]) == 1
    assert "wrote" in capsys.readouterr().out
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "&lt;a&gt;" in html and "<script" not in html
    assert "http://" not in html and "https://" not in html.replace("https://clinic", "")
    assert "zh_CN" in html and "PO306" in html
    assert [p.name for p in out.iterdir()] == ["index.html"]  # no temporary file left


def test_runs_as_a_module():
    done = subprocess.run(
        [sys.executable, "-m", "build_tools.check_po", str(DEFECTS / "po204_url.po")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert ": PO204 URL https://clinic.example.org/guide" in done.stdout
    assert "1 errors, 0 warnings in 1 catalogues" in done.stderr
