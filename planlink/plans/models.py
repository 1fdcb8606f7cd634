"""Plans at every level, the provincial strategic frame, and projects (แผนงาน/โครงการ).

A plan has exactly one owner: an area (village, tambon, district, province), a
local government (อปท.), a provincial cluster, or a line agency. ``scope_code``
is the area code used for access and for "everything in Chachoengsao" queries
(a code-prefix range); it is the owner's area code, the LAO's district (or
province for an อบจ.), the cluster's code (``C05``, never a DOPA code) for a
provincial cluster, and empty for agencies.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from planlink.cycles.models import PlanLevel, PlanningCycle


class Strategy(models.Model):
    """ยุทธศาสตร์ — a provincial strategy for a cycle; district projects align to one."""

    province = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="strategies")
    cycle = models.ForeignKey(PlanningCycle, on_delete=models.CASCADE, related_name="strategies")
    number = models.PositiveSmallIntegerField()
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["province", "cycle", "number"]
        verbose_name_plural = "strategies"
        constraints = [
            models.UniqueConstraint(
                fields=["province", "cycle", "number"], name="unique_strategy_number"
            )
        ]

    def __str__(self) -> str:
        return f"ยุทธศาสตร์ที่ {self.number} {self.name_th}"


class Issue(models.Model):
    """ประเด็น — an issue of the province's frame; projects are ranked within an issue."""

    province = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="issues")
    cycle = models.ForeignKey(PlanningCycle, on_delete=models.CASCADE, related_name="issues")
    strategy = models.ForeignKey(
        Strategy, null=True, blank=True, on_delete=models.SET_NULL, related_name="issues"
    )
    code = models.CharField(max_length=20, help_text="e.g. WATER")
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["province", "cycle", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "cycle", "code"], name="unique_issue_code_per_frame"
            )
        ]

    def __str__(self) -> str:
        return self.name_th


class ClusterIssue(models.Model):
    """ประเด็นการพัฒนาของกลุ่มจังหวัด — one issue of a provincial cluster's strategic frame.

    ``code`` names the provinces' issue it gathers (``INFRA``, ``ECON`` …: the provinces'
    frames share their codes). ``cluster_wide`` marks an issue the cluster takes up as a
    whole (a tourism route, a cluster market): the provinces refer their projects of that
    issue to the cluster's development plan (issue 17; docs/cluster.md). The frame is
    written by the cluster's lead province (role ``cluster_officer``).
    """

    cluster = models.ForeignKey(
        "areas.ProvincialCluster", on_delete=models.PROTECT, related_name="frame_issues"
    )
    cycle = models.ForeignKey(PlanningCycle, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=20, help_text="the provinces' issue code, e.g. INFRA")
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    strategy_th = models.CharField(max_length=300, blank=True, help_text="ยุทธศาสตร์กลุ่มจังหวัด")
    cluster_wide = models.BooleanField(
        default=False, help_text="ประเด็นระดับกลุ่มจังหวัด: projects of this issue go to the cluster"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["cluster", "cycle", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "cycle", "code"], name="unique_cluster_issue_code"
            )
        ]

    def __str__(self) -> str:
        return self.name_th


class PlanKind(models.TextChoices):
    VILLAGE = "village", "แผนชุมชน/แผนพัฒนาหมู่บ้าน"
    TAMBON = "tambon", "แผนพัฒนาตำบล (แผนชุมชนระดับตำบล)"
    LOCAL_DEVELOPMENT = "local_development", "แผนพัฒนาท้องถิ่น"
    DISTRICT_DEVELOPMENT = "district_development", "แผนพัฒนาอำเภอ"
    DISTRICT_NEEDS = "district_needs", "แผนความต้องการระดับอำเภอ"
    DISTRICT_ACTION = "district_action", "แผนปฏิบัติการประจำปีของอำเภอ"
    PROVINCIAL_DEVELOPMENT = "provincial_development", "แผนพัฒนาจังหวัด"
    PROVINCIAL_ACTION = "provincial_action", "แผนปฏิบัติราชการประจำปีของจังหวัด"
    CLUSTER = "cluster", "แผนพัฒนากลุ่มจังหวัด"
    CLUSTER_ACTION = "cluster_action", "แผนปฏิบัติราชการประจำปีของกลุ่มจังหวัด"
    AGENCY_REQUEST = "agency_request", "คำของบประมาณของส่วนราชการ"


