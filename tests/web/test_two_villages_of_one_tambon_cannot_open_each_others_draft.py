"""Acceptance: each role sees only its scope. Two village committees of tambon หน้าเมือง
(240101) sign in through the sign-in form; neither can open the other's draft plan."""

from __future__ import annotations

import pytest
from django.test import Client

from planlink.plans.models import PlanKind, Project
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

PASSWORD = "รหัสผ่าน-ทดสอบ-123"


def sign_in(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    return client


@pytest.fixture
def drafts(people):
    mine = area_plan(PlanKind.VILLAGE, "24010101")
    theirs = area_plan(PlanKind.VILLAGE, "24010102")
    return (
        mine,
        make_project(mine, "ก่อสร้างประปาหมู่บ้านหน้าเมือง", issue_code="WATER"),
        theirs,
        make_project(theirs, "ซ่อมถนนบ้านท่าไข่", issue_code="INFRA"),
    )


def urls_of(plan, project) -> list[str]:
    return [
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/projects/new/",
        f"/plans/{plan.pk}/forum/",
        f"/projects/{project.pk}/",
        f"/projects/{project.pk}/edit/",
    ]


def test_neither_village_can_open_the_others_draft(drafts):
    mine, my_need, theirs, their_need = drafts
    first, second = sign_in("village1"), sign_in("village2")
    for url in urls_of(mine, my_need):
        assert first.get(url).status_code == 200, url
        assert second.get(url).status_code == 404, url
    for url in urls_of(theirs, their_need):
        assert second.get(url).status_code == 200, url
        assert first.get(url).status_code == 404, url


def test_a_village_cannot_write_into_the_other_villages_draft(drafts):
    mine, my_need, theirs, _ = drafts
    intruder = sign_in("village2")
    add = intruder.post(
        f"/plans/{mine.pk}/projects/new/",
        {"title": "โครงการแอบเพิ่ม", "mode": "self", "capacity_level": "community"},
    )
    edit = intruder.post(
        f"/projects/{my_need.pk}/edit/",
        {"title": "แก้ชื่อ", "mode": "self", "capacity_level": "community", "version": "1"},
    )
    submit = intruder.post(f"/plans/{mine.pk}/submit/", {"confirm": "1"})
    assert (add.status_code, edit.status_code, submit.status_code) == (404, 404, 404)
    my_need.refresh_from_db()
    mine.refresh_from_db()
    assert my_need.title == "ก่อสร้างประปาหมู่บ้านหน้าเมือง"
    assert mine.state == "draft"
    assert not Project.objects.filter(title="โครงการแอบเพิ่ม").exists()


def test_the_other_villages_draft_is_not_on_the_home_page_nor_the_public_tracker(drafts, client):
    _, my_need, _, their_need = drafts
    home = sign_in("village1").get("/").content.decode()
    assert "บ้านท่าไข่" not in home
    public = client.get("/tracker/240101/").content.decode()
    assert my_need.title not in public
    assert their_need.title not in public
    assert client.get(f"/tracker/needs/{my_need.pk}/").status_code == 404
