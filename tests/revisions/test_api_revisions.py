"""The API exposes revisions: GET/POST /plans/{id}/revisions, items, approval, and a project's
history; another province's officer can neither read nor create them, a reader who does not
own the plan cannot create them, and every refusal writes nothing."""

from __future__ import annotations

import json

import pytest

from planlink.plans.revision_models import PlanRevision
from tests.revisions.conftest import projects_of, snapshot

pytestmark = pytest.mark.django_db

ROAD = "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"
CANAL = "ขุดลอกคลองสาธารณะ หมู่ที่ 5"
DUPLICATE = "ขุดลอกคลองสาธารณะหมู่ที่ 5 (ซ้ำ)"


def call(client, user, method, path, body=None):
    client.force_login(user)
    kwargs = {}
    if body is not None:
        kwargs = {"data": json.dumps(body), "content_type": "application/json"}
    return getattr(client, method)(f"/api/v1{path}", **kwargs)


def revision_body(plan) -> dict:
    projects = projects_of(plan)
    return {
        "kind": "addition",
        "year": 2567,
        "number": 5,
        "reason": "ประชาคมตำบลเสนอเพิ่มเติม",
        "items": [
            {
                "action": "add",
                "project": {
                    "title": "ก่อสร้างรางระบายน้ำ หมู่ที่ 2",
                    "issue_code": "INFRA",
                    "budget_years": {"2569": "350000.00"},
                },
            },
            {
                "action": "change",
                "project_id": projects[ROAD].pk,
                "expected_version": 1,
                "project": {"kpi": "ถนนยาว 600 เมตร"},
            },
            {"action": "move", "project_id": projects[CANAL].pk, "to_form": "ผ.02/2"},
            {
                "action": "withdraw",
                "project_id": projects[DUPLICATE].pk,
                "reason": "ซ้ำลำดับที่ 2",
                "link_kind": "duplicate_of",
                "linked_project_id": projects[CANAL].pk,
            },
        ],
        "approval": {
            "approved_on": "2024-07-15",
            "approver_name": "นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล",
            "approval_reference": "ประกาศ ลงวันที่ 15 กรกฎาคม 2567",
        },
    }


