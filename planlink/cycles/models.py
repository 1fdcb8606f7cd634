"""Planning cycles (a Thai fiscal year, named in B.E.) and their calendar (ปฏิทิน).

Plans made in calendar year N feed the budget of fiscal year N+2 (docs/reference/PROCESS.md;
circular of 2559 in ``docs/reference/seeds/``). The calendar is data, editable per year,
because every year's circular may move the dates.
"""

from __future__ import annotations

from django.db import models


class PlanLevel(models.TextChoices):
    VILLAGE = "village", "หมู่บ้าน/ชุมชน"
    TAMBON = "tambon", "ตำบล"
    LAO = "lao", "องค์กรปกครองส่วนท้องถิ่น"
    DISTRICT = "district", "อำเภอ"
    PROVINCE = "province", "จังหวัด"
    CLUSTER = "cluster", "กลุ่มจังหวัด"
    AGENCY = "agency", "ส่วนราชการ"


class PlanningCycle(models.Model):
    """รอบการวางแผน — named by the fiscal year (B.E.) whose budget it feeds."""

    fiscal_year = models.PositiveSmallIntegerField(
        primary_key=True, help_text="ปีงบประมาณ พ.ศ. (e.g. 2570)"
    )
    name_th = models.CharField(max_length=200)
    synthetic = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fiscal_year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fiscal_year__gte=2500, fiscal_year__lte=2700),
                name="cycle_fiscal_year_is_buddhist_era",
            )
        ]

    def __str__(self) -> str:
        return self.name_th

    @property
    def planning_year_be(self) -> int:
        """The calendar year (B.E.) in which the plans for this fiscal year are made."""
        return self.fiscal_year - 2


class Milestone(models.Model):
    """One step of the calendar: who must deliver which plan, between start and deadline."""

    cycle = models.ForeignKey(PlanningCycle, on_delete=models.CASCADE, related_name="milestones")
    step = models.CharField(max_length=60, help_text="machine key, e.g. tambon_plan")
    title_th = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300, blank=True)
    level = models.CharField(max_length=10, choices=PlanLevel.choices)
    responsible_body = models.CharField(max_length=200, help_text="e.g. ศอช.ต., กม., กบอ.")
    plan_kind = models.CharField(
        max_length=30, blank=True, help_text="the plan kind whose submission meets this milestone"
    )
    start = models.DateField()
    deadline = models.DateField()
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["cycle", "order", "deadline"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "step"], name="unique_milestone_step_per_cycle"
            ),
            models.CheckConstraint(
                condition=models.Q(start__lte=models.F("deadline")),
                name="milestone_starts_before_deadline",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title_th} ({self.cycle_id})"
