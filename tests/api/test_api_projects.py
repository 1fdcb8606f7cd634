"""``/projects``: create, read, edit with a version check, delete, filters, lineage, query count."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planlink.plans.models import Project
from planlink.plans.services import plan_create
from planlink.referrals.models import Referral
from planlink.referrals.services import referral_decide, referral_send, to_plan
from tests.factories import cycle, make_project

pytestmark = pytest.mark.django_db


def test_a_village_adds_a_project_with_locations_and_exact_money(world, api):
    response = api.post(
        f"/plans/{world.mine.pk}/projects",
        {
            "title": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 1",
            "rationale": "ถนนเป็นหลุมบ่อ ฤดูฝนสัญจรลำบาก",
            "issue_code": "INFRA",
            "budget": "1,250,000.50",
            "target_quantity": 500,
            "target_unit": "เมตร",
            "duration_months": 6,
            "mode": "support",
            "capacity_level": "lao",
            "area_codes": ["24010101"],
        },
        as_="village",
    )
    assert response.status_code == 201, response.content.decode()
    body = response.json()
    assert body["budget"] == "1250000.50"
    assert body["target_quantity"] == "500.00"
    assert body["issue_code"] == "INFRA"
    assert body["area_codes"] == ["24010101"]
    assert body["version"] == 1
    assert body["plan_kind"] == "village"
    assert Project.objects.get(pk=body["id"]).budget == Decimal("1250000.50")


def test_yearly_budgets_replace_the_total(world, api):
    lao_plan = plan_create(
        actor=None,
        kind="local_development",
        cycle=cycle(),
        owner_lao=world.referral.to_lao,
        span=(2570, 2574),
    )
    response = api.post(
        f"/plans/{lao_plan.pk}/projects",
        {"title": "ขยายเขตประปาส่วนภูมิภาค", "budget_years": {"2570": "100000", "2571": 50000.25}},
        as_="lao",
    )
    assert response.status_code == 201, response.content.decode()
    assert response.json()["budget"] == "150000.25"
    assert response.json()["budget_years"] == [
        {"fiscal_year": 2570, "amount": "100000.00"},
        {"fiscal_year": 2571, "amount": "50000.25"},
    ]


def test_an_edit_with_the_current_version_saves_and_bumps_the_version(world, api):
    response = api.patch(
        f"/projects/{world.need.pk}",
        {"version": 1, "title": "ก่อสร้างระบบประปาหมู่บ้าน (บาดาล)", "budget": "300000"},
        as_="village",
    )
    assert response.status_code == 200
    assert response.json()["version"] == 2
    assert response.json()["budget"] == "300000.00"
    assert response.json()["issue_code"] == "WATER"  # untouched fields stay


def test_an_edit_with_a_stale_version_is_a_conflict_and_changes_nothing(world, api):
    api.patch(f"/projects/{world.need.pk}", {"version": 1, "kpi": "ครัวเรือนมีน้ำใช้"}, as_="village")
    stale = api.patch(
        f"/projects/{world.need.pk}", {"version": 1, "title": "ชื่อใหม่ที่มาช้า"}, as_="administrator"
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "conflict"
    assert stale.json()["details"] == {"current_version": 2}
    project = Project.objects.get(pk=world.need.pk)
    assert (project.title, project.version, project.kpi) == (
        "ก่อสร้างประปาหมู่บ้าน",
        2,
        "ครัวเรือนมีน้ำใช้",
    )


def test_an_edit_without_a_version_is_refused(world, api):
    response = api.patch(f"/projects/{world.need.pk}", {"title": "ไม่มีเวอร์ชัน"}, as_="village")
    assert response.status_code == 422
    assert response.json()["details"]["errors"][0]["loc"] == ["body", "body", "version"]


def test_a_project_without_referrals_can_be_deleted(world, api):
    spare = make_project(world.mine, "ปลูกต้นไม้ริมทาง", issue_code="ENV")
    assert api.delete(f"/projects/{spare.pk}", as_="village").status_code == 204
    assert not Project.objects.filter(pk=spare.pk).exists()


def test_filters_by_issue_area_level_state_and_plan(world, api):
    def titles(query: str) -> list[str]:
        response = api.get(f"/projects?{query}", as_="auditor")
        assert response.status_code == 200, response.content.decode()
        return sorted(item["title"] for item in response.json()["items"])

    assert titles("issue=INFRA") == ["ซ่อมแซมถนนลูกรัง"]
    assert titles("area=24010102") == ["ขุดลอกคลองส่งน้ำ"]
    assert titles("area=50") == ["ซ่อมแซมถนนลูกรัง"]
    assert titles("level=tambon") == ["ขุดลอกคลองสาธารณะตำบลหน้าเมือง"]
    assert titles("state=submitted") == ["ขุดลอกคลองส่งน้ำ"]
    assert titles(f"plan={world.mine.pk}") == ["ก่อสร้างประปาหมู่บ้าน"]
    assert titles("cycle=2570&area=240101&issue=WATER") == sorted(
        ["ก่อสร้างประปาหมู่บ้าน", "ขุดลอกคลองส่งน้ำ", "ขุดลอกคลองสาธารณะตำบลหน้าเมือง"]
    )


def test_an_area_filter_finds_agency_projects_by_their_location(world, api):
    agency_plan = plan_create(
        actor=None, kind="agency_request", cycle=cycle(), owner_agency=world.funding.source_agency
    )
    make_project(agency_plan, "ขุดลอกคลองนครเนื่องเขต", issue_code=None, areas=[world.mine.owner_area])
    response = api.get("/projects?area=2401&level=agency", as_="agency").json()
    assert [item["title"] for item in response["items"]] == ["ขุดลอกคลองนครเนื่องเขต"]
    assert response["items"][0]["scope_code"] == ""


def test_the_trace_follows_the_need_to_the_tambon_and_its_fate(world, api):
    tambon_link = referral_send(project=world.need, target=to_plan(world.tambon_plan), actor=None)
    referral_decide(
        referral=tambon_link,
        actor=None,
        decision="merged",
        result_project=world.tambon_project,
        reason="รวมกับโครงการขุดลอกคลองของตำบล",
    )
    body = api.get(f"/projects/{world.need.pk}/trace", as_="village").json()
    assert body["project"]["title"] == "ก่อสร้างประปาหมู่บ้าน"
    assert [node["title"] for node in body["descendants"]] == ["ขุดลอกคลองสาธารณะตำบลหน้าเมือง"]
    assert [(edge["target_key"], edge["decision"]) for edge in body["referrals"]] == [
        (f"lao:{world.people['lao_code']}", "pending"),
        (f"plan:{world.tambon_plan.pk}", "merged"),
    ]
    assert body["funding_requests"][0]["source_label"] == "กรมชลประทาน"
    assert body["outcome"]["status"] == "in_progress"
    upward = api.get(f"/projects/{world.tambon_project.pk}/trace", as_="tambon").json()
    assert [node["title"] for node in upward["ancestors"]] == ["ก่อสร้างประปาหมู่บ้าน"]


def test_listing_projects_takes_the_same_number_of_queries_for_3_or_30_rows(world, api):
    def queries_for_listing() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = api.get("/projects?limit=100", as_="district")
        assert response.status_code == 200
        return len(captured), response.json()["count"]

    api.get("/plans", as_="district")  # the token's first use records last_used_at
    few, count_few = queries_for_listing()
    for number in range(27):
        make_project(world.mine, f"โครงการที่ {number + 1} ของหมู่บ้าน", issue_code="ECON")
    many, count_many = queries_for_listing()
    assert (count_few, count_many) == (3, 30)
    assert many == few
    assert few <= 8


def test_a_referral_to_the_tambon_plan_is_recorded_with_its_target(world, api):
    response = api.post(
        f"/projects/{world.need.pk}/referrals",
        {"target": f"plan:{world.tambon_plan.pk}", "reason": "เสนอเข้าแผนพัฒนาตำบล"},
        as_="village",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["target_kind"] == "plan"
    assert body["to_plan_id"] == world.tambon_plan.pk
    assert body["decision"] == "pending"
    assert body["decision_label"] == "รอพิจารณา"
    assert Referral.objects.filter(project=world.need, to_plan=world.tambon_plan).count() == 1
