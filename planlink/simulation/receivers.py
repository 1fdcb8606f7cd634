"""Simulated decisions of the bodies that receive projects, for the demo and ``planlink cycle``.

Real officers decide in the web app; a simulated year needs LAOs, committees, the
อบจ., the province and the line agencies to decide too. Every draw is a lot
(``draws.lot``) keyed by what is decided, never by a row id, so a re-run, or a run
resumed after a crash, decides exactly the same. Agencies'
take-up is calibrated to the manual's real FY2559 figures (docs/reference/PROCESS.md): of 7,932
projects proposed by provinces, 2,063 entered agencies' budget requests (26.0%; 7.7% of
the baht) and 1,402 were funded (68.0% of those included; 40.6% of their baht) —
smaller projects are likelier to be taken, which is what turns 26% of projects into 7.7%
of the money.

``SimulatedReceivers`` hands these decisions to the engine as the hooks of its steps
(``planlink.consolidation.steps.UnitHooks``): before a district's step the LAOs and the
district committee decide, before a province's step the provincial committee and the
อบจ.; after it the province and the agencies.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils import timezone

from planlink.areas.models import Agency, Area, LocalGovernment, ProvincialCluster
from planlink.consolidation.models import StepLevel
from planlink.consolidation.routing import provincial_pao
from planlink.consolidation.sending import bulk_refer, copy_projects_into
from planlink.core.bulk import insert_dicts, update_rows
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import CapacityLevel, Plan, PlanKind, PlanState, Project
from planlink.plans.services import plan_accept
from planlink.referrals.models import (
    Decision,
    FundingRequest,
    FundingSource,
    FundingStatus,
    Referral,
    TargetKind,
)
from planlink.referrals.services import to_committee, to_lao
from planlink.simulation.draws import lot, project_keys
from planlink.simulation.guard import require_synthetic
from planlink.simulation.notices import agency_supply_notices, match_notices
from planlink.simulation.plans import agency_request_plans, local_plans_create, receiver_plan

AGENCY_INCLUDE_SHARE = 0.26
AGENCY_INCLUDE_ELASTICITY = 0.85
AGENCY_FUND_SHARE = 0.68
AGENCY_FUND_ELASTICITY = 0.36
LAO_FUND_SHARE = 0.55
PAO_FUND_SHARE = 0.35
PROVINCE_FUND_SHARE = 0.45


def _decide(ids: list[int], decision: str, **fields: Any) -> None:
    now = timezone.now()
    for start in range(0, len(ids), 2000):
        Referral.objects.filter(pk__in=ids[start : start + 2000]).update(
            decision=decision, decided_at=now, decided_automatically=True, **fields
        )


def _include(referral_rows: list[tuple[int, int]], plan: Plan) -> dict[int, int]:
    """Include each (referral id, project id) as a copy in ``plan``; return {referral: copy}."""
    return _include_into([(rid, pid, plan.pk) for rid, pid in referral_rows])


def _include_into(rows: list[tuple[int, int, int]]) -> dict[int, int]:
    """Include each (referral id, project id, plan id) as a copy in that plan: {referral: copy}."""
    copies = copy_projects_into([(pid, plan) for _, pid, plan in rows])
    now = timezone.now()
    update_rows(
        Referral,
        ("decision", "result_project", "decided_at", "decided_automatically"),
        [(Decision.INCLUDED.value, copies[(pid, plan)], now, True, rid) for rid, pid, plan in rows],
    )
    return {rid: copies[(pid, plan)] for rid, pid, plan in rows}


def _fund_many(
    items: list[tuple[int, LocalGovernment | None]],
    cycle: PlanningCycle,
    source: str,
    share: float,
) -> int:
    """Funding requests for (project, LAO or None) pairs, decided by lot: how many approved."""
    ids = [pid for pid, _ in items]
    existing: set[int] = set()
    budgets: dict[int, Decimal] = {}
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        existing |= set(
            FundingRequest.objects.filter(project_id__in=chunk, fiscal_year=cycle.pk)
            .order_by()
            .values_list("project_id", flat=True)
        )
        budgets.update(Project.objects.filter(pk__in=chunk).order_by().values_list("pk", "budget"))
    keys = project_keys(pid for pid in ids if pid not in existing)
    rows: list[dict[str, Any]] = []
    funded = 0
    now = timezone.now()
    for pid, lao in items:
        if pid in existing:
            continue
        existing.add(pid)
        approved = lot(f"fund-{source}", keys[pid]).random() < share
        funded += approved
        rows.append(  # the records ``FundingRequest(...)`` would hold, without the instances
            {
                "project_id": pid,
                "source": source,
                "source_lao_id": lao.pk if lao is not None else None,
                "fiscal_year": cycle.pk,
                "requested": budgets[pid],
                "approved": budgets[pid] if approved else None,
                "allocated": budgets[pid] if approved else None,
                "status": FundingStatus.APPROVED.value
                if approved
                else FundingStatus.REJECTED.value,
                "reason": "" if approved else "งบประมาณไม่เพียงพอ (จำลอง)",
                "decided_at": now,
                "synthetic": True,
            }
        )
    insert_dicts(FundingRequest, rows)
    return funded


def _local_plans(cycle: PlanningCycle, laos: dict[str, LocalGovernment]) -> dict[str, Plan]:
    """Each LAO's local development plan for the cycle (made when missing)."""
    plans = {
        str(plan.owner_lao_id): plan
        for plan in Plan.objects.filter(
            kind=PlanKind.LOCAL_DEVELOPMENT, cycle=cycle, owner_lao_id__in=list(laos)
        )
    }
    missing = [lao for code, lao in laos.items() if code not in plans]
    for lao, plan in zip(missing, local_plans_create(cycle, missing), strict=True):
        plans[lao.code] = plan
    return plans


