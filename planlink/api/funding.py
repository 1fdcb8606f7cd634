"""``/funding-requests`` — requests for a project's budget (one live request per project and year).

The 2559 circular §5.1 forbids asking a second source for what was already
requested ("ต้องไม่ซ้ำซ้อนกับที่ได้เสนอขอรับงบประมาณจากแหล่งอื่น ๆ ไว้แล้ว"): a second
open request for the same fiscal year is refused with the first one named.
"""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from planlink.accounts.access import (
    access_for,
    access_funding_request,
    access_funding_request_for_decision,
    access_project,
)
from planlink.api.auth import caller
from planlink.api.filters import AREA_CODE
from planlink.api.schemas import (
    ERRORS,
    FiscalYear,
    MoneyIn,
    ObjectId,
    Pages,
    money,
    plausible_fiscal_years,
)
from planlink.areas.models import Agency, LocalGovernment
from planlink.core.errors import DomainError
from planlink.plans.models import ProjectComponent
from planlink.referrals.models import FundingRequest, FundingSource, FundingStatus
from planlink.referrals.selectors import filter_funding_requests
from planlink.referrals.services import funding_request_create, funding_request_decide

router = Router()


class FundingOut(Schema):
    id: int
    project_id: int
    project_title: str
    source: str
    source_label: str
    source_agency: str | None
    source_lao: str | None
    source_name: str
    fiscal_year: int
    component_id: int | None = Field(
        None, description="only this component (place) of the project; none: the whole project"
    )
    requested: str
    approved: str | None
    allocated: str | None
    status: str
    reason: str
    scope_code: str
    synthetic: bool
    created_at: dt.datetime
    decided_at: dt.datetime | None

    @staticmethod
    def resolve_project_title(request: FundingRequest) -> str:
        return request.project.title

    @staticmethod
    def resolve_source_label(request: FundingRequest) -> str:
        if request.source_agency is not None:
            return request.source_agency.name_th
        if request.source_lao is not None:
            return request.source_lao.full_name_th
        return request.source_name or request.get_source_display()

    @staticmethod
    def resolve_source_agency(request: FundingRequest) -> str | None:
        return request.source_agency_id

    @staticmethod
    def resolve_source_lao(request: FundingRequest) -> str | None:
        return request.source_lao_id

    @staticmethod
    def resolve_requested(request: FundingRequest) -> str | None:
        return money(request.requested)

    @staticmethod
    def resolve_approved(request: FundingRequest) -> str | None:
        return money(request.approved)

    @staticmethod
    def resolve_allocated(request: FundingRequest) -> str | None:
        return money(request.allocated)


class FundingFilters(Schema):
    cycle: FiscalYear | None = Field(None, description="fiscal year B.E. of the plan's cycle")
    fiscal_year: FiscalYear | None = Field(None, description="the budget year requested")
    area: str | None = Field(None, pattern=AREA_CODE, description="scope code prefix")
    status: FundingStatus | None = None
    project: ObjectId | None = None


class FundingIn(Schema):
    project_id: ObjectId
    source: FundingSource
    fiscal_year: FiscalYear
    requested: MoneyIn = Field(description="baht, ≥ 0")
    source_agency: str | None = Field(None, description="agency code when source=agency")
    source_lao: str | None = Field(None, description="LAO code when source=lao/pao")
    source_name: str = Field("", max_length=250)
    component_id: ObjectId | None = Field(
        None, description="request for one component (place) of a grouped project only"
    )


class FundingDecisionIn(Schema):
    status: FundingStatus = Field(description="approved | rejected | withdrawn")
    approved: MoneyIn | None = Field(None, description="approved: baht")
    allocated: MoneyIn | None = Field(None, description="allocated: baht (defaults to approved)")
    reason: str = Field("", max_length=2000, description="required to reject")


def funding_queryset(requests: QuerySet) -> QuerySet:
    return requests.select_related("project", "source_agency", "source_lao")


