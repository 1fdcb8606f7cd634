"""Committees (คณะกรรมการ), their appointment orders, members and meetings, and
community forums (เวทีประชาคม) on village plans.

The bodies and what each one does come from the circulars in ``docs/reference/seeds/``:

* คณะกรรมการหมู่บ้าน (กม.) is the main mechanism of the village plan (docs/reference/seeds/003, 2558;
  docs/reference/seeds/002, 2560);
* ศอช.ต. merges village plans into the tambon plan (docs/reference/seeds/000, docs/reference/seeds/002);
* ก.บ.ต. — คณะกรรมการบริหารงานตำบลแบบบูรณาการ — created by the 2562 regulation on
  district and tambon plans; its appointment order must be kept current and it meets
  to make the tambon plan (docs/reference/seeds/001, CDD guideline for B.E. 2566);
* กบอ. — คณะกรรมการบริหารงานอำเภอ — makes the district development plan (docs/reference/seeds/003);
* ก.บ.จ. — คณะกรรมการบริหารงานจังหวัดแบบบูรณาการ (docs/reference/seeds/000, docs/reference/seeds/004);
* ก.บ.ก. — คณะกรรมการบริหารงานกลุ่มจังหวัดแบบบูรณาการ — makes the provincial cluster's plans
  (issue 17); recorded at the cluster's lead province;
* the district and provincial local-plan coordination committees
  (คณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับอำเภอ/จังหวัด) pass projects beyond the LAOs'
  capacity upward to the อบจ. (docs/reference/seeds/003, docs/reference/seeds/004).

Database constraints carry the invariants: the kind of committee matches the level of
the area it serves, counts are never negative, one chair and one secretary per committee.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from planlink.areas.models import Area


class CommitteeKind(models.TextChoices):
    VILLAGE_COMMITTEE = "village_committee", "คณะกรรมการหมู่บ้าน (กม.)"
    TAMBON_CENTRE = "tambon_centre", "ศูนย์ประสานงานองค์การชุมชนระดับตำบล (ศอช.ต.)"
    TAMBON_INTEGRATION = "tambon_integration", "คณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.)"
    DISTRICT_BOARD = "district_board", "คณะกรรมการบริหารงานอำเภอ (กบอ.)"
    PROVINCIAL_BOARD = "provincial_board", "คณะกรรมการบริหารงานจังหวัดแบบบูรณาการ (ก.บ.จ.)"
    DISTRICT_LAO_COORDINATION = (
        "district_lao_coordination",
        "คณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับอำเภอ",
    )
    PROVINCIAL_LAO_COORDINATION = (
        "provincial_lao_coordination",
        "คณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับจังหวัด",
    )
    # The cluster's committee sits at its lead province, whose office is the cluster's
    # secretariat (issue 17; พ.ร.ฎ. ว่าด้วยการบริหารงานจังหวัดและกลุ่มจังหวัดแบบบูรณาการ พ.ศ. ๒๕๕๑,
    # docs/reference/seeds/004).
    CLUSTER_BOARD = "cluster_board", "คณะกรรมการบริหารงานกลุ่มจังหวัดแบบบูรณาการ (ก.บ.ก.)"


# The level of the area each kind of committee serves.
KIND_LEVEL: dict[str, str] = {
    CommitteeKind.VILLAGE_COMMITTEE: Area.Level.VILLAGE,
    CommitteeKind.TAMBON_CENTRE: Area.Level.TAMBON,
    CommitteeKind.TAMBON_INTEGRATION: Area.Level.TAMBON,
    CommitteeKind.DISTRICT_BOARD: Area.Level.DISTRICT,
    CommitteeKind.DISTRICT_LAO_COORDINATION: Area.Level.DISTRICT,
    CommitteeKind.PROVINCIAL_BOARD: Area.Level.PROVINCE,
    CommitteeKind.PROVINCIAL_LAO_COORDINATION: Area.Level.PROVINCE,
    CommitteeKind.CLUSTER_BOARD: Area.Level.PROVINCE,
}

_CODE_PATTERN = {
    Area.Level.VILLAGE: r"^[0-9]{8}$",
    Area.Level.TAMBON: r"^[0-9]{6}$",
    Area.Level.DISTRICT: r"^[0-9]{4}$",
    Area.Level.PROVINCE: r"^[0-9]{2}$",
}


def _kind_matches_level() -> Q:
    condition = Q(pk__in=[])
    for level in _CODE_PATTERN:
        kinds = [kind for kind, kind_level in KIND_LEVEL.items() if kind_level == level]
        condition |= Q(kind__in=kinds, area_level=level)
    return condition


def _code_matches_level() -> Q:
    condition = Q(pk__in=[])
    for level, pattern in _CODE_PATTERN.items():
        condition |= Q(area_level=level, scope_code__regex=pattern)
    return condition


class Committee(models.Model):
    """One committee serving one area, appointed by an order (คำสั่งแต่งตั้ง).

    A standing committee has no cycle; a committee appointed for one planning cycle
    only carries that cycle. ``order_number``/``order_date`` are the current order;
    every appointment and update is kept in :class:`AppointmentOrder`.
    ``area_level`` and ``scope_code`` copy the area's level and code so that the
    database itself can check the kind against the level.
    """

    kind = models.CharField(max_length=40, choices=CommitteeKind.choices, db_index=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="committees")
    area_level = models.CharField(max_length=10, choices=Area.Level.choices)
    scope_code = models.CharField(max_length=8, db_index=True)
    cycle = models.ForeignKey(
        "cycles.PlanningCycle",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="committees",
        help_text="set only for a committee appointed for one planning cycle",
    )
    name_th = models.CharField(max_length=300)
    order_number = models.CharField(max_length=100, help_text="เลขที่คำสั่งแต่งตั้ง e.g. 123/2568")
    order_date = models.DateField(help_text="วันที่ลงนามในคำสั่ง")
    note = models.TextField(blank=True, max_length=2000)
    synthetic = models.BooleanField(default=False, help_text="ข้อมูลสังเคราะห์ (demo)")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scope_code", "kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=_kind_matches_level(), name="committee_kind_matches_area_level"
            ),
            models.CheckConstraint(
                condition=Q(scope_code=F("area_id")), name="committee_scope_is_its_area"
            ),
            models.CheckConstraint(
                condition=_code_matches_level(), name="committee_area_code_matches_level"
            ),
            models.CheckConstraint(
                condition=~Q(order_number=""), name="committee_has_an_order_number"
            ),
            models.UniqueConstraint(
                fields=["kind", "area"],
                condition=Q(cycle__isnull=True),
                name="one_standing_committee_per_kind_and_area",
            ),
            models.UniqueConstraint(
                fields=["kind", "area", "cycle"],
                condition=Q(cycle__isnull=False),
                name="one_cycle_committee_per_kind_and_area",
            ),
        ]

    def __str__(self) -> str:
        return self.name_th


class OrderKind(models.TextChoices):
    APPOINT = "appoint", "แต่งตั้ง"
    UPDATE = "update", "ปรับปรุงคำสั่ง"


class AppointmentOrder(models.Model):
    """An order that appointed the committee or updated it (ทบทวนคำสั่งแต่งตั้งให้เป็นปัจจุบัน).

    The district performance report counts tambons that "appointed or updated" their
    ก.บ.ต. in the year (docs/reference/seeds/001, แบบรายงานผลการดำเนินงาน ข้อ ๑(๑)); keeping every order
    lets a later update leave earlier years' counts unchanged.
    """

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="orders")
    kind = models.CharField(max_length=10, choices=OrderKind.choices)
    number = models.CharField(max_length=100)
    date = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["committee", "date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "number"], name="unique_order_number_per_committee"
            ),
            models.CheckConstraint(condition=~Q(number=""), name="order_has_a_number"),
        ]

    def __str__(self) -> str:
        return f"คำสั่งที่ {self.number}"


class Position(models.TextChoices):
    CHAIR = "chair", "ประธาน"
    VICE_CHAIR = "vice_chair", "รองประธาน"
    MEMBER = "member", "กรรมการ"
    SECRETARY = "secretary", "กรรมการและเลขานุการ"
    ASSISTANT_SECRETARY = "assistant_secretary", "กรรมการและผู้ช่วยเลขานุการ"


class CommitteeMember(models.Model):
    """A person named in the order: name, position in the committee, and organisation."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="members")
    full_name = models.CharField(max_length=200, help_text="e.g. นายสมชาย ใจดี")
    position = models.CharField(max_length=20, choices=Position.choices)
    organisation = models.CharField(
        max_length=250, blank=True, help_text="ตำแหน่ง/หน่วยงาน e.g. ผู้ใหญ่บ้าน หมู่ที่ 1"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["committee", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "full_name"], name="a_person_sits_once_per_committee"
            ),
            models.UniqueConstraint(
                fields=["committee"], condition=Q(position="chair"), name="one_chair_per_committee"
            ),
            models.UniqueConstraint(
                fields=["committee"],
                condition=Q(position="secretary"),
                name="one_secretary_per_committee",
            ),
            models.CheckConstraint(
                condition=Q(position__in=[choice.value for choice in Position]),
                name="member_position_is_known",
            ),
            models.CheckConstraint(condition=~Q(full_name=""), name="member_has_a_name"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.get_position_display()})"


