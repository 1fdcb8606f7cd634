"""``/plans`` — plans at every level, their state transitions and their projects."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from planlink.accounts.access import (
    access_for,
    access_plan,
    access_plan_for_review,
    require_can_create_plan,
)
from planlink.api.auth import caller
from planlink.api.filters import PlanFilters, filter_plans
from planlink.api.project_schemas import ProjectIn, ProjectOut, project_input, project_queryset
from planlink.api.schemas import ERRORS, FiscalYear, ObjectId, Pages, SmallNumber, money
from planlink.areas.models import Agency, Area, LocalGovernment, ProvincialCluster
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import PLAN_KIND_LEVEL, Plan, PlanKind, Project
from planlink.plans.rules import plan_problems
from planlink.plans.services import (
    plan_accept,
    plan_create,
    plan_return,
    plan_scope_code,
    plan_submit,
    project_create,
)

router = Router()


class OwnerOut(Schema):
    type: str = Field(description="area | lao | agency | cluster")
    code: str
    name: str


class PlanOut(Schema):
    id: int
    kind: str
    kind_label: str
    level: str
    cycle: int
    title: str
    state: str
    owner: OwnerOut
    scope_code: str
    span_start: int | None
    span_end: int | None
    submitted_at: dt.datetime | None
    accepted_at: dt.datetime | None
    returned_reason: str
    project_count: int
    budget_total: str = Field(description="sum of the projects' budgets, baht")
    synthetic: bool = Field(description="ข้อมูลสังเคราะห์ — demo data, not an official plan")

    @staticmethod
    def resolve_kind_label(plan: Plan) -> str:
        return plan.get_kind_display()

    @staticmethod
    def resolve_level(plan: Plan) -> str:
        return PLAN_KIND_LEVEL[plan.kind]

    @staticmethod
    def resolve_cycle(plan: Plan) -> int:
        return plan.cycle_id

    @staticmethod
    def resolve_owner(plan: Plan) -> OwnerOut:
        if plan.owner_area is not None:
            return OwnerOut(
                type="area", code=plan.owner_area.code, name=plan.owner_area.display_name
            )
        if plan.owner_lao is not None:
            return OwnerOut(type="lao", code=plan.owner_lao.code, name=plan.owner_lao.full_name_th)
        if plan.owner_agency is not None:
            return OwnerOut(
                type="agency", code=plan.owner_agency.code, name=plan.owner_agency.name_th
            )
        cluster = plan.owner_cluster
        if cluster is None:
            raise ValueError(f"plan {plan.pk} has no owner")
        return OwnerOut(type="cluster", code=str(cluster.number), name=cluster.name_th)

    @staticmethod
    def resolve_project_count(plan: Plan) -> int:
        return getattr(plan, "project_count", None) or plan.projects.count()

    @staticmethod
    def resolve_budget_total(plan: Plan) -> str | None:
        total = getattr(plan, "budget_total", None)
        if total is None:
            total = plan.projects.aggregate(total=Sum("budget"))["total"]
        return money(Decimal(total or 0))


class ProblemOut(Schema):
    rule: str
    message_th: str
    message_en: str
    project_id: int | None


class PlanDetailOut(PlanOut):
    problems: list[ProblemOut] = Field(description="rule checks from the circulars")


class PlanIn(Schema):
    kind: PlanKind
    cycle: FiscalYear
    owner_area: str | None = Field(None, description="area code (village/tambon/district/…)")
    owner_lao: str | None = Field(None, description="LAO (อปท.) DLA code")
    owner_agency: str | None = Field(None, description="agency code, e.g. RID")
    owner_cluster: SmallNumber | None = Field(None, description="provincial cluster number")
    title: str = Field("", max_length=300, description="defaults to kind + owner + year")
    span_start: int | None = Field(None, ge=2500, le=2700)
    span_end: int | None = Field(None, ge=2500, le=2700)


class ReturnIn(Schema):
    reason: str = Field(description="why the plan goes back (≤ 2,000 characters)")


def plan_queryset(plans: QuerySet) -> QuerySet:
    return plans.select_related(
        "owner_area", "owner_lao", "owner_agency", "owner_cluster"
    ).annotate(project_count=Count("projects"), budget_total=Sum("projects__budget"))


def _one(plan: Plan) -> Plan:
    plan = plan_queryset(Plan.objects.filter(pk=plan.pk)).get()
    plan.problems = [problem.as_dict() for problem in plan_problems(plan)]  # type: ignore[attr-defined]
    return plan


@router.get("", response={200: list[PlanOut], **ERRORS}, summary="Plans you may read")
@paginate(Pages)
def plan_list(request: HttpRequest, filters: Query[PlanFilters]):  # noqa: ANN201
    plans = filter_plans(access_for(caller(request)).plans(), filters)
    return plan_queryset(plans).order_by("-cycle_id", "kind", "scope_code", "id")


def _owner(body: PlanIn) -> dict[str, Any]:
    given = [
        name
        for name in ("owner_area", "owner_lao", "owner_agency", "owner_cluster")
        if getattr(body, name) not in (None, "")
    ]
    if len(given) != 1:
        raise DomainError(
            "ระบุเจ้าของแผนหนึ่งหน่วย (owner_area, owner_lao, owner_agency หรือ owner_cluster)",
            "give exactly one owner: owner_area, owner_lao, owner_agency or owner_cluster",
        )
    name = given[0]
    model: Any = {
        "owner_area": Area,
        "owner_lao": LocalGovernment,
        "owner_agency": Agency,
        "owner_cluster": ProvincialCluster,
    }[name]
    key = "number" if name == "owner_cluster" else "pk"
    owner = model.objects.filter(**{key: getattr(body, name)}).first()
    if owner is None:
        raise DomainError(
            f"ไม่พบหน่วยเจ้าของแผน '{getattr(body, name)}'",
            f"unknown {name.removeprefix('owner_')} '{getattr(body, name)}'",
        )
    return {name: owner}


@router.post("", response={201: PlanDetailOut, **ERRORS}, summary="Start a plan")
def plan_post(request: HttpRequest, body: PlanIn) -> Status:
    cycle = PlanningCycle.objects.filter(fiscal_year=body.cycle).first()
    if cycle is None:
        raise DomainError(f"ไม่พบรอบการวางแผนปี {body.cycle}", f"no planning cycle {body.cycle}")
    owner = _owner(body)
    candidate = Plan(kind=body.kind, cycle=cycle, **owner)
    candidate.scope_code = plan_scope_code(candidate)
    require_can_create_plan(caller(request), candidate)
    span = (body.span_start, body.span_end or body.span_start) if body.span_start else None
    plan = plan_create(
        actor=caller(request), kind=body.kind, cycle=cycle, title=body.title, span=span, **owner
    )
    return Status(201, _one(plan))


@router.get("/{plan_id}", response={200: PlanDetailOut, **ERRORS}, summary="One plan")
def plan_detail(request: HttpRequest, plan_id: ObjectId) -> Plan:
    return _one(access_plan(caller(request), plan_id))


@router.post("/{plan_id}/submit", response={200: PlanDetailOut, **ERRORS}, summary="Submit (ส่งแผน)")
def plan_submit_view(request: HttpRequest, plan_id: ObjectId) -> Plan:
    plan = access_plan(caller(request), plan_id, for_write=True)
    return _one(plan_submit(plan=plan, actor=caller(request)))


@router.post("/{plan_id}/accept", response={200: PlanDetailOut, **ERRORS}, summary="Accept (รับแผน)")
def plan_accept_view(request: HttpRequest, plan_id: ObjectId) -> Plan:
    plan = access_plan_for_review(caller(request), plan_id)
    return _one(plan_accept(plan=plan, actor=caller(request)))


@router.post(
    "/{plan_id}/return",
    response={200: PlanDetailOut, **ERRORS},
    summary="Return for changes (ส่งคืนแก้ไข)",
)
def plan_return_view(request: HttpRequest, plan_id: ObjectId, body: ReturnIn) -> Plan:
    plan = access_plan_for_review(caller(request), plan_id)
    return _one(plan_return(plan=plan, actor=caller(request), reason=body.reason))


@router.get(
    "/{plan_id}/projects",
    response={200: list[ProjectOut], **ERRORS},
    summary="The plan's projects",
)
@paginate(Pages)
def plan_projects(request: HttpRequest, plan_id: ObjectId):  # noqa: ANN201
    plan = access_plan(caller(request), plan_id)
    return project_queryset(Project.objects.filter(plan=plan)).order_by(
        "issue__order", "priority", "id"
    )


@router.post("/{plan_id}/projects", response={201: ProjectOut, **ERRORS}, summary="Add a project")
def plan_project_post(request: HttpRequest, plan_id: ObjectId, body: ProjectIn) -> Status:
    plan = access_plan(caller(request), plan_id, for_write=True)
    data, areas, budget_years = project_input(body)
    project = project_create(
        plan=plan, actor=caller(request), data=data, areas=areas, budget_years=budget_years
    )
    return Status(201, project_queryset(Project.objects.filter(pk=project.pk)).get())