def lao_decisions(district_code: str, cycle: PlanningCycle, *, actor: Any = None) -> dict[str, int]:
    """LAOs of the district decide their coordination lists: include, or beyond capacity → committee."""
    rows = list(
        Referral.objects.filter(
            target_kind=TargetKind.LAO,
            decision=Decision.PENDING,
            to_lao__district_id=district_code,
            project__plan__cycle=cycle,
        ).values_list("pk", "project_id", "project__capacity_level", "to_lao_id")
    )
    beyond = [(rid, pid) for rid, pid, level, _ in rows if level == CapacityLevel.PAO]
    within: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for rid, pid, level, lao in rows:
        if level != CapacityLevel.PAO:
            within[lao].append((rid, pid))
    laos = {lao.code: lao for lao in LocalGovernment.objects.filter(code__in=list(within))}
    plans = _local_plans(cycle, laos)
    copies = _include_into(
        [(rid, pid, plans[code].pk) for code, items in within.items() for rid, pid in items]
    )
    included = len(copies)
    funded = _fund_many(
        [(copies[rid], laos[code]) for code, items in within.items() for rid, _ in items],
        cycle,
        FundingSource.LAO,
        LAO_FUND_SHARE,
    )
    if beyond:
        committee = to_committee(
            TargetKind.DISTRICT_LAO_COMMITTEE, Area.objects.get(code=district_code)
        )
        _decide([rid for rid, _ in beyond], Decision.FORWARDED, reason="เกินศักยภาพ อปท. (จำลอง)")
        bulk_refer(
            [(pid, committee) for _, pid in beyond],
            actor=actor,
            previous={pid: rid for rid, pid in beyond},
            engine_reason="ส่งต่อคณะกรรมการประสานแผนฯ ระดับอำเภอ",
        )
    return {"lao_included": included, "lao_funded": funded, "lao_beyond_capacity": len(beyond)}


