"""Keep the roll-ups current: refresh after an engine step or an import (per province), after
a person's decision (after commit, only the provinces it touched), and rebuild a cycle with a
resumable job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from planlink.rollups.fill import (
    INLINE_PROVINCES,
    PendingRefresh,
    provinces_with_plans,
    refresh_province,
    waiting_refreshes,
)
from planlink.rollups.models import RebuildRun, StaleProvince

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]


def provinces_of(area_codes: Iterable[str]) -> list[str]:
    """The refresh units of some area codes: their provinces (``""`` for no area; a
    cluster's code ``C05``: one of its provinces, whose refresh re-fills the cluster)."""
    from planlink.rollups.fill import refresh_units

    return sorted(refresh_units(area_codes))


def rollups_refresh(*, cycle_id: int, area_codes: Iterable[str]) -> list[str]:
    """Recompute the roll-ups of the provinces holding ``area_codes`` now (set-based)."""
    provinces = provinces_of(area_codes)
    for province in provinces:
        refresh_province(cycle_id, province)
    return provinces


def rollups_refresh_on_commit(*, cycle_id: int, area_codes: Iterable[str]) -> None:
    """Refresh after the current transaction commits (nothing if it rolls back), once per
    cycle however many changes the transaction made (outside a transaction: now)."""
    provinces = set(provinces_of(area_codes))
    if not provinces:
        return
    for waiting in waiting_refreshes(cycle_id):
        unmarked = provinces - waiting.marked
        if unmarked:
            _mark_stale(cycle_id, unmarked)
            waiting.marked |= unmarked
        waiting.provinces |= provinces
        return
    _mark_stale(cycle_id, provinces)
    transaction.on_commit(PendingRefresh(cycle_id, provinces))


def rollups_mark_stale(*, cycle_id: int, area_codes: Iterable[str]) -> None:
    """Leave the provinces holding ``area_codes`` for a reader to refresh (a step that deferred
    its refreshes and failed: what it committed before the failure is caught up with)."""
    provinces = set(provinces_of(area_codes))
    if provinces:
        _mark_stale(cycle_id, provinces)


def _mark_stale(cycle_id: int, provinces: set[str]) -> None:
    StaleProvince.objects.bulk_create(
        [StaleProvince(cycle_id=cycle_id, province=code) for code in sorted(provinces)]
    )


def rollups_ensure_fresh(cycle_id: int) -> list[str]:
    """Refresh the provinces of the cycle whose committed changes no refresh has caught up
    with yet (normally none: one indexed query). More than a few are left to the job that
    an import touching many provinces queued."""
    table = connection.ops.quote_name(StaleProvince._meta.db_table)
    with connection.cursor() as cursor:  # plain SQL: pages ask this several times each
        cursor.execute(f"SELECT DISTINCT province FROM {table} WHERE cycle_id = %s", [cycle_id])
        stale = sorted(row[0] for row in cursor.fetchall())
    if len(stale) > INLINE_PROVINCES:
        return []  # a background job is refreshing them (``rollups.refresh``)
    for province in stale:
        refresh_province(cycle_id, province)
    return stale


def touched(obj: Any, beyond: set[tuple[int, int]] | None = None) -> list[tuple[int, str]]:
    """(cycle, scope code) pairs whose roll-ups a change of ``obj`` may move: a plan, project,
    referral or funding request (its plan's scope), a funded item (its place and the need it
    answers), an import of funded items (the places of its items).

    A project beyond any province (a cluster's, an agency's) also moves the provinces whose
    projects were sent into it (:func:`feeding_scopes`); with ``beyond``, its (cycle,
    project) is added there for the caller to walk once for many changes."""
    from planlink.plans.models import Plan, Project
    from planlink.referrals.models import FundingRequest, Referral

    if isinstance(obj, Plan):
        return [(obj.cycle_id, obj.scope_code)]
    if isinstance(obj, Project):
        plan = obj.plan
        found = [(plan.cycle_id, plan.scope_code)]
        if beyond_provinces(plan.scope_code):
            if beyond is None:
                found += [(plan.cycle_id, scope) for scope in feeding_scopes([obj.pk])]
            else:
                beyond.add((plan.cycle_id, obj.pk))
        return found
    if isinstance(obj, Referral | FundingRequest):
        return touched(obj.project, beyond)
    label = obj._meta.label_lower
    if label == "supply.supplyitem":
        found = [(obj.cycle_id, obj.area_code)]
        if obj.matched_project_id:
            found += touched(obj.matched_project, beyond)
        return found
    if label == "supply.supplyimport":
        places = obj.items.values_list("area_code", flat=True).distinct()
        return [(obj.cycle_id, area) for area in places]
    return []


def beyond_provinces(scope: str) -> bool:
    """A plan beyond any province: a cluster's (``C05``) or one of no area (an agency's)."""
    return not scope or scope.startswith("C")


def feeding_scopes(project_ids: Iterable[int]) -> set[str]:
    """The scopes of the plans whose projects were sent into these projects (beyond any
    province), down through the projects beyond provinces to the provinces' own.

    A need's fate follows its lineage up (``referrals.lineage``): funding a cluster's or an
    agency's project funds the needs of every province that reached it, and each of those
    provinces' roll-ups count them (``public_needs_funded``). Below a province's project the
    lineage stays inside the province, so the walk stops there."""
    from planlink.referrals.models import Referral

    seen: set[int] = set()
    frontier, scopes = set(project_ids), set()
    while frontier:
        seen |= frontier
        rows = Referral.objects.filter(result_project_id__in=list(frontier)).values_list(
            "project_id", "project__plan__scope_code"
        )
        frontier = set()
        for source, scope in rows:
            scopes.add(scope)
            if beyond_provinces(scope) and source not in seen:
                frontier.add(source)
    return scopes


def _with_feeding(
    by_cycle: dict[int, set[str]], beyond: set[tuple[int, int]]
) -> dict[int, set[str]]:
    """``by_cycle`` with the scopes feeding the ``beyond`` projects, walked once per cycle."""
    for cycle_id in {cycle for cycle, _ in beyond}:
        projects = [pk for cycle, pk in beyond if cycle == cycle_id]
        by_cycle.setdefault(cycle_id, set()).update(feeding_scopes(projects))
    return by_cycle


class Deferral:
    """Changes made while refreshes are deferred; with ``collect``, the (cycle → scope codes)
    they touched (``touched``), for the caller to refresh at the end (finding them costs a
    look-up per change, so an engine step that knows its provinces does not collect). The
    provinces feeding the projects beyond provinces that changed are walked once, when
    ``touched`` is read."""

    def __init__(self, *, collect: bool) -> None:
        self.collect = collect
        self.scopes: dict[int, set[str]] = {}
        self.beyond: set[tuple[int, int]] = set()

    @property
    def touched(self) -> dict[int, set[str]]:
        if self.beyond:
            _with_feeding(self.scopes, self.beyond)
            self.beyond = set()
        return self.scopes


_deferred: ContextVar[Deferral | None] = ContextVar("rollups_deferred", default=None)


def rollups_defer(*, collect: bool = False) -> Token[Deferral | None]:
    """From now until ``rollups_resume``, changes schedule no refresh: the caller refreshes
    once at the end (an engine step refreshes its provinces after its last unit, not after
    each unit's transaction)."""
    return _deferred.set(Deferral(collect=collect))


def rollups_resume(token: Token[Deferral | None]) -> None:
    _deferred.reset(token)


@contextmanager
def rollups_deferred(*, collect: bool = False) -> Iterator[Deferral]:
    """``rollups_defer`` … ``rollups_resume`` as a ``with`` block; yields the deferral (with
    ``collect``, what its changes touched)."""
    deferral = Deferral(collect=collect)
    token = _deferred.set(deferral)
    try:
        yield deferral
    finally:
        rollups_resume(token)


def rollups_after_change(*objects: Any) -> None:
    """The roll-ups of the provinces the objects belong to are refreshed once the current
    transaction commits (services reach this through ``audit_record``)."""
    deferral = _deferred.get()
    if deferral is not None and not deferral.collect:
        return
    by_cycle: dict[int, set[str]] = {}
    beyond: set[tuple[int, int]] = set()
    for obj in objects:
        for cycle_id, code in touched(obj, beyond) if obj is not None else []:
            by_cycle.setdefault(cycle_id, set()).add(code)
    if deferral is not None:
        for cycle_id, codes in by_cycle.items():
            deferral.scopes.setdefault(cycle_id, set()).update(codes)
        deferral.beyond |= beyond
        return
    for cycle_id, codes in _with_feeding(by_cycle, beyond).items():
        rollups_refresh_on_commit(cycle_id=cycle_id, area_codes=codes)


def rollups_after_calendar_change(*, cycle_id: int) -> None:
    """A deadline moved: lateness of the whole cycle changes — rebuild it as a job."""
    from planlink.jobs.services import enqueue

    transaction.on_commit(
        lambda: enqueue("rollups.rebuild", arguments={"fiscal_year": cycle_id, "fresh": True})
    )


def audit_observer(*, obj: Any, action: str, scope_code: str) -> None:
    """Registered with ``audit.services.RECORD_OBSERVERS`` by ``RollupsConfig.ready``."""
    deferral = _deferred.get()
    if deferral is not None and not deferral.collect:
        return
    if obj._meta.label_lower == "cycles.milestone":
        rollups_after_calendar_change(cycle_id=obj.cycle_id)
        return
    rollups_after_change(obj)


def rollups_rebuild(
    *, cycle_id: int, area_code: str = "", resume: bool = True, progress: Progress | None = None
) -> dict[str, Any]:
    """Recompute a cycle's roll-ups (or one province's: ``area_code``), province by province.

    Resumable: each province commits on its own and is recorded in a ``RebuildRun``; a run
    killed half way continues where it stopped (``resume``), skipping provinces it finished.
    """
    provinces = provinces_with_plans(cycle_id)
    if area_code:
        provinces = [code for code in provinces if code == area_code[:2]] or [area_code[:2]]
    run = None
    if resume:
        run = RebuildRun.objects.filter(
            cycle_id=cycle_id, area_code=area_code, finished_at__isnull=True
        ).first()
    if run is None:
        run = RebuildRun.objects.create(cycle_id=cycle_id, area_code=area_code, done=[])
    done = list(run.done)
    todo = [code for code in provinces if code not in done]
    for index, province in enumerate(todo, start=1):
        refresh_province(cycle_id, province)
        done.append(province)
        RebuildRun.objects.filter(pk=run.pk).update(done=done)
        if progress:
            progress(index, len(todo), province or "-")
    RebuildRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    return {"cycle": cycle_id, "provinces": len(provinces), "refreshed": len(todo), "run": run.pk}
