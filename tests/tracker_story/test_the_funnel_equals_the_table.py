"""One story per tracker page (issue 15, acceptance): the funnel of a village's page equals the
counts of its table, and so do a tambon's, a district's and a province's; the chart per issue
adds up to the funnel's first and last stages; the funnel JSON says the same. Read from the
HTML a visitor gets, not from the view's context.

Synthetic test data: three villages of tambon หน้าเมือง (240101), one still a draft."""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from planlink.areas.models import Agency
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit
from planlink.referrals.models import Decision, FundingStatus
from planlink.referrals.services import (
    funding_request_create,
    funding_request_decide,
    referral_decide,
    referral_send,
    to_agency,
    to_plan,
)
from planlink.rollups.services import rollups_ensure_fresh
from tests.factories import area_plan, make_project, village

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/json">(.*?)</script>', re.S)
ROW = re.compile(r'<tr data-need="\d+" data-fate="(\w+)"( data-collected)?>')
CELL = re.compile(r'data-stage="(\w+)"><div class="cell">([\d,]+)</div>')


def charts(body: str) -> list[dict]:
    return [json.loads(found) for found in SCRIPT.findall(body)]


def funnel_of(body: str) -> dict[str, int]:
    (funnel,) = [chart for chart in charts(body) if chart.get("type") == "funnel"]
    values = [stage["value"] for stage in funnel["data"]]
    return dict(zip(("raised", "collected", "funded"), values, strict=True))


def needs_table(body: str) -> dict[str, int]:
    rows = ROW.findall(body)
    fates = Counter(fate for fate, _ in rows)
    return {
        "raised": len(rows),
        "collected": sum(1 for _, collected in rows if collected),
        "funded": fates["funded"],
    }


def areas_table(body: str) -> dict[str, int]:
    sums: Counter[str] = Counter()
    for stage, value in CELL.findall(body):
        sums[stage] += int(value.replace(",", ""))
    return {key: sums[key] for key in ("raised", "collected", "funded")}


def issue_chart_sums(body: str) -> tuple[int, int]:
    (bars,) = [chart for chart in charts(body) if chart.get("type") == "bar"]
    asked, funded = bars["series"]
    return sum(asked["data"]), sum(funded["data"])


@pytest.fixture
def story(people):
    """Village 24010101: six needs — two merged into one tambon project that the RID funds, one
    included and refused by the LAO, one returned, one waiting, one never sent. Village
    24010102: three needs, one merged into the funded project. Village 24010103: a draft."""
    village("24010103", "บ้านหนองบัว")
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    funded_project = make_project(tambon_plan, "ขุดลอกคลองหนองบัว", issue_code="WATER")
    refused_project = make_project(tambon_plan, "ฝึกอาชีพสานตะกร้า", issue_code="ECON")

    def needs(code, titles, *, submit=True):
        plan = area_plan(PlanKind.VILLAGE, code)
        made = [
            make_project(plan, title, issue_code=issue, priority=n + 1)
            for n, (title, issue) in enumerate(titles)
        ]
        if submit:
            plan_submit(plan=plan, actor=None)
        return made

    first = needs(
        "24010101",
        [
            ("ขุดลอกคลองหน้าบ้านนายสมชาย ใจดี", "WATER"),
            ("ขุดลอกคลองส่งน้ำหนองบัว", "WATER"),
            ("ฝึกอาชีพสานตะกร้า ติดต่อ 081-234-5678", "ECON"),
            ("ซ่อมถนนลูกรังสายหนองบัว", "INFRA"),
            ("ติดตั้งไฟฟ้าส่องสว่าง", "INFRA"),
            ("ปลูกผักสวนครัว", "ECON"),
        ],
    )
    second = needs(
        "24010102",
        [("ขุดลอกคลองหนองบัวช่วงท่าไข่", "WATER"), ("ซ่อมศาลาประชาคม", "INFRA"), ("ถนน", "INFRA")],
    )
    needs("24010103", [("ประปาหมู่บ้าน", "WATER")], submit=False)

    def into(need, project, decision=Decision.MERGED):
        referral = referral_send(project=need, target=to_plan(tambon_plan), actor=None)
        referral_decide(
            referral=referral, actor=people["tambon"], decision=decision, result_project=project
        )

    for need in (first[0], first[1], second[0]):
        into(need, funded_project)
    into(first[2], refused_project, Decision.INCLUDED)
    returned = referral_send(project=first[3], target=to_plan(tambon_plan), actor=None)
    referral_decide(
        referral=returned,
        actor=people["tambon"],
        decision=Decision.RETURNED,
        reason="นางสมศรี มีสุข แจ้งว่าถนนอยู่ในความรับผิดชอบของกรมทางหลวงชนบท",
    )
    referral_send(project=first[4], target=to_plan(tambon_plan), actor=None)  # waiting
    rid = Agency.objects.get(code="RID")
    up = referral_send(project=funded_project, target=to_agency(rid), actor=None)
    referral_decide(
        referral=up,
        actor=people["agency"],
        decision=Decision.FUNDED,
        amount="900000",
        fiscal_year=2570,
        funding_source="กรมชลประทาน",
    )
    request = funding_request_create(
        project=refused_project, actor=None, source="lao", fiscal_year=2570, requested="50000"
    )
    funding_request_decide(
        request=request,
        actor=None,
        status=FundingStatus.REJECTED,
        reason="เกินกรอบงบประมาณ โทร 038-511-234",
    )
    rollups_ensure_fresh(2570)
    return first, second