@router.get("", response={200: list[FundingOut], **ERRORS}, summary="Funding requests")
@paginate(Pages)
def funding_list(request: HttpRequest, filters: Query[FundingFilters]):  # noqa: ANN201
    requests = access_for(caller(request)).funding_requests()
    requests = filter_funding_requests(
        requests,
        cycle=filters.cycle,
        fiscal_year=filters.fiscal_year,
        area=filters.area,
        status=filters.status,
        project=filters.project,
    )
    return funding_queryset(requests).order_by("-id")


# Which body a source names: a request to an LAO or a PAO must say which one, to an agency
# which agency; otherwise nobody can ever decide it.
SOURCE_NEEDS = {
    FundingSource.LAO: "source_lao",
    FundingSource.PAO: "source_lao",
    FundingSource.AGENCY: "source_agency",
}


def _source(body: FundingIn) -> dict[str, Any]:
    needed = SOURCE_NEEDS.get(body.source)
    if needed == "source_lao" and not body.source_lao:
        raise DomainError(
            "คำขอจาก อปท./อบจ. ต้องระบุ อปท. ที่ขอ (source_lao)",
            f"source '{body.source}' needs source_lao: the LAO code asked",
        )
    if needed == "source_agency" and not body.source_agency:
        raise DomainError(
            "คำขอจากส่วนราชการต้องระบุส่วนราชการที่ขอ (source_agency)",
            "source 'agency' needs source_agency: the agency code asked",
        )
    found: dict[str, Any] = {}
    if body.source_agency:
        agency = Agency.objects.filter(code=body.source_agency).first()
        if agency is None:
            raise DomainError(
                f"ไม่พบส่วนราชการ '{body.source_agency}'", f"unknown agency '{body.source_agency}'"
            )
        found["source_agency"] = agency
    if body.source_lao:
        lao = LocalGovernment.objects.filter(code=body.source_lao).first()
        if lao is None:
            raise DomainError(f"ไม่พบ อปท. '{body.source_lao}'", f"unknown LAO '{body.source_lao}'")
        found["source_lao"] = lao
    return found


@router.post("", response={201: FundingOut, **ERRORS}, summary="Request funding for a project")
def funding_post(request: HttpRequest, body: FundingIn) -> Status:
    project = access_project(caller(request), body.project_id, for_write=True)
    plan = project.plan
    years = plausible_fiscal_years(plan.cycle_id, plan.span_start, plan.span_end)
    if body.fiscal_year not in years:
        raise DomainError(
            f"ปีงบประมาณที่ขอต้องอยู่ระหว่าง {years[0]}–{years[-1]} (แผนรอบปี {plan.cycle_id})",
            f"fiscal_year must be within {years[0]}–{years[-1]} for a plan of cycle {plan.cycle_id}",
        )
    component = None
    if body.component_id is not None:
        component = ProjectComponent.objects.filter(
            pk=body.component_id, project_id=project.pk
        ).first()
        if component is None:
            raise DomainError(
                f"ไม่พบองค์ประกอบ {body.component_id} ในโครงการนี้",
                f"component {body.component_id} is not part of this project",
            )
    created = funding_request_create(
        project=project,
        component=component,
        actor=caller(request),
        source=body.source,
        fiscal_year=body.fiscal_year,
        requested=body.requested,
        source_name=body.source_name,
        **_source(body),
    )
    return Status(201, funding_queryset(FundingRequest.objects.filter(pk=created.pk)).get())


@router.get("/{request_id}", response={200: FundingOut, **ERRORS}, summary="One request")
def funding_detail(request: HttpRequest, request_id: ObjectId) -> FundingRequest:
    found = access_funding_request(caller(request), request_id)
    return funding_queryset(FundingRequest.objects.filter(pk=found.pk)).get()


@router.post(
    "/{request_id}/decide",
    response={200: FundingOut, **ERRORS},
    summary="Approve, reject or withdraw",
)
def funding_decide(
    request: HttpRequest, request_id: ObjectId, body: FundingDecisionIn
) -> FundingRequest:
    found = access_funding_request_for_decision(caller(request), request_id, body.status)
    funding_request_decide(
        request=found,
        actor=caller(request),
        status=body.status,
        approved=body.approved,
        allocated=body.allocated,
        reason=body.reason,
    )
    return funding_queryset(FundingRequest.objects.filter(pk=found.pk)).get()
