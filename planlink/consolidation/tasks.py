"""Background jobs of the engine (see ``planlink.jobs``): a step over a whole area can take minutes.

``consolidate.step`` is the one job that runs a step; the web's ``web.consolidate``
(``planlink.web.tasks``) runs it too and adds the link to the review page. Steps are
idempotent per unit, so a job that is retried after a worker died finishes the work
without doubling anything.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model

from planlink.consolidation.cluster import consolidate_cluster
from planlink.consolidation.steps import consolidate
from planlink.cycles.models import PlanningCycle
from planlink.jobs.context import JobContext
from planlink.jobs.registry import task


def job_progress(job: JobContext, level: str = "") -> Callable[[int, int, str], None]:
    """Report a step's units done as the job's progress (percent and a short line)."""
    prefix = f"{level}: " if level else ""

    def report(done: int, total: int, code: str) -> None:
        job.progress(int(done * 100 / max(total, 1)), f"{prefix}{done:,}/{total:,} ({code})")

    return report


@task("consolidate.step", title="บูรณาการแผน · Consolidation step")
def consolidate_step(
    job: JobContext,
    *,
    level: str,
    area_code: str,
    fiscal_year: int,
    auto_accept: bool = False,
    actor_id: int | None = None,
) -> dict[str, Any]:
    cycle = PlanningCycle.objects.get(pk=fiscal_year)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    result = consolidate(
        level=level,
        area_code=area_code,
        cycle=cycle,
        auto_accept=auto_accept,
        actor=actor,
        progress=job_progress(job, level),
    )
    return result.as_dict()


@task("consolidate.cluster", title="บูรณาการแผนกลุ่มจังหวัด · Cluster step")
def consolidate_cluster_step(
    job: JobContext, *, cluster_number: int, fiscal_year: int, actor_id: int | None = None
) -> dict[str, Any]:
    """The cluster step for one provincial cluster (issue 17): the engine proposes, the
    ก.บ.ก. decides on the review screen."""
    cycle = PlanningCycle.objects.get(pk=fiscal_year)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    job.progress(1, "เริ่มรวมแผนกลุ่มจังหวัด · starting")
    result = consolidate_cluster(
        cluster_number=cluster_number,
        cycle=cycle,
        actor=actor,
        progress=job_progress(job, "cluster"),
    )
    return result.as_dict()
