"""Headless Debian Chromium driven by Playwright (no browser download), against live_server.

Screenshots of each role's main page go to ``var/screenshots/`` (the run keeps them for a
person to look at). The sync Playwright API runs an event loop in this thread, so Django's
async-safety check is switched off for these tests only.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
PASSWORD = "รหัสผ่าน-ทดสอบ-123"  # tests.factories.UserFactory


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (make test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def open_page(chromium, live_server):
    """``open_page(width, height)`` → a new Playwright page on the live server (Thai first)."""
    contexts = []

    def make(width: int = 1280, height: int = 900, language: str = "th-TH"):
        context = chromium.new_context(
            viewport={"width": width, "height": height},
            locale=language,
            base_url=live_server.url,
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def sign_in(page, username: str) -> None:
    """Through the sign-in form, with the keyboard's Enter key."""
    page.goto("/accounts/login/")
    page.get_by_label("ชื่อผู้ใช้").fill(username)
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_label("รหัสผ่าน").press("Enter")
    page.wait_for_url("**/")


def sign_out(page) -> None:
    page.get_by_role("button", name="ออกจากระบบ").click()
    page.wait_for_url("**/accounts/login/")


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(transactional_db, reference_data, settings):
    """The personas with passwords that sign in, the 2570 cycle and Chachoengsao's frame."""
    from tests.factories import cycle, frame, personas

    settings.PLANLINK_JOBS_INLINE = True
    people = personas()
    for user in people.values():
        if hasattr(user, "password"):
            user.save(update_fields=["password"])
    cycle()
    frame("24")
    return people
