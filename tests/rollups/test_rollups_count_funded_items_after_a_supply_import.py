"""Funded items (planlink.supply) are in the roll-ups once an import or a confirmed match
commits: how many items were funded in an area, and how many answered a recorded need."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit
from planlink.rollups.selectors import funded_items, funnel
from planlink.rollups.verify import rollups_verify
from planlink.supply.imports import import_supply
from planlink.supply.models import SupplyItem
from planlink.supply.selectors import answered_total
from planlink.supply.services import match_confirm
from tests.factories import UserFactory, area_plan, make_project, village
from tests.supply.helpers import csv_bytes

pytestmark = pytest.mark.django_db

YEAR = 2565


def test_an_import_and_a_confirmed_match_are_counted(
    reference_data, django_capture_on_commit_callbacks
):
    village("95010809", "บ้านท่าสาปใต้")
    with django_capture_on_commit_callbacks(execute=True):
        plan = area_plan(PlanKind.VILLAGE, "95010809", fiscal_year=YEAR)
        need = make_project(
            plan,
            "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 9",
            issue_code="WATER",
            budget=Decimal("1250000"),
        )
        plan_submit(plan=plan, actor=None)
        import_supply(csv_bytes(), cycle_year=YEAR, file_name="งบ2565.csv")
    items = SupplyItem.objects.filter(cycle_id=YEAR)
    assert funnel("", YEAR)["funded_items"] == items.count() == 4
    assert funnel("95", YEAR)["funded_items"] == items.filter(province_code="95").count()
    for code in ("", "95", "9501", "950108"):
        assert rollups_verify(area_code=code, cycle_id=YEAR) == [], code

    well = items.get(ref="65-DGR-0002")  # the well of หมู่ที่ ๙ ตำบลท่าสาป
    with django_capture_on_commit_callbacks(execute=True):
        match_confirm(item=well, actor=UserFactory(username="province_officer"), project=need)
    assert funnel("95", YEAR)["funded_items_answering_need"] == 1
    for code in ("", "95", "9501"):  # the tracker's line, as supply.selectors counts it
        assert funded_items(code, YEAR) == answered_total(YEAR, area=code), code
    for code in ("", "95", "9501", "950108", "95010809"):
        assert rollups_verify(area_code=code, cycle_id=YEAR) == [], code