EXPECTED_VILLAGE = {"raised": 6, "collected": 3, "funded": 2}
EXPECTED_TAMBON = {"raised": 9, "collected": 4, "funded": 3}


def test_a_villages_funnel_equals_the_counts_of_its_table(story, client):
    body = client.get("/tracker/24010101/").content.decode()
    assert funnel_of(body) == needs_table(body) == EXPECTED_VILLAGE
    assert issue_chart_sums(body) == (6, 2)
    # the badges: two funded through the merged project, the refused request and the return
    # with their reasons (masked), one waiting, one never sent
    fates = Counter(fate for fate, _ in ROW.findall(body))
    assert fates == {"funded": 2, "not_funded": 2, "in_progress": 1, "not_sent": 1}
    assert "เกินกรอบงบประมาณ โทร xxx-xxx-xxx" in body
    assert "นาง*** *** แจ้งว่าถนนอยู่ในความรับผิดชอบของกรมทางหลวงชนบท" in body
    assert "ไม่อนุมัติ" in body
    # free text masked: no person, no phone
    for private in ("สมชาย", "ใจดี", "081-234-5678", "สมศรี", "038-511-234"):
        assert private not in body
    assert "ขุดลอกคลองหน้าบ้านนาย*** ***" in body


def test_a_tambons_funnel_equals_its_needs_table_and_its_villages_table(story, client):
    body = client.get("/tracker/240101/").content.decode()
    assert funnel_of(body) == needs_table(body) == areas_table(body) == EXPECTED_TAMBON
    assert issue_chart_sums(body) == (9, 3)
    assert "ประปาหมู่บ้าน" not in body  # the draft village's need is not public


def test_a_districts_and_a_provinces_funnel_equals_their_areas_table(story, client):
    for url in ("/tracker/2401/", "/tracker/24/"):
        body = client.get(url).content.decode()
        assert funnel_of(body) == areas_table(body) == EXPECTED_TAMBON, url
        assert issue_chart_sums(body) == (9, 3), url


def test_the_funnel_json_says_what_the_page_says(story, client):
    for code, expected in (("24010101", EXPECTED_VILLAGE), ("240101", EXPECTED_TAMBON)):
        data = client.get(f"/tracker/{code}/funnel.json").json()["data"]
        assert [stage["value"] for stage in data] == list(expected.values())
    district = client.get("/tracker/2401/funnel.json").json()["data"]
    assert [stage["value"] for stage in district] == list(EXPECTED_TAMBON.values())


def test_a_shared_need_counts_each_village_by_its_own_component(reference_data, client):
    """Two villages' roads grouped in one tambon project; the DLA funds หมู่ 7's place only:
    หมู่ 7's page counts its need funded, หมู่ 3's does not, and the tambon's and the
    district's funnels (the district's from the roll-ups) agree with the tables."""
    from planlink.consolidation.merge import accept_pending
    from tests.consolidation.components_world import consolidate, roads_of_two_villages
    from tests.consolidation.test_components_funding import _agency_funds

    needs = roads_of_two_villages()
    plan = consolidate()
    accept_pending(plan)
    project = plan.projects.get(issue__code="INFRA")
    _, village7 = project.components.order_by("order")
    _agency_funds(project, component=village7)
    rollups_ensure_fresh(2570)
    m7 = client.get("/tracker/24010107/").content.decode()
    assert funnel_of(m7) == needs_table(m7)
    assert funnel_of(m7)["funded"] == 1
    m3 = client.get("/tracker/24010103/").content.decode()
    assert funnel_of(m3) == needs_table(m3)
    assert funnel_of(m3)["funded"] == 0
    assert needs["m3"].title in m3
    tambon = client.get("/tracker/240101/").content.decode()
    assert funnel_of(tambon) == needs_table(tambon) == areas_table(tambon)
    district = client.get("/tracker/2401/").content.decode()
    assert funnel_of(district) == areas_table(district) == funnel_of(tambon)


def test_a_need_page_masks_every_free_text_it_shows(story, client):
    """The need's own page: its title, the reason it was refused, and the titles of the
    projects it passed through are masked; who decided is not shown."""
    first, _ = story
    refused = client.get(f"/tracker/needs/{first[2].pk}/").content.decode()
    assert "ฝึกอาชีพสานตะกร้า ติดต่อ xxx-xxx-xxxx" in refused
    assert "เกินกรอบงบประมาณ โทร xxx-xxx-xxx" in refused
    assert "ไม่อนุมัติ" in refused
    funded = client.get(f"/tracker/needs/{first[0].pk}/").content.decode()
    assert "ขุดลอกคลองหน้าบ้านนาย*** ***" in funded
    assert "กรมชลประทาน" in funded
    for page in (refused, funded):
        for private in ("สมชาย", "081-234-5678", "038-511-234", "tambon", "agency"):
            assert private not in page
