"""A tracker page runs as many queries for twelve needs as for three, each need with the same
path (merged into a tambon project sent to the district): the lineage is read a level at a
time, never a need at a time; the roll-ups are refreshed after each commit, as a request's
change is, so no page refreshes them while it reads."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit
from planlink.referrals.models import Decision
from planlink.referrals.services import referral_decide, referral_send, to_plan
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

TITLES = ["ขุดลอกคลองส่งน้ำ", "ซ่อมแซมถนนลูกรัง", "ติดตั้งไฟฟ้าส่องสว่าง"]


def grow(people, count: int) -> None:
    village_plan = area_plan(PlanKind.VILLAGE, "24010101")
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    district_plan = area_plan(PlanKind.DISTRICT_NEEDS, "2401")
    start = village_plan.projects.count()
    made = [
        make_project(village_plan, f"{TITLES[n % 3]} จุดที่ {n + 1}", issue_code="INFRA")
        for n in range(start, count)
    ]
    if village_plan.state == "draft":
        plan_submit(plan=village_plan, actor=None)
    for need in made:
        upper = make_project(tambon_plan, need.title, issue_code="INFRA")
        referral = referral_send(project=need, target=to_plan(tambon_plan), actor=None)
        referral_decide(
            referral=referral, actor=people["tambon"], decision=Decision.MERGED,
            result_project=upper,
        )  # fmt: skip
        referral_send(project=upper, target=to_plan(district_plan), actor=None)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/tracker/24010101/",
        "/tracker/240101/",
        "/tracker/2401/",
        "/tracker/24010101/funnel.json",
        "/tracker/240101/funnel.json",
    ],
)
def test_a_tracker_page_queries_as_much_for_twelve_needs_as_for_three(
    url, people, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        grow(people, 3)
    queries(client, url)  # warm: the session, the language
    few = queries(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        grow(people, 12)
    many = queries(client, url)
    assert many == few, url
    assert few <= 40
