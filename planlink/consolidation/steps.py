"""The three steps of the cycle: tambon (ศอช.ต.), district, province.

Each unit (a tambon, a district, a province) is processed in its own
transaction: a run killed half-way leaves finished units complete and the
rest untouched, and running it again finishes the job — every write is keyed
(engine keys, one live referral per project and target), so nothing doubles.

The engine decides nothing for the bodies that receive its projects. A caller may hand
``consolidate`` hooks (``UnitHooks``) that run inside each unit's transaction, before and
after the engine's own work: the simulation (``planlink.simulation``) passes its
simulated receivers this way; the engine never imports it. Automatic acceptance
(``auto_accept``) is for synthetic cycles only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from django.db import connection, transaction
from django.utils import timezone

from planlink.areas.models import Area
from planlink.audit.services import audit_record
from planlink.consolidation.merge import accept_pending, merge_into_plan
from planlink.consolidation.models import ConsolidationRun, StepLevel
from planlink.consolidation.ranking import rank_plan
from planlink.consolidation.routing import (
    RunLookups,
    route_district_plan,
    route_province_plan,
    route_tambon_plan,
)
from planlink.consolidation.sending import bulk_refer, send_routes
from planlink.core.errors import DomainError
from planlink.core.statistics import STALE_SHARE, analyze_stale
from planlink.core.types import acting_user
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Mode, Plan, PlanKind, PlanState, Project
from planlink.plans.revision_models import withdrawn_exists
from planlink.referrals.services import to_plan
from planlink.rollups.services import (
    rollups_defer,
    rollups_mark_stale,
    rollups_refresh,
    rollups_resume,
)

if TYPE_CHECKING:
    from planlink.core.types import Actor

Progress = Callable[[int, int, str], None]


class UnitHooks(Protocol):
    """Work a caller adds around each unit of a step, inside the unit's transaction.

    ``before_unit`` runs before the engine takes up the unit's plan, ``after_unit`` after
    it; each returns counts that are added to the step's. ``before_workers`` runs once in
    the parent process before a step's provinces are handed to worker processes
    (``planlink.consolidation.parallel``), for anything the provinces share.
    """

    def before_unit(
        self, level: str, area: Area, cycle: PlanningCycle, *, actor: Actor = None
    ) -> dict[str, int]: ...

    def after_unit(
        self, level: str, area: Area, cycle: PlanningCycle, *, actor: Actor = None
    ) -> dict[str, int]: ...

    def before_workers(self, level: str, cycle: PlanningCycle) -> None: ...


# How often a run records its progress (units done) while it works.
PROGRESS_EVERY_SECONDS = 1.0


@dataclass
class StepResult:
    level: str
    area: str
    cycle: int
    units: int = 0
    skipped: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, **counts: int) -> None:
        for key, value in counts.items():
            self.counts[key] = self.counts.get(key, 0) + int(value)

    def as_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "area": self.area,
            "cycle": self.cycle,
            "units": self.units,
            "skipped": self.skipped,
            **self.counts,
        }


HOT_TABLES = (
    "plans_plan",
    "plans_project",
    "plans_project_areas",
    "plans_project_indicators",
    "plans_projectcomponent",  # issue 12: a place of a project; grows with the tambon step
    "referrals_referral",
    "referrals_fundingrequest",
)


def refresh_statistics(*, stale_share: float | None = None) -> None:
    """Let PostgreSQL's planner see the tables as they are now.

    A year's run grows the referral and project tables many times over; with statistics
    taken when they were small, the planner believes a lookup by project id matches
    thousands of rows and scans the whole table instead of using its index. With
    ``stale_share``, only tables changed by more than that share since their last
    ANALYZE are analysed (a cheap look at ``pg_stat_user_tables``).

    Run between a step's units too: the plans of the foreign-key checks are made once per
    connection and kept until a table's statistics change. Made while the project
    components table was still empty (the first tambon step of a year), the check of every
    referral naming a component scanned the whole table — 1.9 of a province's 14 s
    (docs/benchmarks.md); the next ``ANALYZE`` has them made again, by index.
    """
    analyze_stale(HOT_TABLES, stale_share=stale_share)


@contextmanager
def unit_transaction() -> Iterator[None]:
    """One unit's transaction (a tambon, a district, a province).

    On PostgreSQL its commit does not wait for the write-ahead log to reach the disk
    (``synchronous_commit`` off for this transaction only): a server crash can lose the
    units committed in the last fraction of a second — whole units, never half of one —
    and running the step again redoes them, because every step is resumable.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        yield


