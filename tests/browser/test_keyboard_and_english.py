"""Keyboard use (skip link, sign-in and the project form without a mouse, a visible focus ring)
and the English switch, in headless Chromium."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
                   return {id: e.id, tag: e.tagName, text: (e.innerText || '').trim(),
                           outline: s.outlineStyle, shadow: s.boxShadow}; }"""
    )


def test_a_keyboard_user_skips_to_the_content_signs_in_and_fills_the_form(
    world, open_page, screenshots
):
    page = open_page(360, 800)
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    skip = focused(page)
    assert skip["text"] == "ข้ามไปยังเนื้อหาหลัก"
    assert skip["outline"] != "none" or skip["shadow"] != "none"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    page.locator("#id_username").focus()
    page.keyboard.type("village1")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_password"
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/")
    page.get_by_role("button", name="เริ่มจัดทำแผนชุมชน/แผนพัฒนาหมู่บ้าน").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/plans/*/")
    page.get_by_role("link", name="เพิ่มโครงการ").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/projects/new/")
    page.locator("#id_title").focus()
    page.keyboard.type("ปรับปรุงศาลาประชาคมหมู่บ้าน")
    page.keyboard.press("Tab")
    assert focused(page)["id"] == "id_issue_code"
    title_ring = page.evaluate(
        "getComputedStyle(document.querySelector('#id_issue_code')).outlineStyle"
    )
    assert title_ring != "none"
    page.screenshot(path=str(screenshots / "14-keyboard-focus-360.png"))
    page.locator("#id_title").press("Enter")  # Enter in a text field submits the form
    page.wait_for_selector("text=บันทึกโครงการแล้ว")
    assert page.locator("tbody tr", has_text="ปรับปรุงศาลาประชาคมหมู่บ้าน").count() == 1


def test_the_english_switch_translates_the_tracker(world, open_page, screenshots):
    page = open_page(360, 800)
    page.goto("/tracker/")
    assert page.locator("h1").inner_text() == "ติดตามความต้องการของพื้นที่"
    page.get_by_role("button", name="English").click()
    page.wait_for_selector("html[lang=en]")
    assert page.locator("h1").inner_text() == "Follow the needs of every area"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(screenshots / "15-tracker-english-360.png"), full_page=True)
    page.get_by_role("button", name="ไทย").click()
    page.wait_for_selector("html[lang=th]")
