"""Writes on committees, members, meetings and community forums.

Each service runs in one transaction, checks the actor's right to manage the body
(:mod:`planlink.accounts.access`), validates its input, and writes an audit row
(:func:`planlink.audit.services.audit_record`). A refused write raises a
:class:`~planlink.core.errors.DomainError` and leaves the database unchanged.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from planlink.accounts.access import require_committee_manager, require_forum_recorder
from planlink.areas.models import Area
from planlink.audit.services import audit_record, diff
from planlink.committees.models import (
    KIND_LEVEL,
    AppointmentOrder,
    Committee,
    CommitteeKind,
    CommitteeMember,
    CommunityForum,
    Meeting,
    MeetingPurpose,
    OrderKind,
    Position,
)
from planlink.core.errors import DomainError
from planlink.core.types import acting_user
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Plan, PlanKind

if TYPE_CHECKING:
    from planlink.core.types import Actor, User

MAX_NOTE = 5000
MAX_COUNT = 1_000_000


# ----- input cleaning ---------------------------------------------------------------
def clean_text(
    value: Any, limit: int, field_th: str, field_en: str, *, required: bool = False
) -> str:
    text = ("" if value is None else str(value)).strip()
    if required and not text:
        raise DomainError(f"ต้องระบุ{field_th}", f"{field_en} is required")
    if len(text) > limit:
        raise DomainError(
            f"{field_th}ยาวเกิน {limit:,} ตัวอักษร", f"{field_en} is longer than {limit:,} characters"
        )
    return text


def clean_count(value: Any, field_th: str, field_en: str) -> int:
    if value is None or value == "" or isinstance(value, bool):
        raise DomainError(f"ต้องระบุ{field_th}", f"{field_en} is required")
    try:
        number = int(str(value).strip())
    except ValueError as error:
        raise DomainError(
            f"{field_th}ต้องเป็นจำนวนเต็ม", f"{field_en} must be a whole number"
        ) from error
    if number < 0:
        raise DomainError(f"{field_th}ต้องไม่ติดลบ", f"{field_en} must not be negative")
    if number > MAX_COUNT:
        raise DomainError(f"{field_th}มากเกินไป", f"{field_en} is too large")
    return number


def clean_past_date(value: Any, field_th: str, field_en: str) -> dt.date:
    """A date (``date`` or ISO text, A.D.) that is not in the future."""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value.strip())
        except ValueError as error:
            raise DomainError(
                f"{field_th}ต้องอยู่ในรูปแบบ ปปปป-ดด-วว (ค.ศ.)", f"{field_en} must be YYYY-MM-DD"
            ) from error
    if not isinstance(value, dt.date):
        raise DomainError(f"ต้องระบุ{field_th}", f"{field_en} is required")
    if value > timezone.localdate():
        hint = " (ปีที่กรอกดูเหมือนเป็น พ.ศ. โปรดกรอกเป็น ค.ศ.)" if value.year > 2400 else ""
        raise DomainError(
            f"{field_th}ต้องไม่เป็นวันในอนาคต{hint}", f"{field_en} must not be in the future"
        )
    if value.year < 1957:
        raise DomainError(f"{field_th}เก่าเกินไป", f"{field_en} is too far in the past")
    return value


def _choice(value: Any, choices: type[models.TextChoices], field_th: str, field_en: str) -> str:
    if value not in choices.values:
        raise DomainError(f"ไม่รู้จัก{field_th} '{value}'", f"unknown {field_en} '{value}'")
    return str(value)


def _only_fields(data: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise DomainError(
            f"แก้ไขช่อง {', '.join(unknown)} ไม่ได้", f"field(s) {', '.join(unknown)} cannot be changed"
        )


def _user(actor: Actor) -> User | None:
    return acting_user(actor)


# ----- committees -------------------------------------------------------------------
def committee_default_name(kind: str, area: Area) -> str:
    return f"{CommitteeKind(kind).label} {area.display_name}"


@transaction.atomic
def committee_appoint(
    *,
    actor: Actor,
    kind: str,
    area: Area,
    order_number: str,
    order_date: Any,
    cycle: PlanningCycle | None = None,
    name_th: str = "",
    note: str = "",
    synthetic: bool = False,
) -> Committee:
    """Record a committee and the order that appointed it (คำสั่งแต่งตั้ง)."""
    kind = _choice(kind, CommitteeKind, "ประเภทคณะกรรมการ", "committee kind")
    if area.level != KIND_LEVEL[kind]:
        raise DomainError(
            f"{CommitteeKind(kind).label} ต้องเป็นของพื้นที่ระดับ{Area.Level(KIND_LEVEL[kind]).label}",
            f"a {kind} serves a {KIND_LEVEL[kind]}, not a {area.level}",
        )
    require_committee_manager(actor, kind=kind, area_code=area.code)
    number = clean_text(order_number, 100, "เลขที่คำสั่ง", "order number", required=True)
    date = clean_past_date(order_date, "วันที่ของคำสั่ง", "order date")
    committee = Committee(
        kind=kind,
        area=area,
        area_level=area.level,
        scope_code=area.code,
        cycle=cycle,
        name_th=clean_text(name_th, 300, "ชื่อคณะกรรมการ", "name")
        or committee_default_name(kind, area),
        order_number=number,
        order_date=date,
        note=clean_text(note, 2000, "หมายเหตุ", "note"),
        synthetic=synthetic,
        created_by=_user(actor),
    )
    try:
        with transaction.atomic():
            committee.save()
    except IntegrityError as error:
        existing = Committee.objects.filter(kind=kind, area=area, cycle=cycle).first()
        raise DomainError(
            f"{area.display_name} มี{CommitteeKind(kind).label}อยู่แล้ว"
            + (f" (รายการที่ {existing.pk}) โปรดปรับปรุงคำสั่งแทน" if existing else ""),
            "this area already has this committee; update its order instead",
        ) from error
    AppointmentOrder.objects.create(
        committee=committee, kind=OrderKind.APPOINT, number=number, date=date
    )
    audit_record(
        actor=actor,
        action="committee.appoint",
        obj=committee,
        scope_code=committee.scope_code,
        changes={"kind": kind, "order_number": ["", number], "order_date": ["", date]},
    )
    return committee


COMMITTEE_UPDATABLE = {"name_th", "order_number", "order_date", "note"}


@transaction.atomic
def committee_update(*, actor: Actor, committee: Committee, data: dict[str, Any]) -> Committee:
    """Change the name or note, or record a new order (ปรับปรุงคำสั่ง) with a new number.

    The same number with another date corrects the current order; a new number is a new
    order, kept in the committee's order history, and may not predate the current one.
    """
    _only_fields(data, COMMITTEE_UPDATABLE)
    require_committee_manager(actor, kind=committee.kind, area_code=committee.scope_code)
    committee = Committee.objects.select_for_update().get(pk=committee.pk)
    values: dict[str, Any] = {}
    if "name_th" in data:
        values["name_th"] = clean_text(data["name_th"], 300, "ชื่อคณะกรรมการ", "name", required=True)
    if "note" in data:
        values["note"] = clean_text(data["note"], 2000, "หมายเหตุ", "note")
    if "order_number" in data:
        values["order_number"] = clean_text(
            data["order_number"], 100, "เลขที่คำสั่ง", "order number", required=True
        )
    if "order_date" in data:
        values["order_date"] = clean_past_date(data["order_date"], "วันที่ของคำสั่ง", "order date")
    changes = diff(committee, values)
    number = values.get("order_number", committee.order_number)
    date = values.get("order_date", committee.order_date)
    if number != committee.order_number:
        if date < committee.order_date:
            raise DomainError(
                "คำสั่งใหม่ต้องลงวันที่ไม่ก่อนคำสั่งปัจจุบัน",
                "a new order may not be dated before the current one",
            )
        try:
            with transaction.atomic():
                AppointmentOrder.objects.create(
                    committee=committee, kind=OrderKind.UPDATE, number=number, date=date
                )
        except IntegrityError as error:
            raise DomainError(
                f"คำสั่งที่ {number} บันทึกไว้แล้ว", f"order {number} is already recorded"
            ) from error
    elif date != committee.order_date:
        AppointmentOrder.objects.filter(committee=committee, number=number).update(date=date)
    if not changes:
        return committee
    for name, value in values.items():
        setattr(committee, name, value)
    committee.save()
    audit_record(
        actor=actor,
        action="committee.update",
        obj=committee,
        scope_code=committee.scope_code,
        changes=changes,
    )
    return committee


# ----- members ----------------------------------------------------------------------
@transaction.atomic
def member_add(
    *,
    actor: Actor,
    committee: Committee,
    full_name: str,
    position: str,
    organisation: str = "",
) -> CommitteeMember:
    require_committee_manager(actor, kind=committee.kind, area_code=committee.scope_code)
    name = clean_text(full_name, 200, "ชื่อ-สกุล", "full name", required=True)
    position = _choice(position, Position, "ตำแหน่งในคณะกรรมการ", "position")
    member = CommitteeMember(
        committee=committee,
        full_name=" ".join(name.split()),
        position=position,
        organisation=clean_text(organisation, 250, "ตำแหน่ง/หน่วยงาน", "organisation"),
    )
    try:
        with transaction.atomic():
            member.save()
    except IntegrityError as error:
        if CommitteeMember.objects.filter(committee=committee, full_name=member.full_name).exists():
            raise DomainError(
                f"{member.full_name} เป็นกรรมการในคณะนี้อยู่แล้ว",
                "this person already sits on the committee",
            ) from error
        raise DomainError(
            f"คณะกรรมการนี้มี{Position(position).label}อยู่แล้ว",
            f"the committee already has a {position}",
        ) from error
    audit_record(
        actor=actor,
        action="committee.member_add",
        obj=committee,
        scope_code=committee.scope_code,
        changes={"member": ["", f"{member.full_name} ({Position(position).label})"]},
    )
    return member


@transaction.atomic
def member_remove(*, actor: Actor, member: CommitteeMember) -> None:
    committee = member.committee
    require_committee_manager(actor, kind=committee.kind, area_code=committee.scope_code)
    audit_record(
        actor=actor,
        action="committee.member_remove",
        obj=committee,
        scope_code=committee.scope_code,
        changes={"member": [f"{member.full_name} ({member.get_position_display()})", ""]},
    )
    member.delete()


# ----- meetings ---------------------------------------------------------------------
def _check_meeting_plan(committee: Committee, plan: Plan | None) -> None:
    if plan is not None and not plan.scope_code.startswith(committee.scope_code):
        raise DomainError(
            "แผนที่ประชุมต้องอยู่ในพื้นที่ของคณะกรรมการ",
            "the meeting's plan must lie in the committee's area",
        )


def clean_meeting(committee: Committee, data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "held_on" in data or not partial:
        held_on = clean_past_date(data.get("held_on"), "วันที่ประชุม", "meeting date")
        first_order = committee.orders.order_by("date").values_list("date", flat=True).first()
        if first_order and held_on < first_order:
            raise DomainError(
                "วันที่ประชุมอยู่ก่อนวันที่แต่งตั้งคณะกรรมการ",
                "the meeting is dated before the committee was appointed",
            )
        values["held_on"] = held_on
    if "purpose" in data or not partial:
        values["purpose"] = _choice(
            data.get("purpose"), MeetingPurpose, "วัตถุประสงค์การประชุม", "purpose"
        )
    if "attendance" in data or not partial:
        values["attendance"] = clean_count(data.get("attendance"), "จำนวนผู้เข้าประชุม", "attendance")
    if "minutes_note" in data:
        values["minutes_note"] = clean_text(
            data["minutes_note"], MAX_NOTE, "สรุปรายงานการประชุม", "minutes"
        )
    if "plan" in data:
        _check_meeting_plan(committee, data["plan"])
        values["plan"] = data["plan"]
    return values


MEETING_FIELDS = {"held_on", "purpose", "attendance", "minutes_note", "plan"}


@transaction.atomic
def meeting_record(*, actor: Actor, committee: Committee, data: dict[str, Any]) -> Meeting:
    """Record a meeting. ``data``: held_on, purpose, attendance, minutes_note, plan (a Plan)."""
    _only_fields(data, MEETING_FIELDS)
    require_committee_manager(actor, kind=committee.kind, area_code=committee.scope_code)
    values = clean_meeting(committee, data, partial=False)
    meeting = Meeting.objects.create(
        committee=committee, scope_code=committee.scope_code, created_by=_user(actor), **values
    )
    audit_record(
        actor=actor,
        action="meeting.record",
        obj=meeting,
        scope_code=meeting.scope_code,
        changes={name: ["", value] for name, value in values.items()},
    )
    return meeting


@transaction.atomic
def meeting_update(*, actor: Actor, meeting: Meeting, data: dict[str, Any]) -> Meeting:
    _only_fields(data, MEETING_FIELDS)
    committee = meeting.committee
    require_committee_manager(actor, kind=committee.kind, area_code=committee.scope_code)
    values = clean_meeting(committee, data, partial=True)
    changes = diff(meeting, values)
    if not changes:
        return meeting
    for name, value in values.items():
        setattr(meeting, name, value)
    meeting.save()
    audit_record(
        actor=actor,
        action="meeting.update",
        obj=meeting,
        scope_code=meeting.scope_code,
        changes=changes,
    )
    return meeting


# ----- community forums (เวทีประชาคม) --------------------------------------------------
def clean_forum(
    data: dict[str, Any], *, partial: bool, current: CommunityForum | None = None
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    if "held_on" in data or not partial:
        values["held_on"] = clean_past_date(data.get("held_on"), "วันที่จัดเวที", "forum date")
    if "participants" in data or not partial:
        values["participants"] = clean_count(
            data.get("participants"), "จำนวนผู้เข้าร่วม", "participants"
        )
    if "households" in data or not partial:
        values["households"] = clean_count(
            data.get("households"), "จำนวนครัวเรือน", "households represented"
        )
    if "facilitator" in data or not partial:
        values["facilitator"] = clean_text(
            data.get("facilitator"), 250, "วิทยากรกระบวนการ", "facilitator", required=True
        )
    if "note" in data:
        values["note"] = clean_text(data["note"], MAX_NOTE, "หมายเหตุ", "note")
    participants = values.get("participants", current.participants if current else 0)
    households = values.get("households", current.households if current else 0)
    if households > participants:
        raise DomainError(
            f"ครัวเรือนที่มีผู้แทน ({households:,}) มากกว่าผู้เข้าร่วม ({participants:,}) ไม่ได้",
            "households represented cannot exceed participants",
        )
    return values


FORUM_FIELDS = {"held_on", "participants", "households", "facilitator", "note"}


@transaction.atomic
def forum_record(*, actor: Actor, plan: Plan, data: dict[str, Any]) -> CommunityForum:
    """Record a เวทีประชาคม on a village plan (data: held_on, participants, households,
    facilitator, note)."""
    _only_fields(data, FORUM_FIELDS)
    village_code = plan.owner_area_id
    if plan.kind != PlanKind.VILLAGE or village_code is None:
        raise DomainError(
            "เวทีประชาคมบันทึกได้เฉพาะแผนชุมชน/แผนพัฒนาหมู่บ้าน",
            "community forums are recorded on village plans only",
        )
    require_forum_recorder(actor, plan)
    values = clean_forum(data, partial=False)
    forum = CommunityForum.objects.create(
        plan=plan,
        village_id=village_code,
        scope_code=village_code,
        created_by=_user(actor),
        **values,
    )
    audit_record(
        actor=actor,
        action="forum.record",
        obj=forum,
        scope_code=forum.scope_code,
        changes={name: ["", value] for name, value in values.items()},
    )
    return forum


@transaction.atomic
def forum_update(*, actor: Actor, forum: CommunityForum, data: dict[str, Any]) -> CommunityForum:
    _only_fields(data, FORUM_FIELDS)
    require_forum_recorder(actor, forum.plan)
    values = clean_forum(data, partial=True, current=forum)
    changes = diff(forum, values)
    if not changes:
        return forum
    for name, value in values.items():
        setattr(forum, name, value)
    forum.save()
    audit_record(
        actor=actor, action="forum.update", obj=forum, scope_code=forum.scope_code, changes=changes
    )
    return forum
