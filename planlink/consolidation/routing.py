"""Route each project by capacity, and send it where it was routed (docs/reference/PROCESS.md rule 4).

Tambon: self-reliant needs stay in the village (they are never collected);
community-capacity projects stay in the tambon plan; within LAO capacity (or
beyond it, for the อบจ. route via the coordination committees) go on the LAO's
project coordination list (บัญชีประสานโครงการ); the rest go up — but only the
projects ranked 1–2 of each issue (docs/reference/seeds/002 §5.1–5.2), and never one already
requested from another source for the same year ("ต้องไม่ซ้ำซ้อนกับที่ได้เสนอขอรับ
งบประมาณจากแหล่งอื่น ๆ ไว้แล้ว"), with the reason shown.
District: every needs-plan project goes to the province. Province: projects
within the province's capacity go to its annual action plan; the rest go to the
line agency that funds such work.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.functional import cached_property

from planlink.areas.models import (
    Agency,
    Area,
    LocalGovernment,
    LocalGovernmentCoverage,
    ProvincialCluster,
)
from planlink.core.bulk import update_rows
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import CapacityLevel, Plan, PlanKind, Project, Route
from planlink.referrals.models import (
    LIVE_FUNDING_STATUSES,
    OPEN_DECISIONS,
    FundingRequest,
    FundingSource,
    Referral,
)

MAX_UP_PER_ISSUE = 2

DEFAULT_AGENCY_BY_ISSUE = {
    "ECON": "DOAE",
    "INFRA": "DRR",
    "WATER": "RID",
    "HEALTH": "OPS-MOPH",
    "SOCIAL": "DOP",
    "EDU": "OBEC",
    "ENV": "DEQP",
    "SAFETY": "ONCB",
    "GOV": "DLA",
}


def _unsent(plan: Plan, *fields: str) -> list[dict[str, Any]]:
    """The plan's projects not yet sent anywhere (no referral out), as dicts of ``fields``.

    Two indexed reads instead of an outer join: at national scale PostgreSQL's planner
    answered the join by scanning every referral in the country, once per tambon.
    """
    rows = list(plan.projects.order_by().values(*fields))
    ids = [row["pk"] for row in rows]
    sent: set[int] = set()
    for start in range(0, len(ids), 5000):
        sent |= set(
            Referral.objects.filter(project_id__in=ids[start : start + 5000])
            .order_by()
            .values_list("project_id", flat=True)
        )
    return [row for row in rows if row["pk"] not in sent]


def _already_requested(plan: Plan, project_ids: list[int]) -> dict[int, str]:
    """Projects (or their sources) with a live funding request for the cycle's year, or already
    on an LAO's or agency's list: they are not proposed again."""
    sources: dict[int, set[int]] = defaultdict(set)
    for result, proposed, source in Referral.objects.filter(
        target_key=f"plan:{plan.pk}", decision__in=OPEN_DECISIONS
    ).values_list("result_project_id", "proposed_result_project_id", "project_id"):
        target = result or proposed
        if target:
            sources[target].add(source)
    everything = set(project_ids) | set().union(*sources.values()) if sources else set(project_ids)
    labels = dict(FundingSource.choices)
    requested = {
        project: f"ขอรับงบประมาณปี {year} จาก{labels.get(label, label)}ไว้แล้ว"
        for project, year, label in FundingRequest.objects.filter(
            project_id__in=everything, fiscal_year=plan.cycle_id, status__in=LIVE_FUNDING_STATUSES
        ).values_list("project_id", "fiscal_year", "source")
    }
    reasons = {}
    for pk in project_ids:
        for candidate in {pk} | sources.get(pk, set()):
            if candidate in requested:
                reasons[pk] = requested[candidate] + " จึงไม่เสนอซ้ำ"
                break
    return reasons


def route_tambon_plan(plan: Plan) -> dict[str, int]:
    projects = _unsent(plan, "pk", "issue_id", "priority", "capacity_level", "engine_note")
    duplicates = _already_requested(plan, [p["pk"] for p in projects])
    by_issue: dict[int | None, list[dict[str, Any]]] = defaultdict(list)
    updates: list[tuple[Any, ...]] = []
    counts: defaultdict[str, int] = defaultdict(int)
    for p in projects:
        level = p["capacity_level"]
        note = p["engine_note"]
        if p["pk"] in duplicates:
            route, why = Route.TAMBON, duplicates[p["pk"]]
        elif level == CapacityLevel.COMMUNITY:
            route, why = Route.TAMBON, "ชุมชน/ตำบลดำเนินการได้เอง"
        elif level in (CapacityLevel.LAO, CapacityLevel.PAO):
            route = Route.LAO
            why = (
                "อยู่ในศักยภาพ อปท. — บัญชีประสานโครงการ"
                if level == CapacityLevel.LAO
                else "เกินศักยภาพ อปท. — ผ่านบัญชีประสานโครงการสู่คณะกรรมการประสานแผนฯ และ อบจ."
            )
        else:
            by_issue[p["issue_id"]].append(p)
            continue
        updates.append((route, _note(note, why), p["pk"]))
        counts[route] += 1
    for items in by_issue.values():
        items.sort(key=lambda item: (item["priority"] or 10_000, item["pk"]))
        for position, p in enumerate(items, start=1):
            if position <= MAX_UP_PER_ISSUE:
                route, why = Route.UP, f"อันดับ {position} ของประเด็น — เสนอแผนพัฒนาอำเภอ"
            else:
                route, why = (
                    Route.TAMBON,
                    f"อันดับ {position} ของประเด็น (เสนอได้ 2 อันดับแรก) — เก็บไว้ในแผนตำบล",
                )
            updates.append((route, _note(p["engine_note"], why), p["pk"]))
            counts[route] += 1
    update_rows(Project, ("proposed_route", "engine_note"), updates)
    return dict(counts)


def route_district_plan(plan: Plan) -> dict[str, int]:
    """District needs go to the province: within the district's capacity straight to the
    province's annual action plan (its own budget); beyond it to the provincial development plan."""
    projects = _unsent(plan, "pk", "engine_note", "capacity_level")
    duplicates = _already_requested(plan, [p["pk"] for p in projects])
    rows: list[tuple[Any, ...]] = []
    counts: defaultdict[str, int] = defaultdict(int)
    for p in projects:
        if p["pk"] in duplicates:
            route, why = Route.TAMBON, duplicates[p["pk"]]
        elif p["capacity_level"] in (CapacityLevel.DISTRICT, CapacityLevel.PROVINCE):
            route, why = Route.PROVINCE, "อยู่ในศักยภาพอำเภอ/จังหวัด — แผนปฏิบัติราชการประจำปีของจังหวัด"
        else:
            route, why = Route.UP, "เกินศักยภาพอำเภอ — เสนอแผนพัฒนาจังหวัด"
        rows.append((route, _note(p["engine_note"], why), p["pk"]))
        counts[route] += 1
    update_rows(Project, ("proposed_route", "engine_note"), rows)
    return dict(counts)


