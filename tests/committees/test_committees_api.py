import pytest

from planlink.committees.models import Committee, CommitteeKind
from planlink.plans.models import PlanKind
from tests.committees.api_client import CommitteesApi
from tests.committees.builders import CYCLE_2568, appoint, snapshot
from tests.factories import area_plan, cycle

pytestmark = pytest.mark.django_db

KBT = {
    "kind": "tambon_integration",
    "area_code": "240101",
    "order_number": "12/2566",
    "order_date": "2023-01-16",
}


@pytest.fixture
def api(people, client):
    return CommitteesApi(client, people)


def test_a_tambon_officer_records_the_kbt_through_the_api(api):
    response = api.post("", KBT, as_="tambon")
    assert response.status_code == 201, response.content
    body = response.json()
    assert {key: body[key] for key in ("kind", "kind_th", "area_code", "area_name_th")} == {
        "kind": "tambon_integration",
        "kind_th": "คณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.)",
        "area_code": "240101",
        "area_name_th": "ตำบลหน้าเมือง",
    }
    assert (body["order_date"], body["order_date_th"], body["synthetic"]) == (
        "2023-01-16",
        "16 มกราคม 2566",
        False,
    )
    assert body["orders"] == [{"kind": "appoint", "number": "12/2566", "date": "2023-01-16"}]
    assert body["members"] == []


def test_a_refused_or_invalid_create_answers_with_the_error_body_and_writes_nothing(api):
    before = snapshot()
    forbidden = api.post("", KBT, as_="province")
    assert (forbidden.status_code, forbidden.json()["code"]) == (403, "forbidden")
    wrong_level = api.post("", {**KBT, "area_code": "2401"}, as_="tambon")
    assert wrong_level.status_code == 400
    assert wrong_level.json()["message_th"] == (
        "คณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) ต้องเป็นของพื้นที่ระดับตำบล/แขวง"
    )
    no_area = api.post("", {**KBT, "area_code": "249999"}, as_="tambon")
    assert (no_area.status_code, no_area.json()["code"]) == (404, "not_found")
    malformed = api.post("", {**KBT, "order_date": "16 ม.ค. 66"}, as_="tambon")
    assert (malformed.status_code, malformed.json()["code"]) == (422, "invalid_input")
    anonymous = api.post("", KBT, as_="anonymous")
    assert anonymous.status_code == 401
    assert snapshot() == before


def test_committees_are_listed_within_what_the_caller_reads(api, people):
    appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101")
    appoint(people["tambon"], CommitteeKind.TAMBON_CENTRE, "240101")
    appoint(people["district"], CommitteeKind.DISTRICT_BOARD, "2401")
    appoint(people["other_village"], CommitteeKind.VILLAGE_COMMITTEE, "24010102")
    listed = api.get("?scope=2401", as_="district").json()
    assert listed["count"] == 4
    assert [row["area_code"] for row in listed["items"]] == ["2401", "240101", "240101", "24010102"]
    only_kbt = api.get("?scope=24&kind=tambon_integration", as_="province").json()
    assert [(row["kind"], row["member_count"]) for row in only_kbt["items"]] == [
        ("tambon_integration", 0)
    ]
    village_view = api.get("", as_="village").json()
    assert sorted(row["area_code"] for row in village_view["items"]) == [
        "2401",
        "240101",
        "240101",
    ]
    assert api.get("", as_="outsider").json() == {"items": [], "count": 0}


def test_reading_updating_and_hiding_one_committee(api, people):
    kbt = appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101")
    assert api.get(f"/{kbt.pk}", as_="village").json()["name_th"] == kbt.name_th
    hidden = api.get(f"/{kbt.pk}", as_="outsider")
    missing = api.get("/987654", as_="outsider")
    assert (hidden.status_code, hidden.json()) == (missing.status_code, missing.json())
    before = snapshot()
    refused = api.patch(f"/{kbt.pk}", {"order_number": "5/2567"}, as_="village")
    assert (refused.status_code, refused.json()["code"]) == (403, "forbidden")
    assert snapshot() == before
    updated = api.patch(
        f"/{kbt.pk}", {"order_number": "5/2567", "order_date": "2023-11-02"}, as_="tambon"
    ).json()
    assert [order["number"] for order in updated["orders"]] == ["12/2566", "5/2567"]
    assert updated["order_date_th"] == "2 พฤศจิกายน 2566"


