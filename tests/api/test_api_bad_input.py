"""Bad input is refused with a specific Thai and English message and changes nothing.

Wrong state transitions, a second open funding request, a project outside the
plan owner's area, an unknown issue code, negative or non-numeric budgets and
over-long text (issue 3, acceptance).
"""

import pytest

from tests.api.conftest import snapshot

pytestmark = pytest.mark.django_db

NEW_PROJECT = {"title": "ก่อสร้างลานกีฬาหมู่บ้าน", "issue_code": "SOCIAL", "budget": "80000"}


def project_with(**changes):
    return {**NEW_PROJECT, **changes}


# (name, method, path template, body, persona, status, code, message_th)
CASES = [
    (
        "submitting a plan that is already submitted",
        "POST",
        "/plans/{theirs}/submit",
        None,
        "other_village",
        409,
        "invalid_state",
        "เปลี่ยนสถานะแผนจาก 'ส่งแล้ว' เป็น 'ส่งแล้ว' ไม่ได้",
    ),
    (
        "accepting a draft plan",
        "POST",
        "/plans/{mine}/accept",
        None,
        "tambon",
        409,
        "invalid_state",
        "เปลี่ยนสถานะแผนจาก 'ร่าง' เป็น 'รับแล้ว' ไม่ได้",
    ),
    (
        "returning a plan without a reason",
        "POST",
        "/plans/{theirs}/return",
        {"reason": "   "},
        "tambon",
        400,
        "invalid",
        "ต้องระบุเหตุผลที่ส่งคืน",
    ),
    (
        "a project located outside the plan owner's village",
        "POST",
        "/plans/{mine}/projects",
        project_with(area_codes=["24010102"]),
        "village",
        400,
        "invalid",
        "บ้านท่าไข่ อยู่นอกพื้นที่ของเจ้าของแผน",
    ),
    (
        "an area code that does not exist",
        "POST",
        "/plans/{mine}/projects",
        project_with(area_codes=["24019999"]),
        "village",
        400,
        "invalid",
        "ไม่พบพื้นที่รหัส 24019999",
    ),
    (
        "an issue code outside the provincial frame",
        "POST",
        "/plans/{mine}/projects",
        project_with(issue_code="TOURISM"),
        "village",
        400,
        "invalid",
        "ไม่พบประเด็นรหัส 'TOURISM' ในกรอบของจังหวัด",
    ),
    (
        "a negative budget as text",
        "POST",
        "/plans/{mine}/projects",
        project_with(budget="-5000"),
        "village",
        400,
        "invalid",
        "งบประมาณต้องไม่ติดลบ",
    ),
    (
        "a negative budget as a number",
        "POST",
        "/plans/{mine}/projects",
        project_with(budget=-1),
        "village",
        400,
        "invalid",
        "งบประมาณต้องไม่ติดลบ",
    ),
    (
        "a budget in words",
        "POST",
        "/plans/{mine}/projects",
        project_with(budget="ห้าหมื่นบาท"),
        "village",
        400,
        "invalid",
        "งบประมาณต้องเป็นตัวเลข",
    ),
    (
        "a title longer than 300 characters",
        "POST",
        "/plans/{mine}/projects",
        project_with(title="ก" * 301),
        "village",
        400,
        "invalid",
        "ชื่อโครงการยาวเกิน 300 ตัวอักษร",
    ),
    (
        "a rationale longer than 5,000 characters",
        "POST",
        "/plans/{mine}/projects",
        project_with(rationale="น้ำไม่พอใช้ " * 500),
        "village",
        400,
        "invalid",
        "ปัญหาและเหตุผลยาวเกิน 5,000 ตัวอักษร",
    ),
    (
        "a negative budget in an edit",
        "PATCH",
        "/projects/{need}",
        {"version": 1, "budget": "-1.00"},
        "village",
        400,
        "invalid",
        "งบประมาณต้องไม่ติดลบ",
    ),
    (
        "an edit of a project in a submitted plan",
        "PATCH",
        "/projects/{their_need}",
        {"version": 1, "title": "ขุดลอกคลองส่งน้ำสายใหม่"},
        "other_village",
        409,
        "invalid_state",
        "แผนอยู่ในสถานะ 'ส่งแล้ว' แก้ไขไม่ได้",
    ),
    (
        "deleting a project that was sent on",
        "DELETE",
        "/projects/{need}",
        None,
        "village",
        409,
        "invalid_state",
        "โครงการมีการส่งต่อแล้ว ลบไม่ได้",
    ),
    (
        "sending to a target that does not exist",
        "POST",
        "/projects/{need}/referrals",
        {"target": "agency:NOPE"},
        "village",
        400,
        "invalid",
        "ไม่รู้จักปลายทาง 'agency:NOPE'",
    ),
    (
        "returning a referral without a reason",
        "POST",
        "/referrals/{referral}/decide",
        {"decision": "returned"},
        "lao",
        400,
        "invalid",
        "ต้องระบุเหตุผล",
    ),
    (
        "funding a referral without an amount",
        "POST",
        "/referrals/{referral}/decide",
        {"decision": "funded", "fiscal_year": 2570},
        "lao",
        400,
        "invalid",
        "ต้องระบุจำนวนเงิน",
    ),
    (
        "rejecting a funding request without a reason",
        "POST",
        "/funding-requests/{funding}/decide",
        {"status": "rejected"},
        "agency",
        400,
        "invalid",
        "ต้องระบุเหตุผลที่ไม่อนุมัติ",
    ),
    (
        "a negative funding request",
        "POST",
        "/funding-requests",
        {
            "project_id": "{need}",
            "source": "agency",
            "source_agency": "DRR",
            "fiscal_year": 2571,
            "requested": "-100",
        },
        "village",
        400,
        "invalid",
        "จำนวนเงินที่ขอต้องไม่ติดลบ",
    ),
    (
        "a plan with two owners",
        "POST",
        "/plans",
        {"kind": "village", "cycle": 2570, "owner_area": "24010101", "owner_agency": "RID"},
        "administrator",
        400,
        "invalid",
        "ระบุเจ้าของแผนหนึ่งหน่วย (owner_area, owner_lao, owner_agency หรือ owner_cluster)",
    ),
    (
        "a strategy without a name",
        "POST",
        "/strategies",
        {"province": "24", "cycle": 2570, "number": 7, "name_th": "  "},
        "province",
        400,
        "invalid",
        "ต้องระบุชื่อยุทธศาสตร์",
    ),
    (
        "a milestone that ends before it starts",
        "PATCH",
        "/cycles/2570/milestones/tambon_plan",
        {"start": "2025-04-30", "deadline": "2025-03-01"},
        "administrator",
        400,
        "invalid",
        "วันเริ่มต้องไม่หลังวันครบกำหนด",
    ),
]


