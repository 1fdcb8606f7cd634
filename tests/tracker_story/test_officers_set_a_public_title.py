"""Officers of the area set the title the public tracker shows for a need (Project.public_title):
on the project page or through the API; the tracker then shows it instead of the masked
title; a public title that names a person is refused; the village, the LAO and the auditor
may not set it; every change is audited; an empty title goes back to the masked one."""

from __future__ import annotations

import pytest

from planlink.accounts.tokens import token_create
from planlink.audit.models import AuditEntry
from planlink.core.errors import DomainError
from planlink.plans.models import PlanKind, Project
from planlink.plans.public_title import clean_public_title, project_set_public_title
from planlink.plans.services import plan_submit
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

TYPED = "ซ่อมถนนหน้าบ้านนายสมชาย ใจดี หมู่ 1"
PUBLIC = "ซ่อมถนนลูกรังในหมู่บ้าน หมู่ 1"


@pytest.fixture
def need(people):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    need = make_project(plan, TYPED, issue_code="INFRA")
    plan_submit(plan=plan, actor=people["village"])
    return need


def test_the_tracker_shows_the_masked_title_until_an_officer_sets_one(need, people, client):
    page = client.get("/tracker/24010101/").content.decode()
    assert "ซ่อมถนนหน้าบ้านนาย*** *** หมู่ 1" in page
    assert "สมชาย" not in page
    project_set_public_title(project=need, title=PUBLIC, actor=people["tambon"])
    for url in ("/tracker/24010101/", "/tracker/240101/", f"/tracker/needs/{need.pk}/"):
        page = client.get(url).content.decode()
        assert PUBLIC in page, url
        assert "นาย***" not in page, url
    entry = AuditEntry.objects.filter(action="project.public_title").get()
    assert entry.changes == {"public_title": ["", PUBLIC]}
    project_set_public_title(project=need, title="  ", actor=people["tambon"])
    assert Project.objects.get(pk=need.pk).public_title == ""
    assert "ซ่อมถนนหน้าบ้านนาย*** ***" in client.get("/tracker/24010101/").content.decode()


@pytest.mark.parametrize(
    "title",
    [
        "ซ่อมถนนหน้าบ้านนางสมศรี",
        "ติดต่อ 081-234-5678",
        "ผู้ขอ 1-2345-67890-12-3",
        "x" * 301,
        "ถนน\x00ลูกรัง",
    ],
)
def test_a_public_title_that_names_a_person_or_is_malformed_is_refused(need, people, title):
    with pytest.raises(DomainError) as refused:
        project_set_public_title(project=need, title=title, actor=people["tambon"])
    assert refused.value.message_th
    assert Project.objects.get(pk=need.pk).public_title == ""
    assert not AuditEntry.objects.filter(action="project.public_title").exists()


def test_spaces_are_collapsed():
    assert clean_public_title("  ซ่อมถนน   ลูกรัง \n หมู่ 1 ") == "ซ่อมถนน ลูกรัง หมู่ 1"


def test_the_tambon_officer_sets_it_on_the_project_page(need, people, signed_in):
    tambon = signed_in(people["tambon"])
    page = tambon.get(f"/projects/{need.pk}/").content.decode()
    assert "ชื่อที่เปิดเผยต่อสาธารณะ" in page
    assert f'action="/projects/{need.pk}/public-title/"' in page
    response = tambon.post(f"/projects/{need.pk}/public-title/", {"public_title": PUBLIC})
    assert response.status_code == 302
    assert Project.objects.get(pk=need.pk).public_title == PUBLIC
    refused = tambon.post(
        f"/projects/{need.pk}/public-title/", {"public_title": "บ้านนายสมชาย"}, follow=True
    )
    assert "ชื่อที่เปิดเผยยังมีชื่อบุคคล" in refused.content.decode()
    assert Project.objects.get(pk=need.pk).public_title == PUBLIC


@pytest.mark.parametrize(("who", "status"), [("village", 403), ("lao", 404), ("auditor", 403)])
def test_others_may_not_set_it(need, people, signed_in, who, status):
    client = signed_in(people[who])
    page = client.get(f"/projects/{need.pk}/").content.decode()
    assert "public-title/" not in page  # no form for them
    response = client.post(f"/projects/{need.pk}/public-title/", {"public_title": PUBLIC})
    assert response.status_code == status
    assert Project.objects.get(pk=need.pk).public_title == ""


def test_the_district_officer_sets_it_through_the_api(need, people, client):
    token = token_create(user=people["district"], name="ทดสอบ")[1]
    headers = {"Authorization": f"Bearer {token}"}
    url = f"/api/v1/projects/{need.pk}/public-title"
    response = client.put(
        url, data={"public_title": PUBLIC}, content_type="application/json", headers=headers
    )
    assert response.status_code == 200, response.content
    assert response.json()["public_title"] == PUBLIC
    refused = client.put(
        url,
        data={"public_title": "บ้านนายสมชาย โทร 0812345678"},
        content_type="application/json",
        headers=headers,
    )
    assert refused.status_code == 400
    assert "ชื่อบุคคล" in refused.json()["message_th"]
    assert Project.objects.get(pk=need.pk).public_title == PUBLIC