def forward_committee(area: Area, cycle: PlanningCycle, *, actor: Any = None) -> dict[str, int]:
    """District committee → provincial committee; provincial committee → the province's อบจ."""
    if area.level == Area.Level.DISTRICT:
        kind, target = (
            TargetKind.DISTRICT_LAO_COMMITTEE,
            to_committee(TargetKind.PROVINCIAL_LAO_COMMITTEE, Area.objects.get(code=area.code[:2])),
        )
    else:
        pao = provincial_pao(area.code)
        if pao is None:
            return {}
        kind, target = TargetKind.PROVINCIAL_LAO_COMMITTEE, to_lao(pao)
    rows = list(
        Referral.objects.filter(
            target_key=f"{kind}:{area.code}", decision=Decision.PENDING, project__plan__cycle=cycle
        ).values_list("pk", "project_id")
    )
    if rows:
        _decide(
            [rid for rid, _ in rows], Decision.FORWARDED, reason="ผ่านการพิจารณาของคณะกรรมการ (จำลอง)"
        )
        bulk_refer(
            [(pid, target) for _, pid in rows],
            actor=actor,
            previous={pid: rid for rid, pid in rows},
            engine_reason=f"ส่งต่อโดย{TargetKind(kind).label}",
        )
    return {f"forwarded_{kind}": len(rows)}


def pao_decisions(province_code: str, cycle: PlanningCycle, *, actor: Any = None) -> dict[str, int]:
    """The อบจ. includes what the provincial committee forwarded and funds some of it."""
    pao = provincial_pao(province_code)
    if pao is None:
        return {}
    rows = list(
        Referral.objects.filter(
            target_key=f"lao:{pao.code}", decision=Decision.PENDING, project__plan__cycle=cycle
        ).values_list("pk", "project_id")
    )
    copies = (
        _include(rows, receiver_plan(PlanKind.LOCAL_DEVELOPMENT, cycle, lao=pao)) if rows else {}
    )
    funded = _fund_many(
        [(pid, pao) for pid in copies.values()], cycle, FundingSource.PAO, PAO_FUND_SHARE
    )
    return {"pao_included": len(rows), "pao_funded": funded}


def province_action_decisions(
    province_code: str, cycle: PlanningCycle, *, actor: Any = None
) -> dict[str, int]:
    """The province takes what was sent to its action plan and funds some of it."""
    province = Area.objects.get(code=province_code)
    action = receiver_plan(PlanKind.PROVINCIAL_ACTION, cycle, area=province)
    rows = list(
        Referral.objects.filter(
            target_key=f"plan:{action.pk}", decision=Decision.PENDING
        ).values_list("pk", "project_id")
    )
    copies = _include(rows, action) if rows else {}
    funded = _fund_many(
        [(pid, None) for pid in copies.values()],
        cycle,
        FundingSource.PROVINCE,
        PROVINCE_FUND_SHARE,
    )
    return {"province_action_included": len(rows), "province_funded": funded}


def _probabilities(
    budgets: dict[int, Decimal], share: float, elasticity: float
) -> dict[int, float]:
    if not budgets:
        return {}
    weights = {key: max(float(b), 1000.0) ** -elasticity for key, b in budgets.items()}
    mean = sum(weights.values()) / len(weights)
    return {key: min(0.95, share * w / mean) for key, w in weights.items()}


