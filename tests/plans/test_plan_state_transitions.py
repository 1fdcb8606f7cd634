import pytest

from planlink.core.errors import DomainError, StateError
from planlink.plans.models import PlanKind, PlanState
from planlink.plans.services import plan_accept, plan_return, plan_submit
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(reference_data):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(plan, "ขุดลอกคลองส่งน้ำเพื่อการเกษตร", issue_code="WATER")
    return plan


def test_a_draft_plan_is_submitted_and_its_time_is_kept(plan):
    plan_submit(plan=plan, actor=None)
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    assert plan.submitted_at is not None
    assert not plan.is_editable


def test_a_submitted_plan_is_accepted(plan):
    plan_submit(plan=plan, actor=None)
    plan_accept(plan=plan, actor=None)
    assert plan.state == PlanState.ACCEPTED
    assert plan.accepted_at is not None


def test_a_submitted_plan_is_returned_with_a_reason_and_can_be_submitted_again(plan):
    plan_submit(plan=plan, actor=None)
    plan_return(plan=plan, actor=None, reason="โครงการทำเองไม่ถึงร้อยละ 30")
    assert (plan.state, plan.returned_reason) == (PlanState.RETURNED, "โครงการทำเองไม่ถึงร้อยละ 30")
    assert plan.is_editable
    plan_submit(plan=plan, actor=None)
    assert plan.state == PlanState.SUBMITTED
    assert plan.returned_reason == ""


def test_returning_without_a_reason_is_refused_and_changes_nothing(plan):
    plan_submit(plan=plan, actor=None)
    with pytest.raises(DomainError, match="ต้องระบุเหตุผล"):
        plan_return(plan=plan, actor=None, reason="   ")
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


@pytest.mark.parametrize(
    ("start", "action"),
    [
        ("draft", "accept"),
        ("draft", "return"),
        ("submitted", "submit"),
        ("accepted", "submit"),
        ("accepted", "return"),
        ("accepted", "accept"),
        ("returned", "accept"),
    ],
)
def test_wrong_transitions_are_refused_and_leave_the_state(plan, start, action):
    from planlink.plans.models import Plan

    Plan.objects.filter(pk=plan.pk).update(state=start)
    plan.refresh_from_db()
    services = {
        "submit": lambda: plan_submit(plan=plan, actor=None),
        "accept": lambda: plan_accept(plan=plan, actor=None),
        "return": lambda: plan_return(plan=plan, actor=None, reason="เหตุผล"),
    }
    with pytest.raises(StateError):
        services[action]()
    plan.refresh_from_db()
    assert plan.state == start


def test_an_empty_plan_cannot_be_submitted(reference_data):
    plan = area_plan(PlanKind.VILLAGE, "24010102")
    with pytest.raises(DomainError, match="ยังไม่มีโครงการ"):
        plan_submit(plan=plan, actor=None)
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT
