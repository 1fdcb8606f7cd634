"""The busiest pages run the same number of queries for 3 rows as for 12 (no query per row)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planlink.areas.models import LocalGovernment
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit
from planlink.referrals.services import referral_send, to_lao
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

TITLES = [
    "ขุดลอกคลองส่งน้ำ",
    "ซ่อมแซมถนนลูกรัง",
    "ติดตั้งไฟฟ้าส่องสว่าง",
    "ก่อสร้างรางระบายน้ำ",
    "ฝึกอาชีพทำขนมไทย",
    "ปลูกป่าชุมชน",
]


def grow(people, count: int) -> None:
    village_plan = area_plan(PlanKind.VILLAGE, "24010101")
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    start = village_plan.projects.count()
    district_plan = area_plan(PlanKind.DISTRICT_NEEDS, "2401")
    for number in range(start, count):
        title = f"{TITLES[number % len(TITLES)]} จุดที่ {number + 1}"
        make_project(village_plan, title, issue_code="INFRA", priority=number + 1)
        make_project(district_plan, title, issue_code="INFRA", strategy=district_plan_strategy())
        upper = make_project(tambon_plan, title, issue_code="INFRA", priority=number + 1)
        referral_send(project=upper, target=to_lao(lao), actor=None)
    if village_plan.state == "draft":
        plan_submit(plan=village_plan, actor=None)


def district_plan_strategy():
    from planlink.plans.models import Strategy

    return Strategy.objects.get(province_id="24", cycle_id=2570, number=2)


def queries(client, url: str) -> int:
    cache.clear()  # measure the dashboards' own queries, not a cache hit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("village", "/"),
        ("village", "plan"),
        ("lao", "/inbox/"),
        ("tambon", "review"),
        ("district", "district_review"),
        (None, "/tracker/240101/"),
        (None, "/tracker/24010101/"),
    ],
)
def test_the_page_runs_as_many_queries_for_twelve_rows_as_for_three(
    who, url, people, signed_in, client, django_capture_on_commit_callbacks
):
    viewer = signed_in(people[who]) if who else client
    # Each growth commits as a request would: its roll-up refresh runs after the commit.
    with django_capture_on_commit_callbacks(execute=True):
        grow(people, 3)

    def resolve() -> str:
        if url == "plan":
            return f"/plans/{area_plan(PlanKind.VILLAGE, '24010101').pk}/"
        if url == "review":
            return f"/plans/{area_plan(PlanKind.TAMBON, '240101').pk}/consolidation/"
        if url == "district_review":
            return f"/plans/{area_plan(PlanKind.DISTRICT_NEEDS, '2401').pk}/consolidation/"
        return url

    queries(viewer, resolve())  # warm the session and caches
    few = queries(viewer, resolve())
    with django_capture_on_commit_callbacks(execute=True):
        grow(people, 12)
    many = queries(viewer, resolve())
    assert many == few
