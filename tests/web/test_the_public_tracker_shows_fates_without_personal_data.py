"""/tracker/ needs no sign-in, shows submitted needs with their path and fate, and never shows
who decided; a returned need shows its reason with people's names masked (issue 15)."""

from __future__ import annotations

import pytest

from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit
from planlink.referrals.models import Decision
from planlink.referrals.services import referral_decide, referral_send, to_plan
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

REASON = "นายสมชาย ใจดี ผู้ใหญ่บ้าน แจ้งว่าซ้ำกับงบกรมชลประทาน"


@pytest.fixture
def returned_need(people):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    need = make_project(plan, "ขุดลอกสระน้ำสาธารณะบ้านหน้าเมือง", issue_code="WATER")
    plan_submit(plan=plan, actor=people["village"])
    tambon = area_plan(PlanKind.TAMBON, "240101")
    referral = referral_send(project=need, target=to_plan(tambon), actor=people["tambon"])
    referral_decide(
        referral=referral, actor=people["tambon"], decision=Decision.RETURNED, reason=REASON
    )
    return need


def test_the_tracker_opens_without_signing_in_at_every_level(returned_need, client):
    for url in [
        "/tracker/",
        "/tracker/24/",
        "/tracker/2401/",
        "/tracker/240101/",
        "/tracker/24010101/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "ขุดลอกสระน้ำสาธารณะบ้านหน้าเมือง" in client.get("/tracker/24010101/").content.decode()


def test_a_need_page_shows_the_path_and_fate_but_no_people(returned_need, client):
    page = client.get(f"/tracker/needs/{returned_need.pk}/").content.decode()
    assert "ไม่ได้รับงบประมาณ/ส่งคืน" in page
    assert "นาย*** *** ผู้ใหญ่บ้าน แจ้งว่าซ้ำกับงบกรมชลประทาน" in page  # the reason, masked
    assert "แผนพัฒนาตำบล" in page
    for private in (REASON, "นายสมชาย", "tambon", "village1"):
        assert private not in page


def test_the_map_and_funnel_numbers_are_json(returned_need, client):
    values = client.get("/tracker/24/map.json").json()
    assert values["needs"] == {"2401": 1.0}
    assert values["funded_share"] == {"2401": 0.0}
    funnel = client.get("/tracker/24/funnel.json").json()
    assert funnel["type"] == "funnel"
    assert funnel["data"][0] == {"name": "ความต้องการจากหมู่บ้าน", "value": 1}


def test_the_district_shapes_hold_only_that_districts_tambons(client):
    shapes = client.get("/tracker/2401/tambons.geojson").json()
    codes = {feature["properties"]["code"] for feature in shapes["features"]}
    assert "240101" in codes
    assert all(code.startswith("2401") for code in codes)
    assert client.get("/tracker/24x1/tambons.geojson").status_code == 404