class MeetingPurpose(models.TextChoices):
    MAKE_PLAN = "make_plan", "ประชุมจัดทำแผน"
    REVIEW = "review", "ประชุมทบทวนแผน"
    CONSIDER_PROJECTS = "consider_projects", "ประชุมพิจารณากลั่นกรองโครงการ"
    EVALUATE = "evaluate", "ประชุมติดตามประเมินผลแผน"
    OTHER = "other", "อื่น ๆ"


class Meeting(models.Model):
    """A meeting of a committee: date, purpose, attendance, minutes; optionally about a plan."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="meetings")
    scope_code = models.CharField(max_length=8, db_index=True, help_text="the committee's area")
    held_on = models.DateField()
    purpose = models.CharField(max_length=20, choices=MeetingPurpose.choices)
    attendance = models.IntegerField(help_text="ผู้เข้าประชุม (คน)")
    minutes_note = models.TextField(blank=True, max_length=5000, help_text="สรุปรายงานการประชุม")
    plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["committee", "held_on", "id"]
        indexes = [models.Index(fields=["committee", "purpose"], name="meeting_committee_purpose")]
        constraints = [
            models.CheckConstraint(
                condition=Q(attendance__gte=0), name="meeting_attendance_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(purpose__in=[choice.value for choice in MeetingPurpose]),
                name="meeting_purpose_is_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.held_on:%Y-%m-%d}"


class CommunityForum(models.Model):
    """เวทีประชาคม on a village plan: when, how many people, how many households, who led it."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.PROTECT, related_name="forums")
    village = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="forums")
    scope_code = models.CharField(max_length=8, db_index=True)
    held_on = models.DateField()
    participants = models.IntegerField(help_text="ผู้เข้าร่วม (คน)")
    households = models.IntegerField(help_text="ครัวเรือนที่มีผู้แทนเข้าร่วม")
    facilitator = models.CharField(max_length=250, help_text="วิทยากรกระบวนการ")
    note = models.TextField(blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scope_code", "held_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(participants__gte=0), name="forum_participants_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(households__gte=0) & Q(households__lte=F("participants")),
                name="forum_households_within_participants",
            ),
            models.CheckConstraint(
                condition=Q(scope_code=F("village_id")) & Q(scope_code__regex=r"^[0-9]{8}$"),
                name="forum_is_held_in_a_village",
            ),
        ]

    def __str__(self) -> str:
        return f"เวทีประชาคม {self.held_on:%Y-%m-%d}"
