"""Reading the audit trail (บันทึกการเปลี่ยนแปลง): the auditor's filters and counts.

The caller narrows the trail to what the reader may see first
(``planlink.accounts.access.audit_scope_q`` or ``access_audit_object``); these selectors
only filter what they are given, so the web page and any other reader apply one rule.
Dates are Gregorian in the database and B.E. where people type them: ``parse_be_date``
reads ``1/12/2569`` (พ.ศ.), ``๑/๑๒/๒๕๖๙`` and ``2026-12-01``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Substr
from django.utils import timezone

from planlink.areas.models import prefix_range
from planlink.audit.models import AuditEntry
from planlink.core.errors import DomainError
from planlink.core.thai import to_arabic_digits

# The kinds of object the services record (``obj._meta.label_lower``), Thai first.
OBJECT_KINDS: dict[str, str] = {
    "plans.plan": "แผน",
    "plans.project": "โครงการ",
    "referrals.referral": "การส่งต่อโครงการ",
    "referrals.fundingrequest": "คำขอรับงบประมาณ",
    "plans.strategy": "ยุทธศาสตร์",
    "plans.issue": "ประเด็นการพัฒนา",
    "committees.committee": "คณะกรรมการ",
    "committees.meeting": "การประชุม",
    "committees.communityforum": "เวทีประชาคม",
    "cycles.planningcycle": "รอบการวางแผน",
    "cycles.milestone": "ขั้นตอนในปฏิทิน",
    "supply.supplyitem": "รายการงบประมาณที่ได้รับจัดสรร",
    "supply.supplyimport": "การนำเข้างบประมาณที่ได้รับจัดสรร",
    "evidence.indicatorset": "ชุดตัวชี้วัด",
    "evidence.surveyimport": "การนำเข้าข้อมูลสำรวจ",
    "accounts.apitoken": "โทเค็น API",
}

AREA_CODE = re.compile(r"^\d{2,8}$")
_DATE_BE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
BE_OFFSET = 543


@dataclass(frozen=True)
class TrailFilters:
    """What the auditor asked for; empty fields filter nothing."""

    area: str = ""
    person: str = ""
    object_type: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def __post_init__(self) -> None:
        if self.area and not AREA_CODE.match(self.area):
            raise DomainError(
                "รหัสพื้นที่ต้องเป็นตัวเลข 2–8 หลัก (รหัสกรมการปกครอง เช่น 24 หรือ 2401)",
                "the area code is 2–8 digits (a DOPA code such as 24 or 2401)",
            )
        if self.object_type and self.object_type not in OBJECT_KINDS:
            raise DomainError("ไม่รู้จักประเภทรายการนี้", f"unknown object kind '{self.object_type}'")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise DomainError(
                "วันเริ่มต้องไม่หลังวันสิ้นสุด", "the first date must not be after the last date"
            )

    @property
    def empty(self) -> bool:
        return not (self.area or self.person or self.object_type or self.date_from or self.date_to)


def parse_be_date(text: str, field_th: str = "วันที่", field_en: str = "date") -> dt.date | None:
    """A date typed in B.E. (``1/12/2569``, Thai digits too) or ISO; ``None`` when blank.

    A year of 2400 or more is Buddhist Era (พ.ศ.) and converted to the Gregorian year stored.
    """
    value = to_arabic_digits((text or "").strip())
    if not value:
        return None
    match = _DATE_BE.match(value)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = _DATE_ISO.match(value)
        if not match:
            raise DomainError(
                f"{field_th}ต้องอยู่ในรูป วัน/เดือน/ปี พ.ศ. เช่น 1/12/2569",
                f"the {field_en} must be day/month/year (B.E.), e.g. 1/12/2569",
            )
        year, month, day = (int(part) for part in match.groups())
    if year >= 2400:
        year -= BE_OFFSET
    try:
        return dt.date(year, month, day)
    except ValueError as error:
        raise DomainError(f"ไม่มี{field_th}นี้ในปฏิทิน", f"no such {field_en}") from error


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def filter_trail(entries: QuerySet[AuditEntry], filters: TrailFilters) -> QuerySet[AuditEntry]:
    """``entries`` narrowed by area (DOPA prefix of the scope), person, kind and dates.

    The person matches the sign-in name kept with the entry or the user's first or last
    name; dates are whole days in the site's time zone, both ends included.
    """
    if filters.area:
        entries = entries.filter(prefix_range("scope_code", filters.area))
    if filters.person:
        person = filters.person.strip()
        entries = entries.filter(
            Q(actor_label__icontains=person)
            | Q(actor__first_name__icontains=person)
            | Q(actor__last_name__icontains=person)
        )
    if filters.object_type:
        entries = entries.filter(object_type=filters.object_type)
    if filters.date_from:
        entries = entries.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to:
        entries = entries.filter(at__lt=_day_start(filters.date_to + dt.timedelta(days=1)))
    return entries.order_by("-at", "-id")


def object_trail(object_type: str, object_id: str) -> QuerySet[AuditEntry]:
    """One object's history, newest first (the caller checked ``access_audit_object``)."""
    return AuditEntry.objects.filter(object_type=object_type, object_id=str(object_id)).order_by(
        "-at", "-id"
    )


@dataclass(frozen=True)
class TrailSummary:
    today: int
    week: int
    busiest_provinces: list[tuple[str, int]]


def trail_summary(entries: QuerySet[AuditEntry], *, now: dt.datetime | None = None) -> TrailSummary:
    """Changes today and in the last seven days, and the provinces that changed most this week."""
    now = now or timezone.now()
    today_start = _day_start(timezone.localtime(now).date())
    week = entries.filter(at__gte=today_start - dt.timedelta(days=6))
    busiest = (
        week.exclude(scope_code="")
        .annotate(province=Substr("scope_code", 1, 2))
        .values("province")
        .annotate(changes=Count("id"))
        .order_by("-changes", "province")[:10]
    )
    return TrailSummary(
        today=entries.filter(at__gte=today_start).count(),
        week=week.count(),
        busiest_provinces=[(row["province"], row["changes"]) for row in busiest],
    )
