"""Reads for the signed-in pages: a role's own plans, what is due, what arrived to decide.

Every list starts from ``planlink.accounts.access`` (``access.plans()``,
``access.referrals()``) and fetches its rows in a fixed number of queries,
whatever the number of rows (no query per row: the pages' query-count tests).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, Sum

from planlink.accounts.access import OWNED_KINDS, Access
from planlink.accounts.models import Assignment, Role
from planlink.cycles.models import Milestone, PlanLevel, PlanningCycle
from planlink.cycles.services import late_units
from planlink.plans.models import Plan, PlanKind, PlanState
from planlink.plans.rules import Problem, check_deadline
from planlink.referrals.models import Decision, Referral, TargetKind

ROLE_LEVEL: dict[str, str] = {
    Role.VILLAGE_COMMITTEE: PlanLevel.VILLAGE,
    Role.TAMBON_OFFICER: PlanLevel.TAMBON,
    Role.LAO_PLANNER: PlanLevel.LAO,
    Role.DISTRICT_OFFICER: PlanLevel.DISTRICT,
    Role.PROVINCIAL_OFFICER: PlanLevel.PROVINCE,
    Role.AGENCY_OFFICER: PlanLevel.AGENCY,
}

# Which lower units a supervisor watches for lateness (ศอช.ต. watches its villages, …).
SUPERVISED_STEPS: dict[str, list[str]] = {
    Role.TAMBON_OFFICER: ["village_plan"],
    # LAO lateness is left out: cycles.services.late_units filters `district_id__startswith`,
    # which Django refuses on a foreign key (reported to the planning-domain owner).
    Role.DISTRICT_OFFICER: ["village_plan", "tambon_plan"],
    Role.PROVINCIAL_OFFICER: ["tambon_plan", "district_needs_plan"],
}

# The plan kinds each role starts for its own unit from the home page.
STARTABLE_KINDS: dict[str, list[str]] = {
    Role.VILLAGE_COMMITTEE: [PlanKind.VILLAGE],
    Role.TAMBON_OFFICER: [PlanKind.TAMBON],
    Role.LAO_PLANNER: [PlanKind.LOCAL_DEVELOPMENT],
    Role.DISTRICT_OFFICER: [PlanKind.DISTRICT_NEEDS],
    Role.PROVINCIAL_OFFICER: [PlanKind.PROVINCIAL_DEVELOPMENT],
    Role.AGENCY_OFFICER: [PlanKind.AGENCY_REQUEST],
}


# Plans the consolidation engine builds from the plans below (the page runs it instead).
CONSOLIDATED_KINDS: dict[str, str] = {
    PlanKind.TAMBON: "tambon",
    PlanKind.DISTRICT_NEEDS: "district",
    PlanKind.PROVINCIAL_DEVELOPMENT: "province",
}


def owned_plan_filter(assignment: Assignment) -> Q:
    """The plans that belong to the unit of one assignment (not what it may read)."""
    if assignment.role in OWNED_KINDS and assignment.area_id:
        return Q(owner_area_id=assignment.area_id, kind__in=OWNED_KINDS[assignment.role])
    if assignment.local_government_id:
        return Q(owner_lao_id=assignment.local_government_id)
    if assignment.agency_id:
        return Q(owner_agency_id=assignment.agency_id)
    return Q(pk__in=[])


def own_plans(access: Access, assignments: list[Assignment], cycle: PlanningCycle | None) -> list:
    """The plans of the user's own units in ``cycle``, with project counts and budget totals."""
    if cycle is None or not assignments:
        return []
    query = Q(pk__in=[])
    for assignment in assignments:
        query |= owned_plan_filter(assignment)
    return list(
        access.plans()
        .filter(query, cycle=cycle)
        .select_related("owner_area", "owner_lao", "owner_agency")
        .annotate(project_count=Count("projects"), budget_total=Sum("projects__budget"))
        .order_by("kind", "scope_code", "id")
    )


@dataclass
class DueItem:
    """One calendar step for the user's own unit: the deadline and whether the unit is late."""

    milestone: Milestone
    unit_label: str
    plan: Plan | None
    late_message_th: str = ""
    late_message_en: str = ""
    lower_late: list[tuple[str, int]] = field(default_factory=list)
    # set when the step asks for a plan the unit may start and has not: the page offers it
    start_assignment_id: int | None = None
    start_kind: str = ""
    start_consolidation_level: str = ""
    start_area_code: str = ""

    @property
    def is_late(self) -> bool:
        return bool(self.late_message_th)


