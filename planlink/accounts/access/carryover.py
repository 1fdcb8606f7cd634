"""Who may carry needs over, decide a carried need, and ask the budget what-if (issue 18).

* Carry-over: a tambon, district or provincial officer (or an administrator) runs it for an
  area that is theirs or below it; whoever reads the whole area sees its carried needs (the
  auditor too). The village committee that owns the village plan a need was carried into
  confirms, edits or drops it.
* What-if: a provincial officer (or an administrator) asks it for an area of their province
  and saves scenarios; the auditor may ask and read, never save. A saved scenario is read by
  whoever covers its area.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from typing import Any

from django.db.models import Q

from planlink.accounts.access.core import access_for
from planlink.accounts.models import Role
from planlink.core.errors import NotFound, PermissionDenied
from planlink.plans.models import CarryOver

CARRY_RUNNERS = {
    Role.TAMBON_OFFICER,
    Role.DISTRICT_OFFICER,
    Role.PROVINCIAL_OFFICER,
    Role.ADMINISTRATOR,
}
WHATIF_ASKERS = {Role.PROVINCIAL_OFFICER, Role.ADMINISTRATOR}
WHATIF_READERS = WHATIF_ASKERS | {Role.AUDITOR}


def _covering(user: Any, code: str, roles: AbstractSet[str], *, writes: bool) -> bool:
    for grant in access_for(user).grants:
        if grant.role not in roles or (writes and not grant.writes):
            continue
        if grant.national or (grant.area_code and code.startswith(grant.area_code)):
            return True
    return False


def default_area(user: Any, roles: AbstractSet[str]) -> str:
    """The area of the user's first grant among ``roles`` ("" when national or none)."""
    for grant in access_for(user).grants:
        if grant.role in roles and grant.area_code:
            return grant.area_code
    return ""


def access_carry_area(user: Any, code: str, *, for_run: bool = False) -> str:
    """The area whose carried needs the user reads (``NotFound`` otherwise); ``for_run``:
    the user also runs the carry-over there (``PermissionDenied`` otherwise)."""
    access = access_for(user)
    if not code.isdigit() or not access.covers_area(code):
        raise NotFound("พื้นที่", "area")
    if for_run and not _covering(user, code, CARRY_RUNNERS, writes=True):
        raise PermissionDenied(
            "เฉพาะเจ้าหน้าที่ตำบล อำเภอ หรือจังหวัดของพื้นที่นี้ยกความต้องการข้ามปีได้",
            "only the area's tambon, district or provincial officer carries needs over",
        )
    return code


def can_run_carry_over(user: Any, code: str) -> bool:
    return bool(code) and _covering(user, code, CARRY_RUNNERS, writes=True)


def access_carry(user: Any, carry_id: int, *, for_decision: bool = False) -> CarryOver:
    """A carried need the user may read (its village plan is readable); ``for_decision``:
    the village committee that owns the plan it was carried into."""
    access = access_for(user)
    carry = (
        CarryOver.objects.select_related("target__plan", "source__plan").filter(pk=carry_id).first()
    )
    if carry is None:
        raise NotFound("ความต้องการที่ยกมา", "carried need")
    plan = carry.target.plan if carry.target is not None else carry.source.plan
    if not access.plans().filter(pk=plan.pk).exists():
        raise NotFound("ความต้องการที่ยกมา", "carried need")
    if for_decision and (carry.target is None or not access.owns_plan(plan)):
        raise PermissionDenied(
            "เฉพาะคณะกรรมการหมู่บ้านเจ้าของแผนยืนยัน แก้ไข หรือไม่เสนอต่อได้",
            "only the village committee that owns the plan decides a carried need",
        )
    return carry


def can_decide_carry(user: Any, carry: CarryOver) -> bool:
    return carry.target is not None and access_for(user).owns_plan(carry.target.plan)


def carry_overs_visible(user: Any) -> Q:
    """A filter on CarryOver: the rows of the village plans the user reads."""
    access = access_for(user)
    return Q(source__plan__in=access.plans()) | Q(target__plan__in=access.plans())


def access_whatif_area(user: Any, code: str, *, for_save: bool = False) -> str:
    """An area the user may ask the what-if for (``NotFound`` otherwise); ``for_save``: the
    user may also save the scenario (``PermissionDenied`` otherwise)."""
    if not code.isdigit() or not _covering(user, code, WHATIF_READERS, writes=False):
        raise NotFound("พื้นที่", "area")
    if for_save and not _covering(user, code, WHATIF_ASKERS, writes=True):
        raise PermissionDenied(
            "ผู้ตรวจสอบดูสถานการณ์ได้ แต่บันทึกไม่ได้", "an auditor reads scenarios but saves none"
        )
    return code


def can_save_whatif(user: Any, code: str) -> bool:
    return bool(code) and _covering(user, code, WHATIF_ASKERS, writes=True)


def whatif_area_q(user: Any, field: str = "area_code") -> Q:
    """A filter on saved scenarios: those of areas the user covers as a what-if reader."""
    query = Q(pk__in=[])
    for grant in access_for(user).grants:
        if grant.role not in WHATIF_READERS:
            continue
        if grant.national:
            return Q()
        if grant.area_code:
            query |= Q(**{f"{field}__startswith": grant.area_code})
    return query


def require_scenario_reader(user: Any, area_code: str) -> None:
    """A saved scenario of ``area_code`` is read by who covers it (``NotFound`` otherwise)."""
    if not _covering(user, area_code, WHATIF_READERS, writes=False):
        raise NotFound("สถานการณ์", "scenario")
