"""What was actually funded (the supply side): imported budget items and their match to demand.

PlanLink's measure of success is needs funded (docs/reference/PROCESS.md, "How success is measured").
A :class:`SupplyItem` is one funded item of a real file — a line of the budget act
(พ.ร.บ. งบประมาณรายจ่าย), an agency's notice of allocation (หนังสือแจ้งจัดสรร, docs/reference/PROCESS.md:
budget act + 30 days) or an LAO's budget ordinance (ข้อบัญญัติงบประมาณ). It is located from
its own text when it carries no area code, and matched, place first, to the recorded need it
answers; an officer confirms or rejects the match (issue 13). Supersedes
``consolidation.SupplyNotice`` (its rows were copied in by migration 0002).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Source(models.TextChoices):
    BUDGET_ACT = "budget-act", "พ.ร.บ. งบประมาณรายจ่ายประจำปี"
    AGENCY_NOTICE = "agency-notice", "หนังสือแจ้งจัดสรรงบประมาณของส่วนราชการ"
    LAO_ORDINANCE = "lao-ordinance", "ข้อบัญญัติ/เทศบัญญัติงบประมาณ อปท."


class LocationLevel(models.TextChoices):
    VILLAGE = "village", "หมู่บ้าน"
    TAMBON = "tambon", "ตำบล"
    DISTRICT = "district", "อำเภอ"
    PROVINCE = "province", "จังหวัด"
    NONE = "none", "ไม่ทราบพื้นที่"


class ItemState(models.TextChoices):
    UNMATCHED = "unmatched", "ได้รับงบโดยไม่มีคำขอที่บันทึกไว้"
    PROPOSED = "proposed", "เสนอจับคู่ รอยืนยัน"
    CONFIRMED = "confirmed", "ยืนยันแล้ว ตอบความต้องการที่บันทึกไว้"


class SupplyImport(models.Model):
    """One file imported (or the demo's simulated notices); ``content_hash`` names the file."""

    source = models.CharField(max_length=20, choices=Source.choices)
    cycle = models.ForeignKey("cycles.PlanningCycle", on_delete=models.CASCADE, related_name="+")
    file_name = models.CharField(max_length=255, blank=True)
    content_hash = models.CharField(max_length=64, db_index=True)
    encoding = models.CharField(max_length=20, blank=True)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    synthetic = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]


class SupplyItem(models.Model):
    """One funded item, where it is, and which recorded need (if any) it answers."""

    source = models.CharField(max_length=20, choices=Source.choices)
    key = models.CharField(
        max_length=120, help_text="ref:<the source's own id>, or hash:<content hash of the row>"
    )
    ref = models.CharField(max_length=120, blank=True, help_text="the source's own id, as is")
    batch = models.ForeignKey(
        SupplyImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )
    row_number = models.PositiveIntegerField(null=True, blank=True)
    cycle = models.ForeignKey("cycles.PlanningCycle", on_delete=models.CASCADE, related_name="+")
    title = models.TextField(max_length=4000)
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    agency = models.ForeignKey(
        "areas.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="supply_items"
    )
    lao = models.ForeignKey(
        "areas.LocalGovernment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supply_items",
    )
    unit_name = models.CharField(max_length=250, blank=True, help_text="หน่วยรับงบประมาณ as written")
    ministry = models.CharField(max_length=250, blank=True)
    project_name = models.CharField(max_length=500, blank=True)
    output_name = models.CharField(max_length=500, blank=True)
    budget_plan = models.CharField(max_length=500, blank=True)
    # Where: the code given (or mapped through the crosswalk), else read from the text.
    area_code = models.CharField(max_length=8, blank=True, db_index=True)
    province_code = models.CharField(max_length=2, blank=True)
    location_level = models.CharField(
        max_length=10, choices=LocationLevel.choices, default=LocationLevel.NONE
    )
    location_text = models.CharField(max_length=500, blank=True)
    location_via = models.CharField(max_length=12, blank=True)
    location_notes = models.CharField(max_length=500, blank=True)
    # The match to demand (place first), proposed by the matcher, decided by an officer.
    state = models.CharField(max_length=10, choices=ItemState.choices, default=ItemState.UNMATCHED)
    matched_project = models.ForeignKey(
        "plans.Project", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    matched_component = models.ForeignKey(
        "plans.ProjectComponent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="only this place of a grouped project (issue 12)",
    )
    match_score = models.FloatField(null=True, blank=True)
    match_reason = models.CharField(max_length=1000, blank=True)
    rejected_projects = models.JSONField(
        default=list, blank=True, help_text="needs an officer said this item does not answer"
    )
    # What a confirmation wrote (so the funding is traceable to the item that caused it).
    funded_referral = models.ForeignKey(
        "referrals.Referral", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    funding_request = models.ForeignKey(
        "referrals.FundingRequest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["source", "key"], name="supply_item_unique_key"),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="supply_amount_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["cycle", "province_code", "state"], name="supply_cycle_province"),
        ]

    def __str__(self) -> str:
        return f"{self.ref or self.pk} {self.title[:60]}"

    @property
    def funder_name(self) -> str:
        if self.agency is not None:
            return self.agency.name_th
        if self.lao is not None:
            return self.lao.full_name_th
        return self.unit_name


class ImportedAgency(models.Model):
    """A budgetary unit first seen in an imported file, added to the registry for review.

    Never refused (34 of 77 real items came from units outside the seed registry); an
    administrator reviews the name, code and ministry in the admin.
    """

    agency = models.OneToOneField(
        "areas.Agency", on_delete=models.CASCADE, related_name="imported_for_review"
    )
    written_as = models.CharField(max_length=250)
    first_import = models.ForeignKey(
        SupplyImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
