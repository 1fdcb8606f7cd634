"""Who may decide, review, edit the frame and the calendar, read who is late and the audit trail.

Part of :mod:`planlink.accounts.access` (moved here from ``api/guards.py`` in issue 11).
Each function composes the grants of :func:`access_for` and raises the same errors:
``NotFound`` when the caller may not see the object, ``PermissionDenied`` when they see
it but may not act.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from planlink.accounts.access.core import (
    NOTHING,
    OWNED_KINDS,
    access_for,
    access_funding_request,
    access_plan,
    access_project,
    access_referral,
)
from planlink.accounts.models import Role
from planlink.areas.models import Area, prefix_range
from planlink.core.errors import NotFound, PermissionDenied
from planlink.cycles.models import Milestone, PlanningCycle
from planlink.plans.models import Plan, Strategy
from planlink.referrals.models import FundingRequest, FundingStatus, Referral


def is_administrator(user: Any) -> bool:
    """A national administrator (ผู้ดูแลระบบ) — the only role that edits the calendar."""
    return any(
        grant.role == Role.ADMINISTRATOR and grant.national for grant in access_for(user).grants
    )


def require_administrator(user: Any) -> None:
    if not is_administrator(user):
        raise PermissionDenied(
            "เฉพาะผู้ดูแลระบบระดับประเทศเท่านั้น", "only a national administrator may do this"
        )


def access_milestone_for_write(user: Any, fiscal_year: int, step: str) -> Milestone:
    """The calendar is public; changing it is for national administrators."""
    milestone = Milestone.objects.filter(cycle_id=fiscal_year, step=step).first()
    if milestone is None:
        raise NotFound("ขั้นตอนในปฏิทิน", "milestone")
    require_administrator(user)
    return milestone


def access_late_units(user: Any, fiscal_year: int, step: str, area_code: str) -> Milestone:
    """Who is late is operational data: the caller must read the *whole* area asked about.

    The area must be a real area code that is the caller's own area or lies below it
    (``Access.covers_area``); ``?area=2`` is no area, and a village committee does not
    read its district's list (issue 11).
    """
    milestone = Milestone.objects.filter(cycle_id=fiscal_year, step=step).first()
    if milestone is None:
        raise NotFound("ขั้นตอนในปฏิทิน", "milestone")
    access = access_for(user)
    if area_code:
        if not access.covers_area(area_code) or not Area.objects.filter(code=area_code).exists():
            raise NotFound("พื้นที่", "area")
    elif not access.is_national:
        raise PermissionDenied(
            "ระบุพื้นที่ (area) ที่คุณรับผิดชอบ", "give an area (?area=) within your responsibility"
        )
    return milestone


def owned_plan_q(user: Any, prefix: str = "") -> Q:
    """Plans the user owns — the set form of ``Access.owns_plan`` (tested to agree with it)."""
    query = NOTHING
    for grant in access_for(user).grants:
        if not grant.writes:
            continue
        if grant.role == Role.ADMINISTRATOR:
            if grant.national:
                return Q()
            if grant.area_code:
                query |= prefix_range(f"{prefix}scope_code", grant.area_code)
        if grant.role in OWNED_KINDS and grant.area_code:
            query |= Q(
                **{
                    f"{prefix}kind__in": sorted(OWNED_KINDS[grant.role]),
                    f"{prefix}owner_area_id": grant.area_code,
                }
            )
        if grant.lao_code:
            query |= Q(**{f"{prefix}owner_lao_id": grant.lao_code})
        if grant.agency_code:
            query |= Q(**{f"{prefix}owner_agency_id": grant.agency_code})
    return query


def incoming_referral_q(user: Any) -> Q:
    """The caller's inbox: referrals addressed to a body they answer for, or to a plan they own."""
    access = access_for(user)
    query = Q(target_key__in=sorted(access.target_keys)) if access.target_keys else NOTHING
    return query | owned_plan_q(user, "to_plan__")


def require_can_create_plan(user: Any, candidate: Plan) -> None:
    """An unsaved plan may be created by whoever would own it."""
    if not access_for(user).owns_plan(candidate):
        raise PermissionDenied("คุณไม่มีสิทธิ์จัดทำแผนของหน่วยนี้", "you may not make a plan for this unit")


