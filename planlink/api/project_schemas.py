"""Shapes of projects (แผนงาน/โครงการ) in and out, and the list query without N+1.

Input text is not length-checked here on purpose: the domain's shared
validation (``plans.services.clean_project_fields``) refuses over-long text,
negative or non-numeric money and unknown issue codes with a specific Thai and
English message, the same one the web form and the Excel import show.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from ninja import Schema
from pydantic import Field

from planlink.api.schemas import FiscalYear, MoneyIn, SmallNumber, money
from planlink.areas.models import Area
from planlink.core.errors import DomainError
from planlink.plans.models import Project, ProjectBudgetYear
from planlink.plans.revision_models import ItemAction, RevisionItem, RevisionState


def project_queryset(projects: QuerySet) -> QuerySet:
    """Everything a project row shows, in a fixed number of queries."""
    withdrawn = RevisionItem.objects.filter(
        project=OuterRef("pk"), action=ItemAction.WITHDRAW, revision__state=RevisionState.APPROVED
    )
    return (
        projects.select_related("plan", "issue", "strategy")
        .prefetch_related(
            Prefetch("areas", queryset=Area.objects.only("code").order_by("code")),
            Prefetch("budget_years", queryset=ProjectBudgetYear.objects.order_by("fiscal_year")),
        )
        .annotate(withdrawn=Exists(withdrawn))
    )


class BudgetYearOut(Schema):
    fiscal_year: int
    amount: str

    @staticmethod
    def resolve_amount(row: ProjectBudgetYear) -> str | None:
        return money(row.amount)


class ProjectOut(Schema):
    id: int
    plan_id: int
    plan_kind: str
    plan_state: str
    cycle: int
    scope_code: str
    title: str
    public_title: str = Field(description="what the public tracker shows ('' — the masked title)")
    rationale: str
    objective: str
    target_quantity: str | None
    target_unit: str
    budget: str = Field(description="baht, two decimals")
    budget_years: list[BudgetYearOut]
    duration_months: int | None
    issue_code: str | None
    strategy_number: int | None
    mode: str
    capacity_level: str
    priority: int | None
    kpi: str
    expected_result: str
    responsible_unit: str
    households: int | None
    evidence_score: float | None
    area_codes: list[str]
    version: int = Field(description="send it back with PATCH; a stale one gets 409")
    withdrawn: bool = Field(
        False, description="ถอนออกจากแผน by an approved revision (GET /projects/{id}/revisions)"
    )
    synthetic: bool = Field(description="ข้อมูลสังเคราะห์ — the plan is synthetic demo data")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_plan_kind(project: Project) -> str:
        return project.plan.kind

    @staticmethod
    def resolve_plan_state(project: Project) -> str:
        return project.plan.state

    @staticmethod
    def resolve_cycle(project: Project) -> int:
        return project.plan.cycle_id

    @staticmethod
    def resolve_scope_code(project: Project) -> str:
        return project.plan.scope_code

    @staticmethod
    def resolve_synthetic(project: Project) -> bool:
        return project.plan.synthetic

    @staticmethod
    def resolve_target_quantity(project: Project) -> str | None:
        return money(project.target_quantity)

    @staticmethod
    def resolve_budget(project: Project) -> str | None:
        return money(project.budget)

    @staticmethod
    def resolve_budget_years(project: Project) -> list[ProjectBudgetYear]:
        return list(project.budget_years.all())

    @staticmethod
    def resolve_issue_code(project: Project) -> str | None:
        return project.issue.code if project.issue else None

    @staticmethod
    def resolve_strategy_number(project: Project) -> int | None:
        return project.strategy.number if project.strategy else None

    @staticmethod
    def resolve_area_codes(project: Project) -> list[str]:
        return [area.code for area in project.areas.all()]


class ProjectFieldsIn(Schema):
    """Fields shared by create and update; all optional on update."""

    rationale: str | None = Field(None, description="ปัญหาและเหตุผล (≤ 5,000 characters)")
    objective: str | None = None
    target_quantity: MoneyIn | None = None
    target_unit: str | None = None
    budget: MoneyIn | None = Field(
        None, description="baht, ≥ 0; a string such as '250000.00' keeps exact decimals"
    )
    duration_months: SmallNumber | None = Field(None, description="1–120")
    issue_code: str | None = Field(None, description="an issue of the province's frame")
    strategy_number: SmallNumber | None = None
    mode: str | None = Field(None, description="self | joint | support")
    capacity_level: str | None = Field(
        None, description="community | lao | pao | district | province | agency"
    )
    priority: SmallNumber | None = Field(None, description="rank within the issue, from 1")
    kpi: str | None = None
    expected_result: str | None = None
    responsible_unit: str | None = None
    area_codes: list[str] | None = Field(
        None, description="locations (DOPA codes) inside the plan owner's area"
    )
    budget_years: dict[FiscalYear, MoneyIn] | None = Field(
        None, description="{fiscal year B.E.: baht} for multi-year plans; replaces the total"
    )


class ProjectIn(ProjectFieldsIn):
    title: str = Field(description="ชื่อโครงการ (≤ 300 characters)")


class ProjectPatch(ProjectFieldsIn):
    version: int = Field(description="the version you read; 409 when someone saved first")
    title: str | None = None


def project_input(body: ProjectFieldsIn) -> tuple[dict[str, Any], list[Area] | None, Any]:
    """Split a body into (service data, areas or None, budget years or None)."""
    data = body.model_dump(exclude_unset=True)
    data.pop("version", None)
    codes = data.pop("area_codes", None)
    budget_years = data.pop("budget_years", None)
    for name in ("title",):
        if name in data and data[name] is None:
            data[name] = ""
    areas = None
    if codes is not None:
        found = {area.code: area for area in Area.objects.filter(code__in=codes)}
        missing = [code for code in codes if code not in found]
        if missing:
            raise DomainError(
                f"ไม่พบพื้นที่รหัส {', '.join(missing)}", f"unknown area code(s) {', '.join(missing)}"
            )
        areas = [found[code] for code in codes]
    return data, areas, budget_years
