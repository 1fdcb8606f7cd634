"""Each role's home: the calendar with its own lateness, what arrived to decide, its own plans."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from planlink.areas.models import LocalGovernment
from planlink.cycles.models import Milestone
from planlink.plans.models import PlanKind
from planlink.referrals.services import referral_send, to_lao
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


def move_deadline(step: str, days_from_today: int) -> None:
    deadline = timezone.localdate() + dt.timedelta(days=days_from_today)
    Milestone.objects.filter(cycle_id=2570, step=step).update(
        start=deadline - dt.timedelta(days=60), deadline=deadline
    )


def test_a_village_past_its_deadline_sees_how_late_it_is(people, signed_in):
    move_deadline("village_plan", -12)
    area_plan(PlanKind.VILLAGE, "24010101")
    page = signed_in(people["village"]).get("/").content.decode()
    assert "หมู่บ้าน/ชุมชนทบทวนแผนชุมชน" in page
    assert "เลยกำหนดส่ง 12 วัน" in page
    assert "แผนชุมชน/แผนพัฒนาหมู่บ้าน บ้านหน้าเมือง" in page


def test_a_village_before_its_deadline_is_not_late(people, signed_in):
    move_deadline("village_plan", 30)
    area_plan(PlanKind.VILLAGE, "24010101")
    page = signed_in(people["village"]).get("/").content.decode()
    assert "เลยกำหนดส่ง" not in page


def test_a_village_without_a_plan_is_offered_to_start_one(people, signed_in):
    page = signed_in(people["village"]).get("/").content.decode()
    assert "บ้านหน้าเมือง ยังไม่มีแผนของปีนี้" in page
    assert "เริ่มจัดทำแผนชุมชน/แผนพัฒนาหมู่บ้าน" in page


def test_the_tambon_officer_sees_which_villages_are_late(people, signed_in):
    move_deadline("village_plan", -3)
    page = signed_in(people["tambon"]).get("/").content.decode()
    assert "หน่วยงานในพื้นที่ส่งช้า 2 แห่ง" in page
    assert "บ้านท่าไข่ (3 วัน)" in page


def test_the_lao_planner_sees_what_arrived(people, signed_in):
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    road = make_project(tambon_plan, "ซ่อมแซมถนนลูกรังสายบ้านท่าไข่", issue_code="INFRA")
    referral_send(
        project=road,
        target=to_lao(LocalGovernment.objects.get(code=people["lao_code"])),
        actor=None,
    )
    page = signed_in(people["lao"]).get("/").content.decode()
    assert "เรื่องที่ส่งมาให้พิจารณา" in page
    assert "ซ่อมแซมถนนลูกรังสายบ้านท่าไข่" in page
    other = signed_in(people["agency"]).get("/").content.decode()
    assert "ซ่อมแซมถนนลูกรังสายบ้านท่าไข่" not in other