def access_plan_for_review(user: Any, plan_id: int) -> Plan:
    """Accepting or returning a plan is for the level above its owner (REVIEWER_ROLE)."""
    plan = access_plan(user, plan_id)
    if not access_for(user).can_review_plan(plan):
        raise PermissionDenied("คุณไม่ใช่ผู้พิจารณาแผนนี้", "you are not the reviewer of this plan")
    return plan


def access_funding_request_for_decision(user: Any, request_id: int, status: str) -> FundingRequest:
    """The source (its agency or LAO) approves or rejects; the project's owner withdraws."""
    request = access_funding_request(user, request_id)
    access = access_for(user)
    if status == FundingStatus.WITHDRAWN:
        allowed = access.owns_plan(request.project.plan)
    else:
        allowed = is_administrator(user) or any(
            grant.writes
            and (
                (grant.agency_code and grant.agency_code == request.source_agency_id)
                or (grant.lao_code and grant.lao_code == request.source_lao_id)
            )
            for grant in access.grants
        )
    if not allowed:
        raise PermissionDenied("คุณไม่ใช่ผู้พิจารณาคำขอนี้", "you may not decide this funding request")
    return request


def access_strategy_for_write(user: Any, strategy_id: int) -> Strategy:
    strategy = Strategy.objects.select_related("province").filter(pk=strategy_id).first()
    if strategy is None:
        raise NotFound("ยุทธศาสตร์", "strategy")
    require_can_edit_frame(user, strategy.province_id)
    return strategy


def require_can_edit_frame(user: Any, province_code: str) -> None:
    if not access_for(user).can_edit_frame(province_code):
        raise PermissionDenied(
            "เฉพาะเจ้าหน้าที่จังหวัดนั้นแก้ไขกรอบยุทธศาสตร์ได้",
            "only that province's officers edit its strategic frame",
        )


AUDIT_READERS = {Role.AUDITOR, Role.ADMINISTRATOR}


def require_audit_reader(user: Any) -> None:
    if not any(grant.role in AUDIT_READERS for grant in access_for(user).grants):
        raise PermissionDenied(
            "ประวัติทั้งหมดอ่านได้เฉพาะผู้ตรวจสอบและผู้ดูแลระบบ",
            "the whole trail is for auditors and administrators",
        )


def audit_scope_q(user: Any) -> Q:
    """Audit entries an auditor or administrator reads without naming an object."""
    query = NOTHING
    for grant in access_for(user).grants:
        if grant.role not in AUDIT_READERS:
            continue
        if grant.national:
            return Q()
        if grant.area_code:
            query |= prefix_range("scope_code", grant.area_code)
    return query


def access_audit_object(user: Any, object_type: str, object_id: str) -> None:
    """The audit trail of one object: auditors and administrators who can read it, and its owners.

    Raises ``NotFound`` when the object is unknown or hidden from the caller and
    ``PermissionDenied`` when the caller sees the object but neither audits nor owns it.
    """
    access = access_for(user)
    auditor = any(grant.role in AUDIT_READERS for grant in access.grants)
    if object_type in ("cycles.planningcycle", "cycles.milestone"):
        model = PlanningCycle if object_type == "cycles.planningcycle" else Milestone
        if not model.objects.filter(pk=object_id).exists():
            raise NotFound("รายการ", object_type)
        owner = False
    else:
        try:
            number = int(object_id)
        except ValueError as error:
            raise NotFound("รายการ", object_type) from error
        if object_type == "plans.plan":
            owner = access.owns_plan(access_plan(user, number))
        elif object_type == "plans.project":
            owner = access.owns_plan(access_project(user, number).plan)
        elif object_type == "referrals.referral":
            referral: Referral = access_referral(user, number)
            owner = access.owns_plan(referral.project.plan) or access.can_decide_referral(referral)
        elif object_type == "referrals.fundingrequest":
            owner = access.owns_plan(access_funding_request(user, number).project.plan)
        else:
            raise NotFound("ประเภทรายการ", f"object type '{object_type}'")
    if not (auditor or owner):
        raise PermissionDenied(
            "ประวัติการแก้ไขอ่านได้เฉพาะผู้ตรวจสอบ ผู้ดูแลระบบ และเจ้าของรายการ",
            "the audit trail is for auditors, administrators and the object's owners",
        )