def route_province_plan(plan: Plan) -> dict[str, int]:
    projects = _unsent(
        plan, "pk", "capacity_level", "engine_note", "suggested_agency_id", "issue__code"
    )
    duplicates = _already_requested(plan, [p["pk"] for p in projects])
    agency_names = dict(Agency.objects.values_list("code", "name_th"))
    from planlink.consolidation.cluster import cluster_scope

    # Projects of cluster scope go to the cluster's development plan (issue 17).
    of_cluster = cluster_scope(plan, [p["pk"] for p in projects])
    updates: list[tuple[Any, ...]] = []
    counts: defaultdict[str, int] = defaultdict(int)
    for p in projects:
        if p["pk"] in duplicates:
            route, why = Route.TAMBON, duplicates[p["pk"]]
        elif p["pk"] in of_cluster:
            route, why = Route.CLUSTER, of_cluster[p["pk"]]
        elif p["capacity_level"] == CapacityLevel.AGENCY:
            agency = p["suggested_agency_id"] or DEFAULT_AGENCY_BY_ISSUE.get(
                p["issue__code"] or "", "DLA"
            )
            name = agency_names.get(agency, agency)  # the agency's name, not its code
            route, why = Route.AGENCY, f"เกินศักยภาพจังหวัด — ส่ง{name} จัดทำคำของบประมาณ"
        else:
            route, why = Route.PROVINCE, "อยู่ในศักยภาพจังหวัด — แผนปฏิบัติราชการประจำปีของจังหวัด"
        updates.append((route, _note(p["engine_note"], why), p["pk"]))
        counts[route] += 1
    update_rows(Project, ("proposed_route", "engine_note"), updates)
    return dict(counts)


def _note(existing: str, why: str) -> str:
    base = existing.split(" | เส้นทาง: ")[0] if existing else ""
    return f"{base} | เส้นทาง: {why}" if base else f"เส้นทาง: {why}"


