"""Each dashboard and tracker page runs as many queries for a large area as for a small one:
the numbers come from a few roll-up rows, never from the ledger."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit
from planlink.rollups.services import rollups_ensure_fresh
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

TITLES = ["ขุดลอกคลองส่งน้ำ", "ซ่อมแซมถนนลูกรัง", "ติดตั้งไฟฟ้าส่องสว่าง", "ฝึกอาชีพทำขนมไทย"]
ISSUES = ["WATER", "INFRA", "INFRA", "ECON"]
# Villages in three districts of Chachoengsao, added as the area grows.
MORE_VILLAGES = ["24010102", "24010201", "24010301", "24020101", "24030101", "24030201"]

PAGES = [
    (None, "/tracker/"),
    (None, "/tracker/24/"),
    (None, "/tracker/2401/"),
    (None, "/tracker/240101/"),
    (None, "/tracker/24010101/"),
    (None, "/tracker/map.json?metric=needs"),
    (None, "/tracker/funnel.json"),
    (None, "/tracker/24/map.json"),
    (None, "/tracker/2401/funnel.json"),
    ("province", "/province/24/"),
    ("district", "/district/2401/"),
]


def village_needs(code: str, count: int) -> None:
    plan = area_plan(PlanKind.VILLAGE, code)
    for number in range(count):
        make_project(
            plan,
            f"{TITLES[number % 4]} จุดที่ {number + 1}",
            issue_code=ISSUES[number % 4],
            priority=number + 1,
        )
    plan_submit(plan=plan, actor=None)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(("who", "url"), PAGES)
def test_a_page_queries_as_much_for_many_villages_as_for_one(who, url, people, signed_in, client):
    viewer = signed_in(people[who]) if who else client
    village_needs("24010101", 2)
    rollups_ensure_fresh(2570)
    queries(viewer, url)  # warm: the session, the language
    small = queries(viewer, url)
    for code in MORE_VILLAGES:
        village_needs(code, 12)
    rollups_ensure_fresh(2570)
    large = queries(viewer, url)
    assert large == small, url
    assert small <= 40
