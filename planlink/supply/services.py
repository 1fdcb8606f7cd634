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

from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from planlink.audit.services import audit_record
from planlink.core.errors import DomainError, StateError
from planlink.core.types import acting_user
from planlink.plans.models import Project, ProjectComponent
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
    done = 0
    for item in items:
        if item.state != ItemState.PROPOSED:
            continue
        try:
            match_confirm(item=item, actor=actor)
            done += 1
        except DomainError:
            continue
    return done
