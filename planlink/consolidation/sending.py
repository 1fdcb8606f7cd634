"""Create the referrals for routed projects, in bulk (one query per target batch)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from planlink.areas.models import Agency
from planlink.core.bulk import insert_dicts, insert_rows
from planlink.core.types import acting_user
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Plan, PlanKind, Project, Route
from planlink.referrals.components import copy_components
from planlink.referrals.models import OPEN_DECISIONS, Referral
from planlink.referrals.services import Target, to_agency, to_lao, to_plan

if TYPE_CHECKING:
    from planlink.consolidation.routing import RunLookups
    from planlink.core.types import Actor


def bulk_refer(
    pairs: list[tuple[int, Target]],
    *,
    actor: Actor = None,
    engine_reason: str = "",
    previous: dict[int, int] | None = None,
) -> list[tuple[int, str]]:
    """Create pending referrals for ``(project_id, target)`` pairs that have no live one yet.

    Returns the ``(project_id, target_key)`` pairs created. Rows are written with one
    ``executemany`` (no model instances: at national scale they cost more than the insert).
    """
    if not pairs:
        return []
    keys = {target.key for _, target in pairs}
    live = set(
        Referral.objects.filter(
            project_id__in={pid for pid, _ in pairs},
            target_key__in=keys,
            decision__in=OPEN_DECISIONS,
        )
        .order_by()
        .values_list("project_id", "target_key")
    )
    user = acting_user(actor)
    user_id = user.pk if user is not None else None
    previous = previous or {}
    now = timezone.now()
    rows, created = [], []
    for pid, t in pairs:
        if (pid, t.key) in live:
            continue
        live.add((pid, t.key))
        created.append((pid, t.key))
        rows.append(
            (
                pid,
                t.kind,
                t.key,
                t.scope_code,
                t.plan.pk if t.plan is not None else None,
                t.lao.pk if t.lao is not None else None,
                t.agency.pk if t.agency is not None else None,
                t.area.pk if t.area is not None else None,
                True,
                engine_reason,
                user_id,
                previous.get(pid),
                "pending",
                "",
                "",
                now,
                False,
            )
        )
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
        rows,
    )
    return created


ROUTED_REASON = "ส่งตามเส้นทางที่เสนอ (จัดเส้นทางตามศักยภาพ)"  # routing by capacity, PROCESS.md rule 4


def send_routes(
    plan: Plan, *, actor: Actor = None, lookups: RunLookups | None = None
) -> dict[str, int]:
    """Send every routed project of a submitted plan to where it was routed."""
    from planlink.consolidation.routing import DEFAULT_AGENCY_BY_ISSUE, RunLookups

    lookups = lookups or RunLookups(PlanningCycle.objects.get(pk=plan.cycle_id), plan.scope_code)
    projects = list(
        plan.projects.exclude(proposed_route="")
        .order_by()
        .values_list("pk", "proposed_route", "suggested_agency_id", "issue__code")
    )
    pairs: list[tuple[int, Target]] = []
    if plan.kind == PlanKind.CLUSTER:
        from planlink.consolidation.cluster import cluster_routes

        pairs = cluster_routes(plan, projects, lookups)
        return {"sent": len(bulk_refer(pairs, actor=actor, engine_reason=ROUTED_REASON))}
    owner = plan.owner_area
    if owner is None:  # the routed plans (tambon, district, province) belong to an area
        return {"sent": 0}
    if plan.kind == PlanKind.TAMBON:
        lao = lookups.covering_lao(owner.code)
        district_plan = lookups.plan(PlanKind.DISTRICT_NEEDS, lookups.area(owner.code[:4]))
        for pk, route, _, _ in projects:
            if route == Route.LAO and lao is not None:
                pairs.append((pk, to_lao(lao)))
            elif route == Route.UP:
                pairs.append((pk, to_plan(district_plan)))
    elif plan.kind == PlanKind.DISTRICT_NEEDS:
        province = lookups.area(owner.code[:2])
        province_plan = lookups.plan(PlanKind.PROVINCIAL_DEVELOPMENT, province)
        action_plan = lookups.plan(PlanKind.PROVINCIAL_ACTION, province)
        pairs = [(pk, to_plan(province_plan)) for pk, route, _, _ in projects if route == Route.UP]
        pairs += [
            (pk, to_plan(action_plan)) for pk, route, _, _ in projects if route == Route.PROVINCE
        ]
    elif plan.kind == PlanKind.PROVINCIAL_DEVELOPMENT:
        action_plan = lookups.plan(PlanKind.PROVINCIAL_ACTION, owner)
        agencies = {a.code: a for a in Agency.objects.all()}
        for pk, route, agency, issue in projects:
            if route == Route.AGENCY:
                code = agency or DEFAULT_AGENCY_BY_ISSUE.get(issue or "", "DLA")
                pairs.append((pk, to_agency(agencies[code])))
            elif route == Route.PROVINCE:
                pairs.append((pk, to_plan(action_plan)))
            elif route == Route.CLUSTER:  # cluster scope (issue 17): the cluster's plan
                from planlink.consolidation.cluster import province_cluster_plan

                cluster_plan = province_cluster_plan(owner, lookups)
                if cluster_plan is not None:
                    pairs.append((pk, to_plan(cluster_plan)))
    created = bulk_refer(pairs, actor=actor, engine_reason=ROUTED_REASON)
    return {"sent": len(created)}


_COPIED_FIELDS = (
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


def copy_projects_into(pairs: list[tuple[int, int]]) -> dict[tuple[int, int], int]:
    """Copy each ``(source project, plan id)``: {(source, plan): copy}, in a few statements.

    Idempotent: a copy is keyed ``from:<source id>`` within its plan, so copying again
    finds it. The copy covers the source's areas.
    """
    pairs = list(dict.fromkeys(pairs))
    existing = _copies_in({plan for _, plan in pairs}, {pid for pid, _ in pairs})
    missing = [(pid, plan) for pid, plan in pairs if (pid, plan) not in existing]
    if missing:
        sources = sorted({pid for pid, _ in missing})
        rows: dict[int, dict[str, Any]] = {}
        for start in range(0, len(sources), 5000):
            for row in (
                Project.objects.filter(pk__in=sources[start : start + 5000])
                .order_by()
                .values("pk", *_COPIED_FIELDS)
            ):
                rows[row["pk"]] = row
        insert_dicts(
            Project,
            (
                {
                    "plan_id": plan,
                    "engine_key": f"from:{pid}",
                    **{f: rows[pid][f] for f in _COPIED_FIELDS},
                }
                for pid, plan in missing
            ),
        )
        existing.update(_copies_in({plan for _, plan in missing}, set(sources)))
        areas: dict[int, list[str]] = {}
        for start in range(0, len(sources), 5000):
            for pid, area in (
                Project.areas.through.objects.filter(project_id__in=sources[start : start + 5000])
                .order_by()
                .values_list("project_id", "area_id")
            ):
                areas.setdefault(pid, []).append(area)
        insert_rows(
            Project.areas.through,
            ("project", "area"),
            [(existing[(pid, plan)], area) for pid, plan in missing for area in areas.get(pid, ())],
        )
        # A grouped project's copy keeps its places (components, issue 12).
        copy_components(
            {
                pid: existing[(pid, plan)]
                for pid, plan in missing
                if (rows[pid]["villages_count"] or 0) > 1  # only these can have places
            }
        )
    return {pair: existing[pair] for pair in pairs}


def _copies_in(plans: set[int], sources: set[int]) -> dict[tuple[int, int], int]:
    """{(source, plan): copy} for copies of ``sources`` already in ``plans``."""
    keys = [f"from:{pid}" for pid in sorted(sources)]
    found: dict[tuple[int, int], int] = {}
    for start in range(0, len(keys), 5000):
        for plan, key, pk in (
            Project.objects.filter(plan_id__in=plans, engine_key__in=keys[start : start + 5000])
            .order_by()
            .values_list("plan_id", "engine_key", "pk")
        ):
            found[(int(key[5:]), plan)] = pk
    return found