def test_the_owner_revises_in_one_call_and_everyone_who_reads_the_plan_sees_it(
    plan, people, client
):
    response = call(
        client, people["lao"], "post", f"/plans/{plan.pk}/revisions", revision_body(plan)
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["label"] == "เพิ่มเติม ครั้งที่ 5/2567"
    assert body["state"] == "approved"
    assert body["approved_on"] == "2024-07-15"
    assert body["approval_th"].startswith("อนุมัติโดย นายสมชาย ใจดี")
    actions = {item["action"]: item for item in body["items"]}
    assert actions["change"]["changes"]["kpi"] == ["ถนนยาว 400 เมตร", "ถนนยาว 600 เมตร"]
    assert actions["move"]["from_form"] == "ผ.02"
    assert actions["move"]["to_form"] == "ผ.02/2"
    assert actions["withdraw"]["link_kind"] == "duplicate_of"
    assert actions["add"]["project_id"] is not None

    for reader in ("district", "province"):
        listed = call(client, people[reader], "get", f"/plans/{plan.pk}/revisions")
        assert listed.status_code == 200
        assert [revision["label"] for revision in listed.json()] == ["เพิ่มเติม ครั้งที่ 5/2567"]
    listed = call(client, people["district"], "get", f"/plans/{plan.pk}/projects").json()
    rows = listed["items"] if isinstance(listed, dict) else listed
    assert {row["title"]: row["withdrawn"] for row in rows} == {
        ROAD: False,
        CANAL: False,
        DUPLICATE: True,
        "ก่อสร้างรางระบายน้ำ หมู่ที่ 2": False,
    }
    canal = projects_of(plan)[CANAL]
    history = call(client, people["district"], "get", f"/projects/{canal.pk}/revisions").json()
    assert [(row["action"], row["revision_label"]) for row in history] == [
        ("move", "เพิ่มเติม ครั้งที่ 5/2567"),
        ("withdraw", "เพิ่มเติม ครั้งที่ 5/2567"),
    ]
    detail = call(client, people["lao"], "get", f"/plans/{plan.pk}/revisions/{body['id']}")
    assert (
        detail.json()["items"][0]["description_th"]
        == "งบประมาณรายปี (บาท) 2569: 350,000.00; งบประมาณรวม (บาท) 350,000.00; ประเด็นการพัฒนา INFRA"
    )


def test_a_draft_takes_items_then_is_approved(plan, people, client):
    lao = people["lao"]
    road = projects_of(plan)[ROAD]
    draft = call(
        client, lao, "post", f"/plans/{plan.pk}/revisions", {"kind": "correction", "year": 2568}
    ).json()
    assert (draft["label"], draft["state"]) == ("แก้ไข ครั้งที่ 1/2568", "draft")
    item = call(
        client,
        lao,
        "post",
        f"/plans/{plan.pk}/revisions/{draft['id']}/items",
        {"action": "change", "project_id": road.pk, "project": {"title": "ก่อสร้างถนน คสล. หมู่ที่ 3"}},
    )
    assert item.status_code == 201
    assert item.json()["changes"]["title"] == [ROAD, "ก่อสร้างถนน คสล. หมู่ที่ 3"]
    road.refresh_from_db()
    assert road.title == ROAD  # nothing applied before approval
    approved = call(
        client,
        lao,
        "post",
        f"/plans/{plan.pk}/revisions/{draft['id']}/approve",
        {"approved_on": "2025-01-10", "approver_name": "นายสมชาย ใจดี"},
    )
    assert approved.status_code == 200
    assert approved.json()["state"] == "approved"
    road.refresh_from_db()
    assert (road.title, road.version) == ("ก่อสร้างถนน คสล. หมู่ที่ 3", 2)


def test_another_provinces_officer_cannot_read_or_create_and_nothing_is_written(
    plan, people, client
):
    before = snapshot(plan)
    outsider = people["outsider"]
    assert call(client, outsider, "get", f"/plans/{plan.pk}/revisions").status_code == 404
    refused = call(client, outsider, "post", f"/plans/{plan.pk}/revisions", revision_body(plan))
    assert refused.status_code == 404
    road = projects_of(plan)[ROAD]
    assert call(client, outsider, "get", f"/projects/{road.pk}/revisions").status_code == 404
    # The district reads the LAO's plan but does not own it: 403, and nothing written.
    refused = call(
        client, people["district"], "post", f"/plans/{plan.pk}/revisions", revision_body(plan)
    )
    assert refused.status_code == 403
    assert "เฉพาะหน่วยงานเจ้าของแผน" in refused.json()["message_th"]
    assert snapshot(plan) == before
    assert not PlanRevision.objects.exists()


def test_a_bad_item_refuses_the_whole_call(plan, people, client):
    body = revision_body(plan)
    body["items"][3]["reason"] = ""
    before = snapshot(plan)
    refused = call(client, people["lao"], "post", f"/plans/{plan.pk}/revisions", body)
    assert refused.status_code == 400
    assert refused.json()["message_th"] == "ต้องระบุเหตุผลที่ถอนโครงการ"
    assert snapshot(plan) == before


def test_another_provinces_revision_is_not_found_under_this_plan(plan, people, client):
    draft = call(
        client,
        people["lao"],
        "post",
        f"/plans/{plan.pk}/revisions",
        {"kind": "review", "year": 2568},
    ).json()
    outsider = people["outsider"]
    path = f"/plans/{plan.pk}/revisions/{draft['id']}"
    assert call(client, outsider, "get", path).status_code == 404
    approval = {"approved_on": "2025-01-10", "approver_name": "ผู้อื่น"}
    assert call(client, outsider, "post", f"{path}/approve", approval).status_code == 404


def test_the_openapi_schema_lists_the_revision_routes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/plans/{plan_id}/revisions"])
    assert "post" in paths["/api/v1/plans/{plan_id}/revisions/{revision_id}/approve"]
    assert "get" in paths["/api/v1/projects/{project_id}/revisions"]