PLAN_KIND_LEVEL: dict[str, str] = {
    PlanKind.VILLAGE: PlanLevel.VILLAGE,
    PlanKind.TAMBON: PlanLevel.TAMBON,
    PlanKind.LOCAL_DEVELOPMENT: PlanLevel.LAO,
    PlanKind.DISTRICT_DEVELOPMENT: PlanLevel.DISTRICT,
    PlanKind.DISTRICT_NEEDS: PlanLevel.DISTRICT,
    PlanKind.DISTRICT_ACTION: PlanLevel.DISTRICT,
    PlanKind.PROVINCIAL_DEVELOPMENT: PlanLevel.PROVINCE,
    PlanKind.PROVINCIAL_ACTION: PlanLevel.PROVINCE,
    PlanKind.CLUSTER: PlanLevel.CLUSTER,
    PlanKind.CLUSTER_ACTION: PlanLevel.CLUSTER,
    PlanKind.AGENCY_REQUEST: PlanLevel.AGENCY,
}


class PlanState(models.TextChoices):
    DRAFT = "draft", "ร่าง"
    SUBMITTED = "submitted", "ส่งแล้ว"
    ACCEPTED = "accepted", "รับแล้ว"
    RETURNED = "returned", "ส่งคืนแก้ไข"


EDITABLE_PLAN_STATES = (PlanState.DRAFT, PlanState.RETURNED)


class Plan(models.Model):
    kind = models.CharField(max_length=30, choices=PlanKind.choices, db_index=True)
    cycle = models.ForeignKey(PlanningCycle, on_delete=models.PROTECT, related_name="plans")
    span_start = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="first fiscal year (B.E.) of a multi-year plan"
    )
    span_end = models.PositiveSmallIntegerField(null=True, blank=True)
    owner_area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    owner_lao = models.ForeignKey(
        "areas.LocalGovernment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    owner_agency = models.ForeignKey(
        "areas.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    owner_cluster = models.ForeignKey(
        "areas.ProvincialCluster",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="plans",
    )
    scope_code = models.CharField(max_length=8, blank=True, db_index=True)
    title = models.CharField(max_length=300)
    state = models.CharField(
        max_length=12, choices=PlanState.choices, default=PlanState.DRAFT, db_index=True
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    returned_reason = models.TextField(blank=True)
    synthetic = models.BooleanField(default=False, help_text="ข้อมูลสังเคราะห์ (demo/benchmark)")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle", "kind", "scope_code", "id"]
        indexes = [
            models.Index(fields=["cycle", "kind", "scope_code"], name="plan_cycle_kind_scope")
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        owner_area__isnull=False,
                        owner_lao__isnull=True,
                        owner_agency__isnull=True,
                        owner_cluster__isnull=True,
                    )
                    | Q(
                        owner_area__isnull=True,
                        owner_lao__isnull=False,
                        owner_agency__isnull=True,
                        owner_cluster__isnull=True,
                    )
                    | Q(
                        owner_area__isnull=True,
                        owner_lao__isnull=True,
                        owner_agency__isnull=False,
                        owner_cluster__isnull=True,
                    )
                    | Q(
                        owner_area__isnull=True,
                        owner_lao__isnull=True,
                        owner_agency__isnull=True,
                        owner_cluster__isnull=False,
                    )
                ),
                name="plan_has_exactly_one_owner",
            ),
            models.UniqueConstraint(
                fields=["kind", "cycle", "owner_area"],
                condition=Q(owner_area__isnull=False),
                name="one_plan_per_kind_cycle_area",
            ),
            models.UniqueConstraint(
                fields=["kind", "cycle", "owner_lao"],
                condition=Q(owner_lao__isnull=False),
                name="one_plan_per_kind_cycle_lao",
            ),
            models.UniqueConstraint(
                fields=["kind", "cycle", "owner_agency"],
                condition=Q(owner_agency__isnull=False),
                name="one_plan_per_kind_cycle_agency",
            ),
            models.UniqueConstraint(
                fields=["kind", "cycle", "owner_cluster"],
                condition=Q(owner_cluster__isnull=False),
                name="one_plan_per_kind_cycle_cluster",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["draft", "submitted", "accepted", "returned"]),
                name="plan_state_is_known",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def level(self) -> str:
        return PLAN_KIND_LEVEL[self.kind]

    @property
    def is_editable(self) -> bool:
        return self.state in EDITABLE_PLAN_STATES

    @property
    def owner(self) -> models.Model:
        return self.owner_area or self.owner_lao or self.owner_agency or self.owner_cluster  # type: ignore[return-value]


class Mode(models.TextChoices):
    """How the community means to carry a project out (แผนชุมชน; docs/reference/FORMS.md §8)."""

    SELF = "self", "ทำเอง"
    JOINT = "joint", "ทำร่วม"
    SUPPORT = "support", "ขอรับการสนับสนุน"


class CapacityLevel(models.TextChoices):
    """Who has the capacity to act on a project (routing by capacity, docs/reference/PROCESS.md rule 4)."""

    COMMUNITY = "community", "ชุมชน/หมู่บ้าน"
    LAO = "lao", "อปท."
    PAO = "pao", "อบจ."
    DISTRICT = "district", "อำเภอ"
    PROVINCE = "province", "จังหวัด"
    AGENCY = "agency", "ส่วนราชการ"