def _submit(plan: Plan) -> None:
    Plan.objects.filter(pk=plan.pk, state__in=[PlanState.DRAFT, PlanState.RETURNED]).update(
        state=PlanState.SUBMITTED, submitted_at=timezone.now(), returned_reason=""
    )


# --- tambon -------------------------------------------------------------------------------------
def _village_needs(tambon_code: str, cycle_id: int) -> Any:
    """The tambon's submitted (or accepted) village needs that are not self-reliant, nor
    withdrawn from their plan by an approved revision."""
    return Project.objects.filter(
        ~withdrawn_exists(),
        plan__kind=PlanKind.VILLAGE,
        plan__cycle_id=cycle_id,
        plan__state__in=[PlanState.SUBMITTED, PlanState.ACCEPTED],
        plan__scope_code__gte=tambon_code,
        plan__scope_code__lt=tambon_code + ":",
    ).exclude(mode=Mode.SELF)


def collect_village_needs(plan: Plan, *, actor: Actor = None) -> int:
    """Refer every submitted village need of the tambon (not self-reliant) to the tambon plan."""
    needs = list(
        _village_needs(plan.owner_area_id or "", plan.cycle_id)
        .exclude(referrals_out__target_key=f"plan:{plan.pk}")
        .order_by("pk")  # not the model's order: it joins issues, areas and years to sort
        .values_list("pk", flat=True)
    )
    return len(
        bulk_refer(
            [(pk, to_plan(plan)) for pk in needs],
            actor=actor,
            engine_reason="รวบรวมจากแผนหมู่บ้าน/ชุมชน",
        )
    )


def _receive(
    plan: Plan,
    route: Callable[[Plan], dict[str, int]],
    label: str,
    *,
    auto_accept: bool,
    actor: Actor,
    same_place_only: bool,
    lookups: RunLookups,
) -> dict[str, int]:
    """Merge, rank and route what came into ``plan``; with ``auto_accept`` also decide and send."""
    # With automatic acceptance the merge decides as it proposes (one write per referral).
    merged = merge_into_plan(plan, same_place_only=same_place_only, accept=auto_accept)
    rank_plan(plan, survey_year=lookups.survey_year)
    routes = route(plan)
    counts = {
        "incoming": merged.incoming,
        f"{label}_projects_created": merged.created,
        "duplicates_proposed": merged.duplicates,
        "shared_need_groups_proposed": merged.shared_need_groups,
        "shared_need_components_proposed": merged.shared_need_components,
        "removed": merged.removed,
        **{f"route_{k}": v for k, v in routes.items()},
    }
    if auto_accept:
        # The merge decided every pending referral; anything proposed before by hand too.
        counts["accepted"] = merged.accepted or accept_pending(plan)
        _submit(plan)
        counts.update(send_routes(plan, actor=actor, lookups=lookups))
    return counts


def _audit_step(level: str, plan: Plan, actor: Actor, counts: dict[str, int]) -> None:
    audit_record(
        actor=actor,
        action=f"consolidation.{level}",
        obj=plan,
        scope_code=plan.scope_code,
        changes=counts,
    )


