"""A synthetic 2570 whose village needs met every fate, for the carry-over tests."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planlink.cycles.models import PlanningCycle
from planlink.cycles.services import cycle_create
from planlink.plans.models import Mode, Plan, PlanKind, Project
from planlink.plans.revision_models import ItemAction, PlanRevision, RevisionItem, RevisionState
from planlink.plans.services import plan_submit
from planlink.referrals.models import Decision, Referral, TargetKind
from tests.factories import area_plan, make_project, village


def _synthetic(year: int) -> PlanningCycle:
    return cycle_create(fiscal_year=year, synthetic=True)


def _decide(project: Project, tambon_plan: Plan, decision: str) -> Referral:
    return Referral.objects.create(
        project=project,
        target_kind=TargetKind.PLAN,
        to_plan=tambon_plan,
        target_key=f"plan:{tambon_plan.pk}",
        scope_code=tambon_plan.scope_code,
        decision=decision,
        reason="งบประมาณไม่เพียงพอ" if decision == Decision.NOT_FUNDED else "",
    )


@pytest.fixture
def year_2570(reference_data):
    """Two villages of tambon หน้าเมือง with needs of every fate, in a synthetic 2570."""
    _synthetic(2570)
    village("24010101", "บ้านหน้าเมือง")
    village("24010102", "บ้านท่าไข่")
    first = area_plan(PlanKind.VILLAGE, "24010101", synthetic=True)
    second = area_plan(PlanKind.VILLAGE, "24010102", synthetic=True)
    tambon = area_plan(PlanKind.TAMBON, "240101", synthetic=True)
    needs = {
        "road": make_project(first, "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนายสมชาย", priority=1),
        "water": make_project(
            first, "ขุดลอกคลองส่งน้ำเพื่อการเกษตร", issue_code="WATER", budget=Decimal("480000")
        ),
        "funded": make_project(first, "ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ"),
        "self": make_project(first, "ทำความสะอาดหมู่บ้านประจำเดือน", mode=Mode.SELF),
        "refused": make_project(second, "ซ่อมแซมศาลาประชาคมหมู่บ้าน", issue_code="GOV"),
        "withdrawn": make_project(second, "จัดซื้อเต็นท์สำหรับงานประเพณี", issue_code="GOV"),
    }
    needs["road"].households = 120
    needs["road"].save(update_fields=["households"])
    _decide(needs["funded"], tambon, Decision.FUNDED)
    _decide(needs["refused"], tambon, Decision.NOT_FUNDED)
    _decide(needs["road"], tambon, Decision.PENDING)
    revision = PlanRevision.objects.create(
        plan=second, kind="correction", number=1, year=2568, state=RevisionState.APPROVED,
        approved_on="2025-03-01",
    )  # fmt: skip
    RevisionItem.objects.create(
        revision=revision, action=ItemAction.WITHDRAW, project=needs["withdrawn"]
    )
    for plan in (first, second):
        plan_submit(plan=plan, actor=None)
    return needs
