"""The tracker's "funded in this area" list (issue 13) comes with the page's story: a funded
item that answered a public need names the need as the tracker does — masked, or by the
public title an officer set."""

from __future__ import annotations

import pytest

from planlink.plans.models import PlanKind
from planlink.plans.public_title import project_set_public_title
from planlink.plans.services import plan_submit
from planlink.supply.imports import import_supply
from planlink.supply.models import ItemState, SupplyItem
from tests.factories import area_plan, make_project, village
from tests.supply.helpers import csv_bytes

pytestmark = pytest.mark.django_db


def test_a_funded_item_names_its_need_as_the_tracker_does(reference_data, client):
    village("95010809", "บ้านท่าสาปใต้")
    import_supply(csv_bytes(), cycle_year=2565)
    plan = area_plan(PlanKind.TAMBON, "950101", 2565)
    need = make_project(plan, "ก่อสร้างฝายชะลอน้ำหน้าบ้านนายอับดุลเลาะ สาและ")
    plan_submit(plan=plan, actor=None)
    SupplyItem.objects.filter(ref="65-RID-0001").update(
        state=ItemState.CONFIRMED, matched_project=need
    )
    body = client.get("/tracker/9501/?cycle=2565").content.decode()
    assert "งบประมาณที่ได้รับจัดสรรในพื้นที่" in body
    assert "ก่อสร้างฝายชะลอน้ำหน้าบ้านนาย*** ***" in body
    assert "อับดุลเลาะ" not in body
    project_set_public_title(project=need, title="ก่อสร้างฝายชะลอน้ำคลองสะเตง", actor=None)
    body = client.get("/tracker/9501/?cycle=2565").content.decode()
    assert "ใช่: ก่อสร้างฝายชะลอน้ำคลองสะเตง" in body
    assert "นาย***" not in body
