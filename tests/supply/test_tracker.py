"""The public tracker shows what was funded in an area and whether it answered a recorded need."""

from __future__ import annotations

import pytest

from planlink.supply.imports import import_supply
from planlink.supply.models import ItemState, SupplyItem
from tests.factories import area_plan, make_project, village
from tests.supply.helpers import csv_bytes

pytestmark = pytest.mark.django_db


def test_tracker_lists_funded_items_and_whether_they_answer_a_need(client, reference_data):
    village("95010809", "บ้านท่าสาปใต้")
    import_supply(csv_bytes(), cycle_year=2565)
    need = make_project(area_plan("tambon", "950101", 2565), "ก่อสร้างฝายชะลอน้ำคลองสะเตง")
    SupplyItem.objects.filter(ref="65-RID-0001").update(
        state=ItemState.CONFIRMED, matched_project=need
    )
    body = client.get("/tracker/9501/?cycle=2565").content.decode()
    assert "งบประมาณที่ได้รับจัดสรรในพื้นที่" in body
    assert "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร" in body
    assert "ได้รับงบโดยไม่มีคำขอที่บันทึกไว้" in body
    # the matched need's plan is a draft: its title is not shown to the public
    assert body.count("ก่อสร้างฝายชะลอน้ำคลองสะเตง") == 1
    other = client.get("/tracker/24/?cycle=2565").content.decode()
    assert "งบประมาณที่ได้รับจัดสรรในพื้นที่" not in other
