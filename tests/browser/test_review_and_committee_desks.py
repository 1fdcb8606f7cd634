"""The desks of issue 15 in headless Debian Chromium: a tambon officer reviews one issue on a
360-px phone, accepts and sends up without the page jumping or reloading, and cannot submit
with undecided proposals; a district officer enters a ก.บ.ต. and its meeting and sees counts
(1) and (2) of the performance report change."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 800}


def top_of(page, selector: str) -> float:
    return page.evaluate(
        "(selector) => document.querySelector(selector).getBoundingClientRect().top", selector
    )


def test_a_tambon_officer_reviews_one_issue_on_a_phone(world, open_page, screenshots):
    from planlink.plans.models import Issue, Plan, PlanKind, PlanState, Route
    from planlink.referrals.models import Decision, Referral
    from tests.web.review_world import demo_like_tambon

    demo_like_tambon()
    page = open_page(**PHONE)
    sign_in(page, "tambon")
    page.get_by_role("button", name=re.compile("^รวมแผนเป็น")).first.click()
    page.wait_for_url(re.compile(r"/work/jobs/\d+/"))
    page.get_by_role("link", name="เปิดผลลัพธ์").first.click()
    page.wait_for_url(re.compile(r"/consolidation/"))
    plan = Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id="240101")
    infra = Issue.objects.get(province_id="24", cycle_id=plan.cycle_id, code="INFRA")
    projects = list(plan.projects.filter(issue=infra).order_by("priority", "pk"))
    chosen = [p for p in projects if p.proposed_route == Route.UP]
    waiting = [p for p in projects if p.proposed_route != Route.UP and p.capacity_level == "agency"]
    assert len(chosen) == 2
    assert waiting

    page.goto(f"/plans/{plan.pk}/consolidation/?issue={infra.pk}")
    page.screenshot(path=str(screenshots / "15-tambon-review-one-issue-360.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1
    page.evaluate("window.notReloaded = true")

    # accept the merge of the second project of the issue, in place
    target = projects[1]
    card = f"#project-{target.pk}"
    page.locator(card).get_by_role(
        "button", name=re.compile("^ยืนยันการรวม")
    ).scroll_into_view_if_needed()
    scrolled = page.evaluate("window.scrollY")
    assert scrolled > 0
    before = top_of(page, card)
    page.locator(card).get_by_role("button", name=re.compile("^ยืนยันการรวม")).click()
    page.wait_for_selector("#review-messages .message--success")
    # the card stays where the officer's eyes are (the browser's scroll anchoring absorbs the
    # message box above); never a reload to the top
    assert abs(top_of(page, card) - before) < 2
    assert page.evaluate("window.scrollY") > scrolled / 2
    assert page.evaluate("window.notReloaded") is True
    assert not Referral.objects.filter(
        proposed_result_project=target, decision=Decision.PENDING
    ).exists()

    # the third project cannot be ticked while two are; untick one, then tick it
    third = page.locator(f"#up-{waiting[0].pk}")
    assert third.is_disabled()
    assert page.locator(f"#full-{waiting[0].pk}").is_visible()
    page.locator(f"#up-{chosen[0].pk}").scroll_into_view_if_needed()
    before = top_of(page, f"#project-{chosen[0].pk}")
    page.locator(f"#up-{chosen[0].pk}").uncheck()
    page.wait_for_selector("text=ยกเลิกการเสนอระดับที่สูงขึ้นแล้ว")
    assert abs(top_of(page, f"#project-{chosen[0].pk}") - before) < 2
    page.wait_for_function(
        "(id) => !document.getElementById(id).disabled", arg=f"up-{waiting[0].pk}"
    )
    page.locator(f"#up-{waiting[0].pk}").check()
    page.wait_for_selector("text=เลือกเสนอระดับที่สูงขึ้นแล้ว")
    assert page.evaluate("window.notReloaded") is True
    waiting[0].refresh_from_db()
    assert waiting[0].proposed_route == Route.UP
    assert page.locator(f"#up-{chosen[0].pk}").is_disabled()

    # submitting with undecided proposals is refused, with the count and a link to them
    pending = Referral.objects.filter(to_plan=plan, decision=Decision.PENDING).count()
    assert pending
    page.get_by_role("button", name="ส่งแผน", exact=True).click()
    page.wait_for_selector(f"text=ยังมีข้อเสนอรอพิจารณา {pending:,} รายการ")
    assert "show=undecided" in page.url
    assert page.get_by_role("link", name="ดูรายการที่รอพิจารณา").is_visible()
    page.screenshot(path=str(screenshots / "15-tambon-submit-refused-360.png"), full_page=True)
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def count_of(page, number: int) -> str:
    row = page.locator('section[aria-labelledby="performance"] tbody tr').nth(number - 1)
    return row.locator("td.numeric").inner_text().strip()


def test_a_district_officer_enters_a_committee_and_a_meeting(world, open_page, screenshots):
    page = open_page()
    sign_in(page, "district")
    page.goto("/district/2401/")
    assert (count_of(page, 1), count_of(page, 2)) == ("0", "0")
    page.get_by_role("link", name="คณะกรรมการและการประชุม", exact=True).click()
    page.get_by_role("link", name="ตำบลหน้าเมือง").click()
    page.wait_for_url("**/committees/240101/")
    page.get_by_label("ประเภทคณะกรรมการ").select_option("tambon_integration")
    page.get_by_label("เลขที่คำสั่ง").fill("45/2568")
    page.get_by_label("วันที่ของคำสั่ง").fill("2025-01-20")
    page.get_by_role("button", name="บันทึกคำสั่งแต่งตั้ง").click()
    page.wait_for_selector("text=บันทึกคำสั่งแต่งตั้งแล้ว")
    page.get_by_text("บันทึกการประชุม", exact=True).first.click()
    page.locator('input[name="held_on"]').first.fill("2025-02-10")
    page.locator('select[name="purpose"]').first.select_option("make_plan")
    page.locator('input[name="attendance"]').first.fill("25")
    page.get_by_role("button", name="บันทึกการประชุม").first.click()
    page.wait_for_selector("text=บันทึกการประชุมแล้ว")
    page.screenshot(path=str(screenshots / "15-district-committee.png"), full_page=True)
    page.goto("/district/2401/")
    assert (count_of(page, 1), count_of(page, 2)) == ("1", "1")
