"""Steps a receiver takes in one click, each one transaction over the domain's services.

The planning domain records *decisions* (``referral_decide``); a receiver who
"includes a project in its plan" also needs the receiving project to exist in
its own plan. These helpers compose the domain services — ``plan_create``,
``project_create``, ``referral_decide``, ``referral_send`` — inside one
``transaction.atomic`` so that a refusal anywhere leaves nothing half done.
They hold no rules of their own; candidates to move into ``planlink.referrals``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from planlink.areas.models import Agency, Area, LocalGovernment
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Plan, Project
from planlink.plans.services import plan_create, project_create
from planlink.referrals.models import Decision, Referral
from planlink.referrals.services import Target, referral_decide, referral_send

COPIED_FIELDS = (
    "title",
    "rationale",
    "objective",
    "target_unit",
    "kpi",
    "expected_result",
    "responsible_unit",
    "mode",
    "capacity_level",
)


def plan_for(
    *,
    actor: Any,
    kind: str,
    cycle: PlanningCycle,
    owner_area: Area | None = None,
    owner_lao: LocalGovernment | None = None,
    owner_agency: Agency | None = None,
    synthetic: bool = False,
) -> Plan:
    """The unit's plan of ``kind`` for ``cycle``, created (``plan_create``) when missing."""
    existing = Plan.objects.filter(
        kind=kind,
        cycle=cycle,
        owner_area=owner_area,
        owner_lao=owner_lao,
        owner_agency=owner_agency,
    ).first()
    if existing is not None:
        return existing
    return plan_create(
        actor=actor,
        kind=kind,
        cycle=cycle,
        owner_area=owner_area,
        owner_lao=owner_lao,
        owner_agency=owner_agency,
        synthetic=synthetic,
    )


def _copy_data(source: Project, plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(source, name) for name in COPIED_FIELDS}
    data["budget"] = source.budget
    if source.target_quantity is not None:
        data["target_quantity"] = source.target_quantity
    if source.duration_months:
        data["duration_months"] = source.duration_months
    if source.issue_id and plan.scope_code:
        data["issue_code"] = source.issue.code
    return data


@transaction.atomic
def referral_include(
    *,
    referral: Referral,
    actor: Any,
    plan: Plan,
    strategy_number: int | None = None,
    fiscal_year: int | None = None,
    priority: int | None = None,
    reason: str = "",
) -> Project:
    """บรรจุในแผน — copy the referred project into ``plan`` and record ``included``.

    ``fiscal_year`` puts the whole budget in that year (an LAO's "which year");
    ``strategy_number`` aligns the copy to a provincial strategy (district plans).
    """
    if referral.decision != Decision.PENDING:
        raise DomainError(
            f"รายการนี้ '{referral.get_decision_display()}' แล้ว",
            f"this referral is already {referral.decision}",
        )
    source = Project.objects.select_related("issue").get(pk=referral.project_id)
    data = _copy_data(source, plan)
    if strategy_number:
        data["strategy_number"] = strategy_number
    elif source.strategy_id and plan.scope_code[:2] == source.plan.scope_code[:2]:
        data["strategy_number"] = source.strategy.number
    if priority:
        data["priority"] = priority
    areas = list(source.areas.all())
    if plan.scope_code:
        areas = [area for area in areas if area.code.startswith(plan.scope_code[:2])]
    copy = project_create(
        plan=plan,
        actor=actor,
        data=data,
        areas=areas,
        budget_years={fiscal_year: source.budget} if fiscal_year else None,
    )
    referral_decide(
        referral=referral,
        actor=actor,
        decision=Decision.INCLUDED,
        result_project=copy,
        reason=reason,
        fiscal_year=fiscal_year,
    )
    return copy


@transaction.atomic
def projects_send(*, projects: Iterable[Project], actor: Any, target: Target) -> list[Referral]:
    """ส่งต่อ — send several projects to one receiver; all or nothing."""
    return [referral_send(project=project, target=target, actor=actor) for project in projects]


@transaction.atomic
def review_submit(*, plan: Plan, actor: Any) -> dict[str, int]:
    """ส่งแผน after a review: submit (``plan_submit``), then send every project along the
    route the officer confirmed (``consolidation.sending.send_routes``): the LAO coordination
    list (บัญชีประสานโครงการ) and the top projects per issue to the level above."""
    from planlink.consolidation.sending import send_routes
    from planlink.plans.services import plan_submit

    plan_submit(plan=plan, actor=actor)
    return send_routes(plan, actor=actor)
