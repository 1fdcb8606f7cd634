"""The district and province dashboards are kept per officer (issue 16's load target): the
same officer asking again gets the page without it being rendered, with a CSRF token of
their own; any audited change, a change of the officer's roles, a waiting message or another
year renders it anew; nobody else ever gets the copy."""

from __future__ import annotations

import re

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory

from planlink.accounts.models import Assignment
from planlink.areas.models import Area
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_create
from tests.factories import Role, assign

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def rendered(response) -> bool:
    return bool(response.templates)


def test_the_officer_gets_the_kept_page_with_a_token_of_their_own(
    year, people, signed_in, page_cache
):
    officer = signed_in(people["province"])
    first = officer.get("/province/24/")
    again = officer.get("/province/24/")
    assert rendered(first)
    assert not rendered(again), "the second request was rendered again"
    assert again.status_code == 200
    assert "private" in again["Cache-Control"]
    assert "no-cache" in again["Cache-Control"]
    assert not again.has_header("ETag")
    tokens = [TOKEN.search(r.content.decode()).group(1) for r in (first, again)]
    assert tokens[0] != tokens[1]
    assert "placeholder" not in again.content.decode()
    assert again.content.decode().replace(tokens[1], "") == first.content.decode().replace(
        tokens[0], ""
    )
    # Forms on the kept page carry the same fresh token as its meta tag.
    assert 'name="csrfmiddlewaretoken"' not in again.content.decode() or (
        f'value="{tokens[1]}"' in again.content.decode()
    )


def test_another_officer_never_gets_the_copy(year, people, signed_in, page_cache):
    signed_in(people["province"]).get("/province/24/")
    colleague = assign(Role.PROVINCIAL_OFFICER, area="24", username="province2")
    colleague.first_name, colleague.last_name = "สมหญิง", "ใจดี"
    colleague.save()
    theirs = signed_in(colleague).get("/province/24/")
    assert rendered(theirs)
    assert "<strong>สมหญิง ใจดี</strong>" in theirs.content.decode()


def test_an_audited_change_renders_the_page_anew(year, people, signed_in, page_cache):
    officer = signed_in(people["province"])
    before = officer.get("/province/24/")
    assert "ยังไม่มีแผนพัฒนาจังหวัดของปีนี้" in before.content.decode()
    assert not rendered(officer.get("/province/24/"))

    plan_create(
        actor=people["province"],
        kind=PlanKind.PROVINCIAL_DEVELOPMENT,
        cycle=year,
        owner_area=Area.objects.get(code="24"),
        title="แผนพัฒนาจังหวัดฉะเชิงเทรา (ทดสอบ)",
    )
    after = officer.get("/province/24/")
    assert rendered(after)
    assert "แผนพัฒนาจังหวัดฉะเชิงเทรา (ทดสอบ)" in after.content.decode()
    assert "ยังไม่มีแผนพัฒนาจังหวัดของปีนี้" not in after.content.decode()


def test_a_change_of_roles_renders_the_page_anew_or_refuses_it(year, people, signed_in, page_cache):
    user = people["province"]
    officer = signed_in(user)
    officer.get("/province/24/")
    assert "บันทึกการเปลี่ยนแปลง" not in officer.get("/province/24/").content.decode()

    Assignment.objects.create(user=user, role=Role.AUDITOR, national=True)  # not audited
    more = officer.get("/province/24/")
    assert rendered(more)
    assert "บันทึกการเปลี่ยนแปลง" in more.content.decode()  # the audit trail's link

    Assignment.objects.filter(user=user, role=Role.PROVINCIAL_OFFICER).delete()
    Assignment.objects.filter(user=user, role=Role.AUDITOR).delete()
    refused = officer.get("/province/24/")
    assert refused.status_code in (403, 404)
    assert "หมู่บ้านเสนอ" not in refused.content.decode()


def test_a_waiting_message_is_shown_on_a_page_rendered_for_it(year, people, signed_in, page_cache):
    officer = signed_in(people["province"])
    officer.get("/province/24/")
    # A message waiting in its cookie, as a form's redirect leaves it (FallbackStorage).
    storage = CookieStorage(RequestFactory().get("/"))
    officer.cookies[CookieStorage.cookie_name] = storage._encode(
        [Message(constants.SUCCESS, "บันทึกกรอบยุทธศาสตร์แล้ว")]
    )
    shown = officer.get("/province/24/")
    assert rendered(shown)
    assert "บันทึกกรอบยุทธศาสตร์แล้ว" in shown.content.decode()


def test_the_district_dashboard_and_another_year_are_kept_apart(
    year, people, signed_in, page_cache
):
    district = signed_in(people["district"])
    assert rendered(district.get("/district/2401/"))
    assert not rendered(district.get("/district/2401/"))
    assert rendered(district.get(f"/district/2401/?cycle={year.fiscal_year}"))
    english = signed_in(people["district"], language="en")
    assert rendered(english.get("/district/2401/"))


def test_without_the_page_cache_every_request_is_rendered(year, people, signed_in, settings):
    settings.PLANLINK_PAGE_CACHE_SECONDS = 0
    officer = signed_in(people["province"])
    assert rendered(officer.get("/province/24/"))
    assert rendered(officer.get("/province/24/"))


def test_a_kept_dashboard_is_answered_without_reading_the_area(
    year, people, signed_in, page_cache, django_assert_num_queries
):
    officer = signed_in(people["province"])
    officer.get("/province/24/")
    # The session with the user and their grants; the year, its version and the newest audit
    # entry.
    with django_assert_num_queries(2) as captured:
        again = officer.get("/province/24/")
    assert again.status_code == 200
    assert not rendered(again)
    # (the grants join the area for its cluster; the area is not read on its own)
    assert not any(
        query["sql"].startswith('SELECT "areas_area"') for query in captured.captured_queries
    )


def test_the_access_check_still_comes_before_any_copy(year, people, signed_in, page_cache):
    signed_in(people["province"]).get("/province/24/")
    outsider = assign(Role.PROVINCIAL_OFFICER, area="10", username="bangkok-officer")
    refused = signed_in(outsider).get("/province/24/")
    assert refused.status_code == 404
    assert "หมู่บ้านเสนอ" not in refused.content.decode()
    # A code of the wrong level or of no area is refused, kept or not.
    officer = signed_in(people["province"])
    for path in ("/province/2401/", "/province/2499/", "/district/24/"):
        assert officer.get(path).status_code == 404
        assert officer.get(path).status_code == 404
