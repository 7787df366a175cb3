"""Every warning sign a patient must act on, read back from the handouts and the handbook.

``RED_FLAGS`` lists, per language and procedure page, the items of the "When to call your care
team" lists as a reader sees them: first the emergency list, then the care team's lists.
``{fever_threshold}`` and ``{fever_days}`` stand for the clinic's values in a handout and for the
neutral phrases in the handbook. The tests check that

- the table is exactly what the built page lists (a sign added to or dropped from a page without
  the table, or the other way round, fails), with the emergency list first;
- every sign is in every handout built from that page, on A4 and on Letter, and the emergency
  signs come before the care team's: a handout that leaves out part of a page never drops one.

A translator adds their language's table (the same keys, the signs as their page prints them).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from build_tools import clinics
from build_tools.clinic_role import CLINIC_KEYS
from build_tools.handouts.runner import procedure_pages
from tests.pdftools import catalog_lang

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-27"
#: A4 and Letter: the clinics whose profiles ship with the project.
CLINICS = ("example", "lakeside-us")

RedFlags = tuple[tuple[str, ...], tuple[str, ...]]  # (call the emergency number, call the team)

_SHARED_CARE_TEAM = (
    "a fever of {fever_threshold} or higher, or shaking chills",
    "a low fever that lasts more than {fever_days}, or comes back",
)
_FACE = "chest pain, trouble breathing, or a swollen face, lips or throat"
_SHARED_CARE_TEAM_ES = (
    "fiebre igual o superior a {fever_threshold}, o escalofríos con temblores",
    "fiebre baja que dura más de {fever_days}, o que vuelve a aparecer",
)
_FACE_ES = (
    "dolor en el pecho, dificultad para respirar, o hinchazón de la cara, los labios o la garganta"
)

RED_FLAGS: dict[str, dict[str, RedFlags]] = {
    "en": {
        "procedures/tace": (
            (
                _FACE,
                "heavy bleeding, or a lump that grows where the catheter went in",
                "black stools, or throwing up blood",
                "fainting, confusion, or unusual sleepiness",
                "a leg or arm that turns cold, pale or numb",
            ),
            (
                *_SHARED_CARE_TEAM,
                "belly pain that gets worse, or a swollen belly",
                "throwing up that stops you from eating or drinking",
                "yellow skin or yellow eyes",
                "much less urine than usual",
                "redness, swelling or pain that gets worse where the catheter went in",
                "a new rash, itching or hives. This can be a late reaction to the dye.",
            ),
        ),
        "procedures/radiofrequency-ablation": (
            (
                _FACE,
                "sudden severe belly pain, or a hard belly, even days later",
                "coughing up more than a little blood, after lung treatment",
                "heavy bleeding where the probe went in",
                "fainting",
            ),
            (
                *_SHARED_CARE_TEAM,
                "pain that gets worse, or that your medicine does not help",
                "redness, swelling or fluid where the probe went in",
                "blisters or a burn where the sticky pads were",
                "yellow skin or yellow eyes, after liver treatment",
                "new numbness or weakness",
                "throwing up that stops you from eating or drinking",
                "dark red urine, or blood clots in your urine",
                "a new rash, itching or hives. This can be a late reaction to contrast dye.",
            ),
        ),
        "procedures/microwave-ablation": (
            (
                _FACE,
                "sudden severe belly pain, or a hard belly, even days later",
                "coughing up more than a little blood, after lung treatment",
                "heavy bleeding where the probe went in",
                "fainting",
            ),
            (
                *_SHARED_CARE_TEAM,
                "pain that gets worse, or that your medicine does not help",
                "redness, swelling or fluid where the probe went in",
                "yellow skin or yellow eyes, after liver treatment",
                "new numbness or weakness",
                "throwing up that stops you from eating or drinking",
                "dark red urine, or blood clots in your urine",
                "a new rash, itching or hives. This can be a late reaction to contrast dye.",
            ),
        ),
        "procedures/radioembolization": (
            (
                _FACE,
                "heavy bleeding, or a lump that grows where the catheter went in",
                "black stools, or throwing up blood",
                "a leg or arm that turns cold, pale or numb",
                "fainting or confusion",
            ),
            (
                *_SHARED_CARE_TEAM,
                "belly pain that gets worse, or pain after you eat",
                "throwing up that stops you from eating or drinking",
                "a new cough or feeling short of breath",
                "yellow skin, yellow eyes, or a swollen belly, even weeks later",
                "redness, swelling or pain that gets worse where the catheter went in",
                "a new rash, itching or hives. This can be a late reaction to the dye.",
            ),
        ),
        "procedures/cryoablation": (
            (
                _FACE,
                "coughing up more than a little blood, after lung treatment",
                "heavy bleeding where the probes went in",
                "not being able to pass urine",
                "fainting",
            ),
            (
                *_SHARED_CARE_TEAM,
                "pain that gets worse, or new pain in your side or back",
                "redness, swelling or fluid where the probes went in",
                "throwing up, or feeling too sick to eat or drink",
                "new numbness or weakness",
                "dark red urine, or blood clots in your urine",
                "a new rash, itching or hives. This can be a late reaction to contrast dye.",
            ),
        ),
        "procedures/ethanol-injection": (
            (
                _FACE,
                "severe belly pain that comes on suddenly",
                "heavy bleeding where the needle went in",
                "a racing heart, or feeling very dizzy",
                "fainting or confusion",
            ),
            (
                *_SHARED_CARE_TEAM,
                "belly pain that gets worse, or that your medicine does not help",
                "throwing up that stops you from eating or drinking",
                "yellow skin or yellow eyes",
                "redness, swelling or fluid where the needle went in",
                "a new rash, itching or hives. This can be a late reaction to a medicine or dye.",
            ),
        ),
        "procedures/venous-access-ports": (
            (
                "a line outside your skin that cracks, breaks or comes out",
                "chest pain, or sudden trouble breathing",
                "a racing heart, or a swollen face, lips or throat",
                "bleeding that does not stop after 10 minutes of firm pressure",
                "fainting",
            ),
            (
                "a fever of {fever_threshold} or higher, or shaking chills",
                "redness, swelling, pain or fluid where the device is",
                "swelling in your arm, neck or face",
                "a catheter that leaks, will not flush, or seems longer outside your skin",
                "burning or swelling around the port while medicine drips in: "
                "tell the nurse at once",
                "a new rash, itching or hives. This can be a late reaction to contrast dye.",
            ),
        ),
    },
    "es": {
        "procedures/tace": (
            (
                _FACE_ES,
                "sangrado abundante, o un bulto que crece en la zona por donde entró el catéter",
                "heces negras, o vómitos con sangre",
                "un desmayo, confusión, o mucho sueño fuera de lo normal",
                "una pierna o un brazo que se enfría, se pone pálido o se entumece",
            ),
            (
                *_SHARED_CARE_TEAM_ES,
                "dolor abdominal que empeora, o el abdomen hinchado",
                "vómitos que le impiden comer o beber",
                "color amarillo en la piel o en los ojos",
                "mucha menos orina de lo habitual",
                "enrojecimiento, hinchazón o dolor que empeoran en la zona por donde entró el "
                "catéter",
                "un sarpullido nuevo, picor o ronchas. Puede ser una reacción tardía al contraste.",
            ),
        ),
        "procedures/radiofrequency-ablation": (
            (
                _FACE_ES,
                "dolor abdominal intenso y repentino, o el abdomen duro, aunque sea días después",
                "expulsar al toser más que un poco de sangre, después de un tratamiento en el "
                "pulmón",
                "sangrado abundante en el lugar donde se introdujo la sonda",
                "un desmayo",
            ),
            (
                *_SHARED_CARE_TEAM_ES,
                "dolor que empeora o que no se alivia con su medicamento",
                "enrojecimiento, hinchazón o salida de líquido en el lugar donde se introdujo "
                "la sonda",
                "ampollas o una quemadura donde estaban los parches adhesivos",
                "color amarillo en la piel o en los ojos, después de un tratamiento en el hígado",
                "entumecimiento o debilidad que no tenía antes",
                "vómitos que le impiden comer o beber",
                "orina de color rojo oscuro, o coágulos de sangre en la orina",
                "un sarpullido nuevo, picor o ronchas. Puede ser una reacción tardía al medio "
                "de contraste.",
            ),
        ),
        "procedures/microwave-ablation": (
            (
                _FACE_ES,
                "dolor abdominal intenso y repentino, o el abdomen duro, aunque sea días después",
                "expulsar al toser más que un poco de sangre, después de un tratamiento en el "
                "pulmón",
                "sangrado abundante en el lugar donde se introdujo la sonda",
                "un desmayo",
            ),
            (
                *_SHARED_CARE_TEAM_ES,
                "dolor que empeora o que no se alivia con su medicamento",
                "enrojecimiento, hinchazón o salida de líquido en el lugar donde se introdujo "
                "la sonda",
                "color amarillo en la piel o en los ojos, después de un tratamiento en el hígado",
                "entumecimiento o debilidad que no tenía antes",
                "vómitos que le impiden comer o beber",
                "orina de color rojo oscuro, o coágulos de sangre en la orina",
                "un sarpullido nuevo, picor o ronchas. Puede ser una reacción tardía al medio "
                "de contraste.",
            ),
        ),
        "procedures/radioembolization": (
            (
                _FACE_ES,
                "sangrado abundante, o un bulto que crece en la zona por donde entró el catéter",
                "heces negras, o vómitos con sangre",
                "una pierna o un brazo que se enfría, se pone pálido o se entumece",
                "un desmayo o confusión",
            ),
            (
                *_SHARED_CARE_TEAM_ES,
                "dolor abdominal que empeora, o dolor después de comer",
                "vómitos que le impiden comer o beber",
                "una tos que no tenía antes, o sensación de falta de aire",
                "color amarillo en la piel o en los ojos, o el abdomen hinchado, aunque sea "
                "semanas después",
                "enrojecimiento, hinchazón o dolor que empeoran en la zona por donde entró el "
                "catéter",
                "un sarpullido nuevo, picor o ronchas. Puede ser una reacción tardía al contraste.",
            ),
        ),
        "procedures/cryoablation": (
            (
                _FACE_ES,
                "expulsar al toser más que un poco de sangre, después de un tratamiento en el "
                "pulmón",
                "sangrado abundante en el lugar donde se introdujeron las sondas",
                "no poder orinar",
                "un desmayo",
            ),
            (
                *_SHARED_CARE_TEAM_ES,
                "dolor que empeora, o un dolor nuevo en el costado o en la espalda",
                "enrojecimiento, hinchazón o salida de líquido en el lugar donde se "
                "introdujeron las sondas",
                "vómitos, o tantas náuseas que no puede comer ni beber",
                "entumecimiento o debilidad que no tenía antes",
                "orina de color rojo oscuro o coágulos de sangre en la orina",
                "un sarpullido nuevo, picor o ronchas. Puede ser una reacción tardía al medio "
                "de contraste.",
            ),
        ),
        "procedures/ethanol-injection": (
            (
                _FACE_ES,
                "dolor abdominal intenso que aparece de repente",
                "sangrado abundante en el lugar donde se introdujo la aguja",
                "el corazón muy acelerado, o un mareo fuerte",
                "un desmayo o confusión",
            ),
            (
                *_SHARED_CARE_TEAM_ES,
                "dolor abdominal que empeora o que no se alivia con su medicamento",
                "vómitos que le impiden comer o beber",
                "color amarillo en la piel o en los ojos",
                "enrojecimiento, hinchazón o salida de líquido en el lugar donde se introdujo "
                "la aguja",
                "un sarpullido nuevo, picor o ronchas. Puede ser una reacción tardía a un "
                "medicamento o al contraste.",
            ),
        ),
        "procedures/venous-access-ports": (
            (
                "un tubo que queda fuera de la piel y que se agrieta, se rompe o se sale",
                "dolor en el pecho, o dificultad repentina para respirar",
                "el corazón muy acelerado, o hinchazón de la cara, los labios o la garganta",
                "un sangrado que no se detiene tras presionar con firmeza durante 10 minutos",
                "un desmayo",
            ),
            (
                "fiebre igual o superior a {fever_threshold}, o escalofríos con temblores",
                "enrojecimiento, hinchazón, dolor o salida de líquido en la zona del dispositivo",
                "hinchazón en el brazo, el cuello o la cara",
                "un catéter que gotea, por el que no pasa el líquido al lavarlo, o que parece "
                "más largo por fuera de la piel",
                "ardor o hinchazón alrededor del reservorio mientras le pasan el medicamento "
                "por goteo: avise enseguida al personal de enfermería",
                "un sarpullido nuevo, picor o ronchas. Puede ser una reacción tardía al medio "
                "de contraste.",
            ),
        ),
    },
}

#: The section that holds the signs, by its place among a procedure page's eight sections
#: (its id and title change with the language; its place does not).
WHEN_TO_CALL = 6


_WORD = re.compile(
    r'<page width="(?P<width>[\d.]+)"|'
    r'<word xMin="(?P<x0>[\d.]+)" yMin="(?P<y0>[\d.]+)" xMax="[\d.]+" yMax="(?P<y1>[\d.]+)">'
    r"(?P<text>[^<]*)</word>"
)


def column_text(pdf: Path) -> str:
    """The words of a two-column handout in reading order: page by page, column by column.

    pdftotext's own reading order runs across both columns where their lines sit side by side,
    so the words are placed by their boxes. Words taller than a heading are the rotated DRAFT
    mark, which is not part of the text. A right-to-left page reads its right column first.
    """
    import html

    xml = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    rtl = (catalog_lang(pdf) or "").split("-")[0] in {"ar", "he", "fa", "ur"}
    pages: list[list[tuple[int, float, float, str]]] = []
    middle = 0.0
    for match in _WORD.finditer(xml):
        if match["width"]:
            pages.append([])
            middle = float(match["width"]) / 2
            continue
        x0, y0, y1 = float(match["x0"]), float(match["y0"]), float(match["y1"])
        if y1 - y0 > 30:
            continue
        column = int(x0 >= middle) if not rtl else int(x0 < middle)
        pages[-1].append(
            (column, round(y0 / 3), x0 if not rtl else -x0, html.unescape(match["text"]))
        )
    return "\n".join(" ".join(word for *_, word in sorted(words)) for words in pages)


def canonical(text: str) -> str:
    """Text as compared: no spaces and no hyphens, so a line broken or hyphenated still matches."""
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text).casefold()


def fill(flag: str, values: dict[str, str]) -> str:
    return flag.format(**{key: values[key] for key in ("fever_threshold", "fever_days")})


def missing_in_order(text: str, groups: RedFlags, values: dict[str, str]) -> list[str]:
    """The signs that ``text`` lacks, and a note when an emergency sign follows a care-team one."""
    haystack = canonical(text)
    problems: list[str] = []
    found: list[list[int]] = []
    for group in groups:
        positions = []
        for flag in group:
            position = haystack.find(canonical(fill(flag, values)))
            if position < 0:
                problems.append(f"missing: {fill(flag, values)}")
            else:
                positions.append(position)
        found.append(positions)
    emergency, care_team = found
    if emergency and care_team and max(emergency) > min(care_team):
        problems.append("an emergency sign comes after a care-team sign")
    return problems


class _WhenToCall(HTMLParser):
    """The list items of the seventh section of a built procedure page, list by list."""

    def __init__(self) -> None:
        super().__init__()
        self.sections = -1
        self.depth = 0  # nesting of <section> inside the page's body
        self.inside = False
        self.lists: list[list[str]] = []
        self._item: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.depth += 1
            if self.depth == 2:  # a section of the page (depth 1 is the page itself)
                self.sections += 1
                self.inside = self.sections == WHEN_TO_CALL
        if not self.inside:
            return
        if tag in {"ul", "ol"}:
            self.lists.append([])
        elif tag == "li":
            self._item = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            if self.depth == 2:
                self.inside = False
            self.depth -= 1
        elif tag == "li" and self.inside and self._item is not None:
            self.lists[-1].append(re.sub(r"\s+", " ", "".join(self._item)).strip())
            self._item = None

    def handle_data(self, data: str) -> None:
        if self._item is not None:
            self._item.append(data)


def page_red_flags(html_file: Path) -> RedFlags:
    parser = _WhenToCall()
    parser.feed(html_file.read_text(encoding="utf-8"))
    assert parser.lists, f"no lists in the 'when to call' section of {html_file}"
    emergency, *care_team = parser.lists
    return tuple(emergency), tuple(item for group in care_team for item in group)


def run(*args: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


LANGUAGES = sorted(RED_FLAGS)
PAGES = [(language, page) for language in LANGUAGES for page in sorted(RED_FLAGS[language])]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Callable[[str], Path]:
    """The handbook's website in one language, built once per session when first asked for."""
    sites: dict[str, Path] = {}

    def build(language: str) -> Path:
        if language not in sites:
            build_dir = tmp_path_factory.mktemp(f"red-flags-site-{language}")
            run("build_tools.build", "html", language, "--build-dir", str(build_dir))
            sites[language] = build_dir / "html"
        return sites[language]

    return build


