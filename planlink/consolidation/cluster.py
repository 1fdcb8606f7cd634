"""The cluster step (กลุ่มจังหวัด): between the provinces and the line agencies (issue 17).

The manual speaks of "จังหวัด/กลุ่มจังหวัด" throughout: provinces *and* the 18 provincial
clusters make development plans and annual action plans and send what is beyond their
capacity to the line agencies (docs/reference/seeds/004 §๒.๕ "จังหวัด/กลุ่มจังหวัด จัดทำแผนพัฒนา
จังหวัด/กลุ่มจังหวัด"; "ส่งต่อปัญหาและความต้องการที่เกินขีดความสามารถของจังหวัด/กลุ่มจังหวัด
ไปยังส่วนราชการที่เกี่ยวข้อง"; the FY2559 figures — 7,932 proposed, 2,063 taken, 1,402 funded —
are provinces' and clusters' together). A need that only makes sense across provinces goes
through the cluster:

* **Cluster scope.** At the province step a project of the provincial development plan is
  of cluster scope when it is located in more than one province of the cluster (its areas),
  or when its issue is one the cluster's frame marks cluster-wide (``plans.ClusterIssue``).
  Such projects are routed ``Route.CLUSTER`` and sent to the cluster's development plan
  (แผนพัฒนากลุ่มจังหวัด) instead of the province's action plan or an agency.
* **The cluster step** (``consolidate_cluster``) merges what the provinces sent with the
  same rule as the province step (``merge.merge_into_plan(same_place_only=True)``: two
  provinces' proposals of one road that both locate at its two ends are one need, with both
  provinces' referrals as its sources), ranks (by issue code: each province has its own
  frame of the same codes) and routes: within the cluster's capacity to its annual action
  plan (แผนปฏิบัติราชการประจำปีของกลุ่มจังหวัด), beyond it to the line agency (``agency:``).
  Funding recorded on the agency's referral flows down every lineage to the village needs
  of each province (``referrals.lineage.trace``).

The cluster's plans are owned by the cluster; their ``scope_code`` is the cluster's code
(``C05``), which is how access (``accounts.access``: the cluster officer, the member
provinces' officers) and the roll-ups (``rollups``: ``C05`` rows) find them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import Q
from django.utils import timezone

from planlink.areas.models import Agency, Area, ProvincialCluster, prefix_range
from planlink.consolidation.models import ConsolidationRun, StepLevel
from planlink.consolidation.routing import (
    DEFAULT_AGENCY_BY_ISSUE,
    RunLookups,
    _already_requested,
    _note,
    _unsent,
)
from planlink.core.bulk import update_rows
from planlink.core.errors import DomainError
from planlink.core.types import acting_user
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import CapacityLevel, ClusterIssue, Plan, PlanKind, Project, Route
from planlink.referrals.services import Target, to_agency, to_plan
from planlink.rollups.services import rollups_deferred, rollups_mark_stale, rollups_refresh

if TYPE_CHECKING:
    from planlink.consolidation.steps import StepResult
    from planlink.core.types import Actor

CLUSTER_KINDS = (PlanKind.CLUSTER, PlanKind.CLUSTER_ACTION)


class ClusterHooks(Protocol):
    """Work a caller adds around the cluster's unit, inside its transaction (the simulation's
    receivers: the ก.บ.ก. and the agencies deciding), like ``steps.UnitHooks``."""

    def before_cluster(
        self, cluster: ProvincialCluster, cycle: PlanningCycle, *, actor: Actor = None
    ) -> dict[str, int]: ...

    def after_cluster(
        self, cluster: ProvincialCluster, cycle: PlanningCycle, *, actor: Actor = None
    ) -> dict[str, int]: ...


# --- which cluster, which provinces -----------------------------------------------------------
def cluster_by_number(number: int) -> ProvincialCluster:
    cluster = ProvincialCluster.objects.filter(number=number).first()
    if cluster is None:
        raise DomainError(
            f"ไม่พบกลุ่มจังหวัดที่ {number} (มี 18 กลุ่ม)", f"no provincial cluster {number} (1–18)"
        )
    return cluster


def cluster_of_province(province_code: str) -> ProvincialCluster | None:
    area = (
        Area.objects.filter(code=province_code[:2], level=Area.Level.PROVINCE)
        .select_related("cluster")
        .first()
    )
    return area.cluster if area is not None else None


def member_provinces(cluster: ProvincialCluster | int) -> list[str]:
    """The codes of the cluster's provinces, in code order."""
    cluster_id = cluster if isinstance(cluster, int) else cluster.pk
    return list(
        Area.objects.filter(level=Area.Level.PROVINCE, cluster_id=cluster_id)
        .order_by("code")
        .values_list("code", flat=True)
    )


def cluster_wide_codes(cluster_id: int, cycle_id: int) -> set[str]:
    """The issue codes the cluster's frame marks cluster-wide for the cycle."""
    return set(
        ClusterIssue.objects.filter(
            cluster_id=cluster_id, cycle_id=cycle_id, cluster_wide=True
        ).values_list("code", flat=True)
    )


