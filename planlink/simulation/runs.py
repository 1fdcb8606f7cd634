"""Running the engine on a synthetic year, with the simulated receivers deciding.

The engine's step (``planlink.consolidation.steps.consolidate``) does what an officer
does by pressing every button (``auto_accept``); the receivers' decisions run as its
unit hooks (``receivers.RECEIVERS``). Every function here refuses a cycle that is not
synthetic before it writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planlink.consolidation.cluster import cluster_of_province, clusters_of, consolidate_cluster
from planlink.consolidation.models import StepLevel
from planlink.consolidation.parallel import (
    ProvinceDone,
    consolidate_clusters,
    consolidate_provinces,
)
from planlink.consolidation.steps import Progress, StepResult, consolidate
from planlink.cycles.models import PlanningCycle
from planlink.simulation.guard import require_synthetic
from planlink.simulation.receivers import RECEIVERS

LEVELS = (StepLevel.TAMBON, StepLevel.DISTRICT, StepLevel.PROVINCE)


def simulate_step(
    *,
    level: str,
    area_code: str,
    cycle: PlanningCycle,
    actor: Any = None,
    progress: Progress | None = None,
) -> StepResult:
    """One step for every unit of ``level`` in ``area_code``, the receivers deciding."""
    require_synthetic(cycle)
    return consolidate(
        level=level,
        area_code=area_code,
        cycle=cycle,
        auto_accept=True,
        actor=actor,
        progress=progress,
        hooks=RECEIVERS,
    )


def simulate_cycle(
    *, province_code: str, cycle: PlanningCycle, actor: Any = None, progress: Progress | None = None
) -> dict[str, Any]:
    """A whole cycle for a province: tambon, district, province, the receivers deciding; then
    the province's cluster (with what this province sent: the others have not run)."""
    require_synthetic(cycle)
    steps: dict[str, Any] = {
        level: simulate_step(
            level=level, area_code=province_code, cycle=cycle, actor=actor, progress=progress
        ).as_dict()
        for level in LEVELS
    }
    cluster = cluster_of_province(province_code)
    if cluster is not None:
        steps[StepLevel.CLUSTER] = simulate_cluster(
            cluster_number=cluster.number, cycle=cycle, actor=actor
        ).as_dict()
    return steps


def simulate_cluster(*, cluster_number: int, cycle: PlanningCycle, actor: Any = None) -> StepResult:
    """The cluster step for one provincial cluster, its ก.บ.ก. and the agencies deciding."""
    require_synthetic(cycle)
    return consolidate_cluster(
        cluster_number=cluster_number, cycle=cycle, auto_accept=True, actor=actor, hooks=RECEIVERS
    )


def simulate_clusters(
    *, province_codes: Sequence[str], cycle: PlanningCycle, workers: int | None = None
) -> dict[str, Any]:
    """The cluster step of every cluster of these provinces (after their province step), in
    worker processes on PostgreSQL (``consolidation.parallel.consolidate_clusters``)."""
    require_synthetic(cycle)
    total: dict[str, Any] = {"level": StepLevel.CLUSTER, "clusters": 0}
    for result in consolidate_clusters(
        cluster_numbers=clusters_of(list(province_codes)),
        cycle=cycle,
        auto_accept=True,
        workers=workers,
        hooks=RECEIVERS,
    ):
        total["clusters"] += 1
        for key, value in result.items():
            if key not in ("level", "area", "cycle", "seconds", "peak_memory_mb"):
                total[key] = total.get(key, 0) + int(value)
    return total


def simulate_provinces(
    *,
    level: str,
    province_codes: Sequence[str],
    cycle: PlanningCycle,
    workers: int | None = None,
    progress: ProvinceDone | None = None,
) -> dict[str, Any]:
    """One step over many provinces in worker processes (``consolidation.parallel``)."""
    require_synthetic(cycle)
    return consolidate_provinces(
        level=level,
        province_codes=province_codes,
        cycle=cycle,
        auto_accept=True,
        workers=workers,
        progress=progress,
        hooks=RECEIVERS,
    )
