"""Decide a proposed match: confirm records the funding on the need, reject leaves nothing.

Confirming uses the referral ledger's own funding decisions (``planlink.referrals.services``):

* when the need was sent to the item's funder (an agency or LAO referral that is pending or
  included), that referral is decided ``funded`` with the item's amount and fiscal year;
* otherwise a funding request from the funder is opened and approved for the amount
  (a live request from another source for the same year is refused: the 2559 circular
  §5.1 forbids asking two sources for one project).

Either way the outcome flows down the lineage (``referrals.lineage``) to every village
need the funded need came from; a funding decision that names a component funds only that
place. Rejecting clears the proposal (the need is remembered only so it is not proposed
again) and writes no funding anywhere.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from planlink.audit.services import audit_record
from planlink.core.bulk import update_rows
from planlink.core.errors import DomainError, StateError
from planlink.core.types import acting_user
from planlink.plans.models import Project, ProjectComponent
from planlink.plans.services import _decimal
from planlink.referrals.models import (
    Decision,
    FundingRequest,
    FundingSource,
    FundingStatus,
    Referral,
    TargetKind,
)
from planlink.referrals.services import (
    funding_request_create,
    funding_request_decide,
    referral_decide,
)
from planlink.supply.match import is_cluster_scope, on_cluster_line, on_line
from planlink.supply.models import ItemState, SupplyItem

if TYPE_CHECKING:
    from planlink.core.types import Actor


def _project_places(project: Project) -> tuple[str, ...]:
    known = getattr(project, "_supply_places", None)  # read ahead by ``match_confirm_many``
    if known is not None:
        return tuple(known)
    codes = tuple(project.areas.values_list("code", flat=True))
    return codes or (project.plan.scope_code,)


def _check_place(item: SupplyItem, project: Project, component: ProjectComponent | None) -> None:
    """Never join an item to a need of another หมู่/ตำบล (issue 13, acceptance)."""
    if not item.area_code:
        raise DomainError(
            "รายการนี้ยังไม่ทราบพื้นที่ จับคู่กับความต้องการไม่ได้ โปรดระบุรหัสพื้นที่ก่อน",
            "the item has no location; give its area code first",
        )
    if project.plan.cycle_id != item.cycle_id:
        raise DomainError(
            "ความต้องการนี้ไม่ใช่ของปีงบประมาณเดียวกับรายการ",
            "the need is not of the item's fiscal year",
        )
    places: tuple[str, ...] = (
        (component.area_id,)
        if component is not None and component.area_id
        else _project_places(project)
    )
    if is_cluster_scope(project.plan.scope_code) and component is None:
        located = on_cluster_line(item.area_code, places)  # spans provinces (issue 17)
    else:
        located = on_line(item.area_code, places)
    if not located:
        raise DomainError(
            "ความต้องการนี้อยู่ต่างพื้นที่กับรายการ (ต่างหมู่บ้าน/ตำบล/อำเภอ) จับคู่ไม่ได้",
            "the need is in another place (village, tambon or district) than the item",
            item_area=item.area_code,
            need_places=list(places),
        )


def _funder_referral(item: SupplyItem, project: Project) -> Referral | None:
    target = None
    if item.agency_id:
        target = Q(target_kind=TargetKind.AGENCY, to_agency_id=item.agency_id)
    elif item.lao_id:
        target = Q(target_kind__in=(TargetKind.LAO, TargetKind.PAO), to_lao_id=item.lao_id)
    if target is None:
        return None
    return (
        Referral.objects.filter(target, project=project)
        .filter(decision__in=(Decision.PENDING, Decision.INCLUDED))
        .order_by("-pk")
        .first()
    )


def _record_funding(
    item: SupplyItem, project: Project, component: ProjectComponent | None, actor: Actor
) -> None:
    reason = f"ได้รับจัดสรรตามรายการนำเข้า {item.ref or item.pk}: {item.title[:200]}"
    referral = _funder_referral(item, project)
    if referral is not None:
        referral_decide(
            referral=referral,
            actor=actor,
            decision=Decision.FUNDED,
            amount=item.amount,
            fiscal_year=item.cycle_id,
            funding_source=item.funder_name,
            reason=reason,
            component=component,
        )
        item.funded_referral = referral
        return
    live = FundingRequest.objects.filter(
        project=project, fiscal_year=item.cycle_id, status=FundingStatus.OPEN
    )
    if component is not None:
        live = live.filter(Q(component__isnull=True) | Q(component=component))
    same_source = live.filter(
        Q(source_agency_id=item.agency_id) if item.agency_id else Q(source_lao_id=item.lao_id)
    ).first()
    if same_source is not None:
        request = same_source
    else:
        source = FundingSource.AGENCY if item.agency_id else FundingSource.OTHER
        if item.lao_id:
            source = FundingSource.LAO
        request = funding_request_create(
            project=project,
            actor=actor,
            source=source,
            fiscal_year=item.cycle_id,
            requested=item.amount,
            source_agency=item.agency if item.agency_id else None,
            source_lao=item.lao if item.lao_id else None,
            source_name=item.unit_name,
            synthetic=item.synthetic,
            component=component,
        )
    funding_request_decide(
        request=request,
        actor=actor,
        status=FundingStatus.APPROVED,
        approved=item.amount,
        reason=reason,
    )
    item.funding_request = request


@transaction.atomic
def match_confirm(
    *,
    item: SupplyItem,
    actor: Actor,
    project: Project | None = None,
    component: ProjectComponent | None = None,
) -> SupplyItem:
    """Confirm the proposed need (or the one the officer names) and record the funding."""
    item = SupplyItem.objects.select_for_update().get(pk=item.pk)
    if item.state == ItemState.CONFIRMED:
        raise StateError("รายการนี้ยืนยันการจับคู่แล้ว", "this item's match is already confirmed")
    if project is None:
        if item.matched_project_id is None:
            raise StateError(
                "รายการนี้ยังไม่มีความต้องการที่เสนอจับคู่ โปรดระบุโครงการ",
                "no need is proposed for this item; name a project",
            )
        project = item.matched_project
        component = component or item.matched_component
    if project is None:
        raise StateError("ไม่พบความต้องการที่เสนอจับคู่", "the proposed need is gone")
    project = Project.objects.select_related("plan").get(pk=project.pk)
    if component is not None and component.project_id != project.pk:
        raise DomainError(
            "องค์ประกอบที่ระบุไม่ใช่ของโครงการนี้", "the component is not part of this project"
        )
    _check_place(item, project, component)
    manual = item.matched_project_id != project.pk
    _record_funding(item, project, component, actor)
    item.state = ItemState.CONFIRMED
    item.matched_project = project
    item.matched_component = component
    if manual:
        item.match_score = None
        item.match_reason = "เจ้าหน้าที่จับคู่เอง (manual match)"
    item.decided_by = acting_user(actor)
    item.decided_at = timezone.now()
    item.save()
    audit_record(
        actor=actor,
        action="supply.confirm",
        obj=item,
        scope_code=item.area_code,
        changes={
            "project": project.pk,
            "component": component.pk if component else None,
            "amount": str(item.amount),
        },
    )
    return item


@transaction.atomic
def match_reject(*, item: SupplyItem, actor: Actor, reason: str = "") -> SupplyItem:
    """Reject the proposal: the item is again "funded without a recorded request"."""
    item = SupplyItem.objects.select_for_update().get(pk=item.pk)
    if item.state == ItemState.CONFIRMED:
        raise StateError(
            "รายการนี้ยืนยันแล้ว ปฏิเสธไม่ได้ (บันทึกงบประมาณไปแล้ว)",
            "a confirmed match cannot be rejected (its funding is recorded)",
        )
    if item.state != ItemState.PROPOSED:
        raise StateError("รายการนี้ไม่มีข้อเสนอจับคู่ให้ปฏิเสธ", "this item has no proposal to reject")
    rejected = item.matched_project_id
    item.rejected_projects = sorted({*(item.rejected_projects or []), rejected})
    item.state = ItemState.UNMATCHED
    item.matched_project = None
    item.matched_component = None
    item.match_score = None
    item.match_reason = ""
    item.decided_by = acting_user(actor)
    item.decided_at = timezone.now()
    item.save()
    audit_record(
        actor=actor,
        action="supply.reject",
        obj=item,
        scope_code=item.area_code,
        changes={"project": rejected, "reason": (reason or "")[:500]},
    )
    return item


def confirm_all(items: list[SupplyItem], *, actor: Actor) -> int:
    """Confirm many proposals (the demo's simulated officer); refusals are skipped and counted."""
    return len(match_confirm_many(items=items, actor=actor))


def _funder_referrals(items: list[SupplyItem]) -> dict[tuple[int, str, str], list[Referral]]:
    """The pending or included referrals to each item's funder, newest first, keyed by
    (project, target kind group, funder code): one query for the whole batch."""
    projects = {item.matched_project_id for item in items if item.matched_project_id}
    found: dict[tuple[int, str, str], list[Referral]] = defaultdict(list)
    kinds = (TargetKind.AGENCY, TargetKind.LAO, TargetKind.PAO)
    ids = sorted(projects)
    for start in range(0, len(ids), 500):
        for referral in (
            Referral.objects.select_for_update()
            .filter(project_id__in=ids[start : start + 500], target_kind__in=kinds)
            .filter(decision__in=(Decision.PENDING, Decision.INCLUDED))
            .order_by("-pk")
        ):
            if referral.target_kind == TargetKind.AGENCY:
                key = (referral.project_id, "agency", referral.to_agency_id or "")
            else:
                key = (referral.project_id, "lao", referral.to_lao_id or "")
            found[key].append(referral)
    return found


def _funder_key(item: SupplyItem, project_id: int) -> tuple[int, str, str] | None:
    if item.agency_id:
        return (project_id, "agency", item.agency_id)
    if item.lao_id:
        return (project_id, "lao", item.lao_id)
    return None


@transaction.atomic
def match_confirm_many(*, items: list[SupplyItem], actor: Actor) -> list[SupplyItem]:
    """Confirm the proposed need of many items at once (a person's bulk confirmation, or the
    demo's simulated officer); returns the items confirmed, in id order.

    The same decisions, funding, audit rows and lineage as ``match_confirm`` item by item in
    id order: an item that is not proposed is skipped; one that ``match_confirm`` would refuse
    (another place, another year, no area) is skipped; the funder's referral is decided
    ``funded`` (with the item's component) in one set-based write. Items whose funding takes
    another road (no referral to the funder: a funding request; a referral the batch already
    funded; a referral into an engine-made plan) go through ``match_confirm`` itself, in order.
    """
    ids = sorted({item.pk for item in items})
    locked: list[SupplyItem] = []
    for start in range(0, len(ids), 500):
        locked += (
            SupplyItem.objects.select_for_update(of=("self",))
            .filter(pk__in=ids[start : start + 500], state=ItemState.PROPOSED)
            .exclude(matched_project__isnull=True)
            .select_related("agency", "lao")
            .order_by("pk")
        )
    locked.sort(key=lambda item: item.pk)
    projects = Project.objects.select_related("plan").in_bulk(
        {item.matched_project_id for item in locked}
    )
    areas: dict[int, list[str]] = defaultdict(list)
    for project_id, code in Project.areas.through.objects.filter(
        project_id__in=list(projects)
    ).values_list("project_id", "area_id"):
        areas[project_id].append(code)
    components = ProjectComponent.objects.in_bulk(
        {item.matched_component_id for item in locked if item.matched_component_id}
    )
    for read in projects.values():  # what ``_project_places`` reads, read once
        read._supply_places = tuple(areas.get(read.pk, ())) or (read.plan.scope_code,)  # type: ignore[attr-defined]
    referrals = _funder_referrals(locked)
    used: set[int] = set()
    now = timezone.now()
    user = acting_user(actor)
    decided: list[tuple[SupplyItem, Referral, str, str]] = []
    one_by_one: list[SupplyItem] = []
    for item in locked:
        project = projects.get(item.matched_project_id)
        if project is None:
            continue  # the proposed need is gone: ``match_confirm`` refuses it
        component = components.get(item.matched_component_id) if item.matched_component_id else None
        if item.matched_component_id and component is None:
            continue
        try:
            if component is not None and component.project_id != project.pk:
                raise DomainError(
                    "องค์ประกอบที่ระบุไม่ใช่ของโครงการนี้", "the component is not part of this project"
                )
            _check_place(item, project, component)
        except DomainError:
            continue
        key = _funder_key(item, project.pk)
        candidates = referrals.get(key, []) if key else []
        referral = candidates[0] if candidates else None
        if (
            referral is None
            or referral.pk in used
            or one_by_one  # keep id order once an item has taken the one-by-one road
            or (referral.decision == Decision.PENDING and referral.to_plan_id is not None)
        ):
            one_by_one.append(item)
            continue
        used.add(referral.pk)
        item.matched_project = project
        item.matched_component = component
        reason = f"ได้รับจัดสรรตามรายการนำเข้า {item.ref or item.pk}: {item.title[:200]}".strip()
        previous = referral.decision
        referral.decision = Decision.FUNDED
        referral.decided_at = now
        referral.decided_automatically = False
        referral.decided_by = user
        if component is not None:
            referral.component = component
        referral.amount = _decimal(item.amount, "จำนวนเงิน", "amount", required=True)
        referral.fiscal_year = int(item.cycle_id)
        referral.funding_source = (item.funder_name or referral.target_key)[:200]
        referral.reason = reason or referral.reason
        referral.project = project
        item.funded_referral = referral
        item.state = ItemState.CONFIRMED
        item.decided_by = user
        item.decided_at = now
        decided.append((item, referral, previous, reason))
    # One set-based write per table (Django's ``bulk_update`` built a ``CASE`` per field and
    # row: most of a batch's confirmation time).
    update_rows(
        Referral,
        (
            "decision",
            "decided_at",
            "decided_automatically",
            "decided_by",
            "component",
            "amount",
            "fiscal_year",
            "funding_source",
            "reason",
        ),
        [
            (
                referral.decision,
                referral.decided_at,
                referral.decided_automatically,
                referral.decided_by_id,
                referral.component_id,
                referral.amount,
                referral.fiscal_year,
                referral.funding_source,
                referral.reason,
                referral.pk,
            )
            for _, referral, _, _ in decided
        ],
    )
    update_rows(
        SupplyItem,
        ("state", "funded_referral", "decided_by", "decided_at"),
        [
            (item.state, item.funded_referral_id, item.decided_by_id, item.decided_at, item.pk)
            for item, _, _, _ in decided
        ],
    )
    for item, referral, previous, reason in decided:
        audit_record(
            actor=actor,
            action=f"referral.{Decision.FUNDED}",
            obj=referral,
            scope_code=referral.scope_code,
            changes={"decision": [previous, Decision.FUNDED.value], "reason": reason},
        )
        audit_record(
            actor=actor,
            action="supply.confirm",
            obj=item,
            scope_code=item.area_code,
            changes={
                "project": item.matched_project_id,
                "component": item.matched_component_id,
                "amount": str(item.amount),
            },
        )
    confirmed = [item for item, _, _, _ in decided]
    for item in one_by_one:
        try:
            with transaction.atomic():
                confirmed.append(match_confirm(item=item, actor=actor))
        except DomainError:
            continue
    return confirmed