def _read_titles_ahead(tambon: Area, cycle: PlanningCycle) -> None:
    """Normalise the tambon's village titles before its transaction opens.

    The Thai text work is most of a tambon's CPU time; done here (memoised), the write
    transaction that follows is short, so other writers — officers in the web app, or a
    second engine worker on SQLite's single write lock — wait less.
    """
    from planlink.consolidation.matching import read_ahead

    for title in _village_needs(tambon.code, cycle.pk).order_by().values_list("title", flat=True):
        read_ahead(title)


def tambon_unit(
    tambon: Area,
    cycle: PlanningCycle,
    *,
    auto_accept: bool,
    actor: Actor = None,
    lookups: RunLookups | None = None,
    hooks: UnitHooks | None = None,
) -> dict[str, int]:
    lookups = lookups or RunLookups(cycle, tambon.code)
    _read_titles_ahead(tambon, cycle)
    with unit_transaction():
        counts = hooks.before_unit(StepLevel.TAMBON, tambon, cycle, actor=actor) if hooks else {}
        plan = lookups.plan(PlanKind.TAMBON, tambon)
        if not plan.is_editable:
            return {**counts, "skipped": 1}
        counts["collected"] = collect_village_needs(plan, actor=actor)
        counts.update(
            _receive(
                plan,
                route_tambon_plan,
                "tambon",
                auto_accept=auto_accept,
                actor=actor,
                same_place_only=False,
                lookups=lookups,
            )
        )
        if hooks:
            counts.update(hooks.after_unit(StepLevel.TAMBON, tambon, cycle, actor=actor))
        _audit_step("tambon", plan, actor, counts)
        return counts


# --- district -----------------------------------------------------------------------------------
def district_unit(
    district: Area,
    cycle: PlanningCycle,
    *,
    auto_accept: bool,
    actor: Actor = None,
    lookups: RunLookups | None = None,
    hooks: UnitHooks | None = None,
) -> dict[str, int]:
    lookups = lookups or RunLookups(cycle, district.code)
    with unit_transaction():
        counts: dict[str, int] = {}
        if hooks:
            counts.update(hooks.before_unit(StepLevel.DISTRICT, district, cycle, actor=actor))
        plan = lookups.plan(PlanKind.DISTRICT_NEEDS, district)
        if not plan.is_editable:
            return {**counts, "skipped": 1}
        counts.update(
            _receive(
                plan,
                route_district_plan,
                "district",
                auto_accept=auto_accept,
                actor=actor,
                same_place_only=True,
                lookups=lookups,
            )
        )
        if hooks:
            counts.update(hooks.after_unit(StepLevel.DISTRICT, district, cycle, actor=actor))
        _audit_step("district", plan, actor, counts)
        return counts


# --- province -----------------------------------------------------------------------------------
def province_unit(
    province: Area,
    cycle: PlanningCycle,
    *,
    auto_accept: bool,
    actor: Actor = None,
    lookups: RunLookups | None = None,
    hooks: UnitHooks | None = None,
) -> dict[str, int]:
    lookups = lookups or RunLookups(cycle, province.code)
    with unit_transaction():
        counts: dict[str, int] = {}
        if hooks:
            counts.update(hooks.before_unit(StepLevel.PROVINCE, province, cycle, actor=actor))
        plan = lookups.plan(PlanKind.PROVINCIAL_DEVELOPMENT, province)
        if plan.is_editable:
            counts.update(
                _receive(
                    plan,
                    route_province_plan,
                    "province",
                    auto_accept=auto_accept,
                    actor=actor,
                    same_place_only=True,
                    lookups=lookups,
                )
            )
        if hooks:
            counts.update(hooks.after_unit(StepLevel.PROVINCE, province, cycle, actor=actor))
        _audit_step("province", plan, actor, counts)
        return counts


UNITS: dict[str, tuple[str, Callable[..., dict[str, int]]]] = {
    StepLevel.TAMBON: (Area.Level.TAMBON, tambon_unit),
    StepLevel.DISTRICT: (Area.Level.DISTRICT, district_unit),
    StepLevel.PROVINCE: (Area.Level.PROVINCE, province_unit),
}


