"""What running the checker on real catalogues showed: false alarms and misses.

Each case is rebuilt here as a small catalogue of our own.  In ``write_po``
catalogues the first message's msgstr is on line 13, then every 4 lines.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.check_po import Severity, check_catalogues, check_paths
from build_tools.check_po.cli import main
from build_tools.check_po.pofile import PoStringError, parse_string

from .helpers import HEADER, codes_and_lines, write_po


def codes(tmp_path: Path, source: str, translation: str, language: str = "es") -> list[str]:
    path = write_po(tmp_path, [(source, translation)], language=language)
    return [f.code for f in check_paths([path])]


# False alarms -------------------------------------------------------------


@pytest.mark.parametrize(
    "translation",
    [
        "Este sitio necesita JavaScript.",
        "Este sitio necesita Javascript para funcionar.",
        "Este sitio necesita JavasScript.",
        "Se necesita JavaScript: actívelo en su navegador.",
    ],
)
def test_the_word_javascript_is_not_a_script_link(tmp_path, translation):
    assert codes(tmp_path, "This site needs JavaScript.", translation) == []


@pytest.mark.parametrize(
    "translation",
    [
        'Lea la <a href="javascript:robar()">guía</a>.',
        "Lea la `guía <javascript:robar()>`_.",
        "Lea la guía: javascript :robar()",
    ],
)
def test_a_real_script_link_is_still_reported(tmp_path, translation):
    assert codes(tmp_path, "Read the guide.", translation) == ["PO306"]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("https://a.org/en/latest/tace.html", "https://a.org/es/latest/tace.html"),
        ("https://a.org/en/tace/", "https://a.org/zh-CN/tace/"),
        ("https://a.org/tace/", "https://a.org/pt_BR/tace/"),
        ("https://en.wikipedia.org/wiki/Liver", "https://es.wikipedia.org/wiki/Liver"),
        ("https://a.org/search?q=tace&hl=en", "https://a.org/search?q=tace&hl=zh"),
        # A translated page has translated anchors.
        ("https://a.org/en/tace#risks", "https://a.org/es/tace#riesgos"),
    ],
)
def test_a_url_localised_to_the_language_is_accepted(tmp_path, source, translation):
    assert codes(tmp_path, f"See {source}.", f"Vea {translation}.") == []


@pytest.mark.parametrize(
    ("source", "translation", "change"),
    [
        ("https://a.org/en/guide", "https://a.org/es/guia", "path changed from /guide to /guia"),
        ("https://a.org/guide", "https://a.com/guide", "host changed from a.org to a.com"),
        ("https://a.org/g?id=12", "https://a.org/g?id=13", "query changed from id=12 to id=13"),
        (
            "https://a.org/g#risks",
            "https://a.org/g#riesgos",
            "fragment changed from risks to riesgos",
        ),
        ("http://a.org/g", "https://a.org/g", "scheme changed from http to https"),
    ],
)
def test_a_changed_url_says_what_changed(tmp_path, source, translation, change):
    (finding,) = check_paths([write_po(tmp_path, [(f"See {source}.", f"Vea {translation}.")])])
    assert finding.code == "PO204"
    assert f"the {change}" in finding.message


@pytest.mark.parametrize(
    ("language", "translation"),
    [
        ("zh_CN", "请访问 https://example.org/tace，然后致电。"),
        ("zh_CN", "请访问 https://example.org/tace、然后致电。"),
        ("zh_CN", "请访问 https://example.org/tace。然后致电。"),
        ("zh_CN", "请访问（https://example.org/tace）然后致电。"),
        ("zh_CN", "请访问「https://example.org/tace」然后致电。"),
        ("ar", "زوروا https://example.org/tace، ثم اتصلوا."),
        ("ar", "هل زرتم https://example.org/tace؟ ثم اتصلوا."),
    ],
)
def test_a_url_ends_at_cjk_and_arabic_punctuation(tmp_path, language, translation):
    source = "Visit https://example.org/tace, then call."
    assert codes(tmp_path, source, translation, language) == []


def test_a_changed_url_before_cjk_punctuation_is_shown_without_the_text(tmp_path):
    source = "Visit https://example.org/tace, then call."
    path = write_po(
        tmp_path, [(source, "请访问 https://example.org/tase，然后致电。")], language="zh_CN"
    )
    (finding,) = check_paths([path])
    assert "found https://example.org/tase:" in finding.message
    assert "然后" not in finding.message


NOQA_SOURCE = "See :ref:`after-tace`, the `leaflet`_ and the note [#]_."


@pytest.mark.parametrize(
    "translation",
    [
        "Vea :ref:`después <tras-tace>`, el `folleto`_ y la nota. #noqa",
        "Vea :ref:`después <tras-tace>`, el `folleto`_ y la nota.#  noqa  ",
    ],
)
def test_noqa_skips_what_sphinx_skips(tmp_path, translation):
    assert codes(tmp_path, NOQA_SOURCE, translation) == []


def test_without_noqa_the_same_translation_is_reported(tmp_path):
    translation = "Vea :ref:`después <tras-tace>`, el `folleto`_ y la nota."
    assert codes(tmp_path, NOQA_SOURCE, translation) == ["PO302", "PO303", "PO305"]


def test_an_escaped_noqa_is_text(tmp_path):
    translation = "Vea :ref:`después <tras-tace>`, el `folleto`_ y la nota. \\#noqa"
    assert codes(tmp_path, NOQA_SOURCE, translation) == ["PO302", "PO303", "PO305"]


@pytest.mark.parametrize(
    ("translation", "code"),
    [
        # Sphinx still reads numbers, literals, substitutions and added markup.
        ("Vea :ref:`after-tace` durante 16 horas |x|. #noqa", "PO201"),
        ("Vea :ref:`after-tace` con ``hacer`` |x|. #noqa", "PO307"),
        ("Vea :ref:`after-tace` |y|. #noqa", "PO304"),
    ],
)
def test_noqa_does_not_hide_other_checks(tmp_path, translation, code):
    source = {
        "PO201": "See :ref:`after-tace` for 6 hours |x|.",
        "PO307": "See :ref:`after-tace` with ``make`` |x|.",
        "PO304": "See :ref:`after-tace` |x|.",
    }[code]
    assert codes(tmp_path, source, translation) == [code]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("A :term:`stent` holds it open.", "Un :term:`stent <stent>` lo mantiene abierto."),
        ("A :term:`stent` holds it open.", "Un :term:`endoprótesis <Stent>` lo mantiene abierto."),
        (
            "A :term:`virtual\nstent` here.",
            "Una :term:`endoprótesis virtual <virtual stent>` aquí.",
        ),
        ("See :ref:`After TACE <after-tace>`.", "Vea :ref:`Después de la QETA<After-TACE>`."),
        ("See :ref:`a` and :ref:`b`.", "Vea :ref:`b` y :ref:`a`."),
        # "!" makes no link in Sphinx, so there is no target to keep.
        ("See :ref:`!stent`.", "Vea :ref:`!endoprótesis`."),
        # A translated glossary term, marked as Sphinx wants it.
        ("A :term:`stent` holds it open.", "Una :term:`endoprótesis` lo mantiene abierta. #noqa"),
    ],
)
def test_role_targets_that_sphinx_accepts(tmp_path, source, translation):
    assert codes(tmp_path, source, translation) == []


def test_a_translated_term_target_without_noqa_is_reported(tmp_path):
    # Sphinx warns "inconsistent term references" for it.
    source, translation = "A :term:`stent` holds it.", "Una :term:`endoprótesis` la sostiene."
    assert codes(tmp_path, source, translation) == ["PO302"]


# Misses ---------------------------------------------------------------------


def fuzzy_catalogue(folder: Path, source: str, translation: str) -> Path:
    path = folder / "fuzzy.po"
    path.write_text(
        HEADER.format(language="es")
        + f'#: ../../source/tace.rst:3\n#, fuzzy\nmsgid "{source}"\nmsgstr "{translation}"\n',
        encoding="utf-8",
    )
    return path


def test_a_fuzzy_message_shows_what_differs_from_the_current_source(tmp_path):
    path = fuzzy_catalogue(
        tmp_path,
        "Fast for 6 hours, call +34 912 345 678 or see https://example.org/new.",
        "Ayune 8 horas, llame al +34 912 345 679 o vea https://example.org/old.",
    )
    (finding,) = check_paths([path])
    assert (finding.line, finding.code, finding.severity) == (14, "PO402", Severity.WARNING)
    assert "number 6 in the source is missing from the translation (found 8)" in finding.message
    assert "+34 912 345 679" in finding.message
    assert "https://example.org/old" in finding.message
    assert main([str(path)]) == 0
    assert main(["--strict", str(path)]) == 1


def test_a_fuzzy_message_that_matches_its_source_is_only_fuzzy(tmp_path):
    (finding,) = check_paths([fuzzy_catalogue(tmp_path, "Fast for 6 hours.", "Ayune 6 horas.")])
    assert finding.message == "fuzzy: check the translation, then remove the fuzzy flag"


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Use the ``string`` type.", "Use el tipo ``segmento``."),
        ("Open ``docs/1.5/index.html``.", "Abra ``docs/1,5/index.html``."),
        ("Run ``make pdf LANG=es``.", "Ejecute ``make pdf LANG = es``."),
        ("Run ``make`` then ``make pdf``.", "Ejecute ``make`` y luego ``make``."),
    ],
)
def test_inline_literals_must_be_identical(tmp_path, source, translation):
    assert codes(tmp_path, source, translation) == ["PO307"]


def test_inline_literals_may_move_and_rewrap(tmp_path):
    source = "Run ``make\npdf`` after ``git pull``."
    assert codes(tmp_path, source, "Tras ``git pull``, ejecute ``make pdf``.") == []


def test_a_changed_literal_can_be_allowed_for_one_message(tmp_path):
    path = write_po(
        tmp_path,
        [("Type ``yes``.", "Escriba ``sí``.")],
        before="# check-po: allow PO307 -- the Spanish program itself asks for sí\n"
        "#: ../../source/tace.rst:3\n",
    )
    (result,) = check_catalogues([path])
    assert result.findings == []
    assert [a.finding.code for a in result.allowed] == ["PO307"]


def good_catalogue() -> str:
    return HEADER.format(language="es") + (
        '#: ../../source/tace.rst:3\nmsgid "Rest."\nmsgstr "Reposo."\n\n'
        '#: ../../source/tace.rst:5\nmsgid "Call us."\nmsgstr "Llámenos."\n'
    )


def test_cr_only_line_endings_are_reported(tmp_path):
    path = tmp_path / "mac.po"
    path.write_bytes(good_catalogue().replace("\n", "\r").encode("utf-8"))
    findings = check_paths([path])
    assert codes_and_lines(findings) == [(1, "PO101")]
    assert "Babel" in findings[0].message and "LF" in findings[0].message


def test_one_stray_cr_is_reported_at_its_line(tmp_path):
    path = tmp_path / "stray.po"
    text = good_catalogue().replace('msgid "Rest."\n', 'msgid "Rest."\r', 1)
    path.write_bytes(text.encode("utf-8"))
    assert codes_and_lines(check_paths([path])) == [(12, "PO101")]


def test_crlf_line_endings_are_fine(tmp_path):
    path = tmp_path / "windows.po"
    path.write_bytes(good_catalogue().replace("\n", "\r\n").encode("utf-8"))
    assert check_paths([path]) == []


def test_a_unicode_line_separator_inside_a_string_is_not_a_line_break(tmp_path):
    path = tmp_path / "separator.po"
    path.write_text(good_catalogue().replace("Reposo.", "Reposo.\u2028Descanso."), encoding="utf-8")
    assert check_paths([path]) == []


def test_an_obsolete_entry_that_repeats_a_live_one_is_reported(tmp_path):
    path = tmp_path / "obsolete.po"
    path.write_text(
        good_catalogue() + '\n#~ msgid "Rest."\n#~ msgstr "Descanso."\n', encoding="utf-8"
    )
    findings = check_paths([path])
    assert codes_and_lines(findings) == [(20, "PO102")]
    assert "obsolete" in findings[0].message and "line 13" in findings[0].message


def test_an_obsolete_entry_of_another_message_is_fine(tmp_path):
    path = tmp_path / "obsolete.po"
    path.write_text(
        good_catalogue() + '\n#~ msgid "Sleep."\n#~ msgstr "Duerma."\n', encoding="utf-8"
    )
    assert check_paths([path]) == []


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        ("Version 3.0a1 is out.", "La versión 3.0a2 ha salido.", ["PO201"]),
        ("Install 2.0rc1.", "Instale 2.0rc2.", ["PO201"]),
        ("Install 2.0rc1.", "Instale 2.0.", ["PO201"]),
        ("Version 3.0a1 is out.", "La versión 3.0a1 ha salido.", []),
        ("Take 1.5mg.", "Tome 1,5mg.", []),
    ],
)
def test_versions_are_compared_with_their_letters(tmp_path, source, translation, expected):
    assert codes(tmp_path, source, translation) == expected


def test_a_version_written_against_a_korean_word_is_read(tmp_path):
    source = "The release is something like 3.0a1."
    assert codes(tmp_path, source, "릴리스는 3.0a2과 같습니다.", "ko") == ["PO201"]


def test_a_hex_escape_beyond_unicode_is_a_syntax_error_not_a_crash(tmp_path):
    with pytest.raises(PoStringError):
        parse_string('"\\xFFFFFFFFFF"')
    path = write_po(tmp_path, [("Rest.", "Reposo.")])
    path.write_text(path.read_text(encoding="utf-8").replace("Reposo.", "Reposo\\xFFFFFFFFFF"))
    assert codes_and_lines(check_paths([path])) == [(13, "PO101")]
