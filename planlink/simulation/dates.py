"""When the simulated units sent their plans: inside each milestone's window, most on time.

The demo runs a whole synthetic year in a few minutes, so every plan it submits is stamped
"now" — long after the calendar's deadlines of a past planning year, which made every demo
unit "500–646 days late". This step re-dates the synthetic plans of a cycle the way a year
goes: each plan with a milestone in the cycle's calendar (``planlink.cycles``) gets a
submission date drawn inside that milestone's window (start … deadline); about one in ten
is late by one to thirty days. The draws are deterministic (seeded by the cycle and the
unit), so a re-run gives the same dates. Plans of a real (non-synthetic) cycle are never
touched (``require_synthetic``).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from planlink.core.bulk import update_rows
from planlink.cycles.models import Milestone, PlanningCycle
from planlink.plans.models import Plan
from planlink.simulation.guard import require_synthetic

LATE_SHARE = 0.1  # about one unit in ten sends its plan after the deadline
MOST_DAYS_LATE = 30


def submission_date(milestone: Milestone, unit: str, fiscal_year: int) -> dt.date:
    """The simulated day ``unit`` sent its plan for ``milestone`` (deterministic)."""
    draw = random.Random(f"{fiscal_year}:{milestone.step}:{unit}")  # noqa: S311 - simulation
    if draw.random() < LATE_SHARE:
        return milestone.deadline + dt.timedelta(days=draw.randint(1, MOST_DAYS_LATE))
    window = (milestone.deadline - milestone.start).days
    return milestone.start + dt.timedelta(days=draw.randint(0, max(window, 0)))


@transaction.atomic
def simulate_submission_dates(cycle: PlanningCycle, scope_code: str = "") -> dict[str, Any]:
    """Re-date the submitted synthetic plans of ``cycle`` (inside ``scope_code``) into their
    milestones' windows. Returns ``{"plans": n, "late": k}``."""
    require_synthetic(cycle)
    zone = timezone.get_current_timezone()
    dated = late = 0
    milestones = Milestone.objects.filter(cycle=cycle).exclude(plan_kind="").order_by("order")
    seen: set[str] = set()
    for milestone in milestones:
        if milestone.plan_kind in seen:  # the first milestone of a kind is its deadline
            continue
        seen.add(milestone.plan_kind)
        plans = Plan.objects.filter(
            cycle=cycle, kind=milestone.plan_kind, synthetic=True, submitted_at__isnull=False
        )
        if scope_code:
            plans = plans.filter(scope_code__startswith=scope_code)
        rows = []
        for pk, scope in plans.values_list("pk", "scope_code").iterator(chunk_size=5000):
            day = submission_date(milestone, scope, cycle.fiscal_year)
            hour = 9 + (pk % 8)  # office hours
            rows.append((dt.datetime.combine(day, dt.time(hour, (pk * 7) % 60), tzinfo=zone), pk))
            late += day > milestone.deadline
        dated += update_rows(Plan, ("submitted_at",), rows)
    return {"plans": dated, "late": late}
