"""``POST /projects/{id}/referrals``: receivers are named as in the web form; a wrong target
is refused in Thai and English and writes nothing (issue 11)."""

from __future__ import annotations

import pytest

from planlink.plans.models import Plan, PlanKind
from planlink.referrals.models import Referral
from tests.api.conftest import snapshot
from tests.factories import area_plan

pytestmark = pytest.mark.django_db


def _send(api, world, target: str, as_: str = "village"):
    return api.post(
        f"/projects/{world.need.pk}/referrals", {"target": target, "reason": "เสนอตามแผน"}, as_=as_
    )


def test_the_tambon_plan_by_name(world, api):
    response = _send(api, world, "tambon:240101")
    assert response.status_code == 201
    assert response.json()["to_plan_id"] == world.tambon_plan.pk
    assert response.json()["target_key"] == f"plan:{world.tambon_plan.pk}"


def test_the_v1_plan_id_form_is_still_accepted_for_a_route(world, api):
    response = _send(api, world, f"plan:{world.tambon_plan.pk}")
    assert response.status_code == 201


@pytest.mark.parametrize(
    "target",
    ["agency:RID", "district_needs:2401", "provincial_development:24", "tambon:240102"],
)
def test_a_receiver_off_the_route_is_refused_and_nothing_is_written(world, api, target):
    before = snapshot()
    plans = Plan.objects.count()
    response = _send(api, world, target)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["message_th"].startswith(
        f"ส่งโครงการของแผนชุมชน/แผนพัฒนาหมู่บ้านไปยัง '{target}' ไม่ได้ — ส่งได้ถึง: "
    )
    assert body["message_en"].startswith(f"projects of a village plan cannot go to '{target}'")
    assert "tambon:240101" in body["details"]["allowed"]
    assert snapshot() == before
    assert Plan.objects.count() == plans


def test_a_plan_id_that_is_not_a_route_looks_the_same_whether_or_not_it_exists(world, api):
    hidden = area_plan(PlanKind.TAMBON, "500101")
    answers = [_send(api, world, f"plan:{plan_id}").json() for plan_id in (hidden.pk, 987654)]
    assert answers[0]["message_en"].replace(str(hidden.pk), "N") == answers[1][
        "message_en"
    ].replace("987654", "N")
    assert not Referral.objects.filter(to_plan=hidden).exists()


def test_an_unknown_name_says_which_forms_exist(world, api):
    body = _send(api, world, "needs:2401").json()
    assert body["message_th"] == "ไม่รู้จักปลายทาง 'needs:2401'"
    assert "district_needs:<district>" in body["message_en"]
