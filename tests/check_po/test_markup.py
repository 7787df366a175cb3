"""reStructuredText: roles, references and added markup."""

from __future__ import annotations

import pytest

from build_tools.check_po.markup import check_markup, written_in_rest


def codes(source, translation, *, rest=True):
    return [issue.code for issue in check_markup(source, translation, rest=rest)]


@pytest.mark.parametrize(
    ("source", "translation", "expected"),
    [
        # The shown text of a role may change; its target may not.
        (":term:`TACE`", ":term:`QETA <TACE>`", []),
        (":term:`TACE`", ":term:`QETA`", ["PO302"]),
        (":term:`liver tumour`", ":term:`Liver  tumour`", []),  # Sphinx ignores case here
        (":doc:`Guide <guide>`", ":doc:`Guía <guide>`", []),
        (":doc:`guide`", ":doc:`Guide`", ["PO302"]),  # documents are case-sensitive
        (":py:func:`~pkg.run`", ":py:func:`pkg.run`", []),
        (":clinic:`oncology`", ":clinic:`oncología`", ["PO302"]),  # a project's own role
        (":abbr:`CT (computed tomography)`", ":abbr:`TC (tomografía computarizada)`", []),
        (":guilabel:`Save`", "Guardar", ["PO302"]),
        (":code:`x = 1`", ":code:`x = 2`", ["PO302"]),
        ("`Site <https://a.example>`_", "`Sitio <https://a.example>`_", []),
        ("`consent form`_", "`formulario <consent form_>`_", []),
        ("`anonymous <https://a.example>`__", "`anónimo <https://a.example>`__", []),
        ("|name|", "|name|", []),
        ("*a* and **b**", "*a* y *b*", []),  # emphasis may change
        ("Plain.", "Texto *sin cerrar.", ["PO301"]),
        ("Plain.", "Texto\n\n.. image:: x.png", ["PO306"]),
        ("Plain.", "Texto <iframe src=x></iframe>", ["PO306"]),
        ("Plain.", "Texto <entrada original>", []),  # prose in angle brackets is not HTML
        ("Plain.", "使用:term:`TACE`治疗", ["PO301"]),
        ("使用 :term:`TACE` 治疗", "使用\\ :term:`TACE`\\ 治疗", []),
    ],
)
def test_markup_comparison(source, translation, expected):
    assert codes(source, translation) == expected


def test_program_messages_are_only_checked_for_html_and_scripts():
    assert codes("Use `%r` here", "Utilisez « %r » ici", rest=False) == []
    assert codes("Done.", "Fait <script>x</script>", rest=False) == ["PO306"]


def test_which_messages_are_rest():
    assert written_in_rest(["../../source/tace.rst:3"])
    assert written_in_rest([])
    assert written_in_rest(["../pkg/mod.py:docstring of pkg.mod.run:1"])
    assert not written_in_rest(["builders/html/__init__.py:1425"])


def test_included_files_are_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN 12345", encoding="utf-8")
    issues = check_markup("Plain.", f"Texto\n\n.. include:: {secret}")
    assert [i.code for i in issues] == ["PO306"]
    assert "12345" not in issues[0].message
