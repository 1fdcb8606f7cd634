"""ส่งแผน asks for confirmation first: the plan page's button opens a confirmation step (a plain
form, no JavaScript) that says what will be sent; only "ยืนยันส่งแผน" submits."""

from __future__ import annotations

import pytest

from planlink.plans.models import PlanKind, PlanState
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(people):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(plan, "ขุดลอกคลองส่งน้ำเพื่อการเกษตร", issue_code="WATER", budget=350000)
    make_project(plan, "ซ่อมแซมถนนลูกรังในหมู่บ้าน", issue_code="INFRA", budget=150000)
    return plan


def test_the_plan_page_button_opens_the_confirmation(plan, people, signed_in):
    client = signed_in(people["village"])
    detail = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f'<form method="get" action="/plans/{plan.pk}/submit/">' in detail
    confirm = client.get(f"/plans/{plan.pk}/submit/")
    text = confirm.content.decode()
    assert confirm.status_code == 200
    assert "ยืนยันการส่งแผน" in text
    assert "500,000.00" in text  # the total to be sent
    assert 'name="confirm" value="1"' in text
    assert "ยืนยันส่งแผน" in text
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_a_post_without_confirmation_sends_nothing(plan, people, signed_in):
    response = signed_in(people["village"]).post(f"/plans/{plan.pk}/submit/")
    assert response.status_code == 200
    assert "ยืนยันการส่งแผน" in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_confirming_sends_the_plan(plan, people, signed_in):
    response = signed_in(people["village"]).post(
        f"/plans/{plan.pk}/submit/", {"confirm": "1"}, follow=True
    )
    assert "ส่งแผนแล้ว" in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


def test_another_village_cannot_open_the_confirmation(plan, people, signed_in):
    assert signed_in(people["other_village"]).get(f"/plans/{plan.pk}/submit/").status_code == 404


def test_the_confirmation_in_english(plan, people, signed_in):
    text = signed_in(people["village"], "en").get(f"/plans/{plan.pk}/submit/").content.decode()
    assert "Confirm sending the plan" in text
    assert "Send the plan" in text


# The tambon (district, province) review's ส่งแผน has the same confirmation step.


@pytest.fixture
def reviewed(people, signed_in, inline_jobs, django_capture_on_commit_callbacks):
    from planlink.plans.models import Plan
    from tests.consolidation.engine_world import three_villages

    three_villages()
    client = signed_in(people["tambon"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/consolidate/tambon/240101/")
    return client, Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id="240101")


def test_the_review_asks_before_sending_and_returning_the_rest(reviewed):
    from planlink.referrals.models import Decision, Referral

    client, plan = reviewed
    act = f"/plans/{plan.pk}/consolidation/act/"
    pending = Referral.objects.filter(to_plan=plan, decision=Decision.PENDING).count()
    assert pending
    # undecided proposals are still refused at once, with the count
    refused = client.post(act, {"action": "submit"}, follow=True).content.decode()
    assert f"ยังมีข้อเสนอรอพิจารณา {pending:,} รายการ" in refused
    # returning the rest with a reason: the confirmation says so, and nothing is written yet
    reason = "ไม่ทันการประชุม ก.บ.ต. ปีนี้"
    confirm = client.post(act, {"action": "submit", "return_rest": "1", "reason": reason})
    text = confirm.content.decode()
    assert confirm.status_code == 200
    assert "ยืนยันการส่งแผน" in text
    assert f"ข้อเสนอที่ยังรอพิจารณา {pending:,} รายการจะถูกส่งคืนพร้อมเหตุผล: {reason}" in text
    assert 'name="confirm" value="1"' in text
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT
    assert Referral.objects.filter(to_plan=plan, decision=Decision.PENDING).count() == pending
    # the confirmation's button sends
    client.post(act, {"action": "submit", "return_rest": "1", "reason": reason, "confirm": "1"})
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
