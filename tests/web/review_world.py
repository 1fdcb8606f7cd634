"""A demo-like tambon for the review screen: หน้าเมือง (240101) with ten submitted village
plans of 17 needs each (170 proposals over eight issues), as the demo's first tambon has."""

from __future__ import annotations

from decimal import Decimal

from planlink.plans.models import PlanKind, PlanState
from planlink.plans.services import plan_submit
from tests.factories import area_plan, make_project, village

# (title, issue, capacity): what villages of a Chachoengsao tambon ask for
NEEDS = [
    ("ขุดลอกคลองส่งน้ำเพื่อการเกษตร", "WATER", "agency"),
    ("ก่อสร้างฝายชะลอน้ำ", "WATER", "agency"),
    ("ขยายเขตประปาหมู่บ้าน", "WATER", "lao"),
    ("ก่อสร้างถนนคอนกรีตเสริมเหล็กสายกลางหมู่บ้าน", "INFRA", "agency"),
    ("ติดตั้งไฟฟ้าส่องสว่างริมทาง", "INFRA", "lao"),
    ("ก่อสร้างรางระบายน้ำคอนกรีต", "INFRA", "agency"),
    ("ซ่อมแซมสะพานไม้ข้ามคลอง", "INFRA", "agency"),
    ("ฝึกอบรมอาชีพจักสานผักตบชวา", "ECON", "community"),
    ("ส่งเสริมการเลี้ยงไก่ไข่", "ECON", "agency"),
    ("จัดตั้งกลุ่มออมทรัพย์เพื่อการผลิต", "ECON", "community"),
    ("ตรวจคัดกรองเบาหวานผู้สูงอายุ", "HEALTH", "agency"),
    ("จัดซื้อรถเข็นผู้ป่วยติดเตียง", "HEALTH", "lao"),
    ("ปรับปรุงห้องสมุดประชาชน", "EDU", "lao"),
    ("ปลูกป่าชุมชนริมคลอง", "ENV", "community"),
    ("จัดการขยะต้นทางในครัวเรือน", "ENV", "community"),
    ("ติดตั้งกล้องวงจรปิดทางแยก", "SAFETY", "agency"),
    ("อบรมคณะกรรมการหมู่บ้าน", "GOV", "community"),
]
VILLAGES = [f"240101{number:02d}" for number in range(1, 11)]


def demo_like_tambon() -> list:
    plans = []
    for index, code in enumerate(VILLAGES, start=1):
        village(code, f"บ้านทดสอบ {index}")
        plan = area_plan(PlanKind.VILLAGE, code)
        for rank, (title, issue, capacity) in enumerate(NEEDS, start=1):
            make_project(
                plan,
                f"{title} หมู่ที่ {index}",
                issue_code=issue,
                capacity_level=capacity,
                mode="support",
                priority=rank,
                households=40 + index * 3 + rank,
                budget=Decimal(50000 + 10000 * rank),
            )
        if plan.state != PlanState.SUBMITTED:
            plan_submit(plan=plan, actor=None)
        plans.append(plan)
    return plans