def agency_decisions(
    province_code: str, cycle: PlanningCycle, *, actor: Any = None
) -> dict[str, int]:
    """Agencies take projects into their budget requests, fund some, and notify the province."""
    rows = list(
        Referral.objects.filter(
            target_kind=TargetKind.AGENCY,
            decision=Decision.PENDING,
            project__plan__kind=PlanKind.PROVINCIAL_DEVELOPMENT,
            project__plan__scope_code=province_code,
            project__plan__cycle=cycle,
        ).values_list("pk", "project_id", "to_agency_id", "project__budget", "project__title")
    )
    projects = project_keys(r[1] for r in rows)
    # A referral's lot: the agency and the project it names, never the referral's id; and
    # the referrals in the order of those keys (ids may be numbered in any order).
    keys = {r[0]: f"{r[2]}|{projects[r[1]]}" for r in rows}
    rows.sort(key=lambda r: keys[r[0]])
    include_p = _probabilities(
        {r[0]: r[3] for r in rows}, AGENCY_INCLUDE_SHARE, AGENCY_INCLUDE_ELASTICITY
    )
    taken = [r for r in rows if lot("agency-include", keys[r[0]]).random() < include_p[r[0]]]
    refused = [r[0] for r in rows if r not in taken]
    _decide(refused, Decision.NOT_FUNDED, reason="ไม่ได้รับการบรรจุในคำของบประมาณของส่วนราชการ (จำลอง)")
    by_agency: dict[str, list[Any]] = defaultdict(list)
    for r in taken:
        by_agency[r[2]].append(r)
    for code, items in by_agency.items():
        _include(
            [(r[0], r[1]) for r in items],
            receiver_plan(PlanKind.AGENCY_REQUEST, cycle, agency=Agency.objects.get(pk=code)),
        )
    fund_p = _probabilities({r[0]: r[3] for r in taken}, AGENCY_FUND_SHARE, AGENCY_FUND_ELASTICITY)
    province = Area.objects.get(code=province_code)
    funded = []
    for rid, _pid, agency, budget, title in taken:
        rng = lot("agency-fund", keys[rid])
        if rng.random() < fund_p[rid]:
            funded.append((agency, budget, title, rng))
    notices = agency_supply_notices(funded, province, cycle)
    matched = match_notices(province_code, cycle)
    leftover = list(
        Referral.objects.filter(
            pk__in=[r[0] for r in taken], decision=Decision.INCLUDED
        ).values_list("pk", flat=True)
    )
    _decide(leftover, Decision.NOT_FUNDED, reason="ไม่ได้รับจัดสรรงบประมาณตาม พ.ร.บ. งบประมาณ (จำลอง)")
    return {
        "sent_to_agencies": len(rows),
        "agency_included": len(taken),
        "agency_notices": notices,
        "agency_funded": matched,
    }


# --- the provincial cluster (issue 17) ---------------------------------------------------------
CLUSTER_FUND_SHARE = 0.45
# The simulated lead province marks infrastructure and transport (roads linking the
# provinces, a tourism route) as the cluster's own issue: the provinces refer those projects
# to the cluster.
SIMULATED_CLUSTER_WIDE = frozenset({"INFRA"})


def cluster_action_decisions(
    cluster: ProvincialCluster, cycle: PlanningCycle, *, actor: Any = None
) -> dict[str, int]:
    """The cluster (its ก.บ.ก.) takes what was sent to its annual action plan and funds some."""
    action = Plan.objects.filter(
        kind=PlanKind.CLUSTER_ACTION, cycle=cycle, owner_cluster=cluster
    ).first()
    if action is None:
        return {"cluster_action_included": 0, "cluster_funded": 0}
    rows = list(
        Referral.objects.filter(
            target_key=f"plan:{action.pk}", decision=Decision.PENDING
        ).values_list("pk", "project_id")
    )
    copies = _include(rows, action) if rows else {}
    funded = _fund_many(
        [(pid, None) for pid in copies.values()], cycle, FundingSource.CLUSTER, CLUSTER_FUND_SHARE
    )
    return {"cluster_action_included": len(rows), "cluster_funded": funded}


