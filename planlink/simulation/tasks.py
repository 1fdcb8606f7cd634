"""Background jobs of the simulation (``planlink.jobs`` discovers this module)."""

from __future__ import annotations

from typing import Any

from planlink.consolidation.tasks import job_progress
from planlink.cycles.models import PlanningCycle
from planlink.jobs.context import JobContext
from planlink.jobs.registry import task
from planlink.simulation.runs import simulate_cycle


@task("consolidate.cycle", title="จำลองทั้งรอบ · Whole-cycle simulation")
def consolidate_cycle(job: JobContext, *, province_code: str, fiscal_year: int) -> dict[str, Any]:
    """A whole simulated cycle for a province (refused on a cycle that is not synthetic)."""
    cycle = PlanningCycle.objects.get(pk=fiscal_year)
    return simulate_cycle(province_code=province_code, cycle=cycle, progress=job_progress(job))
