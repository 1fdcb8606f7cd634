"""``/supply`` — funded items: import a file, list what was funded, decide proposed matches.

Issue 13: ``POST /supply/imports`` (multipart: file, cycle, source, dry_run) checks every
row and imports all or none (a refusal is a 422 with ``details.problems`` — row, column,
problem in Thai and English, the first 100 — and ``details.problems_total``);
``GET /supply?cycle=&area=`` returns ``{"items": [...]}`` under the access rules;
``POST /supply/{id}/match`` confirms (recording the funding on the need) or rejects a
proposal; ``GET /supply/measure`` is the share of funding that answers a recorded need.
"""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from pydantic import Field

from planlink.accounts.access.supply import (
    access_match_component,
    access_match_project,
    access_supply_item_for_decision,
    require_supply_importer,
    supply_items_visible,
)
from planlink.api.auth import caller
from planlink.api.filters import AREA_CODE
from planlink.api.schemas import ERRORS, FiscalYear, ObjectId
from planlink.core.errors import DomainError
from planlink.supply.imports import import_supply
from planlink.supply.selectors import answered_share, answered_total, item_row, supply_list
from planlink.supply.services import match_confirm, match_reject

router = Router()
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class SupplyFilters(Schema):
    cycle: FiscalYear = Field(description="fiscal year B.E.")
    area: str | None = Field(None, pattern=AREA_CODE, description="DOPA code prefix")


class MeasureFilters(SupplyFilters):
    level: Literal["province", "district", "tambon", "village"] = "province"


class MatchIn(Schema):
    action: Literal["confirm", "reject"]
    project_id: ObjectId | None = Field(None, description="confirm another need than proposed")
    component_id: ObjectId | None = Field(None, description="only this place of the project")
    reason: str = Field("", max_length=500)


@router.get("", response={200: dict, **ERRORS}, summary="Funded items of a year (and area)")
def supply_items(request: HttpRequest, filters: Query[SupplyFilters]) -> dict[str, Any]:
    base = supply_items_visible(caller(request))
    return supply_list(filters.cycle, filters.area or "", base=base)


@router.get("/measure", response={200: dict, **ERRORS}, summary="Share answering recorded needs")
def supply_measure(request: HttpRequest, filters: Query[MeasureFilters]) -> dict[str, Any]:
    base = supply_items_visible(caller(request))
    area = filters.area or ""
    return {
        "total": answered_total(filters.cycle, area=area, base=base),
        "areas": answered_share(filters.cycle, area=area, level=filters.level, base=base),
    }


@router.post(
    "/imports",
    response={200: dict, **ERRORS},
    summary="Import a file of funded items (CSV/XLSX): every row checked, all or none",
)
def supply_import(
    request: HttpRequest,
    file: File[UploadedFile],
    cycle: int = Form(..., ge=2500, le=2700, description="fiscal year B.E."),
    source: str = Form("budget-act", description="budget-act | agency-notice | lao-ordinance"),
    dry_run: bool = Form(False),
) -> dict[str, Any]:
    user = caller(request)
    require_supply_importer(user)
    if file.size and file.size > MAX_UPLOAD_BYTES:
        raise DomainError("ไฟล์ใหญ่เกิน 20 MB", "the file is larger than 20 MB")
    report = import_supply(
        file.read(),
        cycle_year=cycle,
        source=source,
        file_name=file.name or "",
        dry_run=dry_run,
        actor=user,
    )
    return {"imported": not dry_run, **report}


@router.post("/{item_id}/match", response={200: dict, **ERRORS}, summary="Confirm or reject")
def supply_match(request: HttpRequest, item_id: ObjectId, body: MatchIn) -> dict[str, Any]:
    user = caller(request)
    item = access_supply_item_for_decision(user, item_id)
    if body.action == "reject":
        item = match_reject(item=item, actor=user, reason=body.reason)
        return item_row(item)
    # a named need (or place) is one the caller may read, or the proposed one (404 otherwise)
    project = access_match_project(user, item, body.project_id) if body.project_id else None
    component = access_match_component(user, item, body.component_id) if body.component_id else None
    item = match_confirm(item=item, actor=user, project=project, component=component)
    return item_row(item)