def cluster_agency_decisions(
    cluster: ProvincialCluster, cycle: PlanningCycle, *, actor: Any = None
) -> dict[str, int]:
    """Agencies take the cluster's projects into their budget requests and fund some, with the
    same calibrated lots as the provinces' (``agency_decisions``); their notices of what was
    funded come back through the supply import, as the provinces' do."""
    rows = list(
        Referral.objects.filter(
            target_kind=TargetKind.AGENCY,
            decision=Decision.PENDING,
            project__plan__kind=PlanKind.CLUSTER,
            project__plan__owner_cluster=cluster,
            project__plan__cycle=cycle,
        ).values_list("pk", "project_id", "to_agency_id", "project__budget")
    )
    projects = project_keys(r[1] for r in rows)
    keys = {r[0]: f"{r[2]}|{projects[r[1]]}" for r in rows}
    rows.sort(key=lambda r: keys[r[0]])
    include_p = _probabilities(
        {r[0]: r[3] for r in rows}, AGENCY_INCLUDE_SHARE, AGENCY_INCLUDE_ELASTICITY
    )
    taken = [r for r in rows if lot("agency-include", keys[r[0]]).random() < include_p[r[0]]]
    refused = [r[0] for r in rows if r not in taken]
    _decide(refused, Decision.NOT_FUNDED, reason="ไม่ได้รับการบรรจุในคำของบประมาณของส่วนราชการ (จำลอง)")
    by_agency: dict[str, list[Any]] = defaultdict(list)
    for r in taken:
        by_agency[r[2]].append(r)
    for code, items in by_agency.items():
        _include(
            [(r[0], r[1]) for r in items],
            receiver_plan(PlanKind.AGENCY_REQUEST, cycle, agency=Agency.objects.get(pk=code)),
        )
    fund_p = _probabilities({r[0]: r[3] for r in taken}, AGENCY_FUND_SHARE, AGENCY_FUND_ELASTICITY)
    # The agencies' notices go to a province of the project (its first one in the cluster),
    # imported the real way: matched against the cluster's plan and confirmed (planlink.supply).
    members = set(
        Area.objects.filter(level=Area.Level.PROVINCE, cluster=cluster).values_list(
            "code", flat=True
        )
    )
    first: dict[int, str] = {}
    for pid, area in (
        Project.areas.through.objects.filter(project_id__in=[r[1] for r in taken])
        .order_by("area_id")
        .values_list("project_id", "area_id")
    ):
        if area[:2] in members:
            first.setdefault(pid, area[:2])
    by_province: dict[str, list[Any]] = defaultdict(list)
    titles = dict(Project.objects.filter(pk__in=[r[1] for r in taken]).values_list("pk", "title"))
    for rid, pid, agency, budget in taken:
        rng = lot("agency-fund", keys[rid])
        if rng.random() < fund_p[rid] and pid in first:
            by_province[first[pid]].append((agency, budget, titles[pid], rng))
    notices = 0
    for code, funded in sorted(by_province.items()):
        notices += agency_supply_notices(funded, Area.objects.get(code=code), cycle)
    leftover = list(
        Referral.objects.filter(
            pk__in=[r[0] for r in taken], decision=Decision.INCLUDED
        ).values_list("pk", flat=True)
    )
    _decide(leftover, Decision.NOT_FUNDED, reason="ไม่ได้รับจัดสรรงบประมาณตาม พ.ร.บ. งบประมาณ (จำลอง)")
    funded_count = Referral.objects.filter(
        pk__in=[r[0] for r in taken], decision=Decision.FUNDED
    ).count()
    return {
        "cluster_sent_to_agencies": len(rows),
        "cluster_agency_included": len(taken),
        "cluster_agency_notices": notices,
        "cluster_agency_funded": funded_count,
    }


