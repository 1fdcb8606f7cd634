"""The carry-over API (issue 18): the documented JSON, idempotent, the committee's decisions."""

from __future__ import annotations

import pytest

from planlink.accounts.tokens import token_create
from planlink.plans.models import CarryOver, CarryStatus
from tests.api.conftest import Api
from tests.factories import personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(year_2570, client):
    people = personas()
    tokens = {
        name: token_create(user=people[name], name="ทดสอบ")[1]
        for name in ("village", "tambon", "auditor")
    }
    return Api(client, tokens)


def test_run_list_and_decide_through_the_api(api, year_2570):
    body = {"from": 2570, "to": 2571, "area": "240101", "expire_after": 3}
    first = api.post("/carry-overs/run", body, as_="tambon")
    assert first.status_code == 200
    assert first.json() == {
        "from": 2570, "to": 2571, "carried": 3, "expired": 0, "already_carried": 0, "skipped": 0,
    }  # fmt: skip
    again = api.post("/carry-overs/run", body, as_="tambon").json()
    assert (again["carried"], again["already_carried"]) == (0, 3)
    assert api.post("/carry-overs/run", body, as_="auditor").status_code == 403

    listed = api.get("/carry-overs?to=2571&area=240101", as_="tambon").json()["items"]
    assert {row["source"] for row in listed} == {
        year_2570[key].pk for key in ("road", "water", "refused")
    }
    road = next(row for row in listed if row["source"] == year_2570["road"].pk)
    assert (road["from"], road["years_waited"], road["status"]) == (2570, 1, "proposed")

    refused = api.post(f"/carry-overs/{road['id']}/decision", {"action": "drop"}, as_="village")
    assert refused.status_code == 400
    assert refused.json()["message_th"].startswith("ต้องระบุเหตุผล")
    edited = api.post(
        f"/carry-overs/{road['id']}/decision",
        {"action": "edit", "budget": "275000.00", "version": road["version"]},
        as_="village",
    ).json()
    assert (edited["status"], edited["budget"]) == ("edited", "275000.00")
    stale = api.post(
        f"/carry-overs/{road['id']}/decision",
        {"action": "edit", "title": "ถนนสายใหม่", "version": road["version"]},
        as_="village",
    )
    assert stale.status_code == 409
    dropped = api.post(
        f"/carry-overs/{road['id']}/decision",
        {"action": "drop", "reason": "อบต. ดำเนินการด้วยเงินสะสมแล้ว"},
        as_="village",
    ).json()
    assert dropped["status"] == "dropped"
    assert dropped["target"] is None
    assert CarryOver.objects.get(pk=road["id"]).status == CarryStatus.DROPPED
    assert (
        api.post(f"/carry-overs/{road['id']}/decision", {"action": "confirm"}, as_="tambon")
    ).status_code == 403
