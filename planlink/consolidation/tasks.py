"""Background jobs of the engine (see ``planlink.jobs``): a step over a whole area can take minutes.

Steps are idempotent per unit, so a job that is retried after a worker died
finishes the work without doubling anything.
"""

from __future__ import annotations

from typing import Any

from planlink.consolidation.steps import consolidate, run_cycle
from planlink.cycles.models import PlanningCycle
from planlink.jobs.context import JobContext
from planlink.jobs.registry import task


def _progress(job: JobContext, level: str):  # noqa: ANN202
    def report(done: int, total: int, code: str) -> None:
        job.progress(int(done * 100 / max(total, 1)), f"{level}: {done}/{total} ({code})")

    return report


@task("consolidate.step", title="บูรณาการแผน · Consolidation step")
def consolidate_step(
    job: JobContext, *, level: str, area_code: str, fiscal_year: int, auto_accept: bool = False
) -> dict[str, Any]:
    cycle = PlanningCycle.objects.get(pk=fiscal_year)
    result = consolidate(
        level=level,
        area_code=area_code,
        cycle=cycle,
        auto_accept=auto_accept,
        progress=_progress(job, level),
    )
    return result.as_dict()


@task("consolidate.cycle", title="จำลองทั้งรอบ · Whole-cycle simulation")
def consolidate_cycle(job: JobContext, *, province_code: str, fiscal_year: int) -> dict[str, Any]:
    cycle = PlanningCycle.objects.get(pk=fiscal_year)
    return run_cycle(province_code=province_code, cycle=cycle, progress=_progress(job, "cycle"))