def fill(value, world):
    ids = {
        "mine": world.mine.pk,
        "theirs": world.theirs.pk,
        "need": world.need.pk,
        "their_need": world.their_need.pk,
        "referral": world.referral.pk,
        "funding": world.funding.pk,
    }
    if isinstance(value, str):
        if value.startswith("{") and value.endswith("}") and value[1:-1] in ids:
            return ids[value[1:-1]]
        return value.format(**ids) if "{" in value else value
    if isinstance(value, dict):
        return {key: fill(item, world) for key, item in value.items()}
    return value


@pytest.mark.parametrize(
    ("method", "path", "body", "persona", "status", "code", "message_th"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_bad_input_is_refused_with_a_specific_message_and_changes_nothing(
    world, api, method, path, body, persona, status, code, message_th
):
    before = snapshot()
    response = api.call(method, fill(path, world), as_=persona, body=fill(body, world) or {})
    assert response.status_code == status, response.content.decode()
    assert response.json()["code"] == code
    assert response.json()["message_th"] == message_th
    assert response.json()["message_en"]
    assert snapshot() == before


def test_a_second_open_funding_request_names_the_first_and_changes_nothing(world, api):
    before = snapshot()
    response = api.post(
        "/funding-requests",
        {
            "project_id": world.need.pk,
            "source": "lao",
            "source_lao": world.people["lao_code"],
            "fiscal_year": 2570,
            "requested": "250000",
        },
        as_="village",
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message_th": (
            f"โครงการนี้ขอรับงบประมาณปี 2570 จากกรมชลประทาน ไว้แล้ว "
            f"(คำขอเลขที่ {world.funding.pk}) ขอซ้ำจากแหล่งอื่นไม่ได้"
        ),
        "message_en": (f"this project already has request {world.funding.pk} for FY2570 from RID"),
        "details": {"first_request_id": world.funding.pk},
    }
    assert snapshot() == before


def test_a_missing_title_is_a_schema_error_naming_the_field(world, api):
    before = snapshot()
    response = api.post(f"/plans/{world.mine.pk}/projects", {"budget": "1000"}, as_="village")
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert body["message_th"] == "ข้อมูลที่ส่งมาไม่ถูกต้องตามรูปแบบ"
    assert [error["loc"] for error in body["details"]["errors"]] == [["body", "body", "title"]]
    assert snapshot() == before


def test_an_unknown_decision_is_a_schema_error(world, api):
    before = snapshot()
    response = api.post(
        f"/referrals/{world.referral.pk}/decide", {"decision": "approved"}, as_="lao"
    )
    assert response.status_code == 422
    assert response.json()["details"]["errors"][0]["loc"] == ["body", "body", "decision"]
    assert snapshot() == before


def test_a_body_that_is_not_json_is_refused(world, api):
    before = snapshot()
    response = api.client.post(
        f"/api/v1/plans/{world.mine.pk}/projects",
        data="title=ถนน",
        content_type="application/json",
        headers={"Authorization": f"Bearer {world.tokens['village']}"},
    )
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_input",
        "message_th": "อ่านข้อมูลที่ส่งมาไม่ได้ (ต้องเป็น JSON ที่ถูกต้อง)",
        "message_en": "Cannot parse request body",
    }
    assert snapshot() == before


def test_an_over_long_referral_reason_is_refused_not_cut(world, api):
    before = snapshot()
    response = api.post(
        f"/projects/{world.need.pk}/referrals",
        {"target": "agency:DRR", "reason": "เกินศักยภาพ" * 200},
        as_="village",
    )
    assert response.status_code == 422
    assert response.json()["details"]["errors"][0]["loc"] == ["body", "body", "reason"]
    assert snapshot() == before
