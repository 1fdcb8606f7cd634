"""Funded items (งบประมาณที่ได้รับจัดสรร): upload a file, list what was funded, review matches.

Thin: reading, checking, locating and matching live in ``planlink.supply``; who may do what
in ``planlink.accounts.access.supply`` (issue 13).
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from planlink.accounts.access.supply import (
    access_supply_item_for_decision,
    can_decide_supply,
    can_import_supply,
    require_supply_importer,
    supply_items_visible,
)
from planlink.core.errors import DomainError
from planlink.supply.imports import import_supply
from planlink.supply.models import ItemState, Source
from planlink.supply.reading import ImportRefused
from planlink.supply.selectors import answered_total, items_in, review_queue
from planlink.supply.services import match_confirm, match_reject
from planlink.web.views.common import domain_view, error_text, page

PAGE_SIZE = 200


def _cycle_of(request: HttpRequest) -> int | None:
    value = request.GET.get("cycle") or request.POST.get("cycle") or ""
    if value.isdigit() and 2500 <= int(value) <= 2700:
        return int(value)
    from planlink.web.workspace import Workspace

    cycle = Workspace(request).cycle
    return cycle.pk if cycle else None


def _context(request: HttpRequest, **extra):  # noqa: ANN202
    cycle = _cycle_of(request)
    area = (request.GET.get("area") or "").strip()
    area = area if area.isdigit() and len(area) in (2, 4, 6, 8) else ""
    state = request.GET.get("state") or ""
    base = supply_items_visible(request.user)
    items = items_in(cycle, area, base) if cycle else base.none()
    if state in ItemState.values:
        items = items.filter(state=state)
    return {
        "selected_cycle": cycle,
        "area": area,
        "state": state,
        "states": ItemState.choices,
        "sources": Source.choices,
        "items": items.select_related("agency", "lao", "matched_project").order_by("pk")[
            :PAGE_SIZE
        ],
        "total": answered_total(cycle, area=area, base=base) if cycle else None,
        "can_import": can_import_supply(request.user),
        **extra,
    }


@domain_view
def supply_items(request: HttpRequest) -> HttpResponse:
    return page(request, "web/supply.html", "supply", **_context(request))


@require_POST
@domain_view
def supply_upload(request: HttpRequest) -> HttpResponse:
    require_supply_importer(request.user)
    upload = request.FILES.get("file")
    cycle = _cycle_of(request)
    if upload is None or cycle is None:
        return page(
            request, "web/supply.html", "supply", status=400,
            **_context(request, error="โปรดเลือกไฟล์ (CSV หรือ Excel) และปีงบประมาณ"),
        )  # fmt: skip
    try:
        report = import_supply(
            upload.read(),
            cycle_year=cycle,
            source=request.POST.get("source") or Source.BUDGET_ACT,
            file_name=upload.name or "",
            dry_run=bool(request.POST.get("dry_run")),
            actor=request.user,
        )
    except ImportRefused as error:
        return page(
            request, "web/supply.html", "supply", status=422,
            **_context(request, error=error.message_th, problems=error.problems[:100],
                       problem_count=len(error.problems)),
        )  # fmt: skip
    except DomainError as error:
        return page(
            request, "web/supply.html", "supply", status=error.status,
            **_context(request, error=error_text(error)),
        )  # fmt: skip
    return page(request, "web/supply.html", "supply", **_context(request, imported=report))


@domain_view
def supply_review(request: HttpRequest) -> HttpResponse:
    cycle = _cycle_of(request)
    queue = [
        item
        for item in review_queue(supply_items_visible(request.user), cycle)[:PAGE_SIZE]
        if can_decide_supply(request.user, item)
    ]
    return page(
        request, "web/supply_review.html", "supply", selected_cycle=cycle, queue=queue,
        decided=request.GET.get("decided", ""),
    )  # fmt: skip


@require_POST
@domain_view
def supply_decide(request: HttpRequest, item_id: int) -> HttpResponse:
    item = access_supply_item_for_decision(request.user, item_id)
    action = request.POST.get("action")
    try:
        if action == "confirm":
            match_confirm(item=item, actor=request.user)
        elif action == "reject":
            match_reject(item=item, actor=request.user, reason=request.POST.get("reason", ""))
        else:
            raise DomainError("ไม่รู้จักคำสั่ง", f"unknown action '{action}'")
    except DomainError as error:
        queue = [
            queued
            for queued in review_queue(supply_items_visible(request.user), item.cycle_id)[
                :PAGE_SIZE
            ]
            if can_decide_supply(request.user, queued)
        ]
        return page(
            request, "web/supply_review.html", "supply", status=error.status,
            selected_cycle=item.cycle_id, queue=queue, error=error_text(error),
        )  # fmt: skip
    return redirect(f"{reverse('supply_review')}?cycle={item.cycle_id}&decided={action}")
