"""``/areas`` and ``/cycles``: public reference data, the calendar, and who is late."""

import datetime as dt

import pytest

from planlink.audit.models import AuditEntry
from planlink.cycles.models import Milestone

pytestmark = pytest.mark.django_db


def test_areas_filter_by_level_parent_prefix_and_name(world, client):
    tambons = client.get("/api/v1/areas?parent=2401&q=หน้าเมือง").json()
    assert [(a["code"], a["name_th"], a["level"]) for a in tambons["items"]] == [
        ("240101", "หน้าเมือง", "tambon")
    ]
    villages = client.get("/api/v1/areas?within=240101&level=village").json()
    assert [a["code"] for a in villages["items"]] == ["24010101", "24010102"]
    assert villages["items"][0]["synthetic"] is True
    assert (
        client.get("/api/v1/areas?q=Chachoengsao&level=province").json()["items"][0]["display_name"]
        == "จังหวัดฉะเชิงเทรา"
    )


def test_an_area_shows_its_children_counts_and_ancestors(world, client):
    body = client.get("/api/v1/areas/240101").json()
    assert body["display_name"] == "ตำบลหน้าเมือง"
    assert body["children"] == 2
    assert body["below"] == {"village": 2}
    assert [a["code"] for a in body["ancestors"]] == ["24", "2401"]
    province = client.get("/api/v1/areas/24").json()
    assert province["children"] == 11  # Chachoengsao's 11 districts
    assert province["below"]["district"] == 11


def test_an_unknown_area_is_404_with_the_error_body(world, client):
    response = client.get("/api/v1/areas/99")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message_th": "ไม่พบพื้นที่",
        "message_en": "area not found",
    }


def test_a_cycle_shows_its_calendar_in_iso_dates(world, client):
    body = client.get("/api/v1/cycles/2570").json()
    assert body["planning_year_be"] == 2568
    first = body["milestones"][0]
    assert (first["step"], first["start"], first["deadline"]) == (
        "village_plan",
        "2025-01-01",
        "2025-02-28",
    )


def test_an_administrator_moves_a_deadline_and_it_is_audited(world, api):
    response = api.patch(
        "/cycles/2570/milestones/tambon_plan",
        {"start": "2025-03-01", "deadline": "2025-05-15"},
        as_="administrator",
    )
    assert response.status_code == 200
    milestone = Milestone.objects.get(cycle_id=2570, step="tambon_plan")
    assert milestone.deadline == dt.date(2025, 5, 15)
    assert AuditEntry.objects.filter(
        action="milestone.update", object_id=str(milestone.pk)
    ).exists()


def test_late_units_list_villages_without_a_submitted_plan(world, api):
    response = api.get("/cycles/2570/late?milestone=village_plan&area=240101", as_="tambon")
    assert response.status_code == 200
    rows = {row["code"]: row for row in response.json()}
    # 24010102 submitted (after the 2025 deadline: late, but submitted); 24010101 is a draft.
    assert rows["24010101"]["state"] == "draft"
    assert rows["24010101"]["submitted_late"] is False
    assert rows["24010102"]["submitted_late"] is True


def test_late_units_need_an_area_unless_national(world, api):
    response = api.get("/cycles/2570/late?milestone=village_plan", as_="district")
    assert response.status_code == 403
    assert api.get("/cycles/2570/late?milestone=village_plan", as_="auditor").status_code == 200
    assert api.get("/cycles/2570/late?milestone=nope&area=2401", as_="district").status_code == 404
