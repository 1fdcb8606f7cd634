"""Engine bookkeeping: the runs of each step.

Agencies' supply-side notices moved to ``planlink.supply`` (``SupplyItem``, issue 13).

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
    CLUSTER = "cluster", "กลุ่มจังหวัด"


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


class WhatIfScenario(models.Model):
    """A saved budget what-if (issue 18, ``consolidation.whatif``): the question asked — area,
    cycle, envelopes — and what it funded then. A record of a question, never a decision."""

    name = models.CharField(max_length=200)
    area_code = models.CharField(max_length=8, db_index=True)
    cycle = models.ForeignKey("cycles.PlanningCycle", on_delete=models.CASCADE, related_name="+")
    envelopes = models.JSONField(default=dict, help_text="{source: baht as text}")
    summary = models.JSONField(default=dict, blank=True)
    funded_ids = models.JSONField(default=list, blank=True)
    synthetic = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name
