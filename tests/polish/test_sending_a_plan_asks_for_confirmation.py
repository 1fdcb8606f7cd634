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
