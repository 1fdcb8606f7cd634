"""Plan revisions (การทบทวน/เพิ่มเติม/เปลี่ยนแปลง/แก้ไขแผน) — the only way an accepted plan changes.

A revision has a kind, a number and a year ("เพิ่มเติม ครั้งที่ 5/2567", the markers of real
LAO plan books; docs/reference/FORMS.md §2), an approval (who, when, under which meeting or
announcement) and its items: projects added, changed (field by field), moved to another
form (ผ.02 → ผ.02/2) or another plan of the same owner, or withdrawn — a withdrawn project
may name the project it duplicates ("ซ้ำลำดับที่ 63") or was merged into ("รวมกับลำดับที่ 2").
The rules live in :mod:`planlink.plans.revisions`; docs/revisions.md explains them.

Imported at the end of :mod:`planlink.plans.models`, so Django registers them with the app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection, models
from django.db.models import Exists, OuterRef, Q

from planlink.plans.models import Plan, Project


class RevisionKind(models.TextChoices):
    REVIEW = "review", "ทบทวน"
    ADDITION = "addition", "เพิ่มเติม"
    CHANGE = "change", "เปลี่ยนแปลง"
    CORRECTION = "correction", "แก้ไข"


class RevisionState(models.TextChoices):
    DRAFT = "draft", "ร่าง"
    APPROVED = "approved", "อนุมัติแล้ว"


class PlanRevision(models.Model):
    """One revision of one plan: "เพิ่มเติม ครั้งที่ 5/2567"."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="revisions")
    kind = models.CharField(max_length=12, choices=RevisionKind.choices)
    number = models.PositiveSmallIntegerField(help_text="ครั้งที่ — counted per plan, kind and year")
    year = models.PositiveSmallIntegerField(help_text="ปี พ.ศ. of the revision, e.g. 2567")
    state = models.CharField(
        max_length=10, choices=RevisionState.choices, default=RevisionState.DRAFT
    )
    reason = models.TextField(
        blank=True, max_length=5000, help_text="เหตุผลความจำเป็นในการแก้ไข/เพิ่มเติม"
    )
    approver_name = models.CharField(
        max_length=250, blank=True, help_text="ผู้อนุมัติ, e.g. นายก อบต. or the council"
    )
    approved_on = models.DateField(null=True, blank=True, help_text="วันที่อนุมัติ")
    approval_reference = models.CharField(
        max_length=250, blank=True, help_text="ประกาศ/หนังสือ/มติ that approved it"
    )
    meeting = models.ForeignKey(
        "committees.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plan_revisions",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    approved_at = models.DateTimeField(null=True, blank=True)
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
        ordering = ["plan", "year", "approved_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "kind", "year", "number"], name="one_revision_number_per_kind_year"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["review", "addition", "change", "correction"]),
                name="plan_revision_kind_is_known",
            ),
            models.CheckConstraint(
                condition=Q(state="draft") | Q(approved_on__isnull=False),
                name="approved_revision_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """ "เพิ่มเติม ครั้งที่ 5/2567" — the marker the plan books print."""
        return f"{RevisionKind(self.kind).label} ครั้งที่ {self.number}/{self.year}"


class ItemAction(models.TextChoices):
    ADD = "add", "เพิ่มโครงการ"
    CHANGE = "change", "เปลี่ยนแปลงโครงการ"
    MOVE = "move", "ย้ายโครงการ"
    WITHDRAW = "withdraw", "ถอนโครงการ"


class LinkKind(models.TextChoices):
    DUPLICATE_OF = "duplicate_of", "ซ้ำกับ"
    MERGED_INTO = "merged_into", "รวมกับ"


class RevisionItem(models.Model):
    """One project's part in a revision. ``changes`` is ``{field: [before, after]}``."""

    revision = models.ForeignKey(PlanRevision, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(default=0)
    action = models.CharField(max_length=10, choices=ItemAction.choices)
    project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.CASCADE, related_name="revision_items"
    )
    data = models.JSONField(default=dict, blank=True, help_text="the values as proposed")
    changes = models.JSONField(default=dict, blank=True, help_text="{field: [before, after]}")
    expected_version = models.PositiveIntegerField(null=True, blank=True)
    from_form = models.CharField(max_length=10, blank=True)
    to_form = models.CharField(max_length=10, blank=True)
    from_plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    to_plan = models.ForeignKey(
        Plan, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    link_kind = models.CharField(max_length=15, choices=LinkKind.choices, blank=True)
    linked_project = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    reason = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["revision", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=["add", "change", "move", "withdraw"]),
                name="revision_item_action_is_known",
            ),
            models.CheckConstraint(
                condition=Q(action="add") | Q(project__isnull=False),
                name="revision_item_names_its_project",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.project_id or ''}".strip()


def withdrawn_exists(outer: str = "pk") -> Exists:
    """True for the project at ``OuterRef(outer)`` when an approved revision withdrew it.

    A withdrawn project (ถอนออกจากแผนแล้ว) stays in the database for its lineage, but is no
    longer one of its plan's projects: the engine neither collects nor ranks it, the roll-ups
    and the tracker do not count it as a need (``docs/revisions.md``, "Withdrawn projects").
    Use as ``queryset.filter(~withdrawn_exists())``.
    """
    return Exists(
        RevisionItem.objects.filter(
            project_id=OuterRef(outer),
            action=ItemAction.WITHDRAW,
            revision__state=RevisionState.APPROVED,
        )
    )


def withdrawn_sql(project_column: str) -> str:
    """The same test in SQL for set-based fills: ``EXISTS (…)`` on ``project_column``."""
    item = connection.ops.quote_name(RevisionItem._meta.db_table)
    revision = connection.ops.quote_name(PlanRevision._meta.db_table)
    return (
        f"EXISTS (SELECT 1 FROM {item} wi JOIN {revision} wr ON wr.id = wi.revision_id "
        f"WHERE wi.project_id = {project_column} AND wi.action = '{ItemAction.WITHDRAW.value}' "
        f"AND wr.state = '{RevisionState.APPROVED.value}')"
    )
