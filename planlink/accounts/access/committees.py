"""Who may see and manage committees, meetings and community forums.

Part of :mod:`planlink.accounts.access` (moved from ``committees/access.py`` in issue 11),
built on the grants of :func:`access_for`; nothing here reads assignments directly.

Reading: an area role reads the committees of its own area, of every area below it,
and of the areas above it (a tambon officer sees the กบอ. of its district and the ก.บ.จ.
of its province); an LAO planner reads those of its LAO's district; national grants
read everything. A village committee sees its own village only below it, never a
neighbouring village. Forums are read with the village plan they belong to.

Managing (docs/reference/seeds/002–003 name who runs each body):

* กม. of a village — the village committee of that village;
* ศอช.ต. and ก.บ.ต. of a tambon — the tambon officer (ศอช.ต./พัฒนาการอำเภอ) of that tambon,
  and the district officer of its district (seeds/001 §๒: the district keeps their orders current);
* กบอ. and the district local-plan coordination committee — the district officer;
* ก.บ.จ. and the provincial coordination committee — the provincial officer;
* administrators within their scope. Auditors never write.

Forums on a village plan are recorded by whoever owns the plan (its village committee).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from planlink.accounts.access.core import NOTHING, access_for
from planlink.accounts.models import Role
from planlink.areas.models import prefix_range
from planlink.committees.models import (
    Committee,
    CommitteeKind,
    CommitteeMember,
    CommunityForum,
    Meeting,
)
from planlink.core.errors import NotFound, PermissionDenied
from planlink.plans.models import Plan, PlanKind

MANAGING_ROLE: dict[str, str] = {
    CommitteeKind.VILLAGE_COMMITTEE: Role.VILLAGE_COMMITTEE,
    CommitteeKind.TAMBON_CENTRE: Role.TAMBON_OFFICER,
    CommitteeKind.TAMBON_INTEGRATION: Role.TAMBON_OFFICER,
    CommitteeKind.DISTRICT_BOARD: Role.DISTRICT_OFFICER,
    CommitteeKind.DISTRICT_LAO_COORDINATION: Role.DISTRICT_OFFICER,
    CommitteeKind.PROVINCIAL_BOARD: Role.PROVINCIAL_OFFICER,
    CommitteeKind.PROVINCIAL_LAO_COORDINATION: Role.PROVINCIAL_OFFICER,
    CommitteeKind.CLUSTER_BOARD: Role.PROVINCIAL_OFFICER,  # the lead province (issue 17)
}

# The district's community-development office keeps the orders of its tambons' ก.บ.ต. and
# ศอช.ต. up to date (docs/reference/seeds/001 §๒ "ทบทวนคำสั่งแต่งตั้ง ก.บ.ต. และ ศอช. ในแต่ละระดับ
# ให้เป็นปัจจุบัน") and reports them (counts (1)–(2)): the district officer records them too.
DISTRICT_KEEPS = {CommitteeKind.TAMBON_CENTRE, CommitteeKind.TAMBON_INTEGRATION}


def _ancestor_codes(code: str) -> list[str]:
    return [code[:length] for length in (2, 4, 6) if length < len(code)]


def _around(code: str, field: str) -> Q:
    """``code``, everything below it, and its ancestors."""
    return prefix_range(field, code) | Q(**{f"{field}__in": _ancestor_codes(code)})


def committee_read_q(user: Any, field: str = "scope_code") -> Q:
    """A filter on any row with an area ``field`` (committees, meetings) readable by ``user``."""
    query = NOTHING
    for grant in access_for(user).grants:
        if grant.national:
            return Q()
        if grant.area_code:
            query |= _around(grant.area_code, field)
        if grant.lao_district:
            query |= _around(grant.lao_district, field)
    return query


def committees_visible(user: Any) -> QuerySet[Committee]:
    return Committee.objects.filter(committee_read_q(user))


def can_manage_committee(user: Any, *, kind: str, area_code: str) -> bool:
    """May ``user`` appoint, update, staff and record meetings of this kind of body here?"""
    for grant in access_for(user).grants:
        if not grant.writes:
            continue
        if grant.role == Role.ADMINISTRATOR and (
            grant.national or area_code.startswith(grant.area_code or "\0")
        ):
            return True
        if grant.role == MANAGING_ROLE.get(kind) and grant.area_code == area_code:
            return True
        if (
            grant.role == Role.DISTRICT_OFFICER
            and kind in DISTRICT_KEEPS
            and grant.area_code
            and len(area_code) == 6
            and area_code.startswith(grant.area_code)
        ):
            return True
    return False


def require_committee_manager(user: Any, *, kind: str, area_code: str) -> None:
    if not can_manage_committee(user, kind=kind, area_code=area_code):
        raise PermissionDenied("คุณไม่มีสิทธิ์จัดการคณะกรรมการนี้", "you may not manage this committee")


def access_committee(user: Any, committee_id: int, *, for_write: bool = False) -> Committee:
    committee = (
        committees_visible(user).select_related("area", "cycle").filter(pk=committee_id).first()
    )
    if committee is None:
        raise NotFound("คณะกรรมการ", "committee")
    if for_write:
        require_committee_manager(user, kind=committee.kind, area_code=committee.scope_code)
    return committee


def access_member(user: Any, member_id: int, *, for_write: bool = False) -> CommitteeMember:
    member = (
        CommitteeMember.objects.filter(committee_read_q(user, "committee__scope_code"))
        .select_related("committee")
        .filter(pk=member_id)
        .first()
    )
    if member is None:
        raise NotFound("กรรมการ", "committee member")
    if for_write:
        require_committee_manager(
            user, kind=member.committee.kind, area_code=member.committee.scope_code
        )
    return member


def meetings_visible(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.filter(committee_read_q(user))


def access_meeting(user: Any, meeting_id: int, *, for_write: bool = False) -> Meeting:
    meeting = meetings_visible(user).select_related("committee").filter(pk=meeting_id).first()
    if meeting is None:
        raise NotFound("การประชุม", "meeting")
    if for_write:
        require_committee_manager(
            user, kind=meeting.committee.kind, area_code=meeting.committee.scope_code
        )
    return meeting


def forums_visible(user: Any) -> QuerySet[CommunityForum]:
    """Forums are read with their village plan (the plan access rules apply)."""
    return CommunityForum.objects.filter(access_for(user).plan_q("plan__"))


def can_record_forum(user: Any, plan: Plan) -> bool:
    return plan.kind == PlanKind.VILLAGE and access_for(user).owns_plan(plan)


def require_forum_recorder(user: Any, plan: Plan) -> None:
    if not can_record_forum(user, plan):
        raise PermissionDenied(
            "คุณไม่มีสิทธิ์บันทึกเวทีประชาคมของแผนนี้",
            "you may not record community forums of this plan",
        )


def access_forum(user: Any, forum_id: int, *, for_write: bool = False) -> CommunityForum:
    forum = forums_visible(user).select_related("plan").filter(pk=forum_id).first()
    if forum is None:
        raise NotFound("เวทีประชาคม", "community forum")
    if for_write:
        require_forum_recorder(user, forum.plan)
    return forum


REPORT_READERS = {Role.DISTRICT_OFFICER, Role.PROVINCIAL_OFFICER, Role.ADMINISTRATOR, Role.AUDITOR}


def can_read_district_report(user: Any, district_code: str) -> bool:
    """The district performance report is read by the district, the province above it,
    auditors and administrators over it, and national grants (the CDD district officer
    writes it for the province; docs/reference/seeds/001)."""
    for grant in access_for(user).grants:
        if grant.national:
            return True
        if (
            grant.role in REPORT_READERS
            and grant.area_code
            and district_code.startswith(grant.area_code)
        ):
            return True
    return False