def due_items(
    assignments: list[Assignment], cycle: PlanningCycle | None, plans: list, today: dt.date
) -> list[DueItem]:
    """The calendar (ปฏิทิน) of the user's levels with the unit's own lateness.

    A supervisor also sees how many units below it are late per step
    (``late_units`` of the cycle's milestones inside its area).
    """
    if cycle is None:
        return []
    milestones = list(Milestone.objects.filter(cycle=cycle).order_by("order", "deadline"))
    by_step = {milestone.step: milestone for milestone in milestones}
    items: list[DueItem] = []
    for assignment in assignments:
        level = ROLE_LEVEL.get(assignment.role)
        if level is None:
            continue
        for milestone in milestones:
            if milestone.level != level:
                continue
            plan = _own_plan_for(plans, assignment, milestone.plan_kind)
            problems: list[Problem | _Missing] = []
            if milestone.plan_kind:
                if plan is not None:
                    problems = [*check_deadline(plan, milestone.deadline, today)]
                elif today > milestone.deadline:
                    days = (today - milestone.deadline).days
                    problems = [
                        _Missing(f"ยังไม่มีแผน เลยกำหนด {days} วัน", f"no plan; {days} day(s) late")
                    ]
            item = DueItem(
                milestone=milestone,
                unit_label=assignment.unit_label,
                plan=plan,
                late_message_th=problems[0].message_th if problems else "",
                late_message_en=problems[0].message_en if problems else "",
            )
            if (
                plan is None
                and milestone.plan_kind
                and milestone.plan_kind in STARTABLE_KINDS.get(assignment.role, [])
            ):
                item.start_assignment_id = assignment.pk
                item.start_kind = milestone.plan_kind
                item.start_consolidation_level = CONSOLIDATED_KINDS.get(milestone.plan_kind, "")
                item.start_area_code = assignment.area_id or ""
            items.append(item)
        scope = assignment.area_id or ""
        for step in SUPERVISED_STEPS.get(assignment.role, []):
            supervised = by_step.get(step)
            if supervised is None or not scope:
                continue
            late = late_units(milestone=supervised, scope_code=scope, today=today)
            if late:
                items.append(
                    DueItem(
                        milestone=supervised,
                        unit_label=assignment.unit_label,
                        plan=None,
                        lower_late=[(unit.name, unit.days_late) for unit in late[:50]],
                    )
                )
    return items


@dataclass(frozen=True)
class _Missing:
    message_th: str
    message_en: str


def _own_plan_for(plans: list, assignment: Assignment, kind: str) -> Plan | None:
    for plan in plans:
        if plan.kind != kind:
            continue
        if assignment.area_id and plan.owner_area_id == assignment.area_id:
            return plan
        if assignment.local_government_id and plan.owner_lao_id == assignment.local_government_id:
            return plan
        if assignment.agency_id and plan.owner_agency_id == assignment.agency_id:
            return plan
    return None


def receivable_q(access: Access) -> Q:
    """Referrals addressed to the user's units: its LAO, agency or committee (target keys), or a
    plan of a kind its role owns. Narrows the rows in SQL; ``can_decide_referral`` decides."""
    query = Q(target_key__in=access.target_keys) if access.target_keys else Q(pk__in=[])
    for grant in access.grants:
        if grant.role == Role.ADMINISTRATOR and grant.national:
            return Q()
        if grant.role in OWNED_KINDS and grant.area_code:
            query |= Q(
                to_plan__owner_area_id=grant.area_code, to_plan__kind__in=OWNED_KINDS[grant.role]
            )
        if grant.lao_code:
            query |= Q(to_plan__owner_lao_id=grant.lao_code)
        if grant.agency_code:
            query |= Q(to_plan__owner_agency_id=grant.agency_code)
    return query


def inbox(
    access: Access,
    *,
    decision: str = Decision.PENDING,
    limit: int = 500,
    target_key: str | None = None,
) -> list[Referral]:
    """Referrals this user receives and may decide (บัญชีประสาน, คำขอจากจังหวัด, …), oldest first.

    Candidates are what the user may read and what is addressed to its units (``target_key``:
    to one receiver only, e.g. a committee's list); ``access.can_decide_referral`` has the
    last word.
    """
    narrow = {"target_key": target_key} if target_key is not None else {}
    if narrow and not Referral.objects.filter(decision=decision, **narrow).exists():
        return []  # a committee's empty list: one indexed look-up, not the access query
    # What the user may read, narrowed inside the subquery too (by the decision and the
    # receiver): the indexed rows only, not every readable referral (70 ms for a province's
    # committee list on the demo year, issue 16).
    readable = Referral.objects.filter(access.referral_q(), decision=decision, **narrow)
    rows = (
        Referral.objects.filter(pk__in=readable.values("pk"))
        .filter(receivable_q(access), decision=decision, **narrow)
        .select_related(
            "project__plan__owner_area",
            "project__issue",
            "to_plan",
            "to_lao",
            "to_agency",
            "to_area",
        )
        .prefetch_related("project__components__area")  # a grouped project's places
        .order_by("created_at", "id")[:limit]
    )
    return [referral for referral in rows if access.can_decide_referral(referral)]


