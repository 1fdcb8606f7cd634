"""The district and provincial workspaces: who opens them, and what they list.

Part of :mod:`planlink.accounts.access`. A workspace is opened by who reads the district's
performance report (the district, the province above it, auditors and administrators over
it; ``can_read_district_report``, docs/reference/seeds/001). What it lists goes through the caller's own
scope (``Access.plans()``, ``Access.referrals()``), so a page never shows a row the API
would refuse the same person.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from planlink.accounts.access.committees import can_read_district_report
from planlink.accounts.access.core import access_for
from planlink.accounts.models import Role
from planlink.areas.models import Area, prefix_range
from planlink.core.errors import NotFound
from planlink.plans.models import Plan
from planlink.referrals.models import Referral


def access_area_workspace(user: Any, code: str, level: str) -> Area:
    """The district or province ``code`` if ``user`` may open its workspace; else ``NotFound``."""
    area = Area.objects.filter(code=code, level=level).first()
    if area is None or not can_read_district_report(user, code):
        raise NotFound("พื้นที่", "area")
    return area


def require_workspace_reader(user: Any, code: str) -> None:
    """``NotFound`` unless ``user`` may open the workspace of the area ``code`` — the same
    answer as :func:`access_area_workspace` for an area that exists, without reading the area
    (a kept dashboard needs no more: issue 16)."""
    if not can_read_district_report(user, code):
        raise NotFound("พื้นที่", "area")


def can_report_on(user: Any, area_code: str) -> bool:
    """Reports (Forms 1–3, the performance report) cover an area inside the user's own: a
    district officer reports on the district and its tambons, a provincial officer on the
    province, an LAO planner on its district; national roles on all. Village committees do
    not report on areas."""
    for grant in access_for(user).grants:
        if grant.national:
            return True
        if grant.role == Role.VILLAGE_COMMITTEE:
            continue
        if grant.area_code and area_code.startswith(grant.area_code):
            return True
        if grant.lao_district and area_code.startswith(grant.lao_district):
            return True
    return False


def area_plans(user: Any, area_code: str, cycle_id: int, kind: str) -> QuerySet[Plan]:
    """Plans of ``kind`` inside the area that ``user`` reads."""
    return (
        access_for(user)
        .plans()
        .filter(prefix_range("scope_code", area_code), cycle_id=cycle_id, kind=kind)
    )


def area_plan(user: Any, area: Area, cycle_id: int, kind: str) -> Plan | None:
    """The area's own plan of ``kind`` (its needs plan, its provincial plan) if ``user`` reads it."""
    return access_for(user).plans().filter(kind=kind, cycle_id=cycle_id, owner_area=area).first()


def area_sent_referrals(
    user: Any, area_code: str, cycle_id: int, target_kind: str
) -> QuerySet[Referral]:
    """Referrals of ``target_kind`` sent from plans inside the area, that ``user`` reads."""
    return (
        access_for(user)
        .referrals()
        .filter(
            prefix_range("project__plan__scope_code", area_code),
            project__plan__cycle_id=cycle_id,
            target_kind=target_kind,
        )
    )
