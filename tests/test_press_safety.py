"""The press under faults, stale state and hostile input (issue 15): nothing unchecked reaches a
patient. Each numbered failure of the issue has a test here that reproduced it before the fix."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
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
    (messages / "index.po").write_bytes(b"#" * (5 * 1024 * 1024))
    result = run(
        "build_tools.translation_gate", "es", "--report", str(tmp_path / "r"), cwd=repo_copy
    )
    assert result.returncode == 1
    out = result.stdout
    assert "procedures/tace.po: is empty" in out
    assert "benefits.po: has a header but no messages" in out
    assert "future.po: missing" in out
    assert "society.po: cannot be read" in out
    assert "index.po: is 5.0 MB; a catalogue may be at most 4 MB" in out
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
    text = text[: text.index("[details.es]")]  # only the tables of the languages it prints
    text = text.replace('phone = "555-0134"', f'phone = "{phone}"')
    profile.write_text(text, encoding="utf-8")
    return profile


def _outputs(build_dir: Path) -> list[Path]:
    return sorted((build_dir / "handouts" / "example" / "en").glob("*.pdf"))


def test_an_interrupted_run_then_a_rerun_leaves_every_handout_correct(repo_copy, tmp_path):
    import signal
    import time

    build_dir = tmp_path / "build"
    # make handouts-all, over one clinic in one language to keep the test short.
    args = ("--all-clinics", "--jobs", "1")
    (repo_copy / "clinics" / "lakeside-us.toml").unlink()
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


# 4. Clinic logos and theme strings pull in local files and web addresses -------------------------


class _Probe:
    """A web server on 127.0.0.1 that records every request it gets."""

    def __init__(self) -> None:
        import http.server
        import threading

        requests: list[str] = []
        self.requests = requests

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                requests.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.end_headers()
                self.wfile.write(_png(41, 29))

            def log_message(self, *args: object) -> None:
                return

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/probe.png"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _png(width: int, height: int) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _image_sizes(pdf: Path) -> list[tuple[int, int]]:
    """(width, height) of every image in the PDF, as poppler's pdfimages lists them."""
    out = subprocess.run(
        ["pdfimages", "-list", str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return [(int(row.split()[3]), int(row.split()[4])) for row in out.splitlines()[2:]]


@pytest.fixture
def probe():
    server = _Probe()
    yield server
    server.close()


@pytest.fixture
def secret(tmp_path) -> Path:
    """A picture outside the project that must never reach a handout (an odd size, to find it)."""
    path = tmp_path / "outside" / "secret.png"
    path.parent.mkdir()
    path.write_bytes(_png(37, 23))
    return path


def test_the_renderer_loads_nothing_outside_its_world(tmp_path, probe, secret):
    from weasyprint import HTML

    from build_tools.safe_fetch import ClosedWorldFetcher

    inside = tmp_path / "project"
    inside.mkdir()
    (inside / "ok.png").write_bytes(_png(53, 17))
    (inside / "escape.png").symlink_to(secret)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="50" height="50"><image href="{probe.url}" width="10" height="10"/>'
        f'<image xlink:href="{secret.as_uri()}" width="10" height="10"/></svg>'
    )
    import base64

    svg_uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    html = (
        f'<p>text</p><img src="ok.png"><img src="{probe.url}"><img src="{secret.as_uri()}">'
        f'<img src="../outside/secret.png"><img src="escape.png"><img src="{svg_uri}">'
        f'<link rel="stylesheet" href="{probe.url}.css">'
        f'<p style="background: url({probe.url}?css)">x</p>'
    )
    fetcher = ClosedWorldFetcher([inside])
    target = tmp_path / "out.pdf"
    HTML(string=html, base_url=str(inside), url_fetcher=fetcher).write_pdf(target)
    assert probe.requests == []
    sizes = _image_sizes(target)
    assert (53, 17) in sizes  # what is inside the project is served
    assert (37, 23) not in sizes and (41, 29) not in sizes
    refused = " ".join(fetcher.refused)
    assert probe.url in refused and secret.as_uri() in refused
    assert "escape.png" in refused  # a symbolic link out of the project is outside it


def _hostile_clinic(repo: Path, logo: bytes, suffix: str = ".svg") -> Path:
    (repo / "clinics" / "logos" / f"hostile{suffix}").write_bytes(logo)
    profile = repo / "clinics" / "example.toml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("riverside.svg", f"hostile{suffix}"), encoding="utf-8")
    return profile


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ('<image href="{url}" width="9" height="9"/>', "refers to 'http://127.0.0.1"),
        ('<image href="{secret}" width="9" height="9"/>', "refers to 'file:///"),
        ('<style>@import url("{url}");</style>', "imports a style sheet"),
        ('<rect style="fill: url({url})" width="9" height="9"/>', "refers to 'http://127.0.0.1"),
        ("<script>alert(1)</script>", "has a <script> element"),
    ],
)
def test_a_hostile_svg_logo_is_refused_before_anything_is_built(
    repo_copy, tmp_path, probe, secret, body, expected
):
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
        + body.format(url=probe.url, secret=secret.as_uri())
        + "</svg>"
    )
    profile = _hostile_clinic(repo_copy, svg.encode())
    result = handouts("--clinic", str(profile), cwd=repo_copy, build_dir=tmp_path / "b")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line and expected in line and "[clinic] logo" in line, line
    assert len(line) < 400
    assert probe.requests == []
    assert not (tmp_path / "b").exists()


