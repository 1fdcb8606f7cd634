"""A plan revision in headless Debian Chromium (issue 18): the LAO planner opens the accepted
local development plan (synthetic), starts "เพิ่มเติม" for 2570, adds one project with its
budget, records the approval, and the plan page shows "เพิ่มเติม ครั้งที่ 1/2570" and the new
project; the approval applied it (the database agrees with the page)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ADDED = "ก่อสร้างรางระบายน้ำคอนกรีต หมู่ที่ 2 บ้านท่าไข่"


@pytest.fixture
def lao_plan(world):
    from planlink.areas.models import LocalGovernment
    from planlink.plans.models import Plan, PlanKind
    from planlink.plans.services import plan_accept, plan_create, plan_submit, project_create
    from tests.factories import cycle

    plan = plan_create(
        actor=None,
        kind=PlanKind.LOCAL_DEVELOPMENT,
        cycle=cycle(2570),
        owner_lao=LocalGovernment.objects.get(code=world["lao_code"]),
        span=(2566, 2570),
        synthetic=True,
    )
    project_create(
        plan=plan,
        actor=None,
        data={"title": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3", "issue_code": "INFRA"},
        budget_years={2568: "500000"},
    )
    plan_submit(plan=plan, actor=None)
    plan_accept(plan=plan, actor=None)
    Plan.objects.filter(pk=plan.pk).update(accepted_at=dt.datetime(2024, 6, 20, 10, tzinfo=dt.UTC))
    return plan


def test_the_lao_planner_records_and_approves_an_addition(lao_plan, open_page, screenshots):
    from planlink.plans.models import Project
    from planlink.plans.revision_models import PlanRevision

    page = open_page()
    sign_in(page, "lao")
    page.goto(f"/plans/{lao_plan.pk}/")
    assert page.get_by_role("heading", name="ประวัติการปรับปรุงแผน").is_visible()
    page.get_by_role("link", name="การปรับปรุงแผน (ทบทวน/เพิ่มเติม/เปลี่ยนแปลง/แก้ไข)").click()
    page.wait_for_url(f"**/plans/{lao_plan.pk}/revisions/")

    page.get_by_label("ประเภท").select_option("addition")
    page.get_by_label("ปี พ.ศ.").fill("2570")
    page.get_by_label("เหตุผลความจำเป็น").fill("ประชาคมตำบลเสนอโครงการเพิ่มเติม")
    page.get_by_role("button", name="เริ่มร่าง").click()
    page.wait_for_url(f"**/plans/{lao_plan.pk}/revisions/*/")
    assert page.get_by_role("heading", name="เพิ่มเติม ครั้งที่ 1/2570").is_visible()

    page.get_by_text("เพิ่มโครงการใหม่", exact=True).click()
    add = page.locator("form").filter(has=page.locator("input[name=action][value=add]"))
    add.get_by_label("ชื่อโครงการ").fill(ADDED)
    add.get_by_label("ปีงบประมาณ").select_option("2569")
    add.get_by_label("งบประมาณ (บาท)").fill("350000")
    add.get_by_label("เหตุผล").fill("น้ำท่วมขังในฤดูฝน")
    add.get_by_role("button", name="เพิ่มรายการ").click()
    page.wait_for_load_state()
    items = page.locator("section[aria-labelledby=items]")
    assert ADDED in items.inner_text()
    assert "350,000.00" in items.inner_text()

    approve = page.locator("form").filter(has=page.locator("input[name=action][value=approve]"))
    approve.get_by_label("ผู้อนุมัติ (ชื่อและตำแหน่ง)").fill("นายกเทศมนตรีเมืองฉะเชิงเทรา")
    approve.get_by_label("วันที่อนุมัติ").fill(timezone.localdate().isoformat())
    approve.get_by_label("ประกาศ/หนังสือ/มติที่อนุมัติ").fill("ประกาศเทศบาล ที่ 12/2570")
    approve.get_by_role("button", name="บันทึกการอนุมัติ").click()
    page.wait_for_load_state()
    assert page.get_by_text("อนุมัติโดย นายกเทศมนตรีเมืองฉะเชิงเทรา").first.is_visible()
    page.screenshot(path=str(screenshots / "18-lao-revision-approved.png"), full_page=True)

    page.goto(f"/plans/{lao_plan.pk}/")
    history = page.locator("section[aria-labelledby=plan-revisions]")
    assert history.get_by_role("link", name="เพิ่มเติม ครั้งที่ 1/2570").is_visible()
    assert "อนุมัติ" in history.inner_text()
    assert page.get_by_role("link", name=ADDED).is_visible()
    page.screenshot(path=str(screenshots / "18-lao-plan-with-revision.png"), full_page=True)

    revision = PlanRevision.objects.get(plan=lao_plan)
    assert (revision.label, revision.state) == ("เพิ่มเติม ครั้งที่ 1/2570", "approved")
    assert Project.objects.filter(plan=lao_plan, title=ADDED, budget=350000).exists()
