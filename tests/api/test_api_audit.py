"""``/audit``: one object's history for its owners and auditors; the whole trail for auditors."""

import pytest

pytestmark = pytest.mark.django_db


def actions(response) -> list[str]:
    assert response.status_code == 200, response.content.decode()
    return [entry["action"] for entry in response.json()["items"]]


def test_the_owner_reads_its_plan_history_newest_first(world, api):
    api.post(f"/plans/{world.mine.pk}/submit", as_="village")
    history = api.get(f"/audit?object_type=plans.plan&object_id={world.mine.pk}", as_="village")
    assert actions(history) == ["plan.submitted", "plan.create"]
    assert history.json()["items"][0]["actor"] == "village1"


def test_the_receiver_reads_the_history_of_a_referral(world, api):
    api.post(
        f"/referrals/{world.referral.pk}/decide",
        {"decision": "returned", "reason": "ซ้ำซ้อน"},
        as_="lao",
    )
    path = f"/audit?object_type=referrals.referral&object_id={world.referral.pk}"
    assert actions(api.get(path, as_="lao")) == ["referral.returned", "referral.send"]


def test_an_unknown_object_type_is_404(world, api):
    response = api.get("/audit?object_type=auth.user&object_id=1", as_="auditor")
    assert response.status_code == 404


def test_object_type_without_object_id_is_refused(world, api):
    response = api.get("/audit?object_type=plans.plan", as_="auditor")
    assert response.status_code == 400
    assert response.json()["message_th"] == "ระบุ object_type และ object_id คู่กัน"


def test_the_whole_trail_filters_by_action(world, api):
    api.post(f"/plans/{world.mine.pk}/submit", as_="village")
    listed = api.get("/audit?action=plan.submitted", as_="auditor")
    assert actions(listed) == ["plan.submitted", "plan.submitted"]
    assert [(e["object_id"], e["actor"]) for e in listed.json()["items"]] == [
        (str(world.mine.pk), "village1"),
        (str(world.theirs.pk), "ระบบ (system)"),
    ]


def test_an_auditor_of_one_province_reads_only_that_province(world, api):
    from planlink.accounts.models import Role
    from planlink.accounts.tokens import token_create
    from tests.factories import assign

    api.tokens["chiang_mai_auditor"] = token_create(user=assign(Role.AUDITOR, area="50"))[1]
    listed = api.get("/audit?action=plan.create", as_="chiang_mai_auditor").json()
    assert [entry["object_id"] for entry in listed["items"]] == [str(world.elsewhere.pk)]
    hidden = api.get(
        f"/audit?object_type=plans.plan&object_id={world.mine.pk}", as_="chiang_mai_auditor"
    )
    assert hidden.status_code == 404


def test_the_whole_trail_filters_like_the_auditors_screen(world, api):
    """area, person and dates: the selector /audit/ uses (planlink.audit.selectors)."""
    import datetime as dt

    from django.utils import timezone

    api.post(f"/plans/{world.mine.pk}/submit", as_="village")
    in_chiang_mai = api.get("/audit?action=plan.create&area=50", as_="auditor")
    assert [e["object_id"] for e in in_chiang_mai.json()["items"]] == [str(world.elsewhere.pk)]
    by_village = api.get("/audit?person=village1", as_="auditor")
    assert "plan.submitted" in actions(by_village)
    assert {e["actor"] for e in by_village.json()["items"]} == {"village1"}
    today = timezone.localdate()
    assert "plan.submitted" in actions(
        api.get(f"/audit?person=village1&date_from={today}&date_to={today}", as_="auditor")
    )
    tomorrow = today + dt.timedelta(days=1)
    assert actions(api.get(f"/audit?date_from={tomorrow}", as_="auditor")) == []
    backwards = api.get(f"/audit?date_from={tomorrow}&date_to={today}", as_="auditor")
    assert backwards.status_code == 400
    assert backwards.json()["message_th"] == "วันเริ่มต้องไม่หลังวันสิ้นสุด"
    assert api.get("/audit?area=ฉะเชิงเทรา", as_="auditor").status_code in (400, 422)
