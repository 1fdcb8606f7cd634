"""Create the referrals for routed projects, in bulk (one query per target batch)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from planlink.core.bulk import insert_rows
from planlink.plans.models import Plan, PlanKind, Project, Route
from planlink.referrals.models import OPEN_DECISIONS, Referral
from planlink.referrals.services import Target, to_agency, to_lao, to_plan


def bulk_refer(
    pairs: list[tuple[int, Target]],
    *,
    actor: Any = None,
    engine_reason: str = "",
    previous: dict[int, int] | None = None,
) -> list[Referral]:
    """Create pending referrals for ``(project_id, target)`` pairs that have no live one yet."""
    if not pairs:
        return []
    keys = {target.key for _, target in pairs}
    live = set(
        Referral.objects.filter(
            project_id__in={pid for pid, _ in pairs},
            target_key__in=keys,
            decision__in=OPEN_DECISIONS,
        ).values_list("project_id", "target_key")
    )
    user = actor if getattr(actor, "pk", None) else None
    new = [
        Referral(
            project_id=pid,
            target_kind=t.kind,
            target_key=t.key,
            scope_code=t.scope_code,
            to_plan=t.plan,
            to_lao=t.lao,
            to_agency=t.agency,
            to_area=t.area,
            proposed_by_engine=True,
            engine_reason=engine_reason,
            created_by=user,
            previous_id=(previous or {}).get(pid),
        )
        for pid, t in pairs
        if (pid, t.key) not in live
    ]
    now = timezone.now()
    insert_rows(
        Referral,
        (
            "project",
            "target_kind",
            "target_key",
            "scope_code",
            "to_plan",
            "to_lao",
            "to_agency",
            "to_area",
            "proposed_by_engine",
            "engine_reason",
            "created_by",
            "previous",
            "decision",
            "reason",
            "funding_source",
            "created_at",
            "decided_automatically",
        ),
        [
            (
                r.project_id,
                r.target_kind,
                r.target_key,
                r.scope_code,
                r.to_plan_id,
                r.to_lao_id,
                r.to_agency_id,
                r.to_area_id,
                True,
                r.engine_reason,
                r.created_by_id,
                r.previous_id,
                "pending",
                "",
                "",
                now,
                False,
            )
            for r in new
        ],
    )
    return new


def send_routes(plan: Plan, *, actor: Any = None) -> dict[str, int]:
    """Send every routed project of a submitted plan to where it was routed."""
    from planlink.areas.models import Area
    from planlink.consolidation.routing import covering_lao, receiving_plan

    projects = list(
        plan.projects.exclude(proposed_route="").values_list(
            "pk", "proposed_route", "suggested_agency_id", "issue__code"
        )
    )
    pairs: list[tuple[int, Target]] = []
    owner = plan.owner_area
    if plan.kind == PlanKind.TAMBON:
        lao = covering_lao(owner.code)
        district_plan = receiving_plan(
            PlanKind.DISTRICT_NEEDS,
            Area.objects.get(code=owner.code[:4]),
            plan.cycle_id,
            synthetic=plan.synthetic,
        )
        for pk, route, _, _ in projects:
            if route == Route.LAO and lao is not None:
                pairs.append((pk, to_lao(lao)))
            elif route == Route.UP:
                pairs.append((pk, to_plan(district_plan)))
    elif plan.kind == PlanKind.DISTRICT_NEEDS:
        province_plan = receiving_plan(
            PlanKind.PROVINCIAL_DEVELOPMENT,
            Area.objects.get(code=owner.code[:2]),
            plan.cycle_id,
            synthetic=plan.synthetic,
        )
        action_plan = receiving_plan(
            PlanKind.PROVINCIAL_ACTION,
            Area.objects.get(code=owner.code[:2]),
            plan.cycle_id,
            synthetic=plan.synthetic,
        )
        pairs = [(pk, to_plan(province_plan)) for pk, route, _, _ in projects if route == Route.UP]
        pairs += [
            (pk, to_plan(action_plan)) for pk, route, _, _ in projects if route == Route.PROVINCE
        ]
    elif plan.kind == PlanKind.PROVINCIAL_DEVELOPMENT:
        from planlink.areas.models import Agency
        from planlink.consolidation.routing import DEFAULT_AGENCY_BY_ISSUE

        action_plan = receiving_plan(
            PlanKind.PROVINCIAL_ACTION, owner, plan.cycle_id, synthetic=plan.synthetic
        )
        agencies = {a.code: a for a in Agency.objects.all()}
        for pk, route, agency, issue in projects:
            if route == Route.AGENCY:
                code = agency or DEFAULT_AGENCY_BY_ISSUE.get(issue or "", "DLA")
                pairs.append((pk, to_agency(agencies[code])))
            elif route == Route.PROVINCE:
                pairs.append((pk, to_plan(action_plan)))
    created = bulk_refer(pairs, actor=actor, engine_reason="ส่งตามเส้นทางที่เสนอ (routing by capacity)")
    return {"sent": len(created)}


def copy_projects(source_ids: list[int], plan: Plan) -> dict[int, int]:
    """Copy projects into ``plan`` (idempotent by ``engine_key = from:<id>``); return {source: copy}."""
    keys = {f"from:{pid}": pid for pid in source_ids}
    existing = dict(
        Project.objects.filter(plan=plan, engine_key__in=list(keys)).values_list("engine_key", "pk")
    )
    fields = (
        "title",
        "rationale",
        "objective",
        "target_quantity",
        "target_unit",
        "budget",
        "duration_months",
        "issue_id",
        "strategy_id",
        "mode",
        "capacity_level",
        "households",
        "villages_count",
        "suggested_agency_id",
        "kpi",
        "expected_result",
        "responsible_unit",
    )
    missing = [pid for key, pid in keys.items() if key not in existing]
    rows = Project.objects.filter(pk__in=missing).values("pk", *fields)
    new = [
        Project(plan=plan, engine_key=f"from:{row['pk']}", **{f: row[f] for f in fields})
        for row in rows
    ]
    Project.objects.bulk_create(new, batch_size=1000)
    area_rows = _bulk_area_rows(new)
    Project.areas.through.objects.bulk_create(area_rows, batch_size=5000)
    existing.update({p.engine_key: p.pk for p in new})
    return {pid: existing[key] for key, pid in keys.items()}


def _bulk_area_rows(new: list[Project]) -> list[Any]:
    by_source: dict[int, list[str]] = {}
    sources = [int(p.engine_key[5:]) for p in new]
    for project_id, area in Project.areas.through.objects.filter(
        project_id__in=sources
    ).values_list("project_id", "area_id"):
        by_source.setdefault(project_id, []).append(area)
    return [
        Project.areas.through(project_id=p.pk, area_id=area)
        for p in new
        for area in by_source.get(int(p.engine_key[5:]), [])
    ]
