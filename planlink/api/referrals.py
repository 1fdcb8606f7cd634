"""``/referrals`` — the referral ledger (การส่งต่อ): lists, the inbox, decisions."""

import datetime as dt

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from planlink.accounts.access import (
    access_for,
    access_project,
    access_referral,
    incoming_referral_q,
)
from planlink.api.auth import caller
from planlink.api.filters import AREA_CODE
from planlink.api.schemas import ERRORS, FiscalYear, MoneyIn, ObjectId, Pages, money
from planlink.core.errors import DomainError, NotFound
from planlink.plans.models import ProjectComponent
from planlink.referrals.models import Decision, Referral
from planlink.referrals.routing import resolve_target
from planlink.referrals.selectors import filter_referrals
from planlink.referrals.services import referral_decide

router = Router()


class ReferralProjectOut(Schema):
    id: int
    title: str
    plan_id: int
    scope_code: str


class ReferralOut(Schema):
    id: int
    project: ReferralProjectOut
    target_kind: str
    target_key: str
    to_plan_id: int | None
    scope_code: str
    previous_id: int | None
    decision: str
    decision_label: str
    result_project_id: int | None
    component_id: int | None = Field(
        None, description="the decision concerns only this component (place) of the project"
    )
    result_component_id: int | None = Field(
        None, description="the component (place) of the receiving project this source became"
    )
    reason: str
    proposed_by_engine: bool
    engine_reason: str
    amount: str | None = Field(description="funded amount, baht")
    funding_source: str
    fiscal_year: int | None
    created_at: dt.datetime
    decided_at: dt.datetime | None
    decided_by: str | None
    decided_automatically: bool

    @staticmethod
    def resolve_project(referral: Referral) -> ReferralProjectOut:
        project = referral.project
        return ReferralProjectOut(
            id=project.pk,
            title=project.title,
            plan_id=project.plan_id,
            scope_code=project.plan.scope_code,
        )

    @staticmethod
    def resolve_decision_label(referral: Referral) -> str:
        return referral.get_decision_display()

    @staticmethod
    def resolve_amount(referral: Referral) -> str | None:
        return money(referral.amount)

    @staticmethod
    def resolve_decided_by(referral: Referral) -> str | None:
        return referral.decided_by.get_username() if referral.decided_by else None


class ReferralFilters(Schema):
    incoming: bool = Field(False, description="only referrals addressed to you (your inbox)")
    decision: Decision | None = None
    cycle: FiscalYear | None = Field(None, description="fiscal year B.E. of the sending plan")
    area: str | None = Field(
        None, pattern=AREA_CODE, description="sending plan or receiving body inside this area"
    )
    project: ObjectId | None = Field(None, description="referrals of this project")


class DecisionIn(Schema):
    decision: Decision
    reason: str = Field("", description="required to return or to refuse funding")
    result_project_id: ObjectId | None = Field(
        None, description="included/merged: the receiving project (in the target plan)"
    )
    amount: MoneyIn | None = Field(None, description="funded: baht")
    fiscal_year: int | None = Field(None, ge=2500, le=2700, description="funded: B.E.")
    funding_source: str = Field("", max_length=200)
    component_id: ObjectId | None = Field(
        None,
        description="only this component (place) of a grouped project, e.g. one village's "
        "road; none: the whole project (issue 12)",
    )
    forward_to: str | None = Field(
        None,
        description="forwarded: the next receiver, named as in send (the one onward route: "
        "lao → district_lao_committee → provincial_lao_committee → the อบจ.)",
    )


def referral_queryset(referrals: QuerySet) -> QuerySet:
    return referrals.select_related("project__plan", "decided_by")


@router.get("", response={200: list[ReferralOut], **ERRORS}, summary="Referrals you may read")
@paginate(Pages)
def referral_list(request: HttpRequest, filters: Query[ReferralFilters]):  # noqa: ANN201
    user = caller(request)
    referrals = access_for(user).referrals()
    if filters.incoming:
        referrals = referrals.filter(incoming_referral_q(user))
    referrals = filter_referrals(
        referrals,
        decision=filters.decision,
        cycle=filters.cycle,
        area=filters.area,
        project=filters.project,
    )
    return referral_queryset(referrals).order_by("-id")


@router.get("/{referral_id}", response={200: ReferralOut, **ERRORS}, summary="One referral")
def referral_detail(request: HttpRequest, referral_id: ObjectId) -> Referral:
    referral = access_referral(caller(request), referral_id)
    return referral_queryset(Referral.objects.filter(pk=referral.pk)).get()


@router.post(
    "/{referral_id}/decide",
    response={200: ReferralOut, **ERRORS},
    summary="Decide a referral (the receiver)",
)
def referral_decide_view(request: HttpRequest, referral_id: ObjectId, body: DecisionIn) -> Referral:
    user = caller(request)
    referral = access_referral(user, referral_id, for_decision=True)
    result_project = None
    if body.result_project_id is not None:
        try:
            result_project = access_project(user, body.result_project_id)
        except NotFound as error:
            raise DomainError(
                f"ไม่พบโครงการที่รับเข้า ({body.result_project_id})",
                f"receiving project {body.result_project_id} not found",
            ) from error
    component = None
    if body.component_id is not None:
        component = ProjectComponent.objects.filter(
            pk=body.component_id, project_id=referral.project_id
        ).first()
        if component is None:
            raise DomainError(
                f"ไม่พบองค์ประกอบ {body.component_id} ในโครงการนี้",
                f"component {body.component_id} is not part of this project",
            )
    referral_decide(
        referral=referral,
        actor=user,
        decision=body.decision,
        component=component,
        result_project=result_project,
        reason=body.reason,
        amount=body.amount,
        fiscal_year=body.fiscal_year,
        funding_source=body.funding_source,
        forward_to=(
            resolve_target(referral.project.plan, body.forward_to, actor=user, previous=referral)
            if body.forward_to
            else None
        ),
    )
    return referral_queryset(Referral.objects.filter(pk=referral.pk)).get()
