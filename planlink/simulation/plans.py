"""Synthetic plans: the village plans of a demo year, and the receivers' own plans.

Village plans are built from a vocabulary of real kinds of projects
(``planlink.consolidation.vocabulary``); villages of a tambon share some needs, so the
merge has real work to do. Every plan made here is ``synthetic=True`` and its title
says ข้อมูลสังเคราะห์.
"""

from __future__ import annotations

import random
from typing import Any

from django.utils import timezone

from planlink.areas.models import Agency, Area, LocalGovernment
from planlink.consolidation import vocabulary
from planlink.cycles.models import PlanningCycle
from planlink.evidence.models import Indicator
from planlink.plans.models import Issue, Plan, PlanKind, PlanState, Project
from planlink.plans.services import plan_default_title, plan_scope_code

# "a village plan holds tens of projects" (docs/reference/PROCESS.md)
PROJECTS_PER_VILLAGE = (12, 28)
SHARED_NEEDS_PER_TAMBON = (4, 8)
SHARED_NEED_TAKE_UP = 0.6


def receiver_plan(
    kind: str,
    cycle: PlanningCycle,
    *,
    lao: LocalGovernment | None = None,
    agency: Agency | None = None,
    area: Area | None = None,
) -> Plan:
    """A receiving body's plan for the cycle (an LAO's local development plan, an agency's
    budget request, a province's or district's action plan), made accepted when missing."""
    owner: dict[str, Any] = (
        {"owner_lao": lao} if lao else {"owner_agency": agency} if agency else {"owner_area": area}
    )
    plan = Plan.objects.filter(kind=kind, cycle=cycle, **owner).first()
    if plan is None:
        plan = _new_receiver_plan(kind, cycle, owner, lao or agency or area)
        plan.save()
    return plan


def _new_receiver_plan(kind: str, cycle: PlanningCycle, owner: dict[str, Any], body: Any) -> Plan:
    span = {}
    if kind == PlanKind.LOCAL_DEVELOPMENT:
        start = cycle.pk - ((cycle.pk - 2566) % 5)
        span = {"span_start": start, "span_end": start + 4}
    plan = Plan(
        kind=kind,
        cycle=cycle,
        synthetic=True,
        state=PlanState.ACCEPTED,
        title=plan_default_title(kind, body, cycle),
        **owner,
        **span,
    )
    plan.scope_code = plan_scope_code(plan)
    return plan


def local_plans_create(cycle: PlanningCycle, laos: list[LocalGovernment]) -> list[Plan]:
    """The local development plans ``receiver_plan`` would make for LAOs that have none, made
    in one insert (the caller has checked that they have none)."""
    return Plan.objects.bulk_create(
        [
            _new_receiver_plan(PlanKind.LOCAL_DEVELOPMENT, cycle, {"owner_lao": lao}, lao)
            for lao in laos
        ]
    )


def agency_request_plans(cycle: PlanningCycle) -> int:
    """Every agency's national budget-request plan for the cycle (idempotent).

    Provinces share these plans; made before the engine's worker processes start, two
    workers never race to create one.
    """
    agencies = list(Agency.objects.all())
    for agency in agencies:
        receiver_plan(PlanKind.AGENCY_REQUEST, cycle, agency=agency)
    return len(agencies)


