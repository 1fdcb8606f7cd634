"""The menu at 360 px: every link of a provincial officer's menu (the longest) is on screen —
it wraps instead of scrolling out of sight — and the keyboard reaches each one, then the
year switcher, in order (issue 15, item 6)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 360


def _boxes(page) -> list[dict]:
    return page.evaluate(
        """() => [...document.querySelectorAll('nav.site-nav a')].map(a => {
             const r = a.getBoundingClientRect();
             return {text: a.innerText.trim(), left: r.left, right: r.right, top: r.top,
                     width: r.width, height: r.height}; })"""
    )


def test_the_menu_fits_a_360_px_phone_and_the_keyboard_reaches_every_link(
    world, open_page, screenshots
):
    page = open_page(WIDTH, 800)
    sign_in(page, "province")
    page.goto("/province/24/")
    boxes = _boxes(page)
    assert len(boxes) >= 4
    for box in boxes:
        assert box["width"] > 0, box
        assert box["height"] > 0, box
        assert box["left"] >= 0, box
        assert box["right"] <= WIDTH, box  # on screen, not scrolled out of sight
        assert box["height"] >= 24, box  # a finger-sized target
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    nav = page.locator("nav.site-nav ul")
    assert nav.evaluate("e => e.scrollWidth <= e.clientWidth")  # nothing hidden to scroll to
    page.screenshot(path=str(screenshots / "20-menu-360.png"))

    # the keyboard: from the top, Tab reaches each menu link in order, then the year switcher
    page.evaluate("document.activeElement.blur()")
    page.goto("/province/24/")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        state = page.evaluate(
            """() => { const e = document.activeElement;
                       return {inNav: !!e.closest('nav.site-nav'), text: (e.innerText || '').trim(),
                               id: e.id, right: e.getBoundingClientRect().right}; }"""
        )
        if state["inNav"]:
            assert state["right"] <= WIDTH
            reached.append(state["text"])
        if state["id"] == "year-switch":
            break
    else:
        pytest.fail("the year switcher was not reached by the keyboard")
    assert reached == [box["text"] for box in boxes]
