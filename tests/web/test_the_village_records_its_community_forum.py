"""เวทีประชาคม: the village committee records its forum on the plan; others cannot."""

from __future__ import annotations

import pytest

from planlink.committees.models import CommunityForum
from planlink.plans.models import PlanKind
from tests.factories import area_plan

pytestmark = pytest.mark.django_db

FORUM = {
    "held_on": "2025-01-15",
    "participants": "85",
    "households": "60",
    "facilitator": "พัฒนากรประจำตำบลหน้าเมือง",
    "note": "ปัญหาน้ำไม่พอทำนาปรัง ถนนลูกรังชำรุด",
}


def test_the_forum_is_recorded_and_shown_in_the_buddhist_era(people, signed_in):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    client = signed_in(people["village"])
    assert client.post(f"/plans/{plan.pk}/forum/", FORUM).status_code == 302
    forum = CommunityForum.objects.get(plan=plan)
    assert (forum.participants, forum.households) == (85, 60)
    page = client.get(f"/plans/{plan.pk}/forum/").content.decode()
    assert "15 มกราคม 2568" in page
    assert "ผู้เข้าร่วม 85 คน จาก 60 ครัวเรือน" in client.get(f"/plans/{plan.pk}/").content.decode()


def test_more_households_than_participants_is_refused(people, signed_in):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    response = signed_in(people["village"]).post(
        f"/plans/{plan.pk}/forum/", {**FORUM, "households": "90"}
    )
    assert "มากกว่าผู้เข้าร่วม" in response.content.decode()
    assert not CommunityForum.objects.exists()


def test_the_tambon_officer_reads_the_forum_but_has_no_form(people, signed_in):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    signed_in(people["village"]).post(f"/plans/{plan.pk}/forum/", FORUM)
    tambon = signed_in(people["tambon"])
    page = tambon.get(f"/plans/{plan.pk}/forum/").content.decode()
    assert "พัฒนากรประจำตำบลหน้าเมือง" in page
    assert "บันทึกเวทีประชาคมครั้งใหม่" not in page
    tambon.post(f"/plans/{plan.pk}/forum/", {**FORUM, "participants": "10", "households": "5"})
    assert CommunityForum.objects.count() == 1