@pytest.fixture(scope="session")
def built_handouts(tmp_path_factory) -> Callable[[str], Path]:
    """Every clinic's handouts in one language, built once per session when first asked for."""
    handouts: dict[str, Path] = {}

    def build(language: str) -> Path:
        if language not in handouts:
            build_dir = tmp_path_factory.mktemp(f"red-flags-handouts-{language}")
            for clinic in CLINICS:
                run(
                    "build_tools.handouts",
                    "--clinic",
                    f"clinics/{clinic}.toml",
                    "--lang",
                    language,
                    "--draft",  # no page has a clinical review yet; a draft has the same signs
                    "--today",
                    TODAY,
                    "--build-dir",
                    str(build_dir),
                )
            handouts[language] = build_dir / "handouts"
        return handouts[language]

    return build


def handbook_values(language: str) -> dict[str, str]:
    """The neutral phrases the handbook prints for the clinic details, in ``language``."""
    if language == "en":
        return dict(CLINIC_KEYS)
    theme = ROOT / "locale" / language / "LC_MESSAGES" / "theme.po"
    with theme.open("rb") as handle:
        catalogue = read_po(handle)
    values = {}
    for key, phrase in CLINIC_KEYS.items():
        message = catalogue.get(phrase)
        assert message is not None and message.string and not message.fuzzy, (theme, phrase)
        values[key] = str(message.string)
    return values


