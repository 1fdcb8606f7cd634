"""``/plans``: each role lists its scope, filters narrow it, and a plan moves through its states."""

import pytest

from planlink.audit.models import AuditEntry
from planlink.plans.models import Mode, Plan, PlanKind
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content.decode()
    return [item["id"] for item in response.json()["items"]]


def test_each_role_lists_exactly_the_plans_in_its_scope(world, api):
    chachoengsao = sorted([world.mine.pk, world.theirs.pk, world.tambon_plan.pk])
    assert sorted(ids(api.get("/plans", as_="village"))) == [world.mine.pk]
    assert sorted(ids(api.get("/plans", as_="other_village"))) == [world.theirs.pk]
    assert sorted(ids(api.get("/plans", as_="district"))) == chachoengsao
    assert sorted(ids(api.get("/plans", as_="outsider"))) == [world.elsewhere.pk]
    assert ids(api.get("/plans", as_="agency")) == []
    assert sorted(ids(api.get("/plans", as_="auditor"))) == sorted(
        chachoengsao + [world.elsewhere.pk]
    )


def test_filters_by_area_level_kind_and_state(world, api):
    assert sorted(ids(api.get("/plans?area=240101&level=village", as_="auditor"))) == sorted(
        [world.mine.pk, world.theirs.pk]
    )
    assert ids(api.get("/plans?kind=tambon", as_="auditor")) == [world.tambon_plan.pk]
    assert ids(api.get("/plans?state=submitted", as_="auditor")) == [world.theirs.pk]
    assert ids(api.get("/plans?area=50", as_="auditor")) == [world.elsewhere.pk]
    assert ids(api.get("/plans?cycle=2571", as_="auditor")) == []


def test_pagination_counts_everything_and_returns_one_page(world, api):
    first = api.get("/plans?limit=2&offset=0", as_="auditor").json()
    second = api.get("/plans?limit=2&offset=2", as_="auditor").json()
    assert first["count"] == second["count"] == 4
    assert len(first["items"]) == len(second["items"]) == 2
    assert {item["id"] for item in first["items"]}.isdisjoint(
        item["id"] for item in second["items"]
    )


def test_a_plan_shows_its_owner_totals_and_rule_problems(world, api):
    make_project(world.mine, "ฝึกอาชีพจักสานไม้ไผ่", issue_code="ECON", budget="15000.50")
    body = api.get(f"/plans/{world.mine.pk}", as_="village").json()
    assert body["kind"] == "village"
    assert body["level"] == "village"
    assert body["state"] == "draft"
    assert body["owner"] == {"type": "area", "code": "24010101", "name": "บ้านหน้าเมือง"}
    assert body["project_count"] == 2
    assert body["budget_total"] == "265000.50"
    assert body["synthetic"] is False
    # Both projects ask for support: fewer than 30% are done by the villagers themselves.
    assert body["problems"] == [
        {
            "rule": "self_reliance",
            "message_th": "โครงการที่ทำเองมีร้อยละ 0 ของแผน ต้องไม่น้อยกว่าร้อยละ 30",
            "message_en": "self-reliant projects are 0% of the plan; at least 30% are required",
            "project_id": None,
        }
    ]


def test_a_self_reliant_plan_has_no_problems(world, api):
    make_project(world.mine, "ทำความสะอาดคูคลองหมู่บ้าน", issue_code="ENV", mode=Mode.SELF)
    assert api.get(f"/plans/{world.mine.pk}", as_="village").json()["problems"] == []


def test_a_district_officer_starts_the_district_plan(world, api):
    response = api.post(
        "/plans",
        {"kind": "district_development", "cycle": 2570, "owner_area": "2401"},
        as_="district",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["title"] == "แผนพัฒนาอำเภอ อำเภอเมืองฉะเชิงเทรา ปีงบประมาณ พ.ศ. 2570"
    assert body["scope_code"] == "2401"
    plan = Plan.objects.get(pk=body["id"])
    assert plan.kind == PlanKind.DISTRICT_DEVELOPMENT
    assert AuditEntry.objects.filter(action="plan.create", object_id=str(plan.pk)).count() == 1


def test_an_lao_planner_starts_its_local_development_plan(world, api):
    response = api.post(
        "/plans",
        {
            "kind": "local_development",
            "cycle": 2570,
            "owner_lao": world.people["lao_code"],
            "span_start": 2570,
            "span_end": 2574,
        },
        as_="lao",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["owner"] == {
        "type": "lao",
        "code": "4240102",
        "name": "เทศบาลเมืองฉะเชิงเทรา",
    }
    assert (body["span_start"], body["span_end"]) == (2570, 2574)


def test_submit_then_the_tambon_accepts(world, api):
    submitted = api.post(f"/plans/{world.mine.pk}/submit", as_="village")
    assert submitted.status_code == 200
    assert submitted.json()["state"] == "submitted"
    assert submitted.json()["submitted_at"] is not None
    accepted = api.post(f"/plans/{world.mine.pk}/accept", as_="tambon")
    assert accepted.json()["state"] == "accepted"
    assert Plan.objects.get(pk=world.mine.pk).state == "accepted"


def test_a_returned_plan_carries_the_reason_and_can_be_edited_again(world, api):
    reason = "ยังไม่ได้ระบุพื้นที่ดำเนินการของโครงการขุดลอกคลอง"
    returned = api.post(f"/plans/{world.theirs.pk}/return", {"reason": reason}, as_="tambon")
    assert returned.json()["state"] == "returned"
    assert returned.json()["returned_reason"] == reason
    edited = api.patch(
        f"/projects/{world.their_need.pk}",
        {"version": 1, "area_codes": ["24010102"]},
        as_="other_village",
    )
    assert edited.status_code == 200
    assert edited.json()["area_codes"] == ["24010102"]


def test_a_tambon_plan_lists_its_projects(world, api):
    listed = api.get(f"/plans/{world.tambon_plan.pk}/projects", as_="district").json()
    assert [item["title"] for item in listed["items"]] == ["ขุดลอกคลองสาธารณะตำบลหน้าเมือง"]
