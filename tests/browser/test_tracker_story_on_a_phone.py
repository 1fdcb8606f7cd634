"""The village's tracker page in headless Chromium on a 360-px phone: the funnel drawn, the
badge counts, a returned need with its masked reason, no person's name, no sideways scroll.
Synthetic test data (see tests/tracker_story/test_the_funnel_equals_the_table.story).
It lives beside the other browser tests so that one Chromium serves the whole session."""

from __future__ import annotations

import pytest

from tests.tracker_story.conftest import people  # noqa: F401  (fixture)
from tests.tracker_story.test_the_funnel_equals_the_table import story  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_village_page_tells_one_story_on_a_phone(story, open_page, screenshots):  # noqa: F811
    page = open_page(360, 800)
    page.goto("/tracker/24010101/")
    page.wait_for_selector(".chart--funnel svg")
    text = page.locator("main").inner_text()
    assert "หมู่บ้านเสนอ 6 ความต้องการ รวบรวมเข้าแผนตำบล 3 ได้รับงบประมาณ 2" in text
    assert page.locator("tr[data-fate]").count() == 6
    assert page.locator("tr[data-fate=funded]").count() == 2
    assert page.locator("[data-outcome=not_funded]").inner_text().strip().endswith("2")
    returned = page.locator("tr[data-fate=not_funded]", has_text="ซ่อมถนนลูกรังสายหนองบัว")
    assert "นาง*** *** แจ้งว่าถนนอยู่ในความรับผิดชอบของกรมทางหลวงชนบท" in returned.inner_text()
    for private in ("สมชาย", "สมศรี", "081-234-5678"):
        assert private not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.screenshot(path=str(screenshots / "tracker-story-village-360.png"), full_page=True)
