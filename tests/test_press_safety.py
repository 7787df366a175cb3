"""The press under faults, stale state and hostile input (issue 15): nothing unchecked reaches a
patient. Each numbered failure of the issue has a test here that reproduced it before the fix."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tests.pdftools import normalise_space, page_texts

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-27"
TACE_ES = Path("locale/es/LC_MESSAGES/procedures/tace.po")
PLANTED = "Qué es: ayune 16 horas antes"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def handouts(*args: str, cwd: Path, build_dir: Path) -> subprocess.CompletedProcess[str]:
    return run(
        "build_tools.handouts", "--today", TODAY, "--build-dir", str(build_dir), *args, cwd=cwd
    )


def pdf_text(path: Path) -> str:
    return normalise_space(" ".join(page_texts(path)))


def _plant(repo: Path) -> None:
    po = repo / TACE_ES
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "Qué es"\n' in text
    po.write_text(text.replace('msgstr "Qué es"\n', f'msgstr "{PLANTED}"\n', 1), encoding="utf-8")


# 1. A stale compiled catalogue prints text that failed the checks ---------------------------------


def test_a_stale_compiled_catalogue_is_never_read(repo_copy, tmp_path):
    _plant(repo_copy)
    build = run("build_tools.build", "pdf", "es", cwd=repo_copy)
    assert build.returncode != 0 and "PO201" in build.stdout + build.stderr
    # What an older tool (Sphinx's gettext_auto_build) left beside the sources: a .mo compiled
    # from the broken catalogue. Then the catalogue is deleted.
    po = repo_copy / TACE_ES
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale="es")
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    po.with_suffix(".mo").write_bytes(buffer.getvalue())
    po.unlink()

    check = run(
        "build_tools.translation_gate", "es", "--report", str(tmp_path / "r"), cwd=repo_copy
    )
    assert check.returncode == 1
    assert f"{TACE_ES}: missing" in check.stdout

    build = run("build_tools.build", "pdf", "es", cwd=repo_copy)
    assert build.returncode != 0
    assert "tace.po: missing" in build.stdout + build.stderr
    assert not list((repo_copy / "build").rglob("catalogues/es/**/tace.mo"))

    result = handouts(
        "--clinic", "clinics/example.toml", "--lang", "es", cwd=repo_copy, build_dir=tmp_path
    )
    assert result.returncode == 1
    assert "tace.po: missing" in result.stderr
    for pdf in (tmp_path / "handouts").rglob("*.pdf"):
        assert "ayune" not in pdf_text(pdf)
    handbook = repo_copy / "build" / "pdf" / "handbook-es.pdf"
    if handbook.exists():
        assert "ayune" not in pdf_text(handbook)


# 3. An empty catalogue silently downgrades the handbook -------------------------------------------


def test_missing_empty_and_header_only_catalogues_fail_check_po(repo_copy, tmp_path):
    messages = repo_copy / "locale" / "es" / "LC_MESSAGES"
    (messages / "procedures" / "tace.po").write_bytes(b"")
    header = (messages / "benefits.po").read_text(encoding="utf-8").split("\n\n")[0]
    (messages / "benefits.po").write_text(header + "\n", encoding="utf-8")
    (messages / "future.po").unlink()
    # Unreadable even for root, who reads any file whatever its permissions.
    (messages / "society.po").unlink()
    (messages / "society.po").mkdir()
    result = run(
        "build_tools.translation_gate", "es", "--report", str(tmp_path / "r"), cwd=repo_copy
    )
    assert result.returncode == 1
    out = result.stdout
    assert "procedures/tace.po: is empty" in out
    assert "benefits.po: has a header but no messages" in out
    assert "future.po: missing" in out
    assert "society.po: cannot be read" in out
    assert "Traceback" not in result.stderr


def test_an_empty_catalogue_fails_the_build_and_keeps_the_good_pdf(repo_copy):
    good = run("build_tools.build", "pdf", "es", cwd=repo_copy)
    assert good.returncode == 0, good.stdout + good.stderr
    pdf = repo_copy / "build" / "pdf" / "handbook-es.pdf"
    before = pdf.read_bytes()
    (repo_copy / TACE_ES).write_bytes(b"")
    result = run("build_tools.build", "pdf", "es", cwd=repo_copy)
    assert result.returncode != 0
    assert "tace.po: is empty" in result.stdout + result.stderr
    assert pdf.read_bytes() == before


def test_a_language_in_progress_only_warns(repo_copy):
    conf = repo_copy / "conf.py"
    text = conf.read_text(encoding="utf-8")
    conf.write_text(
        text.replace('handbook_released_languages = ["es", ', "handbook_released_languages = ["),
        encoding="utf-8",
    )
    (repo_copy / TACE_ES).unlink()
    check = run("build_tools.translation_gate", "es", "--report", "build/r", cwd=repo_copy)
    assert check.returncode == 0, check.stdout
    assert "tace.po: missing" in check.stdout and "(warning)" in check.stdout


# 2. "Nothing to do" over wrong handouts --------------------------------------------------------


def _one_language_clinic(repo: Path, phone: str) -> Path:
    profile = repo / "clinics" / "example.toml"
    text = profile.read_text(encoding="utf-8")
    text = text.replace('["en", "es", "fr", "zh_CN", "ar"]', '["en"]')
    text = text.replace('phone = "555-0134"', f'phone = "{phone}"')
    profile.write_text(text, encoding="utf-8")
    return profile


def _outputs(build_dir: Path) -> list[Path]:
    return sorted((build_dir / "handouts" / "example" / "en").glob("*.pdf"))


def test_an_interrupted_run_then_a_rerun_leaves_every_handout_correct(repo_copy, tmp_path):
    import os
    import signal
    import time

    build_dir = tmp_path / "build"
    args = ("--clinic", "clinics/example.toml", "--jobs", "1")
    _one_language_clinic(repo_copy, "555-0134")
    first = handouts(*args, cwd=repo_copy, build_dir=build_dir)
    assert first.returncode == 0, first.stderr
    outputs = _outputs(build_dir)
    assert len(outputs) == 7
    before = {path: path.stat().st_mtime_ns for path in outputs}

    # The phone changes; the run is killed after its first handout is in place.
    profile = repo_copy / "clinics" / "example.toml"
    good = profile.read_text(encoding="utf-8")
    profile.write_text(good.replace('phone = "555-0134"', 'phone = "555-0999"'), encoding="utf-8")
    command = [sys.executable, "-m", "build_tools.handouts", "--today", TODAY]
    process = subprocess.Popen(
        [*command, "--build-dir", str(build_dir), *args],
        cwd=repo_copy,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if any(path.stat().st_mtime_ns != before[path] for path in outputs):
            os.killpg(process.pid, signal.SIGKILL)
            break
        time.sleep(0.01)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    changed = [path for path in outputs if "555-0999" in pdf_text(path)]
    assert 1 <= len(changed) < 7

    # Back to the old phone: every handout must carry it again, none the number of the
    # interrupted run, and nothing temporary is left.
    profile.write_text(good, encoding="utf-8")
    rerun = handouts(*args, cwd=repo_copy, build_dir=build_dir)
    assert rerun.returncode == 0, rerun.stderr
    assert "Nothing to do" not in rerun.stdout
    for path in outputs:
        text = pdf_text(path)
        assert "555-0134" in text and "555-0999" not in text, path.name
    leftovers = [p.name for p in (build_dir / "handouts").rglob(".*") if p.suffix == ".tmp"]
    assert leftovers == []

    # Nothing changed: nothing to do. A handout truncated by hand is built again.
    assert "Nothing to do" in handouts(*args, cwd=repo_copy, build_dir=build_dir).stdout
    outputs[0].write_bytes(b"")
    again = handouts(*args, cwd=repo_copy, build_dir=build_dir)
    assert again.returncode == 0 and "Built 1 handout(s)" in again.stdout, again.stdout
    assert "555-0134" in pdf_text(outputs[0])


def test_an_unreadable_manifest_is_discarded_with_one_warning(repo_copy, tmp_path):
    build_dir = tmp_path / "build"
    args = ("--clinic", "clinics/example.toml", "--jobs", "1")
    _one_language_clinic(repo_copy, "555-0134")
    assert handouts(*args, cwd=repo_copy, build_dir=build_dir).returncode == 0
    manifest = build_dir / "handouts" / ".manifest.json"
    for broken in ("[]", "null", "{", "folder"):
        if broken == "folder":
            manifest.unlink()
            manifest.mkdir()
            (manifest / "x").write_text("x", encoding="utf-8")
        else:
            manifest.write_text(broken, encoding="utf-8")
        result = handouts(*args, cwd=repo_copy, build_dir=build_dir)
        assert result.returncode == 0, result.stderr
        warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
        assert len(warnings) == 1 and ".manifest.json" in warnings[0], result.stderr
        assert "Built 7 handout(s)" in result.stdout, (broken, result.stdout)
        assert "Traceback" not in result.stderr
        assert manifest.is_file()
