"""Pages are Thai by default; the language switch turns them English (compiled catalogue)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_pages_are_thai_by_default(client, reference_data):
    page = client.get("/tracker/").content.decode()
    assert '<html lang="th">' in page
    assert "ติดตามความต้องการของพื้นที่" in page
    assert "ข้ามไปยังเนื้อหาหลัก" in page


def test_the_switch_turns_the_pages_english_and_back(client, reference_data):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/tracker/"})
    assert response.status_code == 302
    page = client.get("/tracker/").content.decode()
    assert '<html lang="en">' in page
    assert "Follow the needs of every area" in page
    assert "Skip to main content" in page
    client.post("/i18n/setlang/", {"language": "th", "next": "/tracker/"})
    assert "ติดตามความต้องการของพื้นที่" in client.get("/tracker/").content.decode()


def test_a_signed_in_home_speaks_english_for_the_role_and_the_calendar(people, signed_in):
    page = signed_in(people["village"], language="en").get("/").content.decode()
    assert "Village committee" in page
    assert "Calendar and deadlines" in page
    assert "Start the Village/community plan" in page
