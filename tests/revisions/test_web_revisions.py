"""The web shows the revision history on the plan page and each project's history across
revisions; the owner drafts a revision, adds items and records the approval; another
province's officer sees nothing and writes nothing. The LAO plan is synthetic test data."""

from __future__ import annotations

import datetime as dt

import pytest

from planlink.plans.revision_models import PlanRevision, RevisionState
from tests.revisions.conftest import projects_of, snapshot

pytestmark = pytest.mark.django_db

ROAD = "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"
CANAL = "ขุดลอกคลองสาธารณะ หมู่ที่ 5"
DUPLICATE = "ขุดลอกคลองสาธารณะหมู่ที่ 5 (ซ้ำ)"


def test_the_owner_revises_on_the_web_and_the_history_shows(plan, people, client):
    client.force_login(people["lao"])
    projects = projects_of(plan)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "ประวัติการปรับปรุงแผน" in page
    assert f"/plans/{plan.pk}/revisions/" in page

    started = client.post(
        f"/plans/{plan.pk}/revisions/",
        {"kind": "addition", "year": "2567", "number": "5", "reason": "ประชาคมเสนอเพิ่ม"},
    )
    revision = PlanRevision.objects.get(plan=plan)
    assert started.url == f"/plans/{plan.pk}/revisions/{revision.pk}/"
    url = started.url
    client.post(
        url,
        {
            "action": "add",
            "title": "ก่อสร้างรางระบายน้ำ หมู่ที่ 2",
            "budget_year": "2569",
            "budget_amount": "350,000",
        },
    )
    client.post(
        url,
        {"action": "change", "project": projects[ROAD].pk, "kpi": "ถนนยาว 600 เมตร"},
    )
    client.post(url, {"action": "move", "project": projects[CANAL].pk, "to_form": "ผ.02/2"})
    client.post(
        url,
        {
            "action": "withdraw",
            "project": projects[DUPLICATE].pk,
            "reason": "ซ้ำลำดับที่ 2",
            "link_kind": "duplicate_of",
            "linked_project": projects[CANAL].pk,
        },
    )
    draft = client.get(url).content.decode()
    assert "ตัวชี้วัด (KPI): ถนนยาว 400 เมตร → ถนนยาว 600 เมตร" in draft
    assert "ย้ายจากแบบ ผ.02 ไปแบบ ผ.02/2" in draft
    assert revision.items.count() == 4

    approved = client.post(
        url,
        {
            "action": "approve",
            "approver_name": "นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล",
            "approved_on": "2024-07-15",
            "approval_reference": "ประกาศ ลงวันที่ 15 กรกฎาคม 2567",
        },
        follow=True,
    ).content.decode()
    assert "บันทึกการอนุมัติและปรับปรุงแผนแล้ว" in approved
    assert "อนุมัติโดย นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล เมื่อวันที่ 15 กรกฎาคม 2567" in approved
    revision.refresh_from_db()
    assert revision.state == RevisionState.APPROVED
    assert revision.approved_on == dt.date(2024, 7, 15)

    plan_page = client.get(f"/plans/{plan.pk}/")
    assert "เพิ่มเติม ครั้งที่ 5/2567" in plan_page.content.decode()
    assert "ถอนออกจากแผนแล้ว" in plan_page.content.decode()  # the duplicate, listed with a badge
    assert plan_page.context["active_count"] == 3  # 3 projects + 1 added − 1 withdrawn
    # road 800,000 + canal 800,000 + the added drain 350,000; the withdrawn duplicate not counted
    assert plan_page.context["total_budget"] == 1_950_000
    history = client.get(f"/projects/{projects[CANAL].pk}/").content.decode()
    assert "ประวัติการปรับปรุงแผนของโครงการ" in history
    assert "ย้ายจากแบบ ผ.02 ไปแบบ ผ.02/2" in history
    assert f"“{DUPLICATE}”" in history  # the duplicate withdrawn into it


def test_a_refused_action_shows_the_thai_message_and_writes_nothing(plan, people, client):
    client.force_login(people["lao"])
    client.post(f"/plans/{plan.pk}/revisions/", {"kind": "correction", "year": "2568"})
    revision = PlanRevision.objects.get(plan=plan)
    before = snapshot(plan)
    response = client.post(
        f"/plans/{plan.pk}/revisions/{revision.pk}/",
        {"action": "approve", "approver_name": "นายสมชาย ใจดี", "approved_on": "2024-07-15"},
        follow=True,
    )
    assert "การปรับปรุงแผนยังไม่มีรายการโครงการ อนุมัติไม่ได้" in response.content.decode()
    assert snapshot(plan) == before


def test_another_provinces_officer_cannot_read_or_create(plan, people, client):
    before = snapshot(plan)
    client.force_login(people["outsider"])
    assert client.get(f"/plans/{plan.pk}/revisions/").status_code == 404
    assert client.post(f"/plans/{plan.pk}/revisions/", {"kind": "addition"}).status_code == 404
    client.force_login(people["district"])  # reads the LAO's plan, does not own it
    assert client.get(f"/plans/{plan.pk}/revisions/").status_code == 200
    assert client.post(f"/plans/{plan.pk}/revisions/", {"kind": "addition"}).status_code == 403
    assert snapshot(plan) == before


def test_the_revision_pages_speak_english_too(plan, people, client):
    from django.conf import settings

    from tests.polish.test_every_string_in_both_languages import (
        catalogue,
        template_msgids,
        text_nodes,
    )

    client.force_login(people["lao"])
    client.post(f"/plans/{plan.pk}/revisions/", {"kind": "addition", "year": "2567"})
    revision = PlanRevision.objects.get(plan=plan)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    translated = catalogue()
    msgids = template_msgids()
    for url in (
        f"/plans/{plan.pk}/",
        f"/plans/{plan.pk}/revisions/",
        f"/plans/{plan.pk}/revisions/{revision.pk}/",
    ):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert '<html lang="en">' in html
        untranslated = [node for node in text_nodes(html) if node in msgids]
        assert untranslated == [], (url, untranslated)
        assert translated["การปรับปรุงแผน"] == "Plan revisions"