# --- the province step: which projects are of cluster scope ------------------------------------
def cluster_scope(plan: Plan, project_ids: list[int]) -> dict[int, str]:
    """Projects of a provincial development plan of cluster scope: {project id: Thai reason}.

    Located in more than one province of the cluster (its areas), or of an issue the
    cluster's frame marks cluster-wide. A province in no cluster (Bangkok) has none.
    """
    if plan.kind != PlanKind.PROVINCIAL_DEVELOPMENT or not plan.owner_area_id or not project_ids:
        return {}
    cluster_id = (
        Area.objects.filter(code=plan.owner_area_id).values_list("cluster_id", flat=True).first()
    )
    if cluster_id is None:
        return {}
    members = set(member_provinces(cluster_id))
    wide = cluster_wide_codes(cluster_id, plan.cycle_id)
    provinces: dict[int, set[str]] = defaultdict(set)
    for start in range(0, len(project_ids), 5000):
        for project_id, area in (
            Project.areas.through.objects.filter(project_id__in=project_ids[start : start + 5000])
            .order_by()
            .values_list("project_id", "area_id")
        ):
            if area[:2] in members:
                provinces[project_id].add(area[:2])
    issues = {
        pk: (code, name)
        for pk, code, name in (
            Project.objects.filter(pk__in=project_ids).values_list(
                "pk", "issue__code", "issue__name_th"
            )
            if wide
            else []
        )
    }
    codes = {pk: code for pk, (code, _name) in issues.items()}
    names = dict(Area.objects.filter(code__in=members).values_list("code", "name_th"))
    reasons: dict[int, str] = {}
    for pk in project_ids:
        where = provinces.get(pk, set())
        if len(where) > 1:
            listed = " ".join(f"จังหวัด{names.get(code, code)}" for code in sorted(where))
            reasons[pk] = f"ตั้งอยู่ใน {len(where)} จังหวัดของกลุ่มจังหวัด ({listed}) — เสนอแผนพัฒนากลุ่มจังหวัด"
        elif codes.get(pk) in wide:
            reasons[pk] = (
                f"ประเด็น{issues[pk][1] or codes[pk]} เป็นประเด็นระดับกลุ่มจังหวัดตามกรอบของกลุ่มจังหวัด"
                " — เสนอแผนพัฒนากลุ่มจังหวัด"  # the issue's name, not its code (issue 15)
            )
    return reasons


def province_cluster_plan(province: Area, lookups: RunLookups) -> Plan | None:
    """The development plan of the province's cluster (made when missing), or None."""
    cluster = province.cluster if province.cluster_id else None
    if cluster is None:
        return None
    return lookups.cluster_plan(
        PlanKind.CLUSTER, cluster, synthetic=lookups.synthetic(province.code)
    )


# --- the cluster step: routing ----------------------------------------------------------------
def route_cluster_plan(plan: Plan) -> dict[str, int]:
    """Within the cluster's capacity → its annual action plan; beyond it → the line agency
    that funds such work (docs/reference/seeds/004: "เกินขีดความสามารถของจังหวัด/กลุ่มจังหวัด")."""
    projects = _unsent(
        plan, "pk", "capacity_level", "engine_note", "suggested_agency_id", "issue__code"
    )
    duplicates = _already_requested(plan, [p["pk"] for p in projects])
    names = dict(Agency.objects.values_list("code", "name_th"))
    updates: list[tuple[Any, ...]] = []
    counts: defaultdict[str, int] = defaultdict(int)
    for p in projects:
        if p["pk"] in duplicates:
            route, why = Route.TAMBON, duplicates[p["pk"]]
        elif p["capacity_level"] == CapacityLevel.AGENCY:
            agency = p["suggested_agency_id"] or DEFAULT_AGENCY_BY_ISSUE.get(
                p["issue__code"] or "", "DLA"
            )
            route = Route.AGENCY
            why = f"เกินศักยภาพกลุ่มจังหวัด — ส่ง{names.get(agency, agency)} จัดทำคำของบประมาณ"
        else:
            route, why = Route.CLUSTER, "อยู่ในศักยภาพกลุ่มจังหวัด — แผนปฏิบัติราชการประจำปีของกลุ่มจังหวัด"
        updates.append((route, _note(p["engine_note"], why), p["pk"]))
        counts[route] += 1
    update_rows(Project, ("proposed_route", "engine_note"), updates)
    return dict(counts)


def cluster_routes(
    plan: Plan, projects: Sequence[tuple[int, str, str | None, str | None]], lookups: RunLookups
) -> list[tuple[int, Target]]:
    """The referrals ``send_routes`` makes for a cluster development plan's routed projects."""
    cluster = plan.owner_cluster
    if cluster is None:
        return []
    action = lookups.cluster_plan(PlanKind.CLUSTER_ACTION, cluster, synthetic=plan.synthetic)
    agencies = {a.code: a for a in Agency.objects.all()}
    pairs: list[tuple[int, Target]] = []
    for pk, route, agency, issue in projects:
        if route == Route.AGENCY:
            code = agency or DEFAULT_AGENCY_BY_ISSUE.get(issue or "", "DLA")
            pairs.append((pk, to_agency(agencies[code])))
        elif route == Route.CLUSTER:
            pairs.append((pk, to_plan(action)))
    return pairs