FUNDING_TARGETS = (TargetKind.LAO, TargetKind.PAO, TargetKind.AGENCY)


def awaiting_funding_result(access: Access, *, limit: int = 500) -> list[Referral]:
    """Included in a local development plan or a budget request, still waiting for its
    funding result (funded / not funded): the LAO's and the agency's second queue."""
    return [
        referral
        for referral in inbox(access, decision=Decision.INCLUDED, limit=limit)
        if referral.target_kind in FUNDING_TARGETS
    ]


def plan_counts_by_state(access: Access, cycle: PlanningCycle | None, kind: str) -> dict[str, int]:
    """How many plans of ``kind`` the user can read, per state."""
    if cycle is None:
        return {}
    rows = (
        access.plans()
        .filter(cycle=cycle, kind=kind)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    counts = {state: 0 for state in PlanState.values}
    counts.update(dict(rows))
    return counts


def own_unit_label(assignment: Assignment) -> str:
    return assignment.unit_label


def startable(
    assignments: list[Assignment], plans: list, cycle: PlanningCycle | None
) -> list[dict[str, Any]]:
    """Plans the user may start for its own units this cycle and has not started yet."""
    if cycle is None:
        return []
    wanted = []
    for assignment in assignments:
        for kind in STARTABLE_KINDS.get(assignment.role, []):
            if _own_plan_for(plans, assignment, kind) is None:
                wanted.append(
                    {
                        "assignment": assignment,
                        "kind": kind,
                        "consolidation_level": CONSOLIDATED_KINDS.get(kind, ""),
                    }
                )
    return wanted


def display_path(path: dict[str, Any], *, public: bool = False) -> dict[str, Any]:
    """Add what the page shows to a ``lineage.trace`` result: receiver names and dates.

    ``public=True`` (the tracker) drops who decided and the free-text reasons, which may
    name people; plan titles, decisions, dates and amounts stay.
    """
    from django.utils.dateparse import parse_datetime

    from planlink.areas.models import Agency, Area, LocalGovernment
    from planlink.referrals.services import to_committee

    keys: dict[str, set[str]] = {"plan": set(), "lao": set(), "agency": set(), "area": set()}
    for edge in path["referrals"]:
        kind, _, value = edge["target_key"].partition(":")
        if kind == "plan":
            keys["plan"].add(value)
        elif kind == "lao":
            keys["lao"].add(value)
        elif kind == "agency":
            keys["agency"].add(value)
        else:
            keys["area"].add(value)
    names: dict[str, str] = {}
    for pk, title in Plan.objects.filter(
        pk__in=[int(v) for v in keys["plan"] if v.isdigit()]
    ).values_list("pk", "title"):
        names[f"plan:{pk}"] = title
    for code, name in LocalGovernment.objects.filter(code__in=keys["lao"]).values_list(
        "code", "full_name_th"
    ):
        names[f"lao:{code}"] = name
    for code, name in Agency.objects.filter(code__in=keys["agency"]).values_list("code", "name_th"):
        names[f"agency:{code}"] = name
    areas = {area.code: area for area in Area.objects.filter(code__in=keys["area"])}
    for edge in path["referrals"]:
        kind, _, value = edge["target_key"].partition(":")
        if value in areas and kind.endswith("committee"):
            names[edge["target_key"]] = to_committee(kind, areas[value]).label
        edge["target_label"] = names.get(edge["target_key"], edge["target_key"])
        edge["decided_at_date"] = parse_datetime(edge["decided_at"]) if edge["decided_at"] else None
        if public:
            edge["decided_by"] = None
            edge["reason"] = ""
            edge["engine_reason"] = ""
    if public:
        path["outcome"].pop("reason", None)
    return path


def strategies_for(referrals: list[Referral]) -> dict[str, list]:
    """The provincial strategies (ยุทธศาสตร์จังหวัด) a receiver aligns included projects to,
    keyed by ``"<province>:<cycle>"`` — one query for the whole inbox."""
    from planlink.plans.models import Strategy

    wanted = {
        (referral.project.plan.scope_code[:2], referral.project.plan.cycle_id)
        for referral in referrals
        if referral.project.plan.scope_code
    }
    if not wanted:
        return {}
    query = Q(pk__in=[])
    for province, cycle_id in wanted:
        query |= Q(province_id=province, cycle_id=cycle_id)
    found: dict[str, list] = {}
    for strategy in Strategy.objects.filter(query).order_by("number"):
        found.setdefault(f"{strategy.province_id}:{strategy.cycle_id}", []).append(strategy)
    return found
