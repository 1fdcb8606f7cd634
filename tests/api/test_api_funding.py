"""``/funding-requests``: request, approve, reject, withdraw — one live request per project and year."""

import pytest

from planlink.referrals.models import FundingRequest

pytestmark = pytest.mark.django_db


def test_the_owner_requests_funding_from_another_year(world, api):
    response = api.post(
        "/funding-requests",
        {
            "project_id": world.need.pk,
            "source": "lao",
            "source_lao": world.people["lao_code"],
            "fiscal_year": 2571,
            "requested": 120000.5,
        },
        as_="village",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["requested"] == "120000.50"
    assert body["source_label"] == "เทศบาลเมืองฉะเชิงเทรา"
    assert body["status"] == "open"
    assert body["scope_code"] == "24010101"


def test_the_source_agency_approves_and_the_allocation_defaults_to_the_approval(world, api):
    response = api.post(
        f"/funding-requests/{world.funding.pk}/decide",
        {"status": "approved", "approved": "200000"},
        as_="agency",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["approved"], body["allocated"]) == (
        "approved",
        "200000.00",
        "200000.00",
    )
    trace = api.get(f"/projects/{world.need.pk}/trace", as_="village").json()
    assert trace["outcome"]["status"] == "funded"
    assert trace["outcome"]["amount"] == "200000.00"


def test_a_rejection_keeps_its_reason_and_frees_the_year(world, api):
    api.post(
        f"/funding-requests/{world.funding.pk}/decide",
        {"status": "rejected", "reason": "งบประมาณปี 2570 ไม่เพียงพอ"},
        as_="agency",
    )
    assert FundingRequest.objects.get(pk=world.funding.pk).reason == "งบประมาณปี 2570 ไม่เพียงพอ"
    again = api.post(
        "/funding-requests",
        {
            "project_id": world.need.pk,
            "source": "pao",
            "source_lao": "2240101",  # อบจ.ฉะเชิงเทรา: a PAO request names the PAO (issue 14)
            "source_name": "อบจ.ฉะเชิงเทรา",
            "fiscal_year": 2570,
            "requested": "250000",
        },
        as_="village",
    )
    assert again.status_code == 201
    assert again.json()["source_label"] == "องค์การบริหารส่วนจังหวัดฉะเชิงเทรา"


def test_only_the_owner_withdraws_and_the_agency_cannot(world, api):
    refused = api.post(
        f"/funding-requests/{world.funding.pk}/decide", {"status": "withdrawn"}, as_="agency"
    )
    assert refused.status_code == 403
    assert FundingRequest.objects.get(pk=world.funding.pk).status == "open"
    withdrawn = api.post(
        f"/funding-requests/{world.funding.pk}/decide", {"status": "withdrawn"}, as_="village"
    )
    assert withdrawn.json()["status"] == "withdrawn"


def test_a_closed_request_cannot_be_approved(world, api):
    api.post(f"/funding-requests/{world.funding.pk}/decide", {"status": "withdrawn"}, as_="village")
    response = api.post(
        f"/funding-requests/{world.funding.pk}/decide",
        {"status": "approved", "approved": "1000"},
        as_="agency",
    )
    assert response.status_code == 409
    assert response.json()["message_th"] == "เปลี่ยนสถานะคำขอจาก 'ถอนคำขอ' เป็น 'อนุมัติ' ไม่ได้"
    assert FundingRequest.objects.get(pk=world.funding.pk).approved is None


def test_the_agency_lists_requests_addressed_to_it(world, api):
    listed = api.get("/funding-requests?status=open&fiscal_year=2570", as_="agency").json()
    assert [item["id"] for item in listed["items"]] == [world.funding.pk]
    assert api.get("/funding-requests", as_="lao").json()["count"] == 0
