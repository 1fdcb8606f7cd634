"""The referral ledger (การส่งต่อ) and funding requests.

Every upward step is a referral: a project sent from its plan to another body
or plan, with a decision (who, when, why). Lineage is the graph of referrals
whose ``result_project`` is the project that received the need — one upper
project may come from many lower ones (a merge), and outcomes recorded at the
top flow back down the same edges (``planlink.referrals.lineage.trace``).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q


class TargetKind(models.TextChoices):
    """The body a project is sent to (docs/reference/PROCESS.md, rule 4)."""

    PLAN = "plan", "แผนของพื้นที่"  # tambon/district/provincial plan of an area
    LAO = "lao", "อปท. (บัญชีประสานโครงการ)"
    DISTRICT_LAO_COMMITTEE = "district_lao_committee", "คณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับอำเภอ"
    PROVINCIAL_LAO_COMMITTEE = "provincial_lao_committee", "คณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับจังหวัด"
    PAO = "pao", "องค์การบริหารส่วนจังหวัด"
    AGENCY = "agency", "ส่วนราชการ"


class Decision(models.TextChoices):
    PENDING = "pending", "รอพิจารณา"
    INCLUDED = "included", "บรรจุในแผน"
    MERGED = "merged", "รวมกับโครงการอื่น"
    RETURNED = "returned", "ส่งคืน"
    FORWARDED = "forwarded", "ส่งต่อ"
    FUNDED = "funded", "ได้รับงบประมาณ"
    NOT_FUNDED = "not_funded", "ไม่ได้รับงบประมาณ"


# A referral is open (live) until it is returned or refused funding: at most one open referral
# per project and target (the constraint below), and a closed one may be sent again.
CLOSED_DECISIONS = (Decision.RETURNED, Decision.NOT_FUNDED)
OPEN_DECISIONS = [decision.value for decision in Decision if decision not in CLOSED_DECISIONS]


class Referral(models.Model):
    project = models.ForeignKey(
        "plans.Project", on_delete=models.CASCADE, related_name="referrals_out"
    )
    target_kind = models.CharField(max_length=30, choices=TargetKind.choices)
    to_plan = models.ForeignKey(
        "plans.Plan", null=True, blank=True, on_delete=models.PROTECT, related_name="referrals_in"
    )
    # Plain indexes in Meta for the three coded targets: their codes are never searched with
    # LIKE, and each index costs a write for every referral.
    to_lao = models.ForeignKey(
        "areas.LocalGovernment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_in",
        db_index=False,
    )
    to_agency = models.ForeignKey(
        "areas.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="referrals_in",
        db_index=False,
    )
    to_area = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        help_text="district or province of a coordination committee",
    )
    target_key = models.CharField(max_length=60, help_text="e.g. plan:12, lao:3240101, agency:RID")
    scope_code = models.CharField(
        max_length=8, blank=True, db_index=True, help_text="area code of the receiving body"
    )
    previous = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forwards",
        help_text="the referral this one forwards",
    )
    # No index of its own: seven values, so the planner would scan by it instead of by the
    # selective keys; (target_key, decision) below serves the lookups that need it.
    decision = models.CharField(max_length=12, choices=Decision.choices, default=Decision.PENDING)
    result_project = models.ForeignKey(
        "plans.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="referrals_in",
        help_text="the receiving project (included as / merged into)",
    )
    proposed_result_project = models.ForeignKey(
        "plans.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposed_sources",
        help_text="the engine's proposal: merge into / include as this project (pending)",
    )
    # Components (issue 12): a project that groups one need of several places (a programme)
    # keeps each place as a component. ``component`` — this referral, its decision or its
    # funding concerns only that component of ``project`` (none: the whole project);
    # ``result_component`` — the component of the receiving (or proposed) project this source
    # became. Partial indexes (only rows that name one): nearly every referral names none.
    # RESTRICT: a named component cannot be deleted on its own, but goes with its project.
    component = models.ForeignKey(
        "plans.ProjectComponent",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="referrals_out",
        db_index=False,
    )
    result_component = models.ForeignKey(
        "plans.ProjectComponent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sources",
        db_index=False,
    )
    reason = models.TextField(blank=True, max_length=2000)
    proposed_by_engine = models.BooleanField(default=False)
    engine_reason = models.TextField(blank=True)
    amount = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    funding_source = models.CharField(max_length=200, blank=True)
    fiscal_year = models.PositiveSmallIntegerField(null=True, blank=True)
    # Who made or decided a referral is shown, never searched: no index (one write less per row).
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_automatically = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["target_key", "decision"], name="referral_target_decision"),
            models.Index(fields=["to_lao"], name="referral_to_lao"),
            models.Index(fields=["to_agency"], name="referral_to_agency"),
            models.Index(fields=["to_area"], name="referral_to_area"),
            models.Index(
                fields=["component"],
                condition=Q(component__isnull=False),
                name="referral_component",
            ),
            models.Index(
                fields=["result_component"],
                condition=Q(result_component__isnull=False),
                name="referral_result_component",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "target_key"],
                condition=Q(decision__in=OPEN_DECISIONS),
                name="one_live_referral_per_project_and_target",
            ),
            models.CheckConstraint(
                condition=Q(decision__in=[d.value for d in Decision]),
                name="referral_decision_is_known",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="referral_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} → {self.target_key} ({self.decision})"


class FundingSource(models.TextChoices):
    LAO = "lao", "อปท."
    PAO = "pao", "อบจ."
    PROVINCE = "province", "จังหวัด"
    CLUSTER = "cluster", "กลุ่มจังหวัด"
    AGENCY = "agency", "ส่วนราชการ"
    OTHER = "other", "ภาคีอื่น"


class FundingStatus(models.TextChoices):
    OPEN = "open", "ยื่นขอแล้ว"
    APPROVED = "approved", "อนุมัติ"
    REJECTED = "rejected", "ไม่อนุมัติ"
    WITHDRAWN = "withdrawn", "ถอนคำขอ"


LIVE_FUNDING_STATUSES = ["open", "approved"]


class FundingRequest(models.Model):
    """A request for a project's budget from one source for one fiscal year.

    The circulars forbid proposing a project already requested from another
    source (2559 circular §5.1: "ต้องไม่ซ้ำซ้อนกับที่ได้เสนอขอรับงบประมาณจากแหล่งอื่น ๆ ไว้แล้ว"):
    at most one live (open or approved) request per project and fiscal year — or, for a
    grouped project, per component (place) and fiscal year, never both (issue 12).
    """

    project = models.ForeignKey(
        "plans.Project", on_delete=models.CASCADE, related_name="funding_requests"
    )
    source = models.CharField(max_length=10, choices=FundingSource.choices)
    source_lao = models.ForeignKey(
        "areas.LocalGovernment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_agency = models.ForeignKey(
        "areas.Agency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funding_requests",
    )
    source_name = models.CharField(max_length=250, blank=True)
    component = models.ForeignKey(
        "plans.ProjectComponent",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="funding_requests",
        db_index=False,
        help_text="only this place of a grouped project (none: the whole project)",
    )
    fiscal_year = models.PositiveSmallIntegerField()
    requested = models.DecimalField(
        max_digits=16, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    approved = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    allocated = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=FundingStatus.choices, default=FundingStatus.OPEN, db_index=True
    )
    reason = models.TextField(blank=True, max_length=2000)
    scope_code = models.CharField(max_length=8, blank=True, db_index=True)
    synthetic = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["component"],
                condition=Q(component__isnull=False),
                name="funding_component",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "fiscal_year"],
                condition=Q(status__in=LIVE_FUNDING_STATUSES, component__isnull=True),
                name="one_live_funding_request_per_project_year",
            ),
            # Each place of a grouped project may be requested on its own (never together
            # with a request for the whole project: funding_request_create refuses that).
            models.UniqueConstraint(
                fields=["component", "fiscal_year"],
                condition=Q(status__in=LIVE_FUNDING_STATUSES, component__isnull=False),
                name="one_live_funding_request_per_component_year",
            ),
            models.CheckConstraint(
                condition=Q(requested__gte=0), name="funding_requested_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(approved__isnull=True) | Q(approved__gte=0),
                name="funding_approved_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(allocated__isnull=True) | Q(allocated__gte=0),
                name="funding_allocated_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.source} {self.fiscal_year} ({self.status})"
