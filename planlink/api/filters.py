"""The filter sets of the list endpoints, reusable by exports (same filters, same results).

``filter_projects(access_for(user).projects(), ProjectFilters(cycle=2570, area="2401"))``
gives exactly the rows ``GET /api/v1/projects?cycle=2570&area=2401`` lists.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from ninja import Schema
from pydantic import Field

from planlink.api.schemas import FiscalYear, ObjectId
from planlink.areas.models import prefix_range
from planlink.cycles.models import PlanLevel
from planlink.plans.models import PLAN_KIND_LEVEL, PlanKind, PlanState, Project

AREA_CODE = r"^[0-9]{1,8}$"


def kinds_of_level(level: str) -> list[str]:
    return [kind for kind, kind_level in PLAN_KIND_LEVEL.items() if kind_level == level]


def area_q(code: str, scope_field: str = "scope_code") -> Q:
    """Inside an area: the owner's scope code starts with ``code`` (an index range)."""
    return prefix_range(scope_field, code)


class PlanFilters(Schema):
    cycle: FiscalYear | None = Field(None, description="fiscal year B.E., e.g. 2570")
    area: str | None = Field(None, pattern=AREA_CODE, description="area code prefix (scope)")
    kind: PlanKind | None = None
    level: PlanLevel | None = Field(None, description="village, tambon, lao, district, …")
    state: PlanState | None = None


class ProjectFilters(Schema):
    cycle: FiscalYear | None = Field(None, description="fiscal year B.E. of the plan's cycle")
    area: str | None = Field(
        None,
        pattern=AREA_CODE,
        description="area code prefix: the plan's owner is inside it, or a project location is",
    )
    level: PlanLevel | None = Field(None, description="the level of the project's plan")
    kind: PlanKind | None = Field(None, description="the kind of the project's plan")
    state: PlanState | None = Field(None, description="the state of the project's plan")
    issue: str | None = Field(None, max_length=20, description="issue code, e.g. WATER")
    plan: ObjectId | None = Field(None, description="plan id")


def filter_plans(plans: QuerySet, filters: PlanFilters) -> QuerySet:
    if filters.cycle:
        plans = plans.filter(cycle_id=filters.cycle)
    if filters.area:
        plans = plans.filter(area_q(filters.area))
    if filters.kind:
        plans = plans.filter(kind=filters.kind)
    if filters.level:
        plans = plans.filter(kind__in=kinds_of_level(filters.level))
    if filters.state:
        plans = plans.filter(state=filters.state)
    return plans


def filter_projects(projects: QuerySet, filters: ProjectFilters) -> QuerySet:
    if filters.cycle:
        projects = projects.filter(plan__cycle_id=filters.cycle)
    if filters.area:
        located = Project.areas.through.objects.filter(
            prefix_range("area_id", filters.area)
        ).values("project_id")
        projects = projects.filter(area_q(filters.area, "plan__scope_code") | Q(pk__in=located))
    if filters.level:
        projects = projects.filter(plan__kind__in=kinds_of_level(filters.level))
    if filters.kind:
        projects = projects.filter(plan__kind=filters.kind)
    if filters.state:
        projects = projects.filter(plan__state=filters.state)
    if filters.issue:
        projects = projects.filter(issue__code=filters.issue.strip())
    if filters.plan:
        projects = projects.filter(plan_id=filters.plan)
    return projects
