"""ส่งต่อโครงการ on the web: the same receiver names and the same rule as the API (issue 11)."""

from __future__ import annotations

import pytest

from planlink.plans.models import Plan, PlanKind
from planlink.referrals.models import Referral
from planlink.referrals.routing import send_choices
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def tambon(people):
    plan = area_plan(PlanKind.TAMBON, "240101")
    beyond = make_project(plan, "ก่อสร้างฝายชะลอน้ำขนาดใหญ่", capacity_level="agency")
    within = make_project(plan, "ซ่อมถนนลูกรังในหมู่บ้าน", capacity_level="lao")
    return plan, beyond, within


def _post(client, plan, projects, target):
    return client.post(
        f"/plans/{plan.pk}/send/",
        {"projects": [project.pk for project in projects], "target": target},
        follow=True,
    )


def test_the_form_offers_the_api_names(tambon):
    plan, _, _ = tambon
    names = [name for name, _ in send_choices(plan)]
    assert names[-1] == "district_needs:2401"
    assert all(name.startswith("lao:") for name in names[:-1])


def test_the_tambon_sends_beyond_lao_capacity_to_the_district(people, signed_in, tambon):
    plan, beyond, _ = tambon
    response = _post(signed_in(people["tambon"]), plan, [beyond], "district_needs:2401")
    assert "ส่งต่อแล้ว 1 โครงการ" in response.content.decode()
    referral = Referral.objects.get(project=beyond)
    assert referral.to_plan.kind == PlanKind.DISTRICT_NEEDS
    assert referral.to_plan.owner_area_id == "2401"


def test_a_refused_project_refuses_the_whole_send_and_writes_nothing(people, signed_in, tambon):
    plan, beyond, within = tambon
    response = _post(signed_in(people["tambon"]), plan, [beyond, within], "district_needs:2401")
    page = response.content.decode()
    assert "ซ่อมถนนลูกรังในหมู่บ้าน" in page
    assert "ศักยภาพระดับอปท." in page
    assert not Referral.objects.exists()
    assert not Plan.objects.filter(kind=PlanKind.DISTRICT_NEEDS).exists()


def test_a_receiver_not_on_the_route_is_not_offered(people, signed_in, tambon):
    plan, beyond, _ = tambon
    response = _post(signed_in(people["tambon"]), plan, [beyond], "agency:RID")
    assert "โปรดเลือกโครงการและผู้รับ" in response.content.decode()
    assert not Referral.objects.exists()


def test_someone_who_does_not_own_the_plan_cannot_send(people, signed_in, tambon):
    plan, beyond, _ = tambon
    for persona in ("village", "district", "outsider"):
        response = _post(signed_in(people[persona]), plan, [beyond], "district_needs:2401")
        assert response.status_code in (403, 404), persona
    assert not Referral.objects.exists()
