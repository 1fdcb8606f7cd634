"""The signed-in district and province dashboards show the public tracker's need funnel — needs
raised → into a tambon plan → funded, from the roll-ups, the same numbers as ``tracker_story``
and the tracker page — and the same table of the areas below, keeping the officers' own figures
(baht per issue, lateness, จปฐ., the projects along the planning path). Kept per process, they
still run as many queries for a large area as for a small one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit
from planlink.rollups.selectors import area_measures, funnel
from planlink.rollups.services import rollups_ensure_fresh
from planlink.tracker.selectors import tracker_story
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

NEEDS = [
    ("ขุดลอกคลองส่งน้ำหนองบัว", "WATER"),
    ("ซ่อมแซมถนนลูกรังสายบ้านท่าไข่", "INFRA"),
    ("ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ", "INFRA"),
    ("ฝึกอบรมอาชีพจักสานผักตบชวา", "ECON"),
]
DASHBOARDS = [("district", "/district/2401/", "2401"), ("province", "/province/24/", "24")]


def village_needs(code: str, count: int) -> None:
    plan = area_plan(PlanKind.VILLAGE, code)
    for number in range(count):
        title, issue = NEEDS[number % len(NEEDS)]
        make_project(plan, f"{title} จุดที่ {number + 1}", issue_code=issue, priority=number + 1)
    plan_submit(plan=plan, actor=None)


@pytest.fixture
def year(people):
    village_needs("24010101", 3)
    village_needs("24010102", 2)
    village_needs("24020101", 4)
    rollups_ensure_fresh(2570)
    return 2570


@pytest.mark.parametrize(("who", "url", "code"), DASHBOARDS)
def test_the_dashboard_funnel_is_the_trackers(who, url, code, year, people, signed_in, client):
    response = signed_in(people[who]).get(url)
    assert response.status_code == 200
    story = tracker_story(code, year)
    measures = area_measures(code, year)
    expected = [
        measures["public_needs"],
        measures["collected_by_tambons"],
        measures["public_needs_funded"],
    ]
    funnel_rows = response.context["funnel"]
    assert [row["key"] for row in funnel_rows] == ["raised", "collected", "funded"]
    assert [row["value"] for row in funnel_rows] == expected
    assert [story.stages[key] for key in ("raised", "collected", "funded")] == expected
    assert expected[0] == (5 if code == "2401" else 9)
    assert [row["name"] for row in funnel_rows] == [
        "ความต้องการจากหมู่บ้าน",
        "รวบรวมเข้าแผนตำบล",
        "ได้รับงบประมาณ",
    ]
    page = response.content.decode()
    assert f"หมู่บ้านเสนอ {expected[0]:,} ความต้องการ" in page
    # The public tracker of the same area shows the same funnel.
    public = client.get(f"/tracker/{code}/")
    assert [row["value"] for row in public.context["funnel"]] == expected
    # The areas below: the tracker's rows, with the officers' lateness and จปฐ. columns.
    rows = {row["area"].code: row for row in response.context["child_rows"]}
    for child in story.children:
        assert rows[child.area.code]["needs"] == child.needs
        assert rows[child.area.code]["collected"] == child.collected
        assert rows[child.area.code]["funded"] == child.funded
        assert "late" in rows[child.area.code]
        assert "unmet" in rows[child.area.code]
    assert sum(row["needs"] for row in rows.values()) == expected[0]
    assert 'data-stage="collected"' in page
    # The officers' own figures stay: baht per issue and the projects along the path.
    assert response.context["budget_chart"]["series"][0]["name"] == "งบที่หมู่บ้านขอ"
    path = {row["key"]: row["value"] for row in response.context["project_path"]}
    figures = funnel(code, year)
    assert path == {
        "tambon": figures["tambon_projects"],
        "district": figures["sent_to_districts"],
        "agencies": figures["sent_to_agencies"],
        "requests": figures["agency_requests"],
        "funded": figures["funded_projects"],
    }
    assert "เส้นทางของโครงการ (เฉพาะเจ้าหน้าที่)" in page
    # … which the public tracker does not show.
    assert "เส้นทางของโครงการ" not in public.content.decode()


def test_the_english_dashboard_names_the_same_stages(year, people, signed_in):
    response = signed_in(people["province"], "en").get("/province/24/")
    assert [row["name"] for row in response.context["funnel"]] == [
        "Needs from villages",
        "Collected into tambon plans",
        "Funded",
    ]
    assert "Projects along the planning path (officers only)" in response.content.decode()


def queries(viewer: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = viewer.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(("who", "url", "code"), DASHBOARDS)
def test_kept_figures_query_as_much_for_many_villages(
    who, url, code, year, people, signed_in, page_cache
):
    viewer = signed_in(people[who])
    # The session's first request reads the session and the user apart; from the second on
    # they come in one statement (planlink.accounts.sessions). Count from the second.
    viewer.get("/")
    rendered = queries(viewer, url)  # computes the figures (and the language)
    kept = queries(viewer, url)
    assert kept < rendered  # the figures came from the process's copy
    for village in ("24010201", "24010301", "24030101", "24030201"):
        village_needs(village, 12)
    rollups_ensure_fresh(2570)
    assert queries(viewer, url) == rendered  # a new version: computed again, as many queries
    assert queries(viewer, url) == kept
    # The kept funnel (figures and HTML) is the new version's, not the first one's.
    raised = area_measures(code, 2570)["public_needs"]
    assert raised == (5 + 2 * 12 if code == "2401" else 9 + 4 * 12)
    assert f"หมู่บ้านเสนอ {raised:,} ความต้องการ" in viewer.get(url).content.decode()
