import datetime as dt

import pytest

from planlink.plans.models import Mode, PlanKind
from planlink.plans.rules import (
    check_deadline,
    check_proposals_per_issue,
    check_self_reliance,
    check_strategy_alignment,
)
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


def test_a_village_plan_needs_thirty_percent_self_reliant_projects(reference_data):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(plan, "ทำความสะอาดคูคลอง", mode=Mode.SELF)
    for title in ("ถนนลาดยาง", "ประปาหมู่บ้าน", "ไฟฟ้าส่องสว่าง"):
        make_project(plan, title)
    problems = check_self_reliance(plan)
    assert [p.message_th for p in problems] == ["โครงการที่ทำเองมีร้อยละ 25 ของแผน ต้องไม่น้อยกว่าร้อยละ 30"]
    make_project(plan, "ปลูกผักสวนครัว", mode=Mode.SELF)
    assert check_self_reliance(plan) == []


def test_at_most_two_projects_per_issue_go_from_a_tambon_to_the_district(reference_data):
    plan = area_plan(PlanKind.TAMBON, "240101")
    projects = [make_project(plan, f"โครงการแหล่งน้ำ {n}", issue_code="WATER") for n in range(3)]
    assert check_proposals_per_issue(projects[:2]) == []
    problems = check_proposals_per_issue(projects)
    assert len(problems) == 1
    assert (
        problems[0].message_th
        == "ประเด็น แหล่งน้ำและการบริหารจัดการน้ำ เสนอ 3 โครงการ เสนอได้ไม่เกิน 2 โครงการต่อประเด็น"
    )


def test_district_projects_must_be_aligned_to_a_provincial_strategy(reference_data):
    plan = area_plan(PlanKind.DISTRICT_NEEDS, "2401")
    project = make_project(plan, "ก่อสร้างถนนสายหลัก")
    assert [p.project_id for p in check_strategy_alignment(plan)] == [project.pk]
    project.strategy = project.issue.strategy
    project.save()
    assert check_strategy_alignment(plan) == []


def test_a_draft_past_its_deadline_is_late(reference_data):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    deadline = dt.date(2025, 2, 28)
    assert check_deadline(plan, deadline, dt.date(2025, 2, 28)) == []
    assert check_deadline(plan, deadline, dt.date(2025, 3, 3))[0].message_th == "เลยกำหนดส่ง 3 วัน"
