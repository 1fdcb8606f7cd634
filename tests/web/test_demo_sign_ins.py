"""After ``planlink demo``, serve creates one synthetic sign-in per role around the first
village plan, so that every role's pages can be tried; never when users already exist."""

from __future__ import annotations

import pytest
from django.test import Client

from planlink.accounts.models import Assignment
from planlink.plans.models import PlanKind
from planlink.web.demo_users import DEMO_PASSWORD, demo_users_create
from tests.factories import area_plan, cycle, frame

pytestmark = pytest.mark.django_db


def test_one_demo_user_per_role_around_the_first_synthetic_village(reference_data):
    cycle()
    frame("24")
    area_plan(PlanKind.VILLAGE, "24010101", synthetic=True)
    created = {person.username: (person.role, person.unit) for person in demo_users_create()}
    assert created["demo-village"] == ("village_committee", "หมู่ที่ 1")
    assert created["demo-tambon"] == ("tambon_officer", "ตำบลหน้าเมือง")
    assert created["demo-district"] == ("district_officer", "อำเภอเมืองฉะเชิงเทรา")
    assert created["demo-province"] == ("provincial_officer", "จังหวัดฉะเชิงเทรา")
    assert created["demo-agency"][0] == "agency_officer"
    assert created["demo-lao"][0] == "lao_planner"
    assert Assignment.objects.count() == 7
    client = Client()
    response = client.post(
        "/accounts/login/", {"username": "demo-village", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "แผนชุมชน/แผนพัฒนาหมู่บ้าน หมู่ที่ 1" in client.get("/").content.decode()


def test_no_demo_users_when_people_already_exist(people):
    area_plan(PlanKind.VILLAGE, "24010101", synthetic=True)
    assert demo_users_create() == []
