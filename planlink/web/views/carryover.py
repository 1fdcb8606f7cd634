"""Carry-over (issue 18): the officer carries unfunded village needs into the next cycle;
the village committee confirms, edits or drops each one with a reason.

Thin: the rules live in ``planlink.plans.carryover``; who may do what in
``planlink.accounts.access.carryover``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from planlink.accounts.access.carryover import (
    CARRY_RUNNERS,
    access_carry,
    access_carry_area,
    can_decide_carry,
    can_run_carry_over,
    carry_overs_visible,
    default_area,
)
from planlink.accounts.models import Role
from planlink.core.errors import DomainError
from planlink.plans.carryover import (
    DEFAULT_EXPIRE_AFTER,
    carry_confirm,
    carry_counts,
    carry_drop,
    carry_edit,
    carry_over,
    carry_overs,
)
from planlink.plans.models import CarryOver, CarryStatus
from planlink.web.views.common import domain_view, error_text, page
from planlink.web.workspace import Workspace

PAGE_SIZE = 200


def _year(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and 2500 <= int(value) <= 2700 else None


def _years(request: HttpRequest) -> tuple[int | None, int | None]:
    data = request.POST if request.method == "POST" else request.GET
    source, target = _year(data.get("from")), _year(data.get("to"))
    if source is None and target is None:
        # the newest year needs were carried into, else the current year into the next
        latest = CarryOver.objects.order_by("-to_cycle_id").values_list("to_cycle_id", flat=True)
        target = latest.first()
        if target is None:
            cycle = Workspace(request).cycle
            target = cycle.pk + 1 if cycle else None
    if source is None and target is not None:
        source = target - 1
    if target is None and source is not None:
        target = source + 1
    return source, target


def _context(
    request: HttpRequest,
    area: str,
    years: tuple[int | None, int | None] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    source, target = years or _years(request)
    status = request.GET.get("status") or ""
    rows = carry_overs(to_year=target, area_code=area) if target else None
    if rows is not None:
        rows = rows.filter(carry_overs_visible(request.user))
        if status in CarryStatus.values:
            rows = rows.filter(status=status)
    items = list(rows[:PAGE_SIZE]) if rows is not None else []
    return {
        "area": area,
        "from_year": source,
        "to_year": target,
        "expire_after": DEFAULT_EXPIRE_AFTER,
        "status_filter": status,
        "statuses": CarryStatus.choices,
        "counts": carry_counts(to_year=target, area_code=area) if target else {},
        "items": [(item, can_decide_carry(request.user, item)) for item in items],
        "can_run": can_run_carry_over(request.user, area),
        **extra,
    }


@domain_view
def carry_over_page(request: HttpRequest) -> HttpResponse:
    roles = CARRY_RUNNERS | {Role.VILLAGE_COMMITTEE, Role.AUDITOR}
    area = (request.GET.get("area") or "").strip() or default_area(request.user, roles)
    area = access_carry_area(request.user, area) if area else ""
    result = {
        key: request.GET[key]
        for key in ("carried", "expired", "already_carried", "skipped")
        if request.GET.get(key, "").isdigit()
    }
    return page(
        request,
        "web/carryover.html",
        "carryover",
        result=result or None,
        **_context(request, area),
    )


@require_POST
@domain_view
def carry_over_run(request: HttpRequest) -> HttpResponse:
    area = access_carry_area(request.user, (request.POST.get("area") or "").strip(), for_run=True)
    source, target = _years(request)
    expire = (request.POST.get("expire_after") or "").strip()
    try:
        if source is None or target is None:
            raise DomainError("โปรดระบุปีต้นทางและปีปลายทาง (พ.ศ.)", "give both years (B.E.)")
        if expire and not expire.isdigit():
            raise DomainError("จำนวนปีหมดอายุต้องเป็นตัวเลข", "--expire-after must be a number")
        result = carry_over(
            from_year=source,
            to_year=target,
            actor=request.user,
            expire_after=int(expire) if expire else DEFAULT_EXPIRE_AFTER,
            area_code=area,
        )
    except DomainError as error:
        return page(
            request, "web/carryover.html", "carryover", status=error.status,
            error=error_text(error), **_context(request, area),
        )  # fmt: skip
    query = {
        "area": area,
        "from": source,
        "to": target,
        "carried": result.carried,
        "expired": result.expired,
        "already_carried": result.already_carried,
        "skipped": result.skipped,
    }
    return redirect(f"{reverse('carry_over')}?{urlencode(query)}")


@require_POST
@domain_view
def carry_over_decide(request: HttpRequest, carry_id: int) -> HttpResponse:
    carry = access_carry(request.user, carry_id, for_decision=True)
    action = request.POST.get("action") or ""
    try:
        if action == "confirm":
            carry_confirm(carry=carry, actor=request.user)
        elif action == "drop":
            carry_drop(carry=carry, actor=request.user, reason=request.POST.get("reason") or "")
        elif action == "edit":
            data = {key: request.POST[key] for key in ("title", "budget") if key in request.POST}
            version = request.POST.get("version") or ""
            carry_edit(
                carry=carry,
                actor=request.user,
                data=data,
                expected_version=int(version) if version.isdigit() else 0,
            )
        else:
            raise DomainError("ไม่รู้จักคำสั่ง", "unknown action")
    except DomainError as error:
        years = (carry.from_cycle_id, carry.to_cycle_id)
        return page(
            request, "web/carryover.html", "carryover", status=error.status,
            error=error_text(error), **_context(request, carry.scope_code, years),
        )  # fmt: skip
    query = {"area": carry.scope_code, "from": carry.from_cycle_id, "to": carry.to_cycle_id}
    return redirect(f"{reverse('carry_over')}?{urlencode(query)}")
