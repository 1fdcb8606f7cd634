"""A small, hand-written tambon for the engine tests: tambon หน้าเมือง (240101), Chachoengsao."""

from __future__ import annotations

from decimal import Decimal

from planlink.plans.models import PlanKind, PlanState
from planlink.plans.services import plan_submit
from tests.factories import area_plan, make_project


def village_plan(code: str, needs: list[tuple], submit: bool = True):
    """``needs``: (title, issue, capacity, mode, priority, households, budget)."""
    plan = area_plan(PlanKind.VILLAGE, code)
    projects = []
    for title, issue, capacity, mode, priority, households, budget in needs:
        projects.append(
            make_project(
                plan,
                title,
                issue_code=issue,
                capacity_level=capacity,
                mode=mode,
                priority=priority,
                households=households,
                budget=Decimal(budget),
            )
        )
    if submit and plan.state != PlanState.SUBMITTED:
        plan_submit(plan=plan, actor=None)
    return plan, projects


def three_villages():
    """The same dredging need from three villages, plus needs that share words but differ."""
    return [
        village_plan(
            "24010101",
            [
                ("ขุดลอกคลองหนองบัว หมู่ที่ 1", "WATER", "agency", "support", 1, 120, 500000),
                ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 1", "INFRA", "agency", "support", 2, 80, 900000),
                ("ทำความสะอาดถนนในหมู่บ้าน", "ENV", "community", "self", 3, 0, 0),
            ],
        ),
        village_plan(
            "24010102",
            [
                ("โครงการขุดลอกคลองหนองบัว ม.2", "WATER", "agency", "support", 1, 95, 450000),
                ("ซ่อมแซมถนนลูกรังสายบ้านท่าไข่", "INFRA", "lao", "support", 2, 60, 150000),
            ],
        ),
        village_plan(
            "24010103",
            [
                ("ขุดลอกคลองหนองบัว หมู่ที่ ๓", "WATER", "agency", "support", 2, 70, 300000),
                ("ฝึกอบรมอาชีพจักสานผักตบชวา", "ECON", "community", "joint", 1, 40, 30000),
            ],
        ),
    ]
