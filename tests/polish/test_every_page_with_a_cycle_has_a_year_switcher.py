"""A page that shows one year (home, district, province, its frame, committees, the tracker)
offers a year switcher (ปีงบประมาณ) that works without JavaScript and keeps the page's other
parameters; a page of one plan, whose year is the plan's, does not."""

from __future__ import annotations

import re

import pytest

from planlink.plans.models import PlanKind
from tests.factories import area_plan, cycle, frame

pytestmark = pytest.mark.django_db


def _switcher(html: str) -> str | None:
    found = re.search(r'<form class="year-switch" method="get" action="">(.*?)</form>', html, re.S)
    return found.group(1) if found else None


def _selected(form: str) -> list[str]:
    return re.findall(r'<option value="(\d{4})" selected>', form)


@pytest.fixture
def two_years(people):
    cycle(2569)
    frame("24", 2569)
    return people


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("village", "/"),
        ("district", "/district/2401/"),
        ("province", "/province/24/"),
        ("province", "/province/24/frame/"),
        ("district", "/committees/2401/"),
        (None, "/tracker/24/"),
    ],
)
def test_the_page_switches_year(two_years, signed_in, client, who, url):
    browser = signed_in(two_years[who]) if who else client
    form = _switcher(browser.get(url).content.decode())
    assert form is not None, url
    assert re.findall(r'<option value="(\d{4})"', form) == ["2570", "2569"]
    assert _selected(form) == ["2570"]
    assert 'name="cycle"' in form
    assert "ปีงบประมาณ" in form
    assert 'type="submit"' in form
    past = _switcher(browser.get(url, {"cycle": "2569"}).content.decode())
    assert _selected(past) == ["2569"]


def test_the_home_shows_the_year_chosen(two_years, signed_in):
    page = signed_in(two_years["village"]).get("/", {"cycle": "2569"}).content.decode()
    assert "ปีงบประมาณ พ.ศ. 2569" in page


def test_the_switcher_keeps_the_other_parameters(two_years, signed_in):
    page = signed_in(two_years["province"]).get(
        "/province/24/agencies/", {"cycle": "2569", "agency": "RID", "page": "3"}
    )
    form = _switcher(page.content.decode())
    assert '<input type="hidden" name="agency" value="RID">' in form
    assert 'name="page"' not in form  # another year starts at its first page
    assert _selected(form) == ["2569"]


def test_a_plan_page_has_no_switcher(two_years, signed_in):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    page = signed_in(two_years["village"]).get(f"/plans/{plan.pk}/").content.decode()
    assert _switcher(page) is None


def test_english_switcher(two_years, signed_in):
    page = signed_in(two_years["district"], "en").get("/district/2401/").content.decode()
    form = _switcher(page)
    assert "B.E. 2569" in form
    assert "Show this year" in form
