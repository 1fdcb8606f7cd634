"""Read a plan's projects once, in bulk, for its plan book and forms.

A handful of queries per plan (projects with issue and strategy, budget years, lineage),
whatever the number of projects — a provincial book of 5,000 projects reads the same way
as a village plan of ten.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from planlink.areas.models import Area
from planlink.documents.lineage_summary import ProjectLineage, lineage_for_plan, owner_label
from planlink.plans.models import (
    CapacityLevel,
    Mode,
    Plan,
    Project,
    ProjectBudgetYear,
    ProjectComponent,
)
from planlink.plans.revisions import withdrawn_project_ids

__all__ = [
    "BookProject",
    "PlanFacts",
    "format_quantity",
    "load_plan",
    "local_date",
    "owner_location",
    "plan_years",
]

NO_STRATEGY = (10_000, "ไม่ระบุยุทธศาสตร์")
NO_ISSUE = (10_000, "", "ไม่ระบุประเด็น")
MODE_TH = dict(Mode.choices)
CAPACITY_TH = dict(CapacityLevel.choices)


def format_quantity(quantity: Decimal | None, unit: str) -> str:
    """ "200 เมตร", "1,250.5 ไร่" — the target (เป้าหมาย) as a table shows it."""
    if quantity is None:
        return unit
    if quantity == quantity.to_integral_value():
        number = f"{int(quantity):,}"
    else:
        number = f"{quantity.normalize():,f}"
    return f"{number} {unit}".strip()


def local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment else None


def plan_years(plan: Plan) -> list[int]:
    """The fiscal years (B.E.) a plan's budget tables have a column for."""
    if plan.span_start:
        return list(range(plan.span_start, (plan.span_end or plan.span_start) + 1))
    return [plan.cycle_id]


@dataclass
class BookProject:
    """One project as documents show it; ``years`` holds its budget per fiscal year."""

    project: Project
    years: dict[int, Decimal]
    lineage: ProjectLineage
    strategy_key: tuple[int, str] = NO_STRATEGY
    issue_key: tuple[int, str, str] = NO_ISSUE
    # A grouped project's places (components, issue 12): (place, budget) in order.
    places: list[tuple[str, Decimal]] = field(default_factory=list)

    @property
    def places_line(self) -> str:
        """ "พื้นที่: หมู่ที่ 3 1,000,000 บาท; หมู่ที่ 7 500,000 บาท" — empty for one place."""
        if not self.places:
            return ""
        return "พื้นที่: " + "; ".join(f"{place} {budget:,.0f} บาท" for place, budget in self.places)

    @property
    def title_with_places(self) -> str:
        """The title, and for a grouped project each place with its own budget."""
        if not self.places:
            return self.project.title
        return f"{self.project.title}\n{self.places_line}"

    @property
    def target(self) -> str:
        return format_quantity(self.project.target_quantity, self.project.target_unit)

    @property
    def mode_label(self) -> str:
        return MODE_TH.get(self.project.mode, self.project.mode)

    @property
    def capacity_label(self) -> str:
        return CAPACITY_TH.get(self.project.capacity_level, self.project.capacity_level)


@dataclass
class PlanFacts:
    plan: Plan
    owner: str
    location: str
    years: list[int]
    projects: list[BookProject] = field(default_factory=list)

    @property
    def total_budget(self) -> Decimal:
        return sum((item.project.budget for item in self.projects), Decimal("0"))


def owner_location(plan: Plan) -> str:
    """The owner with the areas above it: "ตำบลหน้าเมือง อำเภอเมืองฉะเชิงเทรา จังหวัดฉะเชิงเทรา"."""
    if plan.owner_area is not None:
        parts = plan.owner_area.ancestor_codes()[::-1]
    elif plan.owner_lao is not None:
        code = plan.owner_lao.area_code
        parts = [code[:length] for length in (4, 2) if length <= len(code)]
    else:
        parts = []
    chain = Area.objects.in_bulk(parts) if parts else {}
    return " ".join(
        [owner_label(plan), *(chain[part].display_name for part in parts if part in chain)]
    )


def load_plan(plan: Plan) -> PlanFacts:
    """The plan and all its projects, grouped keys and lineage ready for the documents."""
    plan = Plan.objects.select_related(
        "cycle", "owner_area", "owner_lao", "owner_agency", "owner_cluster"
    ).get(pk=plan.pk)
    years = plan_years(plan)
    default_year = plan.cycle_id if plan.cycle_id in years else years[0]
    withdrawn = withdrawn_project_ids(plan)  # an approved revision took them out of the plan
    projects = [
        project
        for project in Project.objects.filter(plan=plan)
        .select_related("issue__strategy", "strategy")
        .order_by("issue__order", "issue__code", "priority", "id")
        if project.pk not in withdrawn
    ]
    budget_years: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for project_id, year, amount in ProjectBudgetYear.objects.filter(
        project__plan=plan
    ).values_list("project_id", "fiscal_year", "amount"):
        budget_years[project_id][year] = amount
    lineage = lineage_for_plan(plan, [project.pk for project in projects])
    places: dict[int, list[tuple[str, Decimal]]] = defaultdict(list)
    for component in (
        ProjectComponent.objects.filter(project__plan=plan)
        .select_related("area")
        .order_by("project_id", "order", "pk")
    ):
        places[component.project_id].append((component.place_label, component.budget))
    facts = PlanFacts(plan, owner_label(plan), owner_location(plan), years)
    for project in projects:
        issue = project.issue
        strategy = project.strategy or (issue.strategy if issue is not None else None)
        facts.projects.append(
            BookProject(
                project=project,
                years=dict(budget_years.get(project.pk) or {default_year: project.budget}),
                lineage=lineage[project.pk],
                places=places.get(project.pk, []),
                strategy_key=(strategy.number, strategy.name_th) if strategy else NO_STRATEGY,
                issue_key=(
                    (issue.order, issue.code, issue.name_th) if issue is not None else NO_ISSUE
                ),
            )
        )
    return facts
