"""Background jobs started from the web pages (``planlink.jobs`` discovers this module).

``web.consolidate`` runs one consolidation step (``planlink.consolidation.services.consolidate``)
for an area — a province's consolidation can take minutes, so the page enqueues it and
shows a progress bar (``/jobs/<id>/``) instead of holding the request open.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from planlink.jobs.context import JobContext
from planlink.jobs.registry import task


@task("web.consolidate", title="รวมแผน (ประมวลผลการรวมและจัดลำดับ)")
def consolidate_area(
    job: JobContext,
    *,
    level: str,
    area_code: str,
    fiscal_year: int,
    actor_id: int | None = None,
    review_plan_kind: str = "",
) -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from planlink.consolidation.services import consolidate
    from planlink.cycles.models import PlanningCycle
    from planlink.plans.models import Plan

    cycle = PlanningCycle.objects.get(fiscal_year=fiscal_year)
    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None

    def report(done: int, total: int, code: str) -> None:
        job.progress(int(done * 100 / max(total, 1)), f"{done:,}/{total:,} · {code}")

    job.progress(1, "เริ่มรวมแผน · starting")
    result = consolidate(
        level=level, area_code=area_code, cycle=cycle, actor=actor, progress=report
    )
    payload: dict[str, Any] = result.as_dict()
    plan = Plan.objects.filter(kind=review_plan_kind, cycle=cycle, owner_area_id=area_code).first()
    if plan is not None:
        payload["url"] = reverse("review", args=[plan.pk])
    return payload
