"""Tambon หน้าเมือง (240101): the same concrete road asked for by หมู่ 3 and หมู่ 7, and asked
twice by หมู่ 3 (a true duplicate) — issue 12's example of a shared need."""

from __future__ import annotations

from planlink.consolidation.services import consolidate_tambon
from planlink.plans.models import Plan, PlanKind, Project
from tests.consolidation.engine_world import village_plan
from tests.factories import cycle


def roads_of_two_villages() -> dict[str, Project]:
    """Village needs by name: ``m3``, ``m3_again`` (the same road, หมู่ 3), ``m7``, ``school``."""
    _, (m3, m3_again, school) = village_plan(
        "24010103",
        [
            ("ก่อสร้างถนน คสล. หมู่ที่ 3", "INFRA", "agency", "support", 1, 120, 800000),
            ("โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ม.๓", "INFRA", "agency", "support", 2, 30, 200000),
            ("ซ่อมแซมอาคารเรียนโรงเรียนบ้านหนองบัว", "EDU", "agency", "support", 3, 60, 350000),
        ],
    )
    _, (m7,) = village_plan(
        "24010107",
        [("ก่อสร้างถนน คสล. หมู่ที่ 7", "INFRA", "agency", "support", 1, 75, 500000)],
    )
    return {"m3": m3, "m3_again": m3_again, "m7": m7, "school": school}


def consolidate() -> Plan:
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    return Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id="240101")