@pytest.mark.parametrize(
    ("logo", "suffix", "expected"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg">&a;&a;</svg>',
            ".svg",
            "document type or entities",
        ),
        (b"not xml at all", ".svg", "not a well-formed SVG"),
        (b"GIF89a disguised as a PNG file", ".png", "not a PNG image"),
    ],
)
def test_broken_logos_fail_with_one_short_line(repo_copy, tmp_path, logo, suffix, expected):
    profile = _hostile_clinic(repo_copy, logo, suffix)
    result = handouts("--clinic", str(profile), cwd=repo_copy, build_dir=tmp_path / "b")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line and expected in line, line


def test_a_logo_must_live_in_the_clinics_folder(repo_copy, tmp_path, secret):
    profile = repo_copy / "clinics" / "example.toml"
    text = profile.read_text(encoding="utf-8")
    for logo in (str(secret), "../../outside/secret.png", "logos/../../secret.png"):
        profile.write_text(text.replace("logos/riverside.svg", logo), encoding="utf-8")
        result = handouts("--clinic", str(profile), cwd=repo_copy, build_dir=tmp_path / "b")
        assert result.returncode == 2
        assert "outside the clinics folder" in result.stderr, result.stderr
    (repo_copy / "clinics" / "logos" / "link.png").symlink_to(secret)
    profile.write_text(text.replace("logos/riverside.svg", "logos/link.png"), encoding="utf-8")
    result = handouts("--clinic", str(profile), cwd=repo_copy, build_dir=tmp_path / "b")
    assert "outside the clinics folder" in result.stderr, result.stderr


def test_a_hostile_theme_message_never_reaches_a_handout(repo_copy, tmp_path, probe, secret):
    po = repo_copy / "locale" / "es" / "LC_MESSAGES" / "theme.po"
    text = po.read_text(encoding="utf-8")
    hostile = f'Cuándo <img src=\\"{probe.url}\\"><img src=\\"{secret.as_uri()}\\"> llamarnos'
    old = 'msgid "When to call us"\nmsgstr "Cuándo llamarnos"'
    assert old in text
    po.write_text(
        text.replace(
            old,
            "# check-po: allow PO306 -- written by the translator themselves\n"
            f'msgid "When to call us"\nmsgstr "{hostile}"',
        ),
        encoding="utf-8",
    )
    build_dir = tmp_path / "b"
    for draft in ((), ("--draft",)):
        result = handouts(
            "--clinic",
            "clinics/example.toml",
            "--lang",
            "es",
            *draft,
            cwd=repo_copy,
            build_dir=build_dir,
        )
        assert result.returncode == 1
        # Refused by the translation checks (the first finding is named), never rendered.
        assert "theme.po" in result.stderr and "Traceback" not in result.stderr
    assert probe.requests == []
    assert not list(build_dir.rglob("*.pdf"))