def village_plans(province: Area, cycle: PlanningCycle, *, seed: int) -> dict[str, int]:
    """Generate submitted village plans for every village of the province that has none."""
    issues = {
        issue.code: issue.pk for issue in Issue.objects.filter(province=province, cycle=cycle)
    }
    agencies = set(Agency.objects.values_list("pk", flat=True))
    indicator_ids = set(Indicator.objects.values_list("pk", flat=True))
    planned = set(
        Plan.objects.filter(
            kind=PlanKind.VILLAGE, cycle=cycle, scope_code__startswith=province.code
        ).values_list("owner_area_id", flat=True)
    )
    villages = list(
        Area.objects.within(province.code)
        .filter(level=Area.Level.VILLAGE)
        .exclude(code__in=planned)
        .order_by("code")
        .values_list("code", "parent_id", "name_th")
    )
    tambon_names = dict(
        Area.objects.within(province.code)
        .filter(level=Area.Level.TAMBON)
        .values_list("code", "name_th")
    )
    now = timezone.now()
    plans = [
        Plan(
            kind=PlanKind.VILLAGE,
            cycle=cycle,
            owner_area_id=code,
            scope_code=code,
            synthetic=True,
            state=PlanState.SUBMITTED,
            submitted_at=now,
            title=f"แผนพัฒนาหมู่บ้าน {name} ตำบล{tambon_names.get(tambon, '')} (ข้อมูลสังเคราะห์)",
        )
        for code, tambon, name in villages
    ]
    Plan.objects.bulk_create(plans, batch_size=2000)
    plan_ids = dict(
        Plan.objects.filter(
            kind=PlanKind.VILLAGE, cycle=cycle, owner_area_id__in=[v[0] for v in villages]
        ).values_list("owner_area_id", "pk")
    )
    shared: dict[str, list[vocabulary.ProjectKind]] = {}
    projects: list[Project] = []
    links: list[tuple[int, str, tuple[str, ...]]] = []
    for code, tambon, name in villages:
        if tambon not in shared:
            trng = random.Random(f"{seed}:tambon:{tambon}")
            shared[tambon] = [
                vocabulary.draw_kind(trng) for _ in range(trng.randint(*SHARED_NEEDS_PER_TAMBON))
            ]
        rng = random.Random(f"{seed}:village:{code}")
        kinds = [kind for kind in shared[tambon] if rng.random() < SHARED_NEED_TAKE_UP]
        kinds += [
            vocabulary.draw_kind(rng)
            for _ in range(rng.randint(*PROJECTS_PER_VILLAGE) - len(kinds))
        ]
        seen: set[str] = set()
        per_issue: dict[str, int] = {}
        label = f"{name} ตำบล{tambon_names.get(tambon, '')}".strip()
        for kind in kinds:
            if kind.key in seen:
                continue
            seen.add(kind.key)
            quantity = vocabulary.draw_quantity(kind, rng)
            per_issue[kind.issue_code] = per_issue.get(kind.issue_code, 0) + 1
            mode = vocabulary.draw_mode(kind, rng)
            projects.append(
                Project(
                    plan_id=plan_ids[code],
                    title=vocabulary.render_title(kind, rng, label, quantity)[:300],
                    rationale=vocabulary.render_rationale(kind, rng, label, quantity),
                    objective=vocabulary.render_objective(kind),
                    target_quantity=quantity,
                    target_unit=kind.target_unit,
                    budget=vocabulary.draw_budget(kind, rng, quantity) if mode != "self" else 0,
                    issue_id=issues.get(kind.issue_code),
                    mode=mode,
                    capacity_level=kind.capacity_level,
                    priority=per_issue[kind.issue_code],
                    households=rng.randint(8, 160),
                    villages_count=1,
                    suggested_agency_id=kind.agency_code if kind.agency_code in agencies else None,
                    duration_months=rng.choice([3, 6, 6, 12]),
                )
            )
            links.append(
                (
                    len(projects) - 1,
                    code,
                    tuple(c for c in kind.indicator_codes if c in indicator_ids),
                )
            )
    Project.objects.bulk_create(projects, batch_size=2000)
    Project.areas.through.objects.bulk_create(
        [Project.areas.through(project_id=projects[i].pk, area_id=code) for i, code, _ in links],
        batch_size=5000,
    )
    Project.indicators.through.objects.bulk_create(
        [
            Project.indicators.through(project_id=projects[i].pk, indicator_id=c)
            for i, _, codes in links
            for c in codes
        ],
        batch_size=5000,
    )
    return {"village_plans": len(plans), "village_projects": len(projects)}
