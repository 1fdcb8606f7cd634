"""``/carry-overs`` — unfunded village needs carried into the next year (issue 18).

``GET /carry-overs?to=2571&area=240101`` lists the carried needs of an area the caller covers;
``POST /carry-overs/run`` carries an area's needs over (tambon, district or provincial
officers) and answers ``{"from", "to", "carried", "expired", "already_carried", "skipped"}``;
``POST /carry-overs/{id}/decision`` is the village committee's confirm / edit / drop.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from planlink.accounts.access.carryover import (
    access_carry,
    access_carry_area,
    carry_overs_visible,
)
from planlink.api.auth import caller
from planlink.api.filters import AREA_CODE
from planlink.api.schemas import ERRORS, FiscalYear, ObjectId
from planlink.plans.carryover import (
    DEFAULT_EXPIRE_AFTER,
    carry_confirm,
    carry_drop,
    carry_edit,
    carry_over,
    carry_overs,
)
from planlink.plans.models import CarryOver

router = Router()
LIMIT = 1000


class CarryFilters(Schema):
    to: FiscalYear = Field(description="the fiscal year (B.E.) needs were carried into")
    area: str = Field(..., pattern=AREA_CODE, description="DOPA code prefix")


class CarryRunIn(Schema):
    from_year: FiscalYear = Field(alias="from", description="source fiscal year B.E.")
    to_year: FiscalYear = Field(alias="to", description="target fiscal year B.E.")
    area: str = Field(..., pattern=AREA_CODE)
    expire_after: int | None = Field(DEFAULT_EXPIRE_AFTER, ge=1, le=50)


class CarryDecisionIn(Schema):
    action: Literal["confirm", "edit", "drop"]
    reason: str = Field("", max_length=2000, description="required to drop")
    title: str | None = Field(None, max_length=300)
    budget: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    version: int | None = Field(None, description="the proposal's version, to edit")


def carry_row(carry: CarryOver) -> dict[str, Any]:
    target = carry.target
    return {
        "id": carry.pk,
        "source": carry.source_id,
        "target": carry.target_id,
        "origin": carry.origin_id,
        "origin_cycle": carry.origin_cycle,
        "from": carry.from_cycle_id,
        "to": carry.to_cycle_id,
        "years_waited": carry.years_waited,
        "status": carry.status,
        "status_label": carry.get_status_display(),
        "reason": carry.reason,
        "area": carry.scope_code,
        "title": target.title if target is not None else carry.source.title,
        "budget": str(target.budget) if target is not None else None,
        "version": target.version if target is not None else None,
        "synthetic": carry.synthetic,
    }


@router.get("", response={200: dict, **ERRORS}, summary="Needs carried into a year (an area)")
def carry_list(request: HttpRequest, filters: Query[CarryFilters]) -> dict[str, Any]:
    user = caller(request)
    area = access_carry_area(user, filters.area)
    rows = carry_overs(to_year=filters.to, area_code=area).filter(carry_overs_visible(user))
    return {"items": [carry_row(row) for row in rows[:LIMIT]], "limit": LIMIT}


@router.post("/run", response={200: dict, **ERRORS}, summary="Carry an area's unfunded needs")
def carry_run(request: HttpRequest, body: CarryRunIn) -> dict[str, int]:
    user = caller(request)
    area = access_carry_area(user, body.area, for_run=True)
    result = carry_over(
        from_year=body.from_year,
        to_year=body.to_year,
        actor=user,
        expire_after=body.expire_after,
        area_code=area,
    )
    return result.as_json()


@router.post(
    "/{carry_id}/decision", response={200: dict, **ERRORS}, summary="Confirm, edit or drop"
)
def carry_decision(
    request: HttpRequest, carry_id: ObjectId, body: CarryDecisionIn
) -> dict[str, Any]:
    user = caller(request)
    carry = access_carry(user, carry_id, for_decision=True)
    if body.action == "confirm":
        carry = carry_confirm(carry=carry, actor=user)
    elif body.action == "drop":
        carry = carry_drop(carry=carry, actor=user, reason=body.reason)
    else:
        data: dict[str, Any] = {}
        if body.title is not None:
            data["title"] = body.title
        if body.budget is not None:
            data["budget"] = body.budget
        version = (
            body.version
            if body.version is not None
            else (carry.target.version if carry.target else 0)
        )
        carry = carry_edit(carry=carry, actor=user, data=data, expected_version=version)
    return carry_row(CarryOver.objects.select_related("source", "target").get(pk=carry.pk))
