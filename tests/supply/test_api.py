"""``/api/v1/supply``: import (all or none), listing under the access rules, the review decision."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from planlink.accounts.models import Role
from planlink.accounts.tokens import token_create
from planlink.supply.models import ItemState, SupplyItem
from tests.factories import assign, village
from tests.supply.helpers import ROWS, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(reference_data):
    village("95010809", "บ้านท่าสาปใต้")
    users = {
        "admin": assign(Role.ADMINISTRATOR, national=True),
        "yala": assign(Role.PROVINCIAL_OFFICER, area="95"),
        "betong": assign(Role.DISTRICT_OFFICER, area="9502"),
        "chachoengsao": assign(Role.PROVINCIAL_OFFICER, area="24"),
        "rid": assign(Role.AGENCY_OFFICER, agency="RID"),
        "auditor": assign(Role.AUDITOR, national=True),
    }
    return {name: token_create(user=user, name="ทดสอบ")[1] for name, user in users.items()}


def _headers(people, who):
    return {"HTTP_AUTHORIZATION": f"Bearer {people[who]}"}


def _upload(client, people, who, data, **form):
    return client.post(
        "/api/v1/supply/imports",
        {"file": SimpleUploadedFile("งบ.csv", data), "cycle": "2565", **form},
        **_headers(people, who),
    )


def test_import_list_and_refusal(client: Client, people):
    response = _upload(client, people, "yala", csv_bytes())
    assert response.status_code == 200, response.content
    assert response.json()["created"] == 4
    listing = client.get("/api/v1/supply?cycle=2565&area=95", **_headers(people, "yala")).json()
    assert len(listing["items"]) == 4
    row = listing["items"][0]
    for key in ("ref", "title", "amount", "agency", "area_code", "location_level",
                "location_text", "matched_project", "match_score", "match_reason", "state"):  # fmt: skip
        assert key in row
    bad = csv_bytes([ROWS[0], ["R-9", "ขุดลอกคลอง", "ห้าแสน", "กรมชลประทาน", "", "2565", ""]])
    refused = _upload(client, people, "yala", bad)
    assert refused.status_code == 422
    body = refused.json()
    assert body["code"] == "import_refused"
    assert body["details"]["problems_total"] == 1
    assert body["details"]["problems"][0]["row"] == 3
    assert body["details"]["problems"][0]["column"] == "จำนวนเงิน"
    assert SupplyItem.objects.count() == 4


def test_listing_follows_the_access_rules(client: Client, people):
    _upload(client, people, "admin", csv_bytes())

    def refs(who):
        response = client.get("/api/v1/supply?cycle=2565", **_headers(people, who))
        return {row["ref"] for row in response.json()["items"]}

    assert refs("yala") == {"65-RID-0001", "65-DGR-0002", "65-YRU-0003", "65-PWA-0004"}
    assert refs("chachoengsao") == set()
    assert refs("betong") == set()  # every item is in เมืองยะลา (9501)
    assert refs("rid") == {"65-RID-0001"}
    assert refs("auditor") == refs("yala")
    assert client.get("/api/v1/supply?cycle=2565").status_code == 401


def test_auditor_cannot_import(client: Client, people):
    assert _upload(client, people, "auditor", csv_bytes()).status_code == 403
    assert not SupplyItem.objects.exists()


def test_match_decision_is_for_the_province_or_the_agency(client: Client, people):
    _upload(client, people, "admin", csv_bytes())
    item = SupplyItem.objects.get(ref="65-RID-0001")
    # A proposal to reject (made here by hand: the demand side is tested in test_match).
    from planlink.plans.models import PlanKind
    from tests.factories import area_plan, make_project

    need = make_project(area_plan(PlanKind.TAMBON, "950101", 2565), "ก่อสร้างฝายชะลอน้ำคลองสะเตง")
    SupplyItem.objects.filter(pk=item.pk).update(
        state=ItemState.PROPOSED, matched_project=need, match_score=0.9
    )
    url = f"/api/v1/supply/{item.pk}/match"
    other = client.post(url, {"action": "reject"}, content_type="application/json",
                        **_headers(people, "chachoengsao"))  # fmt: skip
    assert other.status_code == 404
    response = client.post(url, {"action": "reject", "reason": "คนละฝาย"},
                           content_type="application/json", **_headers(people, "rid"))  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "unmatched"
    again = client.post(url, {"action": "reject"}, content_type="application/json",
                        **_headers(people, "yala"))  # fmt: skip
    assert again.status_code == 409


def test_measure(client: Client, people):
    _upload(client, people, "admin", csv_bytes())
    SupplyItem.objects.filter(ref="65-RID-0001").update(state=ItemState.CONFIRMED)
    body = client.get(
        "/api/v1/supply/measure?cycle=2565&area=95&level=district", **_headers(people, "yala")
    ).json()
    assert body["total"]["items"] == 4
    assert body["total"]["answered_items"] == 1
    assert body["total"]["share_amount"] == round(12_000_000 / 25_150_000, 4)
    (district,) = body["areas"]
    assert (district["area_code"], district["share_items"]) == ("9501", 0.25)
