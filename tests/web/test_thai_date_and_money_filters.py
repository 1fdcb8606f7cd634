"""Template filters: B.E. dates in Bangkok time, baht, Thai digits, labels."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import translation


def render(source: str, **context) -> str:
    return Template("{% load planlink_format %}" + source).render(Context(context))


def test_a_date_is_written_in_the_buddhist_era():
    day = dt.date(2026, 11, 25)
    with translation.override("th"):
        assert render("{{ d|be_date }}", d=day) == "25 พฤศจิกายน 2569"
        assert render('{{ d|be_date:"short" }}', d=day) == "25 พ.ย. 69"
        assert render('{{ d|be_date:"numeric" }}', d=day) == "25/11/2569"
    with translation.override("en"):
        assert render("{{ d|be_date }}", d=day) == "25 Nov B.E. 2569"


def test_an_aware_datetime_is_shown_in_bangkok_time():
    late_utc = dt.datetime(2026, 11, 24, 18, 30, tzinfo=ZoneInfo("UTC"))  # 01:30 on the 25th
    with translation.override("th"):
        assert render("{{ t|be_date }}", t=late_utc) == "25 พฤศจิกายน 2569"
        assert render("{{ t|be_datetime }}", t=late_utc) == "25 พ.ย. 69 01:30 น."


def test_money_numbers_and_digits():
    assert render("{{ v|baht }}", v=Decimal("1234567.505")) == "1,234,567.51"
    assert render("{{ v|baht }}", v=None) == ""
    assert render("{{ v|baht }}", v="450000.00") == "450,000.00"
    assert render("{{ v|number }}", v=12345) == "12,345"
    assert render("{{ v|thai_digits }}", v=2570) == "๒๕๗๐"
    assert render("{{ v|percent }}", v=0.4567) == "45.7%"


def test_choice_values_get_translated_labels():
    with translation.override("th"):
        assert render('{{ v|label:"decision" }}', v="funded") == "ได้รับงบประมาณ"
        assert render('{{ v|badge_for:"fate" }}', v="not_funded") == "not_funded"
    with translation.override("en"):
        assert render('{{ v|label:"plan_state" }}', v="returned") == "Returned for changes"
        assert render('{{ v|label:"mode" }}', v="self") == "By the villagers"
