"""The API names one place of a grouped project: an agency's decision and a funding request
may carry ``component_id`` (issue 12); the other village's need is not funded."""

import pytest

from planlink.accounts.models import Role
from planlink.accounts.tokens import token_create
from planlink.areas.models import Agency
from planlink.consolidation.merge import accept_pending
from planlink.referrals.lineage import outcomes_for
from planlink.referrals.services import referral_send, to_agency
from tests.api.conftest import Api
from tests.consolidation.components_world import consolidate, roads_of_two_villages
from tests.factories import FISCAL_YEAR, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def grouped(reference_data, client):
    needs = roads_of_two_villages()
    plan = consolidate()
    accept_pending(plan)
    road = plan.projects.get(issue__code="INFRA")
    referral = referral_send(
        project=road, target=to_agency(Agency.objects.get(code="RID")), actor=None
    )
    people = {
        "agency": assign(Role.AGENCY_OFFICER, agency="RID"),
        "tambon": assign(Role.TAMBON_OFFICER, area="240101"),
    }
    tokens = {name: token_create(user=user, name="ทดสอบ")[1] for name, user in people.items()}
    return needs, road, referral, Api(client, tokens)


def test_the_agency_funds_one_village_by_its_component(grouped):
    needs, road, referral, api = grouped
    village7 = road.components.get(key="24010107")
    response = api.post(
        f"/referrals/{referral.pk}/decide",
        {
            "decision": "funded",
            "amount": "500000",
            "fiscal_year": FISCAL_YEAR,
            "component_id": village7.pk,
        },
        as_="agency",
    )
    assert response.status_code == 200, response.content
    assert response.json()["component_id"] == village7.pk
    fates = outcomes_for([needs["m3"].pk, needs["m7"].pk])
    assert fates == {needs["m3"].pk: "in_progress", needs["m7"].pk: "funded"}
    trace = api.get(f"/projects/{road.pk}/trace", as_="tambon").json()
    assert {c["key"]: c["outcome"]["status"] for c in trace["components"]} == {
        "24010103": "not_sent",
        "24010107": "funded",
    }


def test_a_component_of_another_project_is_refused_and_nothing_is_written(grouped):
    needs, _, referral, api = grouped
    response = api.post(
        f"/referrals/{referral.pk}/decide",
        {"decision": "funded", "amount": "1", "fiscal_year": FISCAL_YEAR, "component_id": 999999},
        as_="agency",
    )
    assert response.status_code == 400
    assert "องค์ประกอบ" in response.json()["message_th"]
    referral.refresh_from_db()
    assert referral.decision == "pending"


def test_the_tambon_requests_funding_for_one_place(grouped):
    needs, road, _, api = grouped
    village3 = road.components.get(key="24010103")
    response = api.post(
        "/funding-requests",
        {
            "project_id": road.pk,
            "source": "agency",
            "source_agency": "RID",
            "fiscal_year": FISCAL_YEAR,
            "requested": "1000000",
            "component_id": village3.pk,
        },
        as_="tambon",
    )
    assert response.status_code == 201, response.content
    assert response.json()["component_id"] == village3.pk
