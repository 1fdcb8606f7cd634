"""Engine bookkeeping: runs of each step, and agencies' supply-side notices.

The engine's proposals themselves are ordinary domain rows (projects with an
``engine_key``, pending referrals with a ``proposed_result_project``), so the
same screens, API and documents show them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StepLevel(models.TextChoices):
    TAMBON = "tambon", "ตำบล"
    DISTRICT = "district", "อำเภอ"
    PROVINCE = "province", "จังหวัด"


class ConsolidationRun(models.Model):
    """One run of a step over an area; ``units_done`` makes a killed run resumable."""

    class State(models.TextChoices):
        RUNNING = "running", "กำลังทำงาน"
        DONE = "done", "เสร็จแล้ว"
        FAILED = "failed", "ล้มเหลว"

    level = models.CharField(max_length=10, choices=StepLevel.choices)
    area_code = models.CharField(max_length=8, db_index=True)
    cycle = models.ForeignKey("cycles.PlanningCycle", on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.RUNNING)
    auto_accept = models.BooleanField(default=False)
    units_total = models.PositiveIntegerField(default=0)
    units_done = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]


class SupplyNotice(models.Model):
    """An agency's notice of a project it funded in a province (supply side, docs/reference/PROCESS.md: budget act + 30 days).

    Matched to demand (a referred project) by the engine's matcher; the match
    records the funding on the referral, and so on every village need below it.
    """

    agency = models.ForeignKey("areas.Agency", on_delete=models.PROTECT, related_name="notices")
    province = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="+")
    cycle = models.ForeignKey("cycles.PlanningCycle", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=300)
    area_code = models.CharField(max_length=8, blank=True)
    amount = models.DecimalField(max_digits=16, decimal_places=2)
    matched_referral = models.ForeignKey(
        "referrals.Referral",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
    )
    match_score = models.FloatField(null=True, blank=True)
    match_reason = models.CharField(max_length=500, blank=True)
    synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