def covering_lao(tambon_code: str) -> LocalGovernment | None:
    row = (
        LocalGovernmentCoverage.objects.filter(tambon_id=tambon_code)
        .order_by("inferred", "local_government_id")
        .select_related("local_government")
        .first()
    )
    return row.local_government if row else None


def provincial_pao(province_code: str) -> LocalGovernment | None:
    return LocalGovernment.objects.filter(
        province_id=province_code, kind=LocalGovernment.Kind.PAO
    ).first()


def receiving_plan(
    kind: str, area: Area, cycle_id: int, *, synthetic: bool, cycle: PlanningCycle | None = None
) -> Plan:
    from planlink.plans.services import plan_default_title, plan_scope_code

    plan = Plan.objects.filter(kind=kind, cycle_id=cycle_id, owner_area=area).first()
    if plan is None:
        if cycle is None or cycle.pk != cycle_id:
            cycle = PlanningCycle.objects.get(pk=cycle_id)
        plan = Plan(
            kind=kind,
            cycle_id=cycle_id,
            owner_area=area,
            synthetic=synthetic,
            title=plan_default_title(kind, area, cycle),
        )
        plan.scope_code = plan_scope_code(plan)
        plan.save()
    return plan


def receiving_cluster_plan(
    kind: str, cluster: ProvincialCluster, cycle: PlanningCycle, *, synthetic: bool
) -> Plan:
    """A provincial cluster's plan of ``kind`` for the cycle, made when missing (issue 17)."""
    from planlink.plans.services import plan_default_title

    found = Plan.objects.filter(kind=kind, cycle_id=cycle.pk, owner_cluster=cluster)
    plan = found.first()
    if plan is None:
        plan = Plan(
            kind=kind,
            cycle_id=cycle.pk,
            owner_cluster=cluster,
            synthetic=synthetic,
            title=plan_default_title(kind, cluster, cycle),
            scope_code=cluster.code,
        )
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError:  # another process made it meanwhile: use theirs
            plan = found.get()
    return plan


class RunLookups:
    """What a step looks up again and again, read once per run.

    Every tambon of a district sends to the same district needs plan, every district to
    the same provincial plans; a tambon's covering LAO and the areas do not change while a
    step runs. One instance lives for one run (``consolidate``): a unit that fails stops
    the run, so a plan made in a rolled-back unit is never used again.
    """

    def __init__(self, cycle: PlanningCycle, area_code: str = "") -> None:
        self.cycle = cycle
        self._plans: dict[tuple[str, str], Plan] = {}
        self._laos: dict[str, LocalGovernment | None] = {}
        self._areas: dict[str, Area] = {}
        codes = Plan.objects.filter(
            cycle_id=cycle.pk, scope_code__startswith=area_code, synthetic=True
        ).values_list("scope_code", flat=True)
        self._synthetic = {code[:n] for code in codes.distinct() for n in (2, 4, 6, 8)}

    def synthetic(self, area_code: str) -> bool:
        """Is there synthetic (demo or benchmark) data in this area? Its plans say so too."""
        return area_code in self._synthetic

    def area(self, code: str) -> Area:
        if code not in self._areas:
            self._areas[code] = Area.objects.get(code=code)
        return self._areas[code]

    def plan(self, kind: str, area: Area) -> Plan:
        key = (kind, area.code)
        if key not in self._plans:
            self._plans[key] = receiving_plan(
                kind, area, self.cycle.pk, synthetic=self.synthetic(area.code), cycle=self.cycle
            )
        return self._plans[key]

    @cached_property
    def survey_year(self) -> int | None:
        """The survey year the ranking reads (see ``ranking.survey_year_for``)."""
        from planlink.consolidation.ranking import survey_year_for

        return survey_year_for(self.cycle.pk)

    def cluster_plan(self, kind: str, cluster: ProvincialCluster, *, synthetic: bool) -> Plan:
        """The cluster's development or annual action plan (made when missing)."""
        key = (kind, cluster.code)
        if key not in self._plans:
            self._plans[key] = receiving_cluster_plan(
                kind, cluster, self.cycle, synthetic=synthetic
            )
        return self._plans[key]

    def covering_lao(self, tambon_code: str) -> LocalGovernment | None:
        if tambon_code not in self._laos:
            self._laos[tambon_code] = covering_lao(tambon_code)
        return self._laos[tambon_code]


def agency_by_code(code: str) -> Agency:
    return Agency.objects.get(pk=code)


__all__ = [
    "PlanKind",
    "covering_lao",
    "provincial_pao",
    "receiving_plan",
    "route_district_plan",
    "route_province_plan",
    "route_tambon_plan",
]
