"""The query schemas of the list endpoints (what OpenAPI shows and ninja validates).

The filtering itself is the domain's (``planlink.plans.selectors``), shared with the
exports: ``filter_projects(access_for(user).projects(), ProjectFilters(cycle=2570,
area="2401"))`` gives exactly the rows ``GET /api/v1/projects?cycle=2570&area=2401`` lists.
"""

from __future__ import annotations

from ninja import Schema
from pydantic import Field

from planlink.api.schemas import FiscalYear, ObjectId
from planlink.cycles.models import PlanLevel
from planlink.plans.models import PlanKind, PlanState
from planlink.plans.selectors import AREA_CODE, area_q, filter_plans, filter_projects

__all__ = [
    "AREA_CODE",
    "PlanFilters",
    "ProjectFilters",
    "area_q",
    "filter_plans",
    "filter_projects",
]


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
