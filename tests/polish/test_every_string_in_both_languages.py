"""Every string in both languages: the main pages, rendered in Thai and in English for each
role, carry no message of the other language — a Thai page shows no English translation of a
message id (nor a run of English words that is not a name), an English page shows no Thai
message id left untranslated (issue 15, item 6)."""

from __future__ import annotations

import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings

from planlink.plans.models import PlanKind
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR) if hasattr(settings, "BASE_DIR") else Path(__file__).parents[2]
MO = Path(__file__).resolve().parents[2] / "planlink/locale/en/LC_MESSAGES/django.mo"
TEMPLATES = Path(__file__).resolve().parents[2] / "planlink"
THAI = re.compile("[\u0e00-\u0e7f]")
# English words allowed on a Thai page: names and the language button.
ENGLISH_ALLOWED = {
    "PlanLink",
    "English",
    "Sarabun",
    "CSV",
    "Excel",
    "GeoThai",
    "CC BY 4.0",
    "OCHA HDX COD-AB",
    "mapthai",
}


class _Text(HTMLParser):
    """Visible text nodes (no script, style or template contents), whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__()
        self.skip = 0
        self.nodes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "template"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text and not self.skip:
            self.nodes.append(text)


def text_nodes(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    return parser.nodes


def catalogue() -> dict[str, str]:
    with MO.open("rb") as handle:
        entries = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
    return {
        (key if isinstance(key, str) else key[0]): value
        for key, value in entries.items()
        if key and value
    }


def template_msgids() -> set[str]:
    """Every literal message id of the templates (translate / blocktranslate without variables)."""
    found: set[str] = set()
    pattern = re.compile(r'{%\s*(?:translate|trans)\s+"([^"]+)"')
    underscore = re.compile(r'_\("([^"]+)"\)')
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found.update(pattern.findall(text))
        found.update(underscore.findall(text))
    return {msgid for msgid in found if THAI.search(msgid)}


def english_in_thai(nodes: list[str], english: set[str]) -> list[str]:
    problems = []
    for node in nodes:
        if THAI.search(node):
            continue
        if node in english:
            problems.append(node)
            continue
        words = re.findall(r"[A-Za-z]{2,}", node)
        if len(words) >= 2 and node not in ENGLISH_ALLOWED and not node.startswith("©"):
            problems.append(node)
    return problems


def thai_in_english(nodes: list[str], msgids: set[str], translated: dict[str, str]) -> list[str]:
    return [node for node in nodes if node in msgids and translated.get(node, node) != node]


@pytest.fixture
def world(people):
    village_plan = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(village_plan, "ขุดลอกคลองส่งน้ำเพื่อการเกษตร", issue_code="WATER", budget=350000)
    return people, village_plan


def pages(world) -> list[tuple[str | None, str]]:
    people, plan = world
    return [
        (None, "/"),
        (None, "/tracker/"),
        (None, "/tracker/24/"),
        (None, "/accounts/login/"),
        ("village", "/"),
        ("village", f"/plans/{plan.pk}/"),
        ("village", f"/plans/{plan.pk}/projects/new/"),
        ("village", f"/plans/{plan.pk}/submit/"),
        ("village", f"/plans/{plan.pk}/forum/"),
        ("tambon", "/"),
        ("tambon", "/inbox/"),
        ("lao", "/"),
        ("lao", "/inbox/"),
        ("agency", "/inbox/"),
        ("district", "/"),
        ("district", "/district/2401/"),
        ("district", "/committees/2401/"),
        ("province", "/"),
        ("province", "/province/24/"),
        ("province", "/province/24/frame/"),
        ("province", "/province/24/agencies/"),
        ("province", "/supply/"),
    ]


def _get(world, signed_in, client, who, url, language):
    people, _ = world
    browser = signed_in(people[who], language) if who else client
    if not who:
        browser.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = browser.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, (who, url, response.status_code)
    return response.content.decode()


def test_thai_pages_carry_no_english_message(world, signed_in, client):
    english = {value for value in catalogue().values() if not THAI.search(value)}
    found = {}
    for who, url in pages(world):
        problems = english_in_thai(
            text_nodes(_get(world, signed_in, client, who, url, "th")), english
        )
        if problems:
            found[(who, url)] = problems
    assert found == {}, "\n".join(sorted({text for texts in found.values() for text in texts}))


def test_english_pages_carry_no_thai_message_id(world, signed_in, client):
    translated = catalogue()
    msgids = template_msgids() | {key for key in translated if THAI.search(key)}
    found = {}
    for who, url in pages(world):
        html = _get(world, signed_in, client, who, url, "en")
        assert '<html lang="en">' in html
        problems = thai_in_english(text_nodes(html), msgids, translated)
        untranslated = [
            node
            for node in text_nodes(html)
            if node in template_msgids() and node not in translated
        ]
        if problems or untranslated:
            found[(who, url)] = problems + untranslated
    assert found == {}, "\n".join(sorted({text for texts in found.values() for text in texts}))


def test_the_checks_catch_what_they_look_for():
    """The detectors themselves: an English message on a Thai page, a Thai id on an English one."""
    nodes = text_nodes("<p>รอพิจารณา</p><p>Waiting for a decision</p><script>var a='x y'</script>")
    assert english_in_thai(nodes, {"Waiting for a decision"}) == ["Waiting for a decision"]
    assert english_in_thai(["(routing by capacity)"], set()) == ["(routing by capacity)"]
    assert thai_in_english(["ส่งแผน", "Send"], {"ส่งแผน"}, {"ส่งแผน": "Send the plan"}) == ["ส่งแผน"]
