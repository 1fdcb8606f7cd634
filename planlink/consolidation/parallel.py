"""Run one step over many provinces at once, in worker processes (a national year).

Provinces are independent within a step: each tambon, district and province unit reads
and writes only its own plans, referrals and projects. The one thing provinces share in
a step may be a plan made by the caller's hooks — in a simulated year, the national
plan of each line agency (its budget request, แผนคำของบประมาณ), into which the
province step copies what the agency takes up: ``hooks.before_workers`` makes those
before the workers start, so two workers never race to create one.

Workers are forked from this process after its database connections are closed, so each
opens its own; they inherit the warmed-up Thai word dictionary. The largest provinces
are handed out first, to keep both cores busy to the end. On SQLite the workers take
turns at the single write lock (transactions are ``BEGIN IMMEDIATE``; the Thai text work
of a unit, done before its transaction, overlaps); on PostgreSQL they write side by side.
A unit is still one transaction, so a run killed half-way is finished by running it again.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from typing import Any

from django.db import connections
from django.db.models import Count
from django.db.models.functions import Substr

from planlink.areas.models import Area
from planlink.consolidation.cluster import ClusterHooks
from planlink.consolidation.steps import UnitHooks, refresh_statistics
from planlink.core.statistics import STALE_SHARE
from planlink.cycles.models import PlanningCycle

ProvinceDone = Callable[[int, int, str], None]


def default_workers() -> int:
    """One worker per core (``PLANLINK_WORKERS`` overrides)."""
    configured = os.environ.get("PLANLINK_WORKERS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def _largest_first(codes: Sequence[str]) -> list[str]:
    sizes = dict(
        Area.objects.filter(level=Area.Level.VILLAGE)
        .annotate(province=Substr("code", 1, 2))
        .values("province")
        .annotate(villages=Count("code"))
        .order_by()
        .values_list("province", "villages")
    )
    return sorted(codes, key=lambda code: (-sizes.get(code, 0), code))


def _make_cluster_plans(codes: Sequence[str], cycle: PlanningCycle) -> None:
    """The clusters' development plans, made once before the workers start: two provinces of
    one cluster in two workers would otherwise both make it (one_plan_per_kind_cycle_cluster)."""
    from planlink.consolidation.cluster import province_cluster_plan
    from planlink.consolidation.routing import RunLookups

    lookups = RunLookups(cycle)
    for province in Area.objects.filter(code__in=list(codes)).select_related("cluster"):
        province_cluster_plan(province, lookups)


def _run_province(
    level: str, code: str, cycle_id: int, auto_accept: bool, hooks: UnitHooks | None
) -> dict[str, Any]:
    from planlink.consolidation.steps import consolidate

    started = time.perf_counter()
    refresh_statistics(stale_share=STALE_SHARE)
    cycle = PlanningCycle.objects.get(pk=cycle_id)
    result = consolidate(
        level=level, area_code=code, cycle=cycle, auto_accept=auto_accept, hooks=hooks
    )
    return _measured(result.as_dict(), started)


def _measured(result: dict[str, Any], started: float) -> dict[str, Any]:
    """A worker's result with its seconds and its process's peak memory."""
    return {
        **result,
        "seconds": time.perf_counter() - started,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def _forked_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes forked from this one, after its database connections are closed
    (each worker opens its own), with the Thai word dictionary warmed up to inherit."""
    from planlink.consolidation.text import warm_up

    warm_up()
    _close_connections()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_forget_inherited_connections,
    )


def _close_connections() -> None:
    for connection in connections.all():
        connection.close()


# Connections a forked worker inherited, kept referenced so that they are never finalised.
_INHERITED: list[Any] = []


def _forget_inherited_connections() -> None:
    """In a forked worker, before any query: set aside whatever database connection came
    with the fork, unclosed — closing it would end the parent's session on the shared
    socket — so that Django opens the worker's own."""
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _INHERITED.append(connection.connection)
            connection.connection = None


