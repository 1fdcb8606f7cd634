"""Running the engine on a synthetic year, with the simulated receivers deciding.

The engine's step (``planlink.consolidation.steps.consolidate``) does what an officer
does by pressing every button (``auto_accept``); the receivers' decisions run as its
unit hooks (``receivers.RECEIVERS``). Every function here refuses a cycle that is not
synthetic before it writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planlink.consolidation.models import StepLevel
from planlink.consolidation.parallel import ProvinceDone, consolidate_provinces
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
    """A whole cycle for a province: tambon, district, province, the receivers deciding."""
    require_synthetic(cycle)
    return {
        level: simulate_step(
            level=level, area_code=province_code, cycle=cycle, actor=actor, progress=progress
        ).as_dict()
        for level in LEVELS
    }


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