def test_members_are_added_listed_and_removed(api, people):
    kbt = appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101")
    added = api.post(
        f"/{kbt.pk}/members",
        {"full_name": "นายสมชาย ใจดี", "position": "chair", "organisation": "กำนันตำบลหน้าเมือง"},
        as_="tambon",
    )
    assert added.status_code == 201
    assert added.json()["position_th"] == "ประธาน"
    second_chair = api.post(
        f"/{kbt.pk}/members", {"full_name": "นายวิชัย รักถิ่น", "position": "chair"}, as_="tambon"
    )
    assert second_chair.json()["message_th"] == "คณะกรรมการนี้มีประธานอยู่แล้ว"
    assert [m["full_name"] for m in api.get(f"/{kbt.pk}/members", as_="district").json()] == [
        "นายสมชาย ใจดี"
    ]
    member_id = added.json()["id"]
    assert api.delete(f"/members/{member_id}", as_="province").status_code == 403
    assert api.delete(f"/members/{member_id}", as_="outsider").status_code == 404
    removed = api.delete(f"/members/{member_id}", as_="tambon")
    assert removed.json()["message_th"] == "ลบกรรมการแล้ว"
    assert kbt.members.count() == 0


def test_meetings_are_recorded_against_a_visible_plan_and_listed(api, people):
    kbt = appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101")
    plan = area_plan(PlanKind.TAMBON, "240101", CYCLE_2568)
    elsewhere = area_plan(PlanKind.TAMBON, "500101", CYCLE_2568)
    meeting = {"held_on": "2023-03-08", "purpose": "make_plan", "attendance": 23}
    created = api.post(f"/{kbt.pk}/meetings", {**meeting, "plan_id": plan.pk}, as_="tambon")
    assert created.status_code == 201
    assert (created.json()["purpose_th"], created.json()["held_on_th"]) == (
        "ประชุมจัดทำแผน",
        "8 มีนาคม 2566",
    )
    before = snapshot()
    hidden_plan = api.post(
        f"/{kbt.pk}/meetings", {**meeting, "plan_id": elsewhere.pk}, as_="tambon"
    )
    assert hidden_plan.status_code == 404
    negative = api.post(f"/{kbt.pk}/meetings", {**meeting, "attendance": -2}, as_="tambon")
    assert negative.json()["message_th"] == "จำนวนผู้เข้าประชุมต้องไม่ติดลบ"
    assert snapshot() == before
    corrected = api.patch(
        f"/meetings/{created.json()['id']}", {"attendance": 25, "plan_id": None}, as_="tambon"
    ).json()
    assert (corrected["attendance"], corrected["plan_id"]) == (25, None)
    listed = api.get("/meetings?scope=24&purpose=make_plan", as_="province").json()
    assert [row["attendance"] for row in listed["items"]] == [25]
    assert api.get("/meetings", as_="outsider").json()["count"] == 0


def test_forums_are_recorded_by_the_village_and_read_with_its_plan(api, people):
    plan = area_plan(PlanKind.VILLAGE, "24010101", CYCLE_2568)
    forum = {
        "plan_id": plan.pk,
        "held_on": "2023-01-21",
        "participants": 86,
        "households": 64,
        "facilitator": "นางสาวมาลี ศรีสุข",
    }
    before = snapshot()
    assert api.post("/forums", forum, as_="other_village").status_code == 404
    assert api.post("/forums", forum, as_="tambon").status_code == 403
    too_many = api.post("/forums", {**forum, "households": 87}, as_="village")
    assert too_many.status_code == 400
    assert snapshot() == before
    created = api.post("/forums", forum, as_="village")
    assert created.status_code == 201
    body = created.json()
    assert (body["village_code"], body["village_name_th"], body["synthetic"]) == (
        "24010101",
        "บ้านหน้าเมือง",
        True,
    )
    listed = api.get(f"/forums?plan={plan.pk}", as_="district").json()
    assert [row["households"] for row in listed["items"]] == [64]
    assert api.get("/forums", as_="other_village").json()["count"] == 0
    patched = api.patch(f"/forums/{body['id']}", {"participants": 90}, as_="village").json()
    assert patched["participants"] == 90


def test_the_performance_report_is_served_to_the_district_and_hidden_from_others(api, people):
    cycle(CYCLE_2568)
    appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101")
    response = api.get(
        f"/performance?district=2401&cycle={CYCLE_2568}&targets=240101,240102", as_="district"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["target_count"], body["counts"]["appointed"], body["tambons"]["appointed"]) == (
        2,
        1,
        ["240101"],
    )
    assert (body["reporting_year_start"], body["reporting_year_end"], body["deadline"]) == (
        "2022-10-01",
        "2023-09-30",
        "2023-04-30",
    )
    assert body["labels_th"]["appointed"].startswith("มีการแต่งตั้งหรือปรับปรุงกลไก")
    assert (
        api.get(f"/performance?district=2401&cycle={CYCLE_2568}", as_="village").status_code == 404
    )
    assert api.get("/performance?district=2401&cycle=2599", as_="district").status_code == 404
    foreign = api.get(
        f"/performance?district=2401&cycle={CYCLE_2568}&targets=500101", as_="province"
    )
    assert foreign.json()["message_th"] == "ตำบล 500101 ไม่อยู่ในอำเภอเมืองฉะเชิงเทรา"
    assert Committee.objects.count() == 1
