"""``/committees`` — committees (กม., ศอช.ต., ก.บ.ต., กบอ., ก.บ.จ., the local-plan coordination
committees), their members and meetings, community forums (เวทีประชาคม) on village plans,
and the district performance report on tambon plans.

Handlers parse input, call one access function and one service of
:mod:`planlink.committees`, and render; domain errors become the API's error body.
Dates are ISO 8601 (A.D.); ``*_th`` fields give the same date in B.E. for display.
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from planlink.accounts import access as committee_access
from planlink.accounts.access import access_plan
from planlink.api.auth import caller
from planlink.api.schemas import ERRORS, MessageOut, Pages
from planlink.areas.models import Area
from planlink.committees import services
from planlink.committees.models import (
    Committee,
    CommitteeKind,
    CommitteeMember,
    CommunityForum,
    Meeting,
    MeetingPurpose,
    Position,
)
from planlink.committees.performance import performance_counts
from planlink.committees.selectors import committees_in, forums_in, meetings_in
from planlink.core.errors import NotFound
from planlink.core.thai import format_be_date
from planlink.cycles.models import PlanningCycle

router = Router()


# ----- shapes -----------------------------------------------------------------------
class OrderOut(Schema):
    kind: str = Field(description="appoint (แต่งตั้ง) or update (ปรับปรุงคำสั่ง)")
    number: str
    date: dt.date


class MemberOut(Schema):
    id: int
    committee_id: int
    full_name: str
    position: str
    position_th: str
    organisation: str

    @staticmethod
    def resolve_position_th(member: CommitteeMember) -> str:
        return member.get_position_display()


class CommitteeOut(Schema):
    id: int
    kind: str
    kind_th: str
    name_th: str
    area_code: str
    area_name_th: str
    area_level: str
    cycle: int | None = Field(description="set only for a committee appointed for one cycle")
    order_number: str
    order_date: dt.date
    order_date_th: str
    note: str
    synthetic: bool = Field(description="ข้อมูลสังเคราะห์ (demo data) when true")

    @staticmethod
    def resolve_kind_th(committee: Committee) -> str:
        return committee.get_kind_display()

    @staticmethod
    def resolve_area_code(committee: Committee) -> str:
        return committee.scope_code

    @staticmethod
    def resolve_area_name_th(committee: Committee) -> str:
        return committee.area.display_name

    @staticmethod
    def resolve_cycle(committee: Committee) -> int | None:
        return committee.cycle_id

    @staticmethod
    def resolve_order_date_th(committee: Committee) -> str:
        return format_be_date(committee.order_date)


class CommitteeListOut(CommitteeOut):
    member_count: int
    meeting_count: int


class CommitteeDetailOut(CommitteeOut):
    members: list[MemberOut]
    orders: list[OrderOut] = Field(description="every appointment and update order, oldest first")

    @staticmethod
    def resolve_members(committee: Committee) -> list[CommitteeMember]:
        return list(committee.members.all())

    @staticmethod
    def resolve_orders(committee: Committee) -> list[Any]:
        return list(committee.orders.all())


class CommitteeIn(Schema):
    kind: str = Field(description=", ".join(CommitteeKind.values))
    area_code: str = Field(description="DOPA code of the area served, at the kind's level")
    order_number: str = Field(description="เลขที่คำสั่งแต่งตั้ง, e.g. 123/2568")
    order_date: dt.date
    cycle: int | None = None
    name_th: str = ""
    note: str = ""


class CommitteePatch(Schema):
    name_th: str | None = None
    order_number: str | None = Field(None, description="a new number records a new order")
    order_date: dt.date | None = None
    note: str | None = None


class MemberIn(Schema):
    full_name: str = Field(description="e.g. นายสมชาย ใจดี")
    position: str = Field(description=", ".join(Position.values))
    organisation: str = Field("", description="ตำแหน่ง/หน่วยงาน, e.g. ผู้ใหญ่บ้าน")


class MeetingOut(Schema):
    id: int
    committee_id: int
    committee_kind: str
    scope_code: str
    held_on: dt.date
    held_on_th: str
    purpose: str
    purpose_th: str
    attendance: int
    minutes_note: str
    plan_id: int | None

    @staticmethod
    def resolve_committee_kind(meeting: Meeting) -> str:
        return meeting.committee.kind

    @staticmethod
    def resolve_held_on_th(meeting: Meeting) -> str:
        return format_be_date(meeting.held_on)

    @staticmethod
    def resolve_purpose_th(meeting: Meeting) -> str:
        return meeting.get_purpose_display()


class MeetingIn(Schema):
    held_on: dt.date
    purpose: str = Field(description=", ".join(MeetingPurpose.values))
    attendance: int
    minutes_note: str = ""
    plan_id: int | None = None


class MeetingPatch(Schema):
    held_on: dt.date | None = None
    purpose: str | None = None
    attendance: int | None = None
    minutes_note: str | None = None
    plan_id: int | None = None


class ForumOut(Schema):
    id: int
    plan_id: int
    village_code: str
    village_name_th: str
    held_on: dt.date
    held_on_th: str
    participants: int
    households: int
    facilitator: str
    note: str
    synthetic: bool = Field(description="the village plan is synthetic (ข้อมูลสังเคราะห์)")

    @staticmethod
    def resolve_village_code(forum: CommunityForum) -> str:
        return forum.village_id

    @staticmethod
    def resolve_village_name_th(forum: CommunityForum) -> str:
        return forum.village.display_name

    @staticmethod
    def resolve_held_on_th(forum: CommunityForum) -> str:
        return format_be_date(forum.held_on)

    @staticmethod
    def resolve_synthetic(forum: CommunityForum) -> bool:
        return forum.plan.synthetic or forum.village.synthetic


class ForumIn(Schema):
    plan_id: int = Field(description="a village plan (แผนชุมชน/แผนพัฒนาหมู่บ้าน)")
    held_on: dt.date
    participants: int
    households: int = Field(description="households represented (≤ participants)")
    facilitator: str = Field(description="วิทยากรกระบวนการ")
    note: str = ""


class ForumPatch(Schema):
    held_on: dt.date | None = None
    participants: int | None = None
    households: int | None = None
    facilitator: str | None = None
    note: str | None = None


class CommitteeFilters(Schema):
    scope: str = Field("", description="area code: this area and everything below it")
    kind: str = Field("", description="one committee kind")


class MeetingFilters(Schema):
    scope: str = ""
    committee: int | None = None
    purpose: str = ""


class ForumFilters(Schema):
    scope: str = ""
    plan: int | None = None


class PerformanceFilters(Schema):
    district: str = Field(description="district code (4 digits)")
    cycle: int = Field(description="planning cycle, fiscal year B.E. (e.g. 2570)")
    targets: str = Field(
        "", description="comma-separated target tambon codes; default: every tambon"
    )


class TambonPerformanceOut(Schema):
    code: str
    name_th: str
    plan_id: int | None
    plan_state: str
    appointed: bool
    met_to_make_plan: bool
    complete: bool
    on_time: bool
    evaluated: bool
    missing_components: list[str]


class DistrictOut(Schema):
    code: str
    name_th: str


class PerformanceOut(Schema):
    district: DistrictOut
    cycle: int
    reporting_year_start: dt.date
    reporting_year_end: dt.date
    deadline: dt.date = Field(description="the tambon_plan milestone deadline")
    target_count: int
    counts: dict[str, int] = Field(description="the form's counts (1)–(5), by key")
    tambons: dict[str, list[str]] = Field(description="the tambon codes behind each count")
    labels_th: dict[str, str]
    components_th: dict[str, str]
    details: list[TambonPerformanceOut]


# ----- helpers ----------------------------------------------------------------------
def _given(body: Schema) -> dict[str, Any]:
    return body.model_dump(exclude_unset=True)


def _with_plan(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    """Swap ``plan_id`` for the plan, reached through the access module."""
    if "plan_id" in data:
        plan_id = data.pop("plan_id")
        data["plan"] = access_plan(caller(request), plan_id) if plan_id is not None else None
    return data


# ----- committees -------------------------------------------------------------------
@router.get("", response={200: list[CommitteeListOut], **ERRORS}, summary="List committees")
@paginate(Pages)
def committee_list(request: HttpRequest, filters: Query[CommitteeFilters]):  # noqa: ANN201
    visible = committee_access.committees_visible(caller(request))
    return committees_in(filters.scope, filters.kind or None, queryset=visible)


@router.post(
    "", response={201: CommitteeDetailOut, **ERRORS}, summary="Record an appointed committee"
)
def committee_create(request: HttpRequest, body: CommitteeIn) -> Status:
    area = Area.objects.filter(code=body.area_code.strip()).first()
    if area is None:
        raise NotFound("พื้นที่", "area")
    cycle = None
    if body.cycle is not None:
        cycle = PlanningCycle.objects.filter(pk=body.cycle).first()
        if cycle is None:
            raise NotFound("รอบการวางแผน", "planning cycle")
    committee = services.committee_appoint(
        actor=caller(request),
        kind=body.kind,
        area=area,
        order_number=body.order_number,
        order_date=body.order_date,
        cycle=cycle,
        name_th=body.name_th,
        note=body.note,
    )
    return Status(201, committee)


@router.get(
    "/{int:committee_id}",
    response={200: CommitteeDetailOut, **ERRORS},
    summary="One committee with its members and orders",
)
def committee_detail(request: HttpRequest, committee_id: int) -> Committee:
    return committee_access.access_committee(caller(request), committee_id)


@router.patch(
    "/{int:committee_id}",
    response={200: CommitteeDetailOut, **ERRORS},
    summary="Rename, annotate, or record a new/corrected appointment order",
)
def committee_patch(request: HttpRequest, committee_id: int, body: CommitteePatch) -> Committee:
    committee = committee_access.access_committee(caller(request), committee_id)
    return services.committee_update(actor=caller(request), committee=committee, data=_given(body))


# ----- members ----------------------------------------------------------------------
@router.get(
    "/{int:committee_id}/members",
    response={200: list[MemberOut], **ERRORS},
    summary="Members of a committee",
)
def member_list(request: HttpRequest, committee_id: int) -> list[CommitteeMember]:
    return list(committee_access.access_committee(caller(request), committee_id).members.all())


@router.post(
    "/{int:committee_id}/members",
    response={201: MemberOut, **ERRORS},
    summary="Add a member named in the order",
)
def member_create(request: HttpRequest, committee_id: int, body: MemberIn) -> Status:
    committee = committee_access.access_committee(caller(request), committee_id)
    member = services.member_add(actor=caller(request), committee=committee, **body.model_dump())
    return Status(201, member)


@router.delete(
    "/members/{int:member_id}", response={200: MessageOut, **ERRORS}, summary="Remove a member"
)
def member_delete(request: HttpRequest, member_id: int) -> MessageOut:
    member = committee_access.access_member(caller(request), member_id)
    services.member_remove(actor=caller(request), member=member)
    return MessageOut(message_th="ลบกรรมการแล้ว", message_en="member removed")


# ----- meetings ---------------------------------------------------------------------
@router.get("/meetings", response={200: list[MeetingOut], **ERRORS}, summary="List meetings")
@paginate(Pages)
def meeting_list(request: HttpRequest, filters: Query[MeetingFilters]):  # noqa: ANN201
    return meetings_in(
        filters.scope,
        committee_id=filters.committee,
        purpose=filters.purpose or None,
        queryset=committee_access.meetings_visible(caller(request)),
    )


@router.post(
    "/{int:committee_id}/meetings",
    response={201: MeetingOut, **ERRORS},
    summary="Record a meeting",
)
def meeting_create(request: HttpRequest, committee_id: int, body: MeetingIn) -> Status:
    committee = committee_access.access_committee(caller(request), committee_id)
    data = _with_plan(request, body.model_dump())
    return Status(
        201, services.meeting_record(actor=caller(request), committee=committee, data=data)
    )


@router.patch(
    "/meetings/{int:meeting_id}", response={200: MeetingOut, **ERRORS}, summary="Correct a meeting"
)
def meeting_patch(request: HttpRequest, meeting_id: int, body: MeetingPatch) -> Meeting:
    meeting = committee_access.access_meeting(caller(request), meeting_id)
    data = _with_plan(request, _given(body))
    return services.meeting_update(actor=caller(request), meeting=meeting, data=data)


# ----- community forums -------------------------------------------------------------
@router.get("/forums", response={200: list[ForumOut], **ERRORS}, summary="List community forums")
@paginate(Pages)
def forum_list(request: HttpRequest, filters: Query[ForumFilters]):  # noqa: ANN201
    return forums_in(
        filters.scope,
        plan_id=filters.plan,
        queryset=committee_access.forums_visible(caller(request)),
    )


@router.post(
    "/forums",
    response={201: ForumOut, **ERRORS},
    summary="Record a community forum (เวทีประชาคม) on a village plan",
)
def forum_create(request: HttpRequest, body: ForumIn) -> Status:
    data = body.model_dump()
    plan = access_plan(caller(request), data.pop("plan_id"))
    return Status(201, services.forum_record(actor=caller(request), plan=plan, data=data))


@router.patch(
    "/forums/{int:forum_id}", response={200: ForumOut, **ERRORS}, summary="Correct a forum"
)
def forum_patch(request: HttpRequest, forum_id: int, body: ForumPatch) -> CommunityForum:
    forum = committee_access.access_forum(caller(request), forum_id)
    return services.forum_update(actor=caller(request), forum=forum, data=_given(body))


# ----- the district performance report ----------------------------------------------
@router.get(
    "/performance",
    response={200: PerformanceOut, **ERRORS},
    summary="District performance report on tambon plans, counts (1)–(5)",
)
def performance(request: HttpRequest, filters: Query[PerformanceFilters]) -> PerformanceOut:
    district = filters.district.strip()
    if not committee_access.can_read_district_report(caller(request), district):
        raise NotFound("อำเภอ", "district")
    cycle = PlanningCycle.objects.filter(pk=filters.cycle).first()
    if cycle is None:
        raise NotFound("รอบการวางแผน", "planning cycle")
    targets = [code for code in filters.targets.split(",") if code.strip()] or None
    report = performance_counts(district, cycle, tambon_codes=targets)
    year = report.pop("reporting_year")
    return PerformanceOut(
        **report, reporting_year_start=year["start"], reporting_year_end=year["end"]
    )
