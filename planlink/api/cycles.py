"""``/cycles`` — planning cycles and their calendar (ปฏิทิน); who is late.

Reading the calendar needs no token (it is published in the circulars);
changing it is for national administrators; "who is late" needs a caller who
reads the area asked about.
"""

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from planlink.accounts.access import access_late_units, access_milestone_for_write
from planlink.api.auth import caller
from planlink.api.schemas import ERRORS, FiscalYear, Pages
from planlink.core.errors import NotFound
from planlink.cycles.models import Milestone, PlanningCycle
from planlink.cycles.services import late_units, milestone_update

router = Router()


class CycleOut(Schema):
    fiscal_year: int = Field(description="ปีงบประมาณ พ.ศ. (B.E.)")
    name_th: str
    planning_year_be: int = Field(description="the B.E. year in which the plans are made")
    synthetic: bool


class MilestoneOut(Schema):
    step: str
    title_th: str
    title_en: str
    level: str
    responsible_body: str
    plan_kind: str
    start: dt.date
    deadline: dt.date
    order: int


class CycleDetailOut(CycleOut):
    milestones: list[MilestoneOut]

    @staticmethod
    def resolve_milestones(cycle: PlanningCycle) -> list[Milestone]:
        return list(cycle.milestones.order_by("order"))


class MilestoneIn(Schema):
    start: dt.date
    deadline: dt.date


class LateUnitOut(Schema):
    code: str
    name: str
    plan_id: int | None
    state: str = Field(description="plan state, or 'missing' when there is no plan")
    days_late: int
    submitted_late: bool


class LateFilters(Schema):
    milestone: str = Field(description="milestone step, e.g. tambon_plan")
    area: str = Field("", description="area code (required unless you are national)")


@router.get("", response={200: list[CycleOut], **ERRORS}, auth=None, summary="List cycles")
@paginate(Pages)
def cycle_list(request: HttpRequest):  # noqa: ANN201
    return PlanningCycle.objects.order_by("-fiscal_year")


def _cycle(fiscal_year: int) -> PlanningCycle:
    found = PlanningCycle.objects.filter(fiscal_year=fiscal_year).first()
    if found is None:
        raise NotFound("รอบการวางแผน", "planning cycle")
    return found


@router.get(
    "/{year}",
    response={200: CycleDetailOut, **ERRORS},
    auth=None,
    summary="One cycle with its calendar",
)
def cycle_detail(request: HttpRequest, year: FiscalYear) -> PlanningCycle:
    cycle = _cycle(year)
    return cycle


@router.patch(
    "/{year}/milestones/{step}",
    response={200: MilestoneOut, **ERRORS},
    summary="Move a milestone's dates (administrators)",
)
def milestone_patch(
    request: HttpRequest, year: FiscalYear, step: str, body: MilestoneIn
) -> Milestone:
    milestone = access_milestone_for_write(caller(request), year, step)
    return milestone_update(
        milestone=milestone, actor=caller(request), start=body.start, deadline=body.deadline
    )


@router.get(
    "/{year}/late",
    response={200: list[LateUnitOut], **ERRORS},
    summary="Units that missed a milestone",
)
def cycle_late(
    request: HttpRequest, year: FiscalYear, filters: Query[LateFilters]
) -> list[LateUnitOut]:
    milestone = access_late_units(caller(request), year, filters.milestone, filters.area)
    units = late_units(milestone=milestone, scope_code=filters.area, today=timezone.localdate())
    return [LateUnitOut(**unit.as_dict()) for unit in units]