def compile_district_action_plans(province_code: str, cycle: PlanningCycle) -> dict[str, int]:
    """แผนปฏิบัติการประจำปีของอำเภอ: every funded project located in the district, whoever funds it."""
    funded = set(
        FundingRequest.objects.filter(
            status=FundingStatus.APPROVED,
            fiscal_year=cycle.pk,
            project__plan__scope_code__startswith=province_code,
        ).values_list("project_id", flat=True)
    )
    funded |= set(
        Referral.objects.filter(
            decision=Decision.FUNDED,
            fiscal_year=cycle.pk,
            project__plan__scope_code__startswith=province_code,
        ).values_list("project_id", flat=True)
    )
    by_district: dict[str, set[int]] = defaultdict(set)
    for project_id, area in Project.areas.through.objects.filter(project_id__in=funded).values_list(
        "project_id", "area_id"
    ):
        if len(area) >= 4:
            by_district[area[:4]].add(project_id)
    areas = Area.objects.in_bulk(list(by_district))
    pairs = []
    for district_code, projects in sorted(by_district.items()):
        plan = receiver_plan(PlanKind.DISTRICT_ACTION, cycle, area=areas[district_code])
        pairs += [(pid, plan.pk) for pid in sorted(projects)]
    copy_projects_into(pairs)
    return {"district_action_projects": len(pairs)}


def accept_submitted_plans(kind: str, cycle: PlanningCycle, scope: str, *, actor: Any) -> int:
    """The receiving office accepts every submitted plan of ``kind`` in ``scope``
    (``plans.services.plan_accept``, as an officer would)."""
    plans = Plan.objects.filter(
        kind=kind, cycle=cycle, state=PlanState.SUBMITTED, scope_code__startswith=scope
    ).order_by("scope_code")
    accepted = 0
    for plan in plans:
        plan_accept(plan=plan, actor=actor)
        accepted += 1
    return accepted


class SimulatedReceivers:
    """The engine's unit hooks (``planlink.consolidation.steps.UnitHooks``) for a simulated
    year: the receivers decide around each district and province unit, inside the unit's
    transaction. Refused on a cycle that is not synthetic."""

    def before_unit(
        self, level: str, area: Area, cycle: PlanningCycle, *, actor: Any = None
    ) -> dict[str, int]:
        require_synthetic(cycle)
        counts: dict[str, int] = {}
        if level == StepLevel.DISTRICT:
            counts.update(lao_decisions(area.code, cycle, actor=actor))
            counts.update(forward_committee(area, cycle, actor=actor))
            accept_submitted_plans(PlanKind.TAMBON, cycle, area.code, actor=actor)
        elif level == StepLevel.PROVINCE:
            counts.update(forward_committee(area, cycle, actor=actor))
            counts.update(pao_decisions(area.code, cycle, actor=actor))
            accept_submitted_plans(PlanKind.DISTRICT_NEEDS, cycle, area.code, actor=actor)
        return counts

    def after_unit(
        self, level: str, area: Area, cycle: PlanningCycle, *, actor: Any = None
    ) -> dict[str, int]:
        counts: dict[str, int] = {}
        if level == StepLevel.PROVINCE:
            counts.update(province_action_decisions(area.code, cycle, actor=actor))
            counts.update(agency_decisions(area.code, cycle, actor=actor))
            counts.update(compile_district_action_plans(area.code, cycle))
        return counts

    def before_cluster(
        self, cluster: ProvincialCluster, cycle: PlanningCycle, *, actor: Any = None
    ) -> dict[str, int]:
        require_synthetic(cycle)
        return {}

    def after_cluster(
        self, cluster: ProvincialCluster, cycle: PlanningCycle, *, actor: Any = None
    ) -> dict[str, int]:
        """After the cluster's step: its ก.บ.ก. and the agencies decide (issue 17)."""
        counts = cluster_action_decisions(cluster, cycle, actor=actor)
        counts.update(cluster_agency_decisions(cluster, cycle, actor=actor))
        return counts

    def before_workers(self, level: str, cycle: PlanningCycle) -> None:
        """Before provinces (or clusters) run side by side: the plans they share (the
        agencies' requests)."""
        require_synthetic(cycle)
        if level in (StepLevel.PROVINCE, StepLevel.CLUSTER):
            agency_request_plans(cycle)


RECEIVERS = SimulatedReceivers()
