"""Once a plan is accepted, direct edits are refused with a Thai message pointing to a
revision, and change nothing; draft plans still edit directly (the engine's flows)."""

from __future__ import annotations

import pytest

from planlink.core.errors import StateError
from planlink.plans.services import project_create, project_delete, project_update
from tests.revisions.conftest import new_lao_plan, projects_of, snapshot

pytestmark = pytest.mark.django_db

POINTER = "ให้จัดทำการปรับปรุงแผน"


def test_service_edits_of_an_accepted_plan_are_refused_and_change_nothing(plan, people):
    road = projects_of(plan)["ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"]
    before = snapshot(plan)
    with pytest.raises(StateError, match=POINTER) as refused:
        project_update(
            project=road,
            actor=people["lao"],
            data={"title": "ก่อสร้างถนนลาดยาง หมู่ที่ 3"},
            expected_version=road.version,
            budget_years={2567: "1"},
        )
    assert refused.value.details["revisions"] == f"/api/v1/plans/{plan.pk}/revisions"
    with pytest.raises(StateError, match=POINTER):
        project_create(plan=plan, actor=people["lao"], data={"title": "สร้างสนามกีฬาชุมชน"})
    with pytest.raises(StateError, match=POINTER):
        project_delete(project=road, actor=people["lao"])
    assert snapshot(plan) == before


def test_the_web_form_and_the_api_refuse_the_same_way(plan, people, client):
    road = projects_of(plan)["ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"]
    before = snapshot(plan)
    client.force_login(people["lao"])
    response = client.patch(
        f"/api/v1/projects/{road.pk}",
        data={"version": road.version, "title": "ก่อสร้างถนนลาดยาง หมู่ที่ 3"},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert POINTER in response.json()["message_th"]
    response = client.post(
        f"/projects/{road.pk}/edit/",
        {
            "title": "ก่อสร้างถนนลาดยาง หมู่ที่ 3",
            "version": str(road.version),
            "mode": "support",
            "capacity_level": "lao",
        },
    )
    assert POINTER in response.content.decode()
    assert snapshot(plan) == before


def test_a_draft_plan_still_edits_directly(lao, people):
    draft = new_lao_plan(lao, accept=False)
    road = projects_of(draft)["ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"]
    changed = project_update(
        project=road,
        actor=people["lao"],
        data={"title": "ก่อสร้างถนนลาดยาง หมู่ที่ 3"},
        expected_version=1,
    )
    assert (changed.title, changed.version) == ("ก่อสร้างถนนลาดยาง หมู่ที่ 3", 2)


def test_an_excel_template_into_an_accepted_plan_is_refused_and_changes_nothing(plan, people):
    import io

    from planlink.documents.imports import import_plan_template
    from planlink.documents.plan_template import build_plan_template

    content = build_plan_template(plan)  # unchanged rows: still refused on an accepted plan
    before = snapshot(plan)
    with pytest.raises(StateError, match=POINTER):
        import_plan_template(user=people["lao"], source=io.BytesIO(content))
    assert snapshot(plan) == before