def consolidate(
    *,
    level: str,
    area_code: str,
    cycle: PlanningCycle,
    auto_accept: bool = False,
    actor: Actor = None,
    progress: Progress | None = None,
    hooks: UnitHooks | None = None,
) -> StepResult:
    """Run one step for every unit of ``level`` inside ``area_code``.

    ``auto_accept`` accepts the engine's own proposals and sends them on, as an officer
    would by pressing every button: allowed on a synthetic cycle only (refused, nothing
    written, on a real one). ``hooks`` run around each unit (see ``UnitHooks``).
    """
    if level not in UNITS:
        raise DomainError(
            f"ไม่รู้จักระดับ '{level}' (tambon, district, province)", f"unknown level '{level}'"
        )
    unit_level, unit = UNITS[level]
    area = Area.objects.filter(code=area_code).first()
    if area is None:
        raise DomainError(f"ไม่พบพื้นที่รหัส {area_code}", f"no area with code {area_code}")
    if len(area_code) > {"tambon": 6, "district": 4, "province": 2}[level]:
        raise DomainError(
            f"พื้นที่ {area_code} เล็กกว่าระดับ {level}", f"area {area_code} is below the {level} level"
        )
    if auto_accept and not cycle.synthetic:
        raise DomainError(
            f"รอบปีงบประมาณ {cycle.pk} เป็นข้อมูลจริง การยอมรับอัตโนมัติใช้ได้เฉพาะรอบปีสังเคราะห์ "
            "เจ้าหน้าที่ต้องพิจารณาข้อเสนอเอง",
            f"cycle {cycle.pk} is not synthetic: automatic acceptance is for synthetic cycles "
            "only; officers decide the proposals of a real year",
        )
    units = list(Area.objects.within(area_code).filter(level=unit_level).order_by("code"))
    run = ConsolidationRun.objects.create(
        level=level,
        area_code=area_code,
        cycle=cycle,
        auto_accept=auto_accept,
        units_total=len(units),
        started_by=acting_user(actor),
    )
    result = StepResult(level=level, area=area_code, cycle=cycle.pk, units=len(units))
    lookups = RunLookups(cycle, area_code)
    reported = time.monotonic()
    # The roll-ups are refreshed once for the step's provinces at the end, not per unit.
    deferred = rollups_defer()
    try:
        for index, item in enumerate(units, start=1):
            counts = unit(
                item, cycle, auto_accept=auto_accept, actor=actor, lookups=lookups, hooks=hooks
            )
            result.skipped += counts.pop("skipped", 0)
            result.add(**counts)
            refresh_statistics(stale_share=STALE_SHARE)  # between units: no lock is held
            if time.monotonic() - reported >= PROGRESS_EVERY_SECONDS or index == len(units):
                ConsolidationRun.objects.filter(pk=run.pk).update(units_done=index)
                reported = time.monotonic()
            if progress:
                progress(index, len(units), item.code)
    except Exception as error:
        # The units committed before the failure are caught up with by the next reader.
        rollups_mark_stale(cycle_id=cycle.pk, area_codes=[area_code])
        ConsolidationRun.objects.filter(pk=run.pk).update(
            state=ConsolidationRun.State.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        raise
    finally:
        rollups_resume(deferred)
    ConsolidationRun.objects.filter(pk=run.pk).update(
        state=ConsolidationRun.State.DONE, counts=result.counts, finished_at=timezone.now()
    )
    rollups_refresh(cycle_id=cycle.pk, area_codes=[area_code])
    return result


def consolidate_tambon(
    *, tambon_code: str, cycle: PlanningCycle, actor: Actor = None, auto_accept: bool = False
) -> StepResult:
    return consolidate(
        level=StepLevel.TAMBON,
        area_code=tambon_code,
        cycle=cycle,
        actor=actor,
        auto_accept=auto_accept,
    )
