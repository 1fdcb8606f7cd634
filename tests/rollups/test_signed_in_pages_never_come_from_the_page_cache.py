"""The server's copies of public pages are for visitors who are certainly signed out: a signed-in
officer's page (their name, their forms) is never kept, never served to another visitor, and an
officer never gets a signed-out copy. A kept page carries each visitor's own CSRF token. The
dashboards keep only their area's figures, after the access check."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from planlink.rollups.fill import refresh_province
from tests.factories import Role, assign, cycle

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


@pytest.fixture
def year(people):
    officer = people["province"]
    officer.first_name, officer.last_name = "สมชาย", "ใจงาม"
    officer.save()
    found = cycle()
    refresh_province(found.pk, "24")
    return found


def name_of(user) -> str:
    return user.get_full_name()


@pytest.mark.parametrize("url", ["/tracker/24/", "/tracker/"])
def test_an_officers_tracker_page_is_never_kept_nor_given_to_others(
    url, year, people, signed_in, page_cache
):
    officer = signed_in(people["province"])
    mine = officer.get(url)
    assert mine.status_code == 200
    assert mine.templates
    assert f"<strong>{name_of(people['province'])}</strong>" in mine.content.decode()
    assert not mine.has_header("ETag")
    assert "private" in mine["Cache-Control"]

    visitor = Client().get(url)
    assert visitor.templates, "the officer's page was not kept"
    assert name_of(people["province"]) not in visitor.content.decode()
    assert "ออกจากระบบ" not in visitor.content.decode()
    assert Client().get(url).templates == []  # the signed-out copy is kept …

    again = officer.get(url)
    assert again.templates, "… and never given to a signed-in officer"
    assert f"<strong>{name_of(people['province'])}</strong>" in again.content.decode()


def test_each_visitor_of_a_kept_page_gets_a_token_of_their_own(year, page_cache):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    rendered = first.get("/tracker/24/")
    kept = second.get("/tracker/24/")
    assert rendered.templates
    assert kept.templates == []
    tokens = [TOKEN.search(r.content.decode()).group(1) for r in (rendered, kept)]
    assert tokens[0] != tokens[1]
    assert "placeholder" not in kept.content.decode()
    assert kept.cookies["csrftoken"].value  # the kept page sets its visitor's CSRF cookie
    # Each token works with its own visitor's cookie: the language switch is accepted.
    for visitor, token in ((first, tokens[0]), (second, tokens[1])):
        switched = visitor.post(
            "/i18n/setlang/",
            {"language": "en", "next": "/tracker/24/", "csrfmiddlewaretoken": token},
        )
        assert switched.status_code == 302
    # The kept copy's token is not a token for anyone else's cookie.
    stranger = Client(enforce_csrf_checks=True)
    stranger.get("/tracker/24/")
    refused = stranger.post(
        "/i18n/setlang/", {"language": "en", "next": "/", "csrfmiddlewaretoken": "x" * 64}
    )
    assert refused.status_code == 403


def test_a_dashboard_checks_access_before_its_kept_figures(year, people, signed_in, page_cache):
    province = signed_in(people["province"])
    first = province.get("/province/24/")
    assert first.status_code == 200
    assert f"<strong>{name_of(people['province'])}</strong>" in first.content.decode()

    # Another officer of the province: the figures are kept, the page is theirs.
    colleague = assign(Role.PROVINCIAL_OFFICER, area="24", username="province2")
    colleague.first_name, colleague.last_name = "สมหญิง", "ใจดี"
    colleague.save()
    theirs = signed_in(colleague).get("/province/24/")
    assert theirs.status_code == 200
    page = theirs.content.decode()
    assert "<strong>สมหญิง ใจดี</strong>" in page
    assert f"<strong>{name_of(people['province'])}</strong>" not in page
    assert theirs.context["funnel"] == first.context["funnel"]
    assert "private" in theirs["Cache-Control"]
    assert "public" not in theirs["Cache-Control"]
    assert not theirs.has_header("ETag")

    # Kept figures never open the page to anyone the access check refuses.
    for refused in ("outsider", "district"):
        answer = signed_in(people[refused]).get("/province/24/")
        assert answer.status_code in (403, 404), refused  # forbidden and missing alike
        assert "หมู่บ้านเสนอ" not in answer.content.decode()
    anonymous = Client().get("/province/24/")
    assert anonymous.status_code == 302
    assert "/accounts/login/" in anonymous["Location"]
