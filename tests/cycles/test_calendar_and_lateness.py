import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from planlink.core.errors import DomainError
from planlink.cycles.models import Milestone
from planlink.cycles.services import cycle_create, late_units, milestone_update
from planlink.plans.models import Plan, PlanKind
from planlink.plans.services import plan_submit
from tests.factories import area_plan, make_project, village

pytestmark = pytest.mark.django_db
BANGKOK = ZoneInfo("Asia/Bangkok")


def test_a_cycle_is_seeded_from_the_2559_circular_months(reference_data):
    cycle = cycle_create(fiscal_year=2570)
    assert cycle.name_th == "ปีงบประมาณ พ.ศ. 2570"
    assert cycle.planning_year_be == 2568
    tambon = cycle.milestones.get(step="tambon_plan")
    # Plans made in 2568 B.E. (2025) feed fiscal year 2570; tambon plans go to the district by April.
    assert (tambon.start, tambon.deadline) == (dt.date(2025, 3, 1), dt.date(2025, 4, 30))
    assert cycle.milestones.get(step="district_action_plan").deadline == dt.date(2026, 11, 30)
    assert cycle_create(fiscal_year=2570).milestones.count() == cycle.milestones.count()


def test_a_fiscal_year_must_be_buddhist_era(reference_data):
    with pytest.raises(DomainError, match="ต้องเป็น พ.ศ."):
        cycle_create(fiscal_year=2027)


def test_milestones_are_editable_per_year_but_stay_ordered(reference_data):
    milestone = cycle_create(fiscal_year=2570).milestones.get(step="village_plan")
    milestone_update(
        milestone=milestone, actor=None, start=dt.date(2025, 1, 15), deadline=dt.date(2025, 3, 15)
    )
    assert Milestone.objects.get(pk=milestone.pk).deadline == dt.date(2025, 3, 15)
    with pytest.raises(DomainError):
        milestone_update(
            milestone=milestone, actor=None, start=dt.date(2025, 4, 1), deadline=dt.date(2025, 3, 1)
        )


def test_who_is_late_lists_units_without_a_submitted_plan_after_the_deadline(reference_data):
    for n in (1, 2, 3):
        village(f"240101{n:02d}")
    on_time = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(on_time, "ปลูกป่าชุมชน")
    plan_submit(plan=on_time, actor=None)
    Plan.objects.filter(pk=on_time.pk).update(
        submitted_at=dt.datetime(2025, 2, 10, 10, tzinfo=BANGKOK)
    )
    late_plan = area_plan(PlanKind.VILLAGE, "24010102")
    make_project(late_plan, "ถนนดิน")
    plan_submit(plan=late_plan, actor=None)
    Plan.objects.filter(pk=late_plan.pk).update(
        submitted_at=dt.datetime(2025, 3, 5, 10, tzinfo=BANGKOK)
    )
    milestone = Milestone.objects.get(cycle_id=2570, step="village_plan")
    assert late_units(milestone=milestone, scope_code="240101", today=dt.date(2025, 2, 20)) == [
        unit
        for unit in late_units(milestone=milestone, scope_code="240101", today=dt.date(2025, 2, 20))
        if unit.submitted_late
    ]
    late = {
        unit.code: unit
        for unit in late_units(milestone=milestone, scope_code="240101", today=dt.date(2025, 3, 10))
    }
    assert "24010101" not in late
    assert (late["24010102"].submitted_late, late["24010102"].days_late) == (True, 5)
    assert (late["24010103"].state, late["24010103"].days_late) == ("missing", 10)


def test_lao_lateness_is_listed_for_a_district(reference_data):
    milestone = cycle_create(fiscal_year=2570).milestones.get(step="local_development_plan")
    late = late_units(milestone=milestone, scope_code="2401", today=dt.date(2025, 7, 1))
    from planlink.areas.models import LocalGovernment

    expected = (
        LocalGovernment.objects.filter(district_id="2401")
        .exclude(kind="provincial_admin_org")
        .count()
    )
    assert len(late) == expected > 0
    assert {unit.state for unit in late} == {"missing"}
