"""The LAO's and the agency's inbox (and home) count what was included and waits for its
funding result, instead of saying "nothing waiting"; an agency's inclusion is confirmed as
"included in the budget request"."""

from __future__ import annotations

import pytest

from planlink.areas.models import LocalGovernment
from planlink.plans.models import PlanKind
from planlink.referrals.models import Decision
from planlink.referrals.services import referral_send, to_agency, to_lao
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

TITLES = ["ซ่อมแซมถนนลูกรังสายบ้านหน้าเมือง", "ขุดลอกคลองส่งน้ำหมู่ที่ 1", "ติดตั้งไฟฟ้าส่องสว่าง"]


@pytest.fixture
def included_by_lao(people, signed_in):
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    client = signed_in(people["lao"])
    referrals = []
    for title in TITLES:
        referral = referral_send(
            project=make_project(tambon_plan, title, issue_code="INFRA", budget=100000),
            target=to_lao(lao),
            actor=None,
        )
        client.post(f"/referrals/{referral.pk}/decide/", {"action": "include"})
        referral.refresh_from_db()
        assert referral.decision == Decision.INCLUDED
        referrals.append(referral)
    return client


def test_the_lao_home_and_inbox_count_items_waiting_for_funding(included_by_lao):
    home = included_by_lao.get("/").content.decode()
    assert "บรรจุแล้ว รอผลงบประมาณ 3 เรื่อง" in home
    inbox = included_by_lao.get("/inbox/").content.decode()
    assert "ไม่มีเรื่องรอพิจารณา แต่มี 3 เรื่องที่บรรจุแล้วและรอผลงบประมาณ" in inbox
    for title in TITLES:
        assert title in inbox


def test_the_count_is_in_english_too(included_by_lao):
    included_by_lao.cookies["django_language"] = "en"
    home = included_by_lao.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "3 included items wait for their funding result" in home


def test_an_agency_inclusion_is_confirmed_as_the_budget_request(people, signed_in):
    from planlink.areas.models import Agency

    provincial = area_plan(PlanKind.PROVINCIAL_DEVELOPMENT, "24")
    referral = referral_send(
        project=make_project(provincial, "ก่อสร้างฝายชะลอน้ำ", issue_code="INFRA", budget=2500000),
        target=to_agency(Agency.objects.get(code="RID")),
        actor=None,
    )
    client = signed_in(people["agency"])
    response = client.post(f"/referrals/{referral.pk}/decide/", {"action": "include"}, follow=True)
    page = response.content.decode()
    assert "บรรจุในคำของบประมาณแล้ว" in page
    assert "บรรจุในแผนแล้ว" not in page
    referral.refresh_from_db()
    assert referral.decision == Decision.INCLUDED
    assert "รอผลงบประมาณ 1 เรื่อง" in client.get("/").content.decode()
