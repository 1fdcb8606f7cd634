"""Where each project of a plan came from and where it went — in bulk, for plan books.

``planlink.referrals.lineage.trace`` answers for one project; a provincial plan book lists
thousands, so this module reads the same referral graph a level at a time for the whole
plan: a fixed number of queries whatever the number of projects (no per-project loop).

* sources — the projects whose referral into this plan named the project as the one that
  received it (included or merged), with their plan's owner;
* origin villages — how many village-plan needs (แผนชุมชน/แผนพัฒนาหมู่บ้าน) lie at the bottom
  of the whole chain below the project;
* destinations — the referrals the project was sent on with, and their decisions;
* funding — its funding requests (คำขอรับงบประมาณ) and their status;
* fate — the one-word outcome of ``planlink.referrals.lineage.outcomes_for``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from planlink.areas.models import Area
from planlink.core.thai import format_baht
from planlink.plans.models import Plan, PlanKind
from planlink.referrals.lineage import FATE_LABELS, MAX_DEPTH, outcomes_for
from planlink.referrals.models import (
    Decision,
    FundingRequest,
    FundingSource,
    FundingStatus,
    Referral,
    TargetKind,
)

__all__ = ["ProjectLineage", "lineage_for_plan", "owner_label", "plan_kind_short"]

CHUNK = 2000
SOURCES_WITH_TITLES = 2  # a merged project may have dozens of sources; the book names them
LIVE_OUT = {Decision.PENDING, Decision.INCLUDED, Decision.MERGED, Decision.FUNDED}
COMMUNITY_KINDS = {PlanKind.VILLAGE, PlanKind.TAMBON}

KIND_SHORT: dict[str, str] = {
    PlanKind.VILLAGE: "แผนชุมชน",
    PlanKind.TAMBON: "แผนพัฒนาตำบล",
    PlanKind.LOCAL_DEVELOPMENT: "แผนพัฒนาท้องถิ่น",
    PlanKind.DISTRICT_DEVELOPMENT: "แผนพัฒนาอำเภอ",
    PlanKind.DISTRICT_NEEDS: "แผนความต้องการอำเภอ",
    PlanKind.DISTRICT_ACTION: "แผนปฏิบัติการอำเภอ",
    PlanKind.PROVINCIAL_DEVELOPMENT: "แผนพัฒนาจังหวัด",
    PlanKind.PROVINCIAL_ACTION: "แผนปฏิบัติราชการจังหวัด",
    PlanKind.CLUSTER: "แผนพัฒนากลุ่มจังหวัด",
    PlanKind.AGENCY_REQUEST: "คำของบประมาณ",
}
FUNDING_STATUS_TH = dict(FundingStatus.choices)
FUNDING_SOURCE_TH = dict(FundingSource.choices)
DECISION_TH = dict(Decision.choices)


@dataclass
class ProjectLineage:
    sources: list[str] = field(default_factory=list)
    source_owners: list[tuple[str, str]] = field(default_factory=list)  # (kind, owner)
    source_kinds: set[str] = field(default_factory=set)
    origin_villages: int = 0
    destinations: list[str] = field(default_factory=list)
    live_target_kinds: set[str] = field(default_factory=set)
    funding: list[str] = field(default_factory=list)
    fate: str = "not_sent"

    @property
    def came_from(self) -> str:
        """ที่มา as the plan book prints it: up to two sources with their titles; more are
        listed by owner only, per plan kind ("แผนชุมชน: หมู่ที่ 1, หมู่ที่ 3, …")."""
        if len(self.sources) <= SOURCES_WITH_TITLES:
            return self._with_origin(list(self.sources))
        owners: dict[str, list[str]] = {}
        for kind, owner in self.source_owners:
            owners.setdefault(kind, []).append(owner)
        return self._with_origin([f"{kind}: {', '.join(names)}" for kind, names in owners.items()])

    @property
    def came_from_full(self) -> str:
        """Every source with its title, for the spreadsheet."""
        return self._with_origin(list(self.sources))

    def _with_origin(self, lines: list[str]) -> str:
        if self.origin_villages and (
            self.origin_villages > 1 or self.source_kinds != {PlanKind.VILLAGE}
        ):
            lines.append(f"(รวมความต้องการจาก {self.origin_villages:,} โครงการในแผนชุมชน)")
        return "\n".join(lines) if lines else "เสนอในแผนนี้"

    @property
    def went_to(self) -> str:
        """การส่งต่อและผล as the plan book prints it: referrals, requests, then the outcome."""
        lines = [*self.destinations, *self.funding]
        lines.append(f"ผล: {FATE_LABELS[self.fate][0]}")
        return "\n".join(lines)


def plan_kind_short(kind: str) -> str:
    return KIND_SHORT.get(kind, kind)


def owner_label(plan: Plan) -> str:
    """The owner's name as officials write it (ตำบล…, อำเภอ…, อบต.…, กรม…)."""
    if plan.owner_area is not None:
        return plan.owner_area.display_name
    if plan.owner_lao is not None:
        return plan.owner_lao.full_name_th
    if plan.owner_agency is not None:
        return plan.owner_agency.name_th
    if plan.owner_cluster is not None:
        return plan.owner_cluster.name_th
    return plan.title


def _chunks(values: Iterable[int]) -> Iterator[list[int]]:
    items = sorted(set(values))
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _area_label(code: str | None, areas: dict[str, Area]) -> str:
    area = areas.get(code or "")
    return area.display_name if area else (code or "")


