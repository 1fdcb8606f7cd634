"""คณะกรรมการและการประชุม — committees, their members and meetings, entered on the web.

The tambon and district officers record the ก.บ.ต./ศอช.ต. of a tambon and the district's own
bodies (appointment orders, members, meetings) with the same services the API uses
(:mod:`planlink.committees.services`); the district performance report's counts (1)–(2)
are read from what is entered here (docs/reference/seeds/001). Village committees record
their community forums on the village plan (``forum``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from planlink.accounts.access import (
    access_committee,
    access_member,
    area_plan,
    can_manage_committee,
    committee_read_q,
    committees_visible,
)
from planlink.areas.models import Area
from planlink.committees.models import KIND_LEVEL, CommitteeKind, MeetingPurpose, Position
from planlink.committees.services import (
    committee_appoint,
    meeting_record,
    member_add,
    member_remove,
)
from planlink.core.errors import DomainError, NotFound, PermissionDenied
from planlink.plans.models import PlanKind
from planlink.web.views.common import domain_view, error_text, page
from planlink.web.workspace import current_cycle

LEVELS = {Area.Level.TAMBON, Area.Level.DISTRICT}
OWN_PLAN: dict[str, str] = {
    Area.Level.TAMBON: PlanKind.TAMBON,
    Area.Level.DISTRICT: PlanKind.DISTRICT_NEEDS,
}


def _area(request: HttpRequest, code: str) -> Area:
    area = (
        Area.objects.filter(code=code, level__in=LEVELS)
        .filter(committee_read_q(request.user, "code"))
        .first()
    )
    if area is None:
        raise NotFound("พื้นที่", "area")
    return area


@domain_view
def committees(request: HttpRequest, code: str) -> HttpResponse:
    """The committees of one tambon or district, with forms for whoever manages them."""
    area = _area(request, code)
    kinds = [kind for kind, level in KIND_LEVEL.items() if level == area.level]
    cycle = current_cycle(request)
    if request.method == "POST":
        try:
            done = _act(request, area, kinds, cycle)
        except (PermissionDenied, NotFound):
            raise
        except DomainError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, done)
        return redirect(reverse("committees", args=[area.code]) + "#committees")
    bodies = list(
        committees_visible(request.user)
        .filter(scope_code=area.code, kind__in=kinds)
        .prefetch_related("members", "meetings")
        .order_by("kind", "pk")
    )
    manageable = [
        (kind, CommitteeKind(kind).label)
        for kind in kinds
        if can_manage_committee(request.user, kind=kind, area_code=area.code)
    ]
    for body in bodies:
        body.can_manage = can_manage_committee(  # type: ignore[attr-defined]
            request.user, kind=body.kind, area_code=area.code
        )
    below: list[Area] = []
    if area.level == Area.Level.DISTRICT:
        below = list(Area.objects.within(area.code).filter(level=Area.Level.TAMBON))
    return page(
        request,
        "web/committees.html",
        "district" if area.level == Area.Level.DISTRICT else "home",
        area=area,
        bodies=bodies,
        manageable=manageable,
        positions=Position.choices,
        purposes=MeetingPurpose.choices,
        below=below,
        own_plan=(area_plan(request.user, area, cycle.pk, OWN_PLAN[area.level]) if cycle else None),
    )


def _act(request: HttpRequest, area: Area, kinds: list[str], cycle: Any) -> str:
    action = request.POST.get("action", "")
    data = request.POST
    if action == "appoint":
        kind = data.get("kind", "")
        if kind not in kinds:
            raise DomainError("ประเภทคณะกรรมการไม่ถูกต้อง", "invalid committee kind")
        committee_appoint(
            actor=request.user,
            kind=kind,
            area=area,
            order_number=data.get("order_number", ""),
            order_date=data.get("order_date", ""),
            name_th=data.get("name_th", ""),
        )
        return _("บันทึกคำสั่งแต่งตั้งแล้ว")
    if action == "member":
        committee = _committee(request, area)
        member_add(
            actor=request.user,
            committee=committee,
            full_name=data.get("full_name", ""),
            position=data.get("position", ""),
            organisation=data.get("organisation", ""),
        )
        return _("เพิ่มกรรมการแล้ว")
    if action == "member_remove":
        member = access_member(request.user, _int(data.get("member")), for_write=True)
        if member.committee.scope_code != area.code:
            raise NotFound("กรรมการ", "committee member")
        member_remove(actor=request.user, member=member)
        return _("ลบกรรมการแล้ว")
    if action == "meeting":
        committee = _committee(request, area)
        values: dict[str, Any] = {
            "held_on": data.get("held_on", ""),
            "purpose": data.get("purpose", ""),
            "attendance": data.get("attendance", ""),
            "minutes_note": data.get("minutes_note", ""),
        }
        if data.get("about_plan") == "1" and cycle is not None:
            plan = area_plan(request.user, area, cycle.pk, OWN_PLAN[area.level])
            if plan is None:
                raise DomainError("ยังไม่มีแผนของปีนี้ให้เชื่อมกับการประชุม", "no plan of this year to link")
            values["plan"] = plan
        meeting_record(actor=request.user, committee=committee, data=values)
        return _("บันทึกการประชุมแล้ว")
    raise DomainError("ไม่รู้จักคำสั่ง", "unknown action")


def _committee(request: HttpRequest, area: Area) -> Any:
    committee = access_committee(request.user, _int(request.POST.get("committee")), for_write=True)
    if committee.scope_code != area.code:
        raise NotFound("คณะกรรมการ", "committee")
    return committee


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise DomainError("ข้อมูลไม่ถูกต้อง", "invalid input") from None
