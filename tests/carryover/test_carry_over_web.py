"""The carry-over page (issue 18): the officer carries needs over; the village committee
confirms, edits or drops each with a reason; refusals are in Thai and write nothing."""

from __future__ import annotations

import pytest
from django.test import Client

from planlink.plans.models import CarryOver, CarryStatus, Project
from tests.factories import personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(year_2570):
    return personas()


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    client.force_login(user)
    return client


def test_the_tambon_officer_carries_and_the_village_committee_decides(people, year_2570):
    officer = _client(people["tambon"])
    response = officer.post(
        "/carry-over/run/", {"area": "240101", "from": "2570", "to": "2571", "expire_after": "3"}
    )
    assert response.status_code == 302
    page = officer.get(response["Location"]).content.decode()
    assert "ยกไป 3 ความต้องการ" in page
    assert "ยกมาจากปี 2570 รอมา 1 ปี" in page
    # a second run carries nothing more
    response = officer.post("/carry-over/run/", {"area": "240101", "from": "2570", "to": "2571"})
    assert "carried=0" in response["Location"]
    assert CarryOver.objects.count() == 3

    committee = _client(people["village"])
    road = CarryOver.objects.get(source=year_2570["road"])
    water = CarryOver.objects.get(source=year_2570["water"])
    assert (
        committee.post(f"/carry-over/{road.pk}/decide/", {"action": "confirm"}).status_code == 302
    )
    road.refresh_from_db()
    assert road.status == CarryStatus.CONFIRMED

    refused = committee.post(f"/carry-over/{water.pk}/decide/", {"action": "drop", "reason": ""})
    assert refused.status_code == 400
    assert "ต้องระบุเหตุผล" in refused.content.decode()
    water.refresh_from_db()
    assert water.status == CarryStatus.PROPOSED

    edited = committee.post(
        f"/carry-over/{water.pk}/decide/",
        {
            "action": "edit",
            "title": "ขุดลอกคลองส่งน้ำเพื่อการเกษตร ช่วงบ้านหน้าเมือง",
            "budget": "300000",
            "version": str(water.target.version),
        },
    )
    assert edited.status_code == 302
    assert Project.objects.get(pk=water.target_id).title.endswith("ช่วงบ้านหน้าเมือง")
    dropped = committee.post(
        f"/carry-over/{water.pk}/decide/",
        {"action": "drop", "reason": "กรมชลประทานดำเนินการให้แล้วในปีนี้"},
    )
    assert dropped.status_code == 302
    water.refresh_from_db()
    assert water.status == CarryStatus.DROPPED
    assert water.reason == "กรมชลประทานดำเนินการให้แล้วในปีนี้"


def test_only_the_owning_committee_decides_and_only_officers_run(people, year_2570):
    _client(people["tambon"]).post(
        "/carry-over/run/", {"area": "240101", "from": "2570", "to": "2571"}
    )
    road = CarryOver.objects.get(source=year_2570["road"])  # carried into หมู่ 1's plan
    other = _client(people["other_village"])
    assert other.post(f"/carry-over/{road.pk}/decide/", {"action": "confirm"}).status_code == 404
    assert (
        _client(people["tambon"])
        .post(f"/carry-over/{road.pk}/decide/", {"action": "confirm"})
        .status_code
        == 403
    )
    road.refresh_from_db()
    assert road.status == CarryStatus.PROPOSED
    before = CarryOver.objects.count()
    refused = _client(people["auditor"]).post(
        "/carry-over/run/", {"area": "24", "from": "2570", "to": "2571"}
    )
    assert refused.status_code == 403
    assert CarryOver.objects.count() == before
