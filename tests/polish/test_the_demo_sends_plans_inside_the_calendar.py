"""The demo's plans are sent inside their milestones' windows (most on time, some late), not
all "today" — which made every demo unit 500–646 days late (issue 15, item 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from planlink.areas.models import Area
from planlink.cycles.models import Milestone
from planlink.cycles.services import cycle_create, late_units
from planlink.plans.models import Plan, PlanKind, PlanState
from planlink.simulation.dates import MOST_DAYS_LATE, simulate_submission_dates
from planlink.simulation.guard import NotSyntheticError, synthetic_cycle

pytestmark = pytest.mark.django_db


def _tambon_plans(cycle, province="24") -> list[Plan]:
    tambons = Area.objects.filter(level=Area.Level.TAMBON, code__startswith=province)
    now = timezone.now()
    return Plan.objects.bulk_create(
        Plan(
            kind=PlanKind.TAMBON,
            cycle=cycle,
            owner_area=tambon,
            scope_code=tambon.code,
            synthetic=True,
            state=PlanState.SUBMITTED,
            submitted_at=now,
            title=f"แผนพัฒนาตำบล{tambon.name_th} (ข้อมูลสังเคราะห์)",
        )
        for tambon in tambons
    )


def test_plans_are_dated_inside_their_window_most_on_time(reference_data):
    cycle = synthetic_cycle(2570)
    plans = _tambon_plans(cycle)
    assert len(plans) > 50
    milestone = Milestone.objects.filter(cycle=cycle, plan_kind=PlanKind.TAMBON).order_by("order")[
        0
    ]
    report = simulate_submission_dates(cycle, "24")
    assert report["plans"] == len(plans)
    days = [
        timezone.localtime(moment).date()
        for moment in Plan.objects.filter(cycle=cycle, kind=PlanKind.TAMBON).values_list(
            "submitted_at", flat=True
        )
    ]
    assert all(
        milestone.start <= day <= milestone.deadline + dt.timedelta(days=MOST_DAYS_LATE)
        for day in days
    )
    late = [day for day in days if day > milestone.deadline]
    assert report["late"] == len(late)
    assert 0 < len(late) < 0.25 * len(days)  # some late, most on time
    assert len(set(days)) > 10  # spread over the window, not one day
    # the calendar now says a few units were late by days, not everyone by hundreds of days
    after = milestone.deadline + dt.timedelta(days=400)
    listed = late_units(milestone=milestone, scope_code="24", today=after)
    late_plans = [unit for unit in listed if getattr(unit, "submitted_late", False)]
    assert len(late_plans) == len(late)
    assert all(unit.days_late <= MOST_DAYS_LATE for unit in late_plans)


def test_the_dates_are_the_same_on_a_rerun(reference_data):
    cycle = synthetic_cycle(2570)
    _tambon_plans(cycle)
    simulate_submission_dates(cycle, "24")
    first = dict(Plan.objects.values_list("pk", "submitted_at"))
    simulate_submission_dates(cycle, "24")
    assert dict(Plan.objects.values_list("pk", "submitted_at")) == first


def test_a_real_cycle_is_never_redated(reference_data):
    cycle = cycle_create(fiscal_year=2571)
    with pytest.raises(NotSyntheticError):
        simulate_submission_dates(cycle)
