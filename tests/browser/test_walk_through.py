"""The walk-through: one need from the village form (on a 360-px phone) through every role's
page to funding, and back to the public tracker — in headless Debian Chromium.

Screenshots of each role's main page are written to var/screenshots/.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import sign_in, sign_out

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEED = "ขุดลอกคลองหนองบัวเพื่อการเกษตร"
ROAD = "ซ่อมแซมถนนลูกรังสายบ้านหน้าเมือง"
PHONE = {"width": 360, "height": 800}


def add_project(page, title: str, issue: str, capacity: str, budget: str, shot=None) -> None:
    page.get_by_role("link", name="เพิ่มโครงการ").first.click()
    page.get_by_label("ชื่อโครงการ").fill(title)
    page.get_by_label("ประเด็นการพัฒนา").select_option(issue)
    page.get_by_label("ปัญหาและเหตุผล").fill("ครัวเรือนเดือดร้อน 120 ครัวเรือน ข้อมูล จปฐ. ปี 2568")
    page.get_by_label("ขอรับการสนับสนุน").check()
    page.get_by_label("ลำดับความสำคัญในประเด็น").fill("1")
    page.get_by_label("งบประมาณโดยประมาณ (บาท)").fill(budget)
    page.get_by_label("ผู้มีศักยภาพดำเนินการ").select_option(capacity)
    if shot is not None:
        page.screenshot(path=str(shot), full_page=True)
    page.get_by_role("button", name="บันทึก", exact=True).click()
    page.wait_for_selector(f"text={title}")


def run_consolidation(page, button_name: str) -> None:
    page.get_by_role("button", name=button_name).click()
    page.wait_for_url(re.compile(r"/work/jobs/\d+/"))
    page.get_by_role("link", name="เปิดผลลัพธ์").first.click()
    page.wait_for_url(re.compile(r"/consolidation/"))


def accept_all_and_submit(page) -> None:
    # the review opens on one issue: take every issue's undecided proposals (accepted in place)
    page.goto(page.url.split("?")[0].split("#")[0] + "?issue=all&show=undecided")
    buttons = page.get_by_role("button", name=re.compile("^ยืนยันการรวม"))
    while buttons.count():
        left = buttons.count()
        buttons.first.click()
        page.wait_for_function(
            "(left) => document.querySelectorAll('#review-list form button.button:not(.button--secondary):not(.button--danger)').length < left",
            arg=left,
        )
    page.get_by_role("button", name="ส่งแผน", exact=True).click()
    page.get_by_role("button", name="ยืนยันส่งแผน").click()  # the confirmation step
    page.wait_for_selector("text=ส่งแผนแล้ว")


def test_one_need_walks_from_the_village_form_to_funding_and_the_tracker(
    world, open_page, screenshots
):
    # คณะกรรมการหมู่บ้าน on a phone: the plan, two needs, the community forum, submit.
    phone = open_page(**PHONE)
    sign_in(phone, "village1")
    phone.screenshot(path=str(screenshots / "01-village-home-360.png"), full_page=True)
    phone.get_by_role("button", name=re.compile("^เริ่มจัดทำ")).click()
    phone.wait_for_url(re.compile(r"/plans/\d+/$"))
    add_project(phone, NEED, "WATER", "agency", "500000", screenshots / "02-village-form-360.png")
    add_project(phone, ROAD, "INFRA", "lao", "180000")
    phone.get_by_role("link", name="บันทึกเวทีประชาคม", exact=True).click()
    phone.get_by_label("วันที่จัดเวทีประชาคม").fill("2025-01-15")
    phone.get_by_label("จำนวนผู้เข้าร่วม (คน)").fill("85")
    phone.get_by_label("จำนวนครัวเรือนที่มีผู้แทนเข้าร่วม").fill("60")
    phone.get_by_label("วิทยากรกระบวนการ").fill("พัฒนากรประจำตำบล")
    phone.get_by_role("button", name="บันทึก", exact=True).click()
    phone.wait_for_selector("text=บันทึกเวทีประชาคมแล้ว")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    phone.get_by_role("navigation", name="ตำแหน่งของหน้า").get_by_role("link").nth(1).click()
    phone.screenshot(path=str(screenshots / "03-village-plan-360.png"), full_page=True)
    phone.get_by_role("button", name="ส่งแผน", exact=True).click()
    phone.get_by_role("button", name="ยืนยันส่งแผน").click()  # the confirmation step
    phone.wait_for_selector("text=ส่งแผนแล้ว")
    sign_out(phone)

    # ศอช.ต.: consolidate the tambon, review, submit (coordination list to the LAO, top to district).
    desk = open_page()
    sign_in(desk, "tambon")
    desk.screenshot(path=str(screenshots / "04-tambon-home.png"), full_page=True)
    run_consolidation(desk, re.compile("^รวมแผนเป็น"))
    desk.goto(desk.url.split("?")[0] + "?issue=all")
    assert desk.locator("article", has_text=NEED).count() == 1
    desk.screenshot(path=str(screenshots / "05-tambon-review.png"), full_page=True)
    accept_all_and_submit(desk)
    sign_out(desk)

    # LAO planner: the coordination list; include the road in the local development plan.
    sign_in(desk, "lao")
    desk.get_by_role("link", name="เรื่องเข้า", exact=True).click()
    card = desk.locator("article", has_text=ROAD)
    desk.screenshot(path=str(screenshots / "06-lao-inbox.png"), full_page=True)
    card.get_by_role("button", name="บรรจุในแผนพัฒนาท้องถิ่น").click()
    desk.wait_for_selector("text=บรรจุในแผนแล้ว")
    sign_out(desk)

    # District officer: the needs plan, aligned to the provincial strategy, to the province.
    sign_in(desk, "district")
    desk.get_by_role("link", name="งานของอำเภอ", exact=True).click()
    desk.wait_for_selector(".map path.leaflet-interactive")
    desk.screenshot(path=str(screenshots / "07-district.png"), full_page=True)
    run_consolidation(desk, "รวมแผนพัฒนาตำบลเป็นแผนความต้องการระดับอำเภอ")
    accept_all_and_submit(desk)
    sign_out(desk)

    # Provincial officer: the provincial plan (a background job), then to the agencies.
    sign_in(desk, "province")
    desk.get_by_role("link", name="งานของจังหวัด", exact=True).click()
    desk.get_by_role("button", name=re.compile("^รวมแผนความต้องการระดับอำเภอ")).click()
    desk.wait_for_url(re.compile(r"/work/jobs/\d+/"))
    desk.wait_for_selector(".progress[data-state=done]")
    desk.screenshot(path=str(screenshots / "08-province-job.png"), full_page=True)
    desk.get_by_role("link", name="เปิดผลลัพธ์").first.click()
    accept_all_and_submit(desk)
    sign_out(desk)

    # Agency officer (กรมชลประทาน): include in the budget request, then record the funding.
    sign_in(desk, "agency")
    desk.get_by_role("link", name="เรื่องเข้า", exact=True).click()
    desk.screenshot(path=str(screenshots / "09-agency-inbox.png"), full_page=True)
    desk.locator("article", has_text=NEED).get_by_role("button", name="บรรจุในคำของบประมาณ").click()
    desk.wait_for_selector("text=บรรจุในคำของบประมาณแล้ว")
    funding = desk.locator("article", has_text=NEED)
    funding.get_by_label("จำนวนเงินที่ได้รับ (บาท)").fill("450000")
    funding.get_by_role("button", name="ได้รับงบประมาณ").click()
    desk.wait_for_selector("text=บันทึกการได้รับงบประมาณแล้ว")
    sign_out(desk)

    # The province sees the answer and the funnel.
    sign_in(desk, "province")
    desk.get_by_role("link", name="งานของจังหวัด", exact=True).click()
    desk.wait_for_selector(".chart svg")
    desk.wait_for_selector(".map path.leaflet-interactive")
    desk.screenshot(path=str(screenshots / "10-province-dashboard.png"), full_page=True)
    desk.get_by_role("link", name="กรมชลประทาน").click()
    assert desk.locator("tr", has_text=NEED).locator(".badge--funded").count() == 1
    sign_out(desk)

    # Back on the phone: the village sees what happened to its need.
    sign_in(phone, "village1")
    phone.get_by_role("link", name=re.compile("^แผนชุมชน")).first.click()
    row = phone.locator("tr", has_text=NEED)
    assert row.locator(".badge--funded").inner_text() == "ได้รับงบประมาณ"
    phone.screenshot(path=str(screenshots / "11-village-fate-360.png"), full_page=True)

    # The public tracker, signed out: the need, its path and its fate.
    public = open_page(**PHONE)
    public.goto("/tracker/24010101/")
    public.get_by_role("link", name=NEED).click()
    assert public.locator(".page-header .badge--funded").inner_text() == "ได้รับงบประมาณ"
    assert "450,000.00" in public.locator("main").inner_text()
    assert "village1" not in public.content()
    public.screenshot(path=str(screenshots / "12-tracker-need-360.png"), full_page=True)
    public.goto("/tracker/24/")
    public.wait_for_selector(".chart svg")
    public.screenshot(path=str(screenshots / "13-tracker-province-360.png"), full_page=True)
