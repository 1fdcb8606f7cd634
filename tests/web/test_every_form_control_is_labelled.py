"""Every input, select and textarea on the working pages has a label a screen reader announces
(``<label for>``, ``aria-label`` or ``aria-labelledby``), and every button has words."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from planlink.areas.models import LocalGovernment
from planlink.plans.models import PlanKind
from planlink.referrals.services import referral_send, to_lao
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


CHECKED: list[int] = []


class Controls(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.labels: set[str] = set()
        self.controls: list[dict[str, str]] = []
        self.buttons: list[str] = []
        self._button: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "label" and found.get("for"):
            self.labels.add(found["for"])
        if tag in ("select", "textarea") or (
            tag == "input" and found.get("type", "text") not in ("hidden", "submit", "button")
        ):
            self.controls.append({"tag": tag, **found})
        if tag == "button":
            self._button = []

    def handle_data(self, data: str) -> None:
        if self._button is not None:
            self._button.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "button" and self._button is not None:
            self.buttons.append("".join(self._button).strip())
            self._button = None


def unlabelled(html: str) -> list[dict[str, str]]:
    parser = Controls()
    parser.feed(html)
    assert all(parser.buttons), "a button without words"
    CHECKED.append(len(parser.controls))
    return [
        control
        for control in parser.controls
        if not (
            control.get("id") in parser.labels
            or control.get("aria-label")
            or control.get("aria-labelledby")
        )
    ]


@pytest.fixture
def pages(people):
    village_plan = area_plan(PlanKind.VILLAGE, "24010101")
    need = make_project(village_plan, "ขุดลอกคลองหนองบัว", issue_code="WATER")
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    road = make_project(tambon_plan, "ซ่อมแซมถนนลูกรัง", issue_code="INFRA")
    referral_send(
        project=road,
        target=to_lao(LocalGovernment.objects.get(code=people["lao_code"])),
        actor=None,
    )
    return [
        ("village", f"/plans/{village_plan.pk}/"),
        ("village", f"/plans/{village_plan.pk}/projects/new/"),
        ("village", f"/projects/{need.pk}/edit/"),
        ("village", f"/plans/{village_plan.pk}/forum/"),
        ("tambon", f"/plans/{tambon_plan.pk}/consolidation/"),
        ("lao", "/inbox/"),
        ("district", "/district/2401/"),
        ("province", "/province/24/"),
        ("province", "/province/24/frame/"),
        (None, "/accounts/login/"),
        (None, "/tracker/24/"),
    ]


def test_every_control_on_the_working_pages_has_a_label(pages, people, signed_in, client):
    for who, url in pages:
        viewer = signed_in(people[who]) if who else client
        response = viewer.get(url)
        assert response.status_code == 200, url
        assert unlabelled(response.content.decode()) == [], url
    # the project form alone has 17 controls (3 radio buttons, households) and a checkbox per
    # จปฐ./กชช.๒ค indicator (issue 15); the check is not vacuous
    from planlink.evidence.models import Indicator

    assert CHECKED[1] == 17 + Indicator.objects.count()
    assert sum(CHECKED) > 40
