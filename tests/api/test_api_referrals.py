"""``/referrals``: the inbox, decisions by the receiver, forwarding."""

import pytest

from planlink.plans.services import plan_create
from planlink.referrals.models import Referral
from planlink.referrals.services import referral_send, to_plan
from tests.api.conftest import snapshot
from tests.factories import cycle, make_project

pytestmark = pytest.mark.django_db


def inbox(api, persona: str) -> list[int]:
    response = api.get("/referrals?incoming=true", as_=persona)
    assert response.status_code == 200
    return [item["id"] for item in response.json()["items"]]


def test_the_lao_inbox_holds_what_was_sent_to_the_lao(world, api):
    assert inbox(api, "lao") == [world.referral.pk]
    assert inbox(api, "village") == []
    assert inbox(api, "agency") == []


def test_the_tambon_inbox_holds_referrals_to_the_tambon_plan(world, api):
    to_tambon = referral_send(project=world.need, target=to_plan(world.tambon_plan), actor=None)
    assert inbox(api, "tambon") == [to_tambon.pk]
    # The district reads it (inside its area) but does not receive it.
    assert to_tambon.pk in [
        item["id"] for item in api.get("/referrals", as_="district").json()["items"]
    ]
    assert inbox(api, "district") == []


def test_the_district_inbox_holds_referrals_to_its_coordination_committee(world, api):
    sent = api.post(
        f"/referrals/{world.referral.pk}/decide",
        {
            "decision": "forwarded",
            "forward_to": "district_lao_committee:2401",
            "reason": "เกินศักยภาพของ อปท.",
        },
        as_="lao",
    )
    assert sent.status_code == 200
    forwarded = Referral.objects.get(previous=world.referral)
    assert inbox(api, "district") == [forwarded.pk]


def test_filters_by_decision_and_area(world, api):
    assert [
        i["id"] for i in api.get("/referrals?decision=pending", as_="auditor").json()["items"]
    ] == [world.referral.pk]
    assert api.get("/referrals?decision=funded", as_="auditor").json()["count"] == 0
    assert api.get("/referrals?area=50", as_="auditor").json()["count"] == 0
    assert api.get("/referrals?area=2401", as_="auditor").json()["count"] == 1


def test_the_lao_includes_the_need_in_its_own_plan(world, api):
    lao_plan = plan_create(
        actor=None, kind="local_development", cycle=cycle(), owner_lao=world.referral.to_lao
    )
    receiving = make_project(lao_plan, "ก่อสร้างระบบประปาหมู่บ้าน หมู่ที่ 1", issue_code="WATER")
    response = api.post(
        f"/referrals/{world.referral.pk}/decide",
        {"decision": "included", "result_project_id": receiving.pk, "reason": "บรรจุในแผนพัฒนาท้องถิ่น"},
        as_="lao",
    )
    assert response.status_code == 200, response.content.decode()
    body = response.json()
    assert body["decision"] == "included"
    assert body["decision_label"] == "บรรจุในแผน"
    assert body["result_project_id"] == receiving.pk
    assert body["decided_by"] == "lao"
    assert body["decided_at"] is not None


def test_a_receiving_project_the_decider_cannot_see_is_refused(world, api):
    before = Referral.objects.get(pk=world.referral.pk).decision
    response = api.post(
        f"/referrals/{world.referral.pk}/decide",
        {"decision": "included", "result_project_id": world.far_need.pk},
        as_="lao",
    )
    assert response.status_code == 400
    assert response.json()["message_th"] == f"ไม่พบโครงการที่รับเข้า ({world.far_need.pk})"
    assert Referral.objects.get(pk=world.referral.pk).decision == before


def test_forwarding_creates_the_next_referral(world, api):
    response = api.post(
        f"/referrals/{world.referral.pk}/decide",
        {
            "decision": "forwarded",
            "forward_to": "district_lao_committee:2401",
            "reason": "เกินศักยภาพ อปท. ส่งคณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับอำเภอ",
        },
        as_="lao",
    )
    assert response.status_code == 200
    forwarded = Referral.objects.get(previous=world.referral)
    assert (forwarded.target_key, forwarded.decision) == ("district_lao_committee:2401", "pending")
    assert inbox(api, "district") == [forwarded.pk]


def test_forwarding_off_the_route_is_refused_and_changes_nothing(world, api):
    before = snapshot()
    response = api.post(
        f"/referrals/{world.referral.pk}/decide",
        {"decision": "forwarded", "forward_to": "agency:RID", "reason": "ส่งกรมชลประทานโดยตรง"},
        as_="lao",
    )
    assert response.status_code == 400
    assert response.json()["message_th"] == (
        "ส่งต่อรายการนี้ไปยัง 'agency:RID' ไม่ได้ — ส่งต่อได้ที่ "
        "คณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับอำเภอ อำเภอเมืองฉะเชิงเทรา"
    )
    assert "cannot be forwarded to 'agency:RID'" in response.json()["message_en"]
    assert snapshot() == before


def test_a_decided_referral_cannot_be_decided_again(world, api):
    api.post(
        f"/referrals/{world.referral.pk}/decide",
        {"decision": "returned", "reason": "ซ้ำกับโครงการที่มีอยู่"},
        as_="lao",
    )
    again = api.post(
        f"/referrals/{world.referral.pk}/decide",
        {"decision": "returned", "reason": "ลองอีกครั้ง"},
        as_="lao",
    )
    assert again.status_code == 409
    assert again.json()["message_th"] == "รายการนี้ 'ส่งคืน' แล้ว เปลี่ยนเป็น 'ส่งคืน' ไม่ได้"
    assert Referral.objects.get(pk=world.referral.pk).reason == "ซ้ำกับโครงการที่มีอยู่"


def test_sending_the_same_project_to_the_same_target_twice_is_refused(world, api):
    response = api.post(
        f"/projects/{world.need.pk}/referrals",
        {"target": f"lao:{world.people['lao_code']}"},
        as_="village",
    )
    assert response.status_code == 400
    assert response.json()["details"] == {"referral_id": world.referral.pk}
    assert Referral.objects.filter(project=world.need).count() == 1