def test_theme_strings_are_text_in_the_print_theme():
    from babel.messages.catalog import Catalog
    from babel.support import Translations

    from build_tools.pdf.theme import PrintTheme

    catalogue = Catalog(locale="es")
    catalogue.add("When to call us", '<img src="file:///etc/x.png"> & <b>llamar</b>')
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    theme = PrintTheme(None, Translations(buffer))
    html = theme.environment.from_string(
        "<h2>{{ _('When to call us') }}</h2><p>{{ _('When to call us') | length }}</p>"
    ).render()
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=&#34;file:///etc/x.png&#34;&gt; &amp; &lt;b&gt;" in html


# 5. A bad logo fails only some handouts ------------------------------------------------------


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` pixels (no image data needed to say so)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", b"") + chunk(b"IEND", b"")


def test_a_huge_logo_fails_every_handout_in_one_short_line(repo_copy, tmp_path):
    profile = _hostile_clinic(repo_copy, _png_header(20000, 20000), ".png")
    result = handouts("--all-clinics", cwd=repo_copy, build_dir=tmp_path / "b")
    assert result.returncode == 2
    line = result.stderr.strip()
    assert "\n" not in line and "20000×20000 pixels" in line and str(profile) in line
    assert len(line) < 300
    assert not (tmp_path / "b").exists()  # no handout of that clinic printed without its logo


# Crashes become messages: one line, a non-zero exit ---------------------------------------------


def _one_line(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    assert result.returncode != 0, result
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in line, result.stderr
    for text in expected:
        assert text in line, line
    return line


def test_a_profile_that_is_not_utf8(tmp_path):
    profile = tmp_path / "latin1.toml"
    text = (ROOT / "clinics" / "lakeside-us.toml").read_text(encoding="utf-8")
    profile.write_bytes(text.replace("Lakeside", "Lakesíde").encode("latin-1"))
    result = handouts("--clinic", str(profile), cwd=ROOT, build_dir=tmp_path / "b")
    _one_line(result, f"{profile}:4:", "not UTF-8", "save the file as UTF-8")
    assert result.returncode == 2


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("[details.es]", "[details.de]"), "[details.de]"),
        (("[details.es]", "[details.fr]"), "the clinic does not print 'fr'"),
        (
            ('fever_threshold = "100.4 °F"\n', 'fever_threshold = "100.4 °F"\ncolour = "x"\n'),
            "unknown field",
        ),
        (
            (
                'website = "https://lakeside-ir.example.com"',
                'website = "https://lakeside-ir.example.com"\n'
                'handbook_base_url = "https://x.example.org/\\"><img src=x>"',
            ),
            "is not allowed in a web address",
        ),
        (
            ('name = "Lakeside Interventional Radiology"', f'name = "{"Lakeside " * 12}"'),
            "[clinic] name: is 107 characters long; at most 90",
        ),
        (
            ('address = "400 Lake Shore Drive, Suite 2, Madison, WI"', f'address = "{"x" * 141}"'),
            "[clinic] address: is 141 characters long",
        ),
    ],
)
def test_profile_mistakes_are_one_line_before_anything_is_built(tmp_path, change, expected):
    profile = tmp_path / "lakeside.toml"
    text = (ROOT / "clinics" / "lakeside-us.toml").read_text(encoding="utf-8")
    old, new = change
    assert old in text
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = handouts("--clinic", str(profile), cwd=ROOT, build_dir=tmp_path / "b")
    _one_line(result, expected, str(profile))
    assert result.returncode == 2
    assert not (tmp_path / "b").exists()


def test_the_longest_clinic_values_still_fit_every_handout(repo_copy, tmp_path):
    from build_tools.clinics import MAX_LENGTHS

    profile = repo_copy / "clinics" / "example.toml"
    text = profile.read_text(encoding="utf-8")
    name = ("Riverside University Teaching Hospital Cancer Centre " * 3)[: MAX_LENGTHS["name"]]
    address = ("12 River Road, Building 4, Floor 2, Springfield " * 4)[: MAX_LENGTHS["address"]]
    text = text.replace("Riverside Cancer Centre", name.strip()).replace(
        "12 River Road, Springfield", address.strip()
    )
    # English, and the two scripts that take the most room: Chinese and Arabic.
    text = text.replace('"en", "es", "fr", "zh_CN", "ar"]', '"en", "zh_CN", "ar"]')
    for language in ("es", "fr"):
        start = text.index(f"[details.{language}]")
        text = text[:start] + text[text.index("[details.", start + 1) :]
    profile.write_text(text, encoding="utf-8")
    result = handouts("--clinic", "clinics/example.toml", cwd=repo_copy, build_dir=tmp_path)
    assert result.returncode == 0, result.stderr


def test_shard_out_of_range_says_shard(repo_copy):
    for value in ("-1/3", "0/3", "4/3", "x"):
        result = subprocess.run(
            ["make", "--no-print-directory", "handouts-all", f"SHARD={value}"],
            cwd=repo_copy,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode != 0
        line = result.stderr.strip().splitlines()[0]
        assert f"SHARD={value!r}" in line, result.stderr
        assert "usage:" not in result.stderr


def test_check_po_options_that_cannot_work(tmp_path):
    afile = tmp_path / "report.html"
    afile.write_text("x", encoding="utf-8")
    cases = [
        (["--report", str(afile), "locale/es"], "is a file"),
        (["--glossary-root", str(tmp_path / "none"), "locale/es"], "no such folder"),
        (["--source-language", "xx-nonsense", "locale/es"], "not a language Babel knows"),
    ]
    for args, expected in cases:
        result = run("build_tools.check_po", *args, cwd=ROOT)
        _one_line(result, expected)
        assert result.returncode == 2
    gate = run("build_tools.translation_gate", "es", "--report", str(afile), cwd=ROOT)
    _one_line(gate, "is a file")


def test_a_huge_catalogue_is_refused_at_once_with_its_size(tmp_path):
    big = tmp_path / "locale" / "es" / "LC_MESSAGES" / "big.po"
    big.parent.mkdir(parents=True)
    entry = 'msgid "Rest for 6 hours."\nmsgstr "Descanse 6 horas."\n\n'
    big.write_text(
        'msgid ""\nmsgstr "Language: es\\n"\n\n' + entry * (5 * 1024 * 1024 // len(entry)),
        encoding="utf-8",
    )
    result = run("build_tools.check_po", str(tmp_path / "locale"), cwd=ROOT)
    _one_line(result, "big.po", "MB is too big for a catalogue")


def test_check_po_advice_for_a_clinic_role_builds(repo_copy, tmp_path):
    import re

    po = repo_copy / TACE_ES
    good = po.read_text(encoding="utf-8")
    # The first Spanish use of the role (the English msgid says "at", the translation "al").
    wrong = good.replace("al :clinic:`main_phone`", "al :clinic:`teléfono`", 1)
    assert wrong != good
    po.write_text(wrong, encoding="utf-8")
    check = run("build_tools.check_po", str(po), cwd=repo_copy)
    assert check.returncode == 1
    advice = re.search(r"write (:clinic:`[^`]*`)", check.stdout)
    assert advice is not None, check.stdout
    po.write_text(wrong.replace(":clinic:`teléfono`", advice.group(1), 1), encoding="utf-8")
    assert run("build_tools.check_po", str(po), cwd=repo_copy).returncode == 0
    result = handouts(
        "--clinic", "clinics/example.toml", "--lang", "es", cwd=repo_copy, build_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    # No review is recorded, so the handout is a draft: the advice applied literally builds it.
    assert "555-0134" in pdf_text(tmp_path / "handouts" / "example" / "es" / "tace-draft.pdf")


def test_an_output_that_is_a_folder_is_one_error_and_nothing_else(repo_copy):
    target = repo_copy / "build" / "pdf" / "handbook-es.pdf"
    target.mkdir(parents=True)
    result = run("build_tools.build", "pdf", "es", cwd=repo_copy)
    assert result.returncode != 0
    out = result.stdout + result.stderr
    assert f"cannot write {target}: it is a folder" in out
    assert "Traceback" not in out and "Versions" not in out


def test_write_errors_say_what_happened_and_keep_the_previous_file(tmp_path, monkeypatch):
    import errno

    from build_tools.atomic import OutputError, write_bytes_atomic

    target = tmp_path / "handbook-es.pdf"
    target.write_bytes(b"the last good one")

    for code, reason in (
        (errno.ENOSPC, "no space left on device"),
        (errno.EROFS, "the file system is read-only"),
    ):

        def fail(self: Path, other: Path, code: int = code) -> None:
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(Path, "replace", fail)
        with pytest.raises(OutputError) as caught:
            write_bytes_atomic(target, b"new")
        monkeypatch.undo()
        assert str(caught.value) == f"cannot write {target}: {reason}; the previous file is kept"
        assert target.read_bytes() == b"the last good one"
        assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_killed_writer_leaves_nothing_behind_on_the_next_run(tmp_path):
    from build_tools.atomic import write_bytes_atomic

    target = tmp_path / "handbook-es.pdf"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = subprocess.run(
            [sys.executable, "-c", "import os; print(os.getpid())"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        stale = tmp_path / f".{target.name}.{dead}.abc123.tmp"
        live = tmp_path / f".{target.name}.{sleeper.pid}.def456.tmp"
        draft = tmp_path / f"..{target.name}.{dead}.new.tmp.{dead}.x.tmp"
        for path in (stale, live, draft):
            path.write_bytes(b"half a file")
        write_bytes_atomic(target, b"whole")
        assert not stale.exists() and not draft.exists()
        assert live.exists()  # another build, still writing
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.sphinx("pdf", testroot="pdf-glyphs", freshenv=True)
def test_a_character_no_font_has_is_named_with_its_text(app):
    app.build()
    warning = app.warning.getvalue()
    assert "U+E000" in warning and "unnamed, category Co" in warning
    assert "character that no installed font draws" in warning  # the text where it stands
    assert "install" not in warning.replace("installed font", "")


def test_compiled_catalogues_follow_their_sources_exactly(tmp_path):
    from build_tools.catalogues import compile_catalogues

    source = tmp_path / "locale"
    messages = source / "es" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    for name, text in (("a", "Uno"), ("b", "Dos")):
        (messages / f"{name}.po").write_text(
            f'msgid ""\nmsgstr "Language: es\\n"\n\nmsgid "One"\nmsgstr "{text}"\n',
            encoding="utf-8",
        )
    target = tmp_path / "compiled"
    out = target / "es" / "LC_MESSAGES"
    assert sorted(p.name for p in compile_catalogues([source], "es", target)) == ["a.mo", "b.mo"]
    first = (out / "a.mo").stat().st_mtime_ns
    (messages / "b.po").unlink()
    (out / ".a.mo.999999.x.tmp").write_bytes(b"left by a killed build")
    compile_catalogues([source], "es", target)
    assert sorted(p.name for p in out.iterdir()) == ["a.mo", "a.po"]
    assert (out / "a.mo").stat().st_mtime_ns == first  # unchanged: not written again
    (messages / "a.po").write_text("msgid \x00 broken", encoding="utf-8")
    compile_catalogues([source], "es", target)
    # Babel reads almost anything; whatever it made, it is the file of this very source.
    assert (out / "a.po").read_text(encoding="utf-8") == "msgid \x00 broken" or not list(
        out.iterdir()
    )


def test_failures_are_grouped_by_cause_without_data():
    from build_tools.clinics import load
    from build_tools.handouts.jobs import HandoutJob
    from build_tools.handouts.runner import Outcome, failure_lines

    clinic = load(ROOT / "clinics" / "example.toml", ["en", "es", "fr", "zh_CN", "ar"])
    data = "data:image/png;base64," + "QUJD" * 400_000
    failures = [
        Outcome(
            HandoutJob(clinic, "es", f"procedures/p{i}"),
            error=f"WARNING: WeasyPrint (.p{i}.pdf.{i}.new.tmp): cannot load {data}",
        )
        for i in range(5)
    ]
    failures.append(Outcome(HandoutJob(clinic, "en", "procedures/tace"), error="too long"))
    lines = failure_lines(failures)
    assert lines == [
        "error: WARNING: WeasyPrint: cannot load data:… (5 handouts: example/es/p0, "
        "example/es/p1, example/es/p2 and 2 more)",
        "error: example/en/tace: too long",
    ]