def _target_label(row: Mapping[str, Any], areas: dict[str, Area]) -> str:
    kind = row["target_kind"]
    if kind == TargetKind.PLAN:
        return str(row["to_plan__title"] or row["target_key"])
    if kind in (TargetKind.LAO, TargetKind.PAO):
        return str(row["to_lao__full_name_th"] or row["target_key"])
    if kind == TargetKind.AGENCY:
        return str(row["to_agency__name_th"] or row["target_key"])
    return f"{TargetKind(kind).label} {_area_label(row['to_area_id'], areas)}".strip()


def lineage_for_plan(
    plan: Plan, project_ids: Iterable[int] | None = None
) -> dict[int, ProjectLineage]:
    """Lineage of every project of ``plan`` (or of ``project_ids`` in it), keyed by project id."""
    if project_ids is None:
        project_ids = plan.projects.values_list("pk", flat=True)
    ids = set(project_ids)
    result = {pk: ProjectLineage() for pk in ids}
    _add_sources(plan, result)
    _add_destinations(plan, result)
    _add_funding(plan, result)
    for pk, status in outcomes_for(ids).items():
        result[pk].fate = status
    return result


def _add_sources(plan: Plan, result: dict[int, ProjectLineage]) -> None:
    incoming = list(
        Referral.objects.filter(result_project__plan=plan, decision__in=LIVE_OUT)
        .order_by("id")
        .values_list("result_project_id", "project_id", "project__title", "project__plan_id")
    )
    plans = {}
    for chunk in _chunks(row[3] for row in incoming):
        plans.update(
            Plan.objects.select_related(
                "owner_area", "owner_lao", "owner_agency", "owner_cluster"
            ).in_bulk(chunk)
        )
    roots_of: dict[int, set[int]] = {}  # ancestor project → the book's projects above it
    for receiving, source, title, plan_id in incoming:
        if receiving not in result:
            continue
        source_plan = plans[plan_id]
        entry = result[receiving]
        entry.sources.append(
            f"{owner_label(source_plan)} ({plan_kind_short(source_plan.kind)}): {title}"
        )
        entry.source_owners.append((plan_kind_short(source_plan.kind), owner_label(source_plan)))
        entry.source_kinds.add(source_plan.kind)
        roots_of.setdefault(source, set()).add(receiving)
    # Walk further down the chain, a level per query, counting village-plan needs.
    villages: dict[int, set[int]] = {}
    kinds = {row[1]: plans[row[3]].kind for row in incoming}
    frontier = set(roots_of)
    seen = set(frontier)
    for _ in range(MAX_DEPTH):
        for node in frontier:
            if kinds.get(node) == PlanKind.VILLAGE:
                for root in roots_of[node]:
                    villages.setdefault(root, set()).add(node)
        following: set[int] = set()
        for chunk in _chunks(frontier):
            for source, receiving, kind in Referral.objects.filter(
                result_project_id__in=chunk, decision__in=LIVE_OUT
            ).values_list("project_id", "result_project_id", "project__plan__kind"):
                kinds[source] = kind
                roots_of.setdefault(source, set()).update(roots_of[receiving])
                if source not in seen:
                    following.add(source)
        seen |= following
        frontier = following
        if not frontier:
            break
    for root, needs in villages.items():
        result[root].origin_villages = len(needs)


def _add_destinations(plan: Plan, result: dict[int, ProjectLineage]) -> None:
    rows = list(
        Referral.objects.filter(project__plan=plan)
        .order_by("id")
        .values(
            "project_id",
            "target_kind",
            "target_key",
            "decision",
            "amount",
            "fiscal_year",
            "to_plan__title",
            "to_lao__full_name_th",
            "to_agency__name_th",
            "to_area_id",
        )
    )
    area_codes = {row["to_area_id"] for row in rows if row["to_area_id"]}
    areas = Area.objects.in_bulk(list(area_codes)) if area_codes else {}
    for row in rows:
        entry = result.get(row["project_id"])
        if entry is None:
            continue
        line = f"{_target_label(row, areas)}: {DECISION_TH[row['decision']]}"
        if row["decision"] == Decision.FUNDED and row["amount"] is not None:
            line += f" {format_baht(row['amount'])} บาท"
            if row["fiscal_year"]:
                line += f" (ปี {row['fiscal_year']})"
        entry.destinations.append(line)
        if row["decision"] in LIVE_OUT:
            entry.live_target_kinds.add(row["target_kind"])


def _add_funding(plan: Plan, result: dict[int, ProjectLineage]) -> None:
    for row in (
        FundingRequest.objects.filter(project__plan=plan)
        .order_by("id")
        .values(
            "project_id",
            "source",
            "source_name",
            "source_agency__name_th",
            "source_lao__full_name_th",
            "fiscal_year",
            "requested",
            "approved",
            "status",
        )
    ):
        entry = result.get(row["project_id"])
        if entry is None:
            continue
        source = (
            row["source_agency__name_th"]
            or row["source_lao__full_name_th"]
            or row["source_name"]
            or FUNDING_SOURCE_TH.get(row["source"], row["source"])
        )
        amount = (
            row["approved"] if row["status"] == FundingStatus.APPROVED else row["requested"]
        ) or Decimal("0")
        entry.funding.append(
            f"ขอรับงบประมาณ {source} ปี {row['fiscal_year']}: "
            f"{FUNDING_STATUS_TH[row['status']]} {format_baht(amount)} บาท"
        )
