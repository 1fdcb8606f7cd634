"""Background jobs started from the web pages (``planlink.jobs`` discovers this module).

``web.consolidate`` runs one consolidation step for an area — a province's consolidation can
take minutes, so the page enqueues it and shows a progress bar (``/jobs/<id>/``) instead of
holding the request open. The step itself is the engine's one job
(``planlink.consolidation.tasks.consolidate_step``); this kind only adds the link to the
review page.
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
    from planlink.consolidation.tasks import consolidate_step
    from planlink.plans.models import Plan

    job.progress(1, "เริ่มรวมแผน · starting")
    payload = consolidate_step(
        job, level=level, area_code=area_code, fiscal_year=fiscal_year, actor_id=actor_id
    )
    plan = Plan.objects.filter(
        kind=review_plan_kind, cycle_id=fiscal_year, owner_area_id=area_code
    ).first()
    if plan is not None:
        payload["url"] = reverse("review", args=[plan.pk])
    return payload