def consolidate_provinces(
    *,
    level: str,
    province_codes: Sequence[str],
    cycle: PlanningCycle,
    auto_accept: bool = False,
    workers: int | None = None,
    progress: ProvinceDone | None = None,
    hooks: UnitHooks | None = None,
) -> dict[str, Any]:
    """Run ``level`` for each province, ``workers`` at a time; return the summed counts.

    With one worker (or one province) everything runs in this process, in code order.
    ``hooks`` (``steps.UnitHooks``) run around every unit, in the workers too; they are
    handed to the workers by pickling, so they must be a module-level object.
    """
    workers = max(1, workers or default_workers())
    codes = list(province_codes)
    refresh_statistics()
    total: dict[str, Any] = {"level": level, "provinces": len(codes), "workers": 1}
    counts: dict[str, int] = {}

    seconds: dict[str, float] = {}

    def add(result: dict[str, Any]) -> None:
        seconds[result["area"]] = round(result.get("seconds", 0.0), 2)
        for key, value in result.items():
            if key in ("level", "area", "cycle", "peak_memory_mb", "seconds"):
                continue
            counts[key] = counts.get(key, 0) + int(value)

    if workers == 1 or len(codes) <= 1:
        from planlink.consolidation.steps import consolidate

        for index, code in enumerate(sorted(codes), start=1):
            started = time.perf_counter()
            refresh_statistics(stale_share=STALE_SHARE)
            result = consolidate(
                level=level, area_code=code, cycle=cycle, auto_accept=auto_accept, hooks=hooks
            )
            add({**result.as_dict(), "seconds": time.perf_counter() - started})
            if progress:
                progress(index, len(codes), code)
        return {**total, **counts, "seconds_by_province": seconds}

    if hooks is not None:
        hooks.before_workers(level, cycle)
    if level == "province":
        _make_cluster_plans(codes, cycle)
    ordered = _largest_first(codes)
    peak = 0
    with _forked_pool(min(workers, len(codes))) as pool:
        futures = {
            pool.submit(_run_province, level, code, cycle.pk, auto_accept, hooks): code
            for code in ordered
        }
        for index, future in enumerate(as_completed(futures), start=1):
            finished = future.result()
            peak = max(peak, finished.get("peak_memory_mb", 0))
            add(finished)
            if progress:
                progress(index, len(codes), futures[future])
    return {
        **total,
        "workers": min(workers, len(codes)),
        "worker_peak_memory_mb": peak,
        **counts,
        "seconds_by_province": seconds,
    }


def _run_cluster(
    number: int, cycle_id: int, auto_accept: bool, hooks: ClusterHooks | None
) -> dict[str, Any]:
    from planlink.consolidation.cluster import consolidate_cluster

    started = time.perf_counter()
    refresh_statistics(stale_share=STALE_SHARE)
    cycle = PlanningCycle.objects.get(pk=cycle_id)
    result = consolidate_cluster(
        cluster_number=number, cycle=cycle, auto_accept=auto_accept, hooks=hooks
    )
    return _measured(result.as_dict(), started)


def consolidate_clusters(
    *,
    cluster_numbers: Sequence[int],
    cycle: PlanningCycle,
    auto_accept: bool = False,
    workers: int | None = None,
    hooks: ClusterHooks | None = None,
) -> list[dict[str, Any]]:
    """The cluster step (issue 17) of each cluster, ``workers`` at a time; each cluster's
    result, in cluster order.

    Clusters are independent as provinces are within a step: each reads the referrals its
    own provinces sent and writes its own plans; what they share are the line agencies'
    national plans, made before the workers start (``before_workers``) as in the province
    step. On SQLite, whose single write lock a worker would only wait for, and for one
    cluster, they run one after another in this process.
    """
    numbers = sorted(set(cluster_numbers))
    workers = max(1, workers or default_workers())
    if workers == 1 or len(numbers) <= 1 or connections["default"].vendor != "postgresql":
        from planlink.consolidation.cluster import consolidate_cluster

        return [
            consolidate_cluster(
                cluster_number=number, cycle=cycle, auto_accept=auto_accept, hooks=hooks
            ).as_dict()
            for number in numbers
        ]
    refresh_statistics()
    before_workers = getattr(hooks, "before_workers", None)
    if before_workers is not None:
        before_workers("cluster", cycle)
    results: dict[int, dict[str, Any]] = {}
    with _forked_pool(min(workers, len(numbers))) as pool:
        futures = {
            pool.submit(_run_cluster, number, cycle.pk, auto_accept, hooks): number
            for number in numbers
        }
        for future in as_completed(futures):
            results[futures[future]] = future.result()
    return [results[number] for number in numbers]