def test_the_table_covers_every_procedure_page():
    for language, table in RED_FLAGS.items():
        assert sorted(table) == sorted(procedure_pages()), language
        for page, (emergency, care_team) in table.items():
            assert emergency and care_team, (language, page)
            assert len(emergency) == len(RED_FLAGS["en"][page][0]), (language, page)
            assert len(care_team) == len(RED_FLAGS["en"][page][1]), (language, page)


@pytest.mark.parametrize(("language", "page"), PAGES)
def test_the_page_lists_exactly_these_signs_emergency_first(built_site, language, page):
    values = handbook_values(language)
    expected = tuple(
        tuple(fill(flag, values) for flag in group) for group in RED_FLAGS[language][page]
    )
    assert page_red_flags(built_site(language) / language / f"{page}.html") == expected


@pytest.mark.parametrize("clinic", CLINICS)
@pytest.mark.parametrize(("language", "page"), PAGES)
def test_every_sign_is_in_the_handout(built_handouts, clinic, language, page):
    profile = clinics.load(ROOT / "clinics" / f"{clinic}.toml", ["en", "es", "fr", "zh_CN", "ar"])
    name = page.rsplit("/", 1)[-1]
    pdfs = sorted((built_handouts(language) / clinic / language).glob(f"{name}*.pdf"))
    assert len(pdfs) == 1, pdfs
    text = column_text(pdfs[0])
    values = profile.clinic_values(language)
    assert missing_in_order(text, RED_FLAGS[language][page], values) == []