# --- the step -----------------------------------------------------------------------------------
def _synthetic(cluster: ProvincialCluster, cycle: PlanningCycle) -> bool:
    """Is there synthetic (demo) data in the cluster's provinces this cycle?"""
    query = Q(pk__in=[])
    for code in member_provinces(cluster):
        query |= prefix_range("scope_code", code)
    return Plan.objects.filter(query, cycle=cycle, synthetic=True).exists()


def cluster_unit(
    cluster: ProvincialCluster,
    cycle: PlanningCycle,
    *,
    auto_accept: bool,
    actor: Actor = None,
    lookups: RunLookups | None = None,
    hooks: ClusterHooks | None = None,
) -> dict[str, int]:
    """The cluster's unit: merge, rank and route what the provinces sent, in one transaction."""
    from planlink.consolidation.steps import _audit_step, _receive, unit_transaction

    lookups = lookups or RunLookups(cycle, cluster.code)
    with unit_transaction():
        counts: dict[str, int] = {}
        if hooks:
            counts.update(hooks.before_cluster(cluster, cycle, actor=actor))
        plan = lookups.cluster_plan(PlanKind.CLUSTER, cluster, synthetic=_synthetic(cluster, cycle))
        if plan.is_editable:
            counts.update(
                _receive(
                    plan,
                    route_cluster_plan,
                    "cluster",
                    auto_accept=auto_accept,
                    actor=actor,
                    same_place_only=True,
                    lookups=lookups,
                )
            )
        else:
            counts["skipped"] = 1
        if hooks:
            counts.update(hooks.after_cluster(cluster, cycle, actor=actor))
        _audit_step("cluster", plan, actor, counts)
        return counts


def consolidate_cluster(
    *,
    cluster_number: int,
    cycle: PlanningCycle,
    auto_accept: bool = False,
    actor: Actor = None,
    hooks: ClusterHooks | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> StepResult:
    """Run the cluster step for provincial cluster ``cluster_number`` (after the province step).

    ``auto_accept`` is for synthetic cycles only, as at every step.
    """
    from planlink.consolidation.steps import StepResult

    cluster = cluster_by_number(cluster_number)
    if auto_accept and not cycle.synthetic:
        raise DomainError(
            f"รอบปีงบประมาณ {cycle.pk} เป็นข้อมูลจริง การยอมรับอัตโนมัติใช้ได้เฉพาะรอบปีสังเคราะห์",
            f"cycle {cycle.pk} is not synthetic: automatic acceptance is for synthetic cycles only",
        )
    run = ConsolidationRun.objects.create(
        level=StepLevel.CLUSTER,
        area_code=cluster.code,
        cycle=cycle,
        auto_accept=auto_accept,
        units_total=1,
        started_by=acting_user(actor),
    )
    result = StepResult(level=StepLevel.CLUSTER, area=cluster.code, cycle=cycle.pk, units=1)
    try:
        # The roll-ups are refreshed once at the end, not after each of the unit's commits
        # (a province refreshed by the receivers' commit would be refreshed again below).
        with rollups_deferred(collect=True) as deferral:
            counts = cluster_unit(cluster, cycle, auto_accept=auto_accept, actor=actor, hooks=hooks)
    except Exception as error:
        rollups_mark_stale(
            cycle_id=cycle.pk,
            area_codes=[*member_provinces(cluster), *deferral.touched.get(cycle.pk, ())],
        )
        ConsolidationRun.objects.filter(pk=run.pk).update(
            state=ConsolidationRun.State.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    result.skipped += counts.pop("skipped", 0)
    result.add(**counts)
    ConsolidationRun.objects.filter(pk=run.pk).update(
        state=ConsolidationRun.State.DONE,
        units_done=1,
        counts=result.counts,
        finished_at=timezone.now(),
    )
    if progress:
        progress(1, 1, cluster.code)
    # The cluster's provinces' roll-ups (and the cluster's own rows) are refreshed, with any
    # other scope the step's changes touched (the agencies' national plans).
    touched = deferral.touched.get(cycle.pk, set())
    rollups_refresh(cycle_id=cycle.pk, area_codes=[*member_provinces(cluster), *sorted(touched)])
    return result


def clusters_of(province_codes: list[str]) -> list[int]:
    """The numbers of the clusters of these provinces (sorted, each once)."""
    return sorted(
        {
            number
            for number in Area.objects.filter(
                code__in=province_codes, level=Area.Level.PROVINCE, cluster__isnull=False
            ).values_list("cluster__number", flat=True)
            if number is not None
        }
    )


def cluster_plans(cluster: ProvincialCluster, cycle_id: int) -> dict[str, Plan | None]:
    """The cluster's development and annual action plans for the cycle (None where missing)."""
    found = {
        plan.kind: plan
        for plan in Plan.objects.filter(
            owner_cluster=cluster, cycle_id=cycle_id, kind__in=CLUSTER_KINDS
        )
    }
    return {kind: found.get(kind) for kind in CLUSTER_KINDS}
