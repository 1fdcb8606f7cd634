"""A synthetic LAO local development plan (แผนพัฒนาท้องถิ่น พ.ศ. 2566–2570), accepted.

The LAO is the real one covering tambon หน้าเมือง (240101, Chachoengsao); its plan and
projects are synthetic test data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from planlink.accounts.models import Role
from planlink.areas.models import LocalGovernment, LocalGovernmentCoverage
from planlink.audit.models import AuditEntry
from planlink.plans.models import Plan, PlanKind, Project, ProjectBudgetYear
from planlink.plans.revision_models import PlanRevision, RevisionItem
from planlink.plans.services import plan_accept, plan_create, plan_submit, project_create
from tests.factories import assign, cycle, frame

ACCEPTED_ON = dt.date(2024, 6, 20)


@pytest.fixture
def lao(reference_data) -> LocalGovernment:
    frame("24")
    code = LocalGovernmentCoverage.objects.get(tambon_id="240101").local_government_id
    return LocalGovernment.objects.get(code=code)


@pytest.fixture
def people(lao) -> dict[str, Any]:
    return {
        "lao": assign(Role.LAO_PLANNER, lao=lao.code, username="lao-planner"),
        "district": assign(Role.DISTRICT_OFFICER, area="2401", username="district-2401"),
        "province": assign(Role.PROVINCIAL_OFFICER, area="24", username="province-24"),
        "outsider": assign(Role.PROVINCIAL_OFFICER, area="50", username="province-50"),
        "admin": assign(Role.ADMINISTRATOR, national=True, username="admin-national"),
    }


def new_lao_plan(lao: LocalGovernment, *, accept: bool = True) -> Plan:
    plan = plan_create(
        actor=None,
        kind=PlanKind.LOCAL_DEVELOPMENT,
        cycle=cycle(2570),
        owner_lao=lao,
        span=(2566, 2570),
        synthetic=True,
    )
    project_create(
        plan=plan,
        actor=None,
        data={
            "title": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
            "objective": "เพื่อให้ประชาชนสัญจรสะดวก",
            "issue_code": "INFRA",
            "kpi": "ถนนยาว 400 เมตร",
        },
        budget_years={2567: "500000", 2568: "300000"},
    )
    project_create(
        plan=plan,
        actor=None,
        data={"title": "ขุดลอกคลองสาธารณะ หมู่ที่ 5", "issue_code": "WATER"},
        budget_years={2568: "800000"},
    )
    project_create(
        plan=plan,
        actor=None,
        data={"title": "ขุดลอกคลองสาธารณะหมู่ที่ 5 (ซ้ำ)", "issue_code": "WATER"},
        budget_years={2568: "800000"},
    )
    if accept:
        plan_submit(plan=plan, actor=None)
        plan_accept(plan=plan, actor=None)
        Plan.objects.filter(pk=plan.pk).update(
            accepted_at=dt.datetime(2024, 6, 20, 10, tzinfo=dt.UTC)
        )
        plan.refresh_from_db()
    return plan


@pytest.fixture
def plan(lao) -> Plan:
    return new_lao_plan(lao)


def projects_of(plan: Plan) -> dict[str, Project]:
    return {project.title: project for project in Project.objects.filter(plan=plan)}


def snapshot(plan: Plan) -> dict[str, Any]:
    """Everything a refused write on the plan could have touched."""
    return {
        "projects": sorted(
            Project.objects.filter(plan=plan).values_list(
                "pk", "version", "title", "budget", "objective", "kpi", "plan_id"
            )
        ),
        "budget_years": sorted(
            ProjectBudgetYear.objects.filter(project__plan=plan).values_list(
                "project_id", "fiscal_year", "amount"
            )
        ),
        "locations": sorted(
            Project.areas.through.objects.filter(project__plan=plan).values_list(
                "project_id", "area_id"
            )
        ),
        "revisions": sorted(
            PlanRevision.objects.values_list("pk", "state", "number", "approved_on")
        ),
        "items": sorted(RevisionItem.objects.values_list("pk", "action", "project_id")),
        "audit": AuditEntry.objects.count(),
        "plan": Plan.objects.filter(pk=plan.pk).values_list("state", "title").get(),
    }


__all__ = ["Decimal", "new_lao_plan", "projects_of", "snapshot"]
