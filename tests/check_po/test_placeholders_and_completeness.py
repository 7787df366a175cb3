"""Format placeholders (PO108) and completeness (PO401-PO403)."""

from __future__ import annotations

import pytest

from build_tools.check_po.completeness import check_completeness
from build_tools.check_po.placeholders import check_placeholders
from build_tools.check_po.pofile import PoEntry

PY = {"python-format"}


@pytest.mark.parametrize(
    ("sources", "translations", "flags", "found"),
    [
        (["%(name)s has %(n)d"], ["%(n)d tiene %(name)s"], PY, False),  # named: any order
        (["%s of %d"], ["%d de %s"], PY, True),  # unnamed: order is meaning
        (["%1$s of %2$d"], ["%2$d de %1$s"], {"c-format"}, False),
        (["Dose: %.1f mg"], ["Dosis: %.0f mg"], PY, True),  # 0.5 mg would print as 0 mg
        (["%d%% done"], ["%d %% hecho"], PY, False),
        (["%d%% done"], ["%d % hecho"], PY, True),  # "% h" is not a literal percent
        (["{name} at {time:%H:%M}"], ["{time:%H:%M}, {name}"], {"python-brace-format"}, False),
        (["{0} of {1}"], ["{1} de {0}"], {"python-brace-format"}, False),
        (["%(name)s"], ["%(nombre)s"], set(), False),  # not flagged: not a format string
        # A plural form may leave out the count, but every placeholder must appear somewhere.
        (["one file", "%(n)d files"], ["un fichier", "%(n)d fichiers"], PY, False),
        (["one file", "%(n)d files"], ["un fichier", "des fichiers"], PY, True),
    ],
)
def test_placeholders(sources, translations, flags, found):
    assert bool(check_placeholders(sources, translations, flags)) is found


def entry(msgid, msgstr, flags=()):
    return PoEntry(line=1, msgid=msgid, msgstr={0: msgstr}, flags=set(flags), msgstr_line=2)


@pytest.mark.parametrize(
    ("msgid", "msgstr", "options", "codes"),
    [
        ("Call us.", "", {}, ["PO401"]),
        ("Call us.", "Llámenos.", {}, []),
        ("Call us.", "Llámenos.", {"flags": ("fuzzy",)}, ["PO402"]),
        ("Take your tablets.", "Take your tablets.", {}, ["PO403"]),
        ("Take your tablets.", "Take your tablets.", {"same_language": True}, []),  # en_GB
        ("Introduction", "Introduction", {"same_alphabet": True}, []),  # a French word too
        ("module", "module", {}, ["PO403"]),  # in Chinese it is untranslated
        ("HTML", "HTML", {}, []),
        ("``make html``", "``make html``", {}, []),
        (":ref:`genindex`", ":ref:`genindex`", {}, []),
        ("https://clinic.example.org", "https://clinic.example.org", {}, []),
        ("%.3fs %s", "%.3fs %s", {}, []),
    ],
)
def test_completeness(msgid, msgstr, options, codes):
    options = dict(options)
    flags = options.pop("flags", ())
    issues = check_completeness(entry(msgid, msgstr, flags), **options)
    assert [issue.code for issue in issues] == codes
