"""The auditor's screen in headless Debian Chromium (issue 15): the auditor opens the trail
from the home page, filters it by area and person (htmx swaps the results without a
reload and the address keeps the filters), is told a bad B.E. date in Thai, follows a change
to the project page and reads its history there; the screen fits a 360-px phone."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def changes(world):
    from planlink.plans.models import PlanKind
    from planlink.plans.services import plan_submit, project_create, project_update
    from tests.factories import area_plan

    somsri = world["village"]
    somsri.first_name, somsri.last_name = "สมศรี", "ใจดี"
    somsri.save()
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    project = project_create(
        plan=plan,
        actor=somsri,
        data={"title": "ธนาคารขยะชุมชน", "budget": "45000", "issue_code": "ENV", "mode": "support"},
    )
    project_update(project=project, actor=somsri, data={"budget": "60000"}, expected_version=1)
    plan_submit(plan=plan, actor=somsri)
    elsewhere = area_plan(PlanKind.DISTRICT_NEEDS, "5001")
    project_create(
        plan=elsewhere,
        actor=world["outsider"],
        data={"title": "ขุดลอกลำเหมืองสาธารณะ", "budget": "90000", "issue_code": "INFRA"},
    )
    return {"project": project}


def test_the_auditor_filters_the_trail(changes, open_page, screenshots):
    page = open_page()
    sign_in(page, "auditor")
    assert page.get_by_role("heading", name="บันทึกการเปลี่ยนแปลง").is_visible()
    assert page.get_by_text("การเปลี่ยนแปลงวันนี้").is_visible()
    page.screenshot(path=str(screenshots / "15-auditor-home.png"), full_page=True)
    page.get_by_role("link", name="เปิดบันทึกการเปลี่ยนแปลง").click()
    page.wait_for_url("**/audit/")
    results = page.locator("#audit-results")
    assert "ขุดลอกลำเหมืองสาธารณะ" in results.inner_text()
    page.evaluate("window.notReloaded = true")

    page.get_by_label("พื้นที่ (รหัสกรมการปกครอง)").fill("2401")
    page.get_by_label("ผู้แก้ไข (ชื่อผู้ใช้หรือชื่อ-สกุล)").fill("สมศรี")
    page.get_by_role("button", name="กรอง").click()
    page.wait_for_url(re.compile(r"/audit/\?.*area=2401"))
    page.wait_for_function(
        "() => !document.querySelector('#audit-results').innerText.includes('ขุดลอก')"
    )
    text = results.inner_text()
    assert "อำเภอเมืองฉะเชิงเทรา" in text
    assert "แก้ไขโครงการ" in text
    assert "45,000.00" in text
    assert "60,000.00" in text
    assert "สมศรี ใจดี" in text
    assert page.evaluate("window.notReloaded") is True  # htmx swapped the results in place
    page.screenshot(path=str(screenshots / "15-auditor-trail-filtered.png"), full_page=True)

    page.get_by_label("ประเภทรายการ").select_option("plans.plan")
    page.get_by_role("button", name="กรอง").click()
    page.wait_for_function(
        "() => !document.querySelector('#audit-results').innerText.includes('แก้ไขโครงการ')"
    )
    assert "ส่งแผน" in results.inner_text()

    page.get_by_label("ตั้งแต่วันที่ (วัน/เดือน/ปี พ.ศ.)").fill("31/2/2569")
    page.get_by_role("button", name="กรอง").click()
    page.get_by_role("alert").wait_for()
    assert "ไม่มีวันที่เริ่มนี้ในปฏิทิน" in page.get_by_role("alert").inner_text()

    page.get_by_role("link", name="ล้างตัวกรอง").click()
    page.wait_for_url("**/audit/")
    page.get_by_label("ประเภทรายการ").select_option("plans.project")
    page.get_by_role("button", name="กรอง").click()
    page.wait_for_url(re.compile(r"kind=plans.project"))
    page.locator("#audit-results").get_by_role("link", name="ธนาคารขยะชุมชน").first.click()
    page.wait_for_url(f"**/projects/{changes['project'].pk}/")
    page.get_by_text(re.compile("^ประวัติการแก้ไข")).click()
    history = page.locator(".object-history")
    assert "เพิ่มโครงการ" in history.inner_text()
    assert "60,000.00" in history.inner_text()


def test_the_trail_fits_a_phone(changes, open_page, screenshots):
    page = open_page(width=360, height=800)
    sign_in(page, "auditor")
    page.goto("/audit/?area=24")
    assert "ธนาคารขยะชุมชน" in page.locator("#audit-results").inner_text()
    page.screenshot(path=str(screenshots / "15-auditor-trail-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1