# The reader itself, on text unlike ours: it must not pass what it should catch.
VALUES = {"fever_threshold": "39.5 °C", "fever_days": "2 days"}
GROUPS: RedFlags = (
    ("sudden weakness of one side",),
    ("a fever of {fever_threshold} or higher", "a cough that lasts more than {fever_days}"),
)


def test_the_reader_finds_signs_broken_across_lines_and_hyphenated():
    text = (
        "Call now: sudden weak-\nness of one side.\n\nCall us: a fever of 39.5 °C or\nhigher; "
        "a cough that lasts more than 2 days."
    )
    assert missing_in_order(text, GROUPS, VALUES) == []


def test_the_reader_reports_a_missing_sign_and_a_wrong_value():
    text = "Call now: sudden weakness of one side. Call us: a fever of 38 °C or higher."
    assert missing_in_order(text, GROUPS, VALUES) == [
        "missing: a fever of 39.5 °C or higher",
        "missing: a cough that lasts more than 2 days",
    ]


def test_the_reader_reports_an_emergency_sign_after_a_routine_one():
    text = (
        "a fever of 39.5 °C or higher. a cough that lasts more than 2 days. "
        "sudden weakness of one side"
    )
    assert missing_in_order(text, GROUPS, VALUES) == [
        "an emergency sign comes after a care-team sign"
    ]