CAPACITY_ORDER = [c.value for c in CapacityLevel]


class Route(models.TextChoices):
    """Routing by capacity (docs/reference/PROCESS.md rule 4; docs/reference/seeds/002 §5)."""

    VILLAGE = "village", "หมู่บ้านดำเนินการเอง"
    TAMBON = "tambon", "เก็บไว้ในแผนตำบล"
    LAO = "lao", "บัญชีประสานโครงการ อปท."
    UP = "up", "เสนอระดับที่สูงขึ้น"
    PAO = "pao", "เกินศักยภาพ อปท. (อบจ.)"
    PROVINCE = "province", "จังหวัดดำเนินการ"
    CLUSTER = "cluster", "แผนกลุ่มจังหวัด"
    AGENCY = "agency", "ส่งส่วนราชการ"


MAX_TITLE = 300
MAX_TEXT = 5000


class Project(models.Model):
    """แผนงาน/โครงการ in one plan. Lineage to other plans' projects runs through referrals."""

    # Indexed by project_plan_issue_rank below (plan first), not by an index of its own:
    # every index is written for each of the ~1.5 million projects of a national year.
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="projects", db_index=False
    )
    title = models.CharField(max_length=MAX_TITLE)
    # What the public tracker shows instead of ``title`` when an officer set it (the title a
    # village typed may name a person: "ถนนหน้าบ้านนายสมชาย"); empty: the masked title.
    public_title = models.CharField(max_length=MAX_TITLE, blank=True, default="")
    rationale = models.TextField(blank=True, max_length=MAX_TEXT, help_text="ปัญหาและเหตุผล")
    objective = models.TextField(blank=True, max_length=MAX_TEXT)
    target_quantity = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    target_unit = models.CharField(max_length=60, blank=True)
    budget = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="estimated total, baht",
    )
    duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    issue = models.ForeignKey(
        Issue, null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    strategy = models.ForeignKey(
        Strategy, null=True, blank=True, on_delete=models.PROTECT, related_name="projects"
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.SUPPORT)
    capacity_level = models.CharField(
        max_length=10, choices=CapacityLevel.choices, default=CapacityLevel.LAO
    )
    priority = models.PositiveIntegerField(null=True, blank=True, help_text="rank within its issue")
    kpi = models.CharField(max_length=500, blank=True, help_text="ตัวชี้วัด (KPI)")
    expected_result = models.CharField(max_length=500, blank=True, help_text="ผลที่คาดว่าจะได้รับ")
    responsible_unit = models.CharField(max_length=250, blank=True, help_text="หน่วยงานรับผิดชอบหลัก")
    households = models.PositiveIntegerField(
        null=True, blank=True, help_text="households raising or benefiting (evidence)"
    )
    villages_count = models.PositiveIntegerField(
        default=0, help_text="how many villages raised this need (1 for a village project)"
    )
    evidence_score = models.FloatField(null=True, blank=True)
    areas = models.ManyToManyField("areas.Area", related_name="projects", blank=True)
    indicators = models.ManyToManyField(
        "evidence.Indicator",
        related_name="projects",
        blank=True,
        help_text="survey indicators (จปฐ./กชช.๒ค) the project addresses",
    )
    suggested_agency = models.ForeignKey(
        "areas.Agency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # a plain index in Meta (no LIKE index: agency codes are not searched)
        help_text="the line agency that usually funds this kind of project",
    )
    # Consolidation engine bookkeeping (planlink.consolidation): a project the engine
    # made carries a stable key, so re-running updates it instead of duplicating it.
    # Looked up within a plan only: the one_engine_project_per_key index serves it.
    engine_key = models.CharField(max_length=80, blank=True)
    proposed_route = models.CharField(
        max_length=12,
        choices=Route.choices,
        blank=True,
        help_text="where the engine proposes to send it",
    )
    engine_note = models.TextField(blank=True, help_text="why the engine ranked or routed it so")
    priority_locked = models.BooleanField(
        default=False, help_text="an officer set the rank; the engine leaves it"
    )
    version = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "issue", "priority", "id"]
        indexes = [
            models.Index(fields=["plan", "issue", "priority"], name="project_plan_issue_rank"),
            models.Index(fields=["suggested_agency"], name="project_suggested_agency"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(budget__gte=0), name="project_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(target_quantity__isnull=True) | Q(target_quantity__gte=0),
                name="project_target_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(mode__in=["self", "joint", "support"]), name="project_mode_is_known"
            ),
            models.UniqueConstraint(
                fields=["plan", "engine_key"],
                condition=~Q(engine_key=""),
                name="one_engine_project_per_key",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ProjectBudgetYear(models.Model):
    """งบประมาณรายปี — the budget of a multi-year plan's project for one fiscal year (B.E.)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="budget_years")
    fiscal_year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(
        max_digits=16, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    class Meta:
        ordering = ["project", "fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "fiscal_year"], name="unique_budget_year"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_year_not_negative"),
        ]


class ProjectComponent(models.Model):
    """One place of a grouped project (องค์ประกอบรายพื้นที่ของโครงการรวม).

    The same kind of work on the same object in *different* places is a shared need, not a
    duplicate (issue 12, "the same need"): the tambon may group the roads of หมู่ 3 and หมู่ 7
    into one project, a programme, but each place keeps its own location, budget, households,
    sources and fate. The sources of a component are the referrals whose ``result_component``
    is it; a referral, a decision or a funding request that names a component concerns only
    that place, one that names none concerns every component of the project.

    ``key`` is the place: the source plan's area code, and the segment (ช่วง/โซน/ตอน/ฝั่ง/กม.)
    when the title names one; unique within the project, stable across engine re-runs and
    kept when the project is sent on (the upper project's components carry the same keys).
    """

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="components", db_index=False
    )
    key = models.CharField(max_length=80, help_text="the place: area code [| segment]")
    area = models.ForeignKey(
        "areas.Area",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    place_th = models.CharField(max_length=200, blank=True, help_text="segment, e.g. ช่วงที่ 2")
    title = models.CharField(max_length=MAX_TITLE)
    budget = models.DecimalField(
        max_digits=16,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    households = models.PositiveIntegerField(null=True, blank=True)
    sources_count = models.PositiveIntegerField(
        default=1, help_text="how many entries raised this need in this place (duplicates merged)"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["project", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "key"], name="one_component_per_place"),
            models.CheckConstraint(
                condition=Q(budget__gte=0), name="component_budget_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} [{self.key}]"

    @property
    def place_label(self) -> str:
        """หมู่ที่ 3 บ้านหนองบัว · ช่วงที่ 2 — the component's place as people write it."""
        parts = []
        area = self.area if self.area_id else None
        if area is not None:
            if area.level == "village" and not area.name_th.startswith("หมู่"):
                parts.append(f"หมู่ที่ {int(area.code[6:])} {area.name_th}")
            else:
                parts.append(area.name_th)
        elif self.key:
            parts.append(self.key.split("|", 1)[0])
        if self.place_th:
            parts.append(self.place_th)
        return " · ".join(parts)


class CarryStatus(models.TextChoices):
    """What became of a need carried into the next cycle (issue 18, planlink.plans.carryover)."""

    PROPOSED = "proposed", "ยกมา รอคณะกรรมการหมู่บ้านยืนยัน"
    CONFIRMED = "confirmed", "คณะกรรมการหมู่บ้านยืนยันแล้ว"
    EDITED = "edited", "คณะกรรมการหมู่บ้านแก้ไขแล้ว"
    DROPPED = "dropped", "คณะกรรมการหมู่บ้านไม่เสนอต่อ"
    EXPIRED = "expired", "หมดอายุ (รอนานเกินกำหนด)"


class CarryOver(models.Model):
    """ยกยอดความต้องการ — one village need not funded in ``from_cycle``, carried into the
    village plan of ``to_cycle`` as a proposal (``target``), or closed as expired.

    ``source`` is the need of the year before; ``origin`` the need as first raised, in
    ``origin_cycle`` (the lineage across years: a need carried twice keeps its origin).
    One row per need and target cycle: running the carry-over again changes nothing.
    """

    source = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="carried_forward")
    target = models.ForeignKey(
        Project, null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_from"
    )
    origin = models.ForeignKey(
        Project,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    origin_cycle = models.PositiveSmallIntegerField(help_text="fiscal year (B.E.) first raised")
    from_cycle = models.ForeignKey(PlanningCycle, on_delete=models.PROTECT, related_name="+")
    to_cycle = models.ForeignKey(PlanningCycle, on_delete=models.PROTECT, related_name="+")
    years_waited = models.PositiveSmallIntegerField()
    status = models.CharField(
        max_length=10, choices=CarryStatus.choices, default=CarryStatus.PROPOSED
    )
    reason = models.TextField(blank=True, max_length=2000)
    scope_code = models.CharField(max_length=8, blank=True, db_index=True)
    synthetic = models.BooleanField(default=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["to_cycle", "scope_code", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "to_cycle"], name="one_carry_over_per_need_and_cycle"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["proposed", "confirmed", "edited", "dropped", "expired"]),
                name="carry_over_status_is_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source_id} {self.from_cycle_id}→{self.to_cycle_id} ({self.status})"
