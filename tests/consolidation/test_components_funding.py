"""Funding one village's road funds that village only: the other village's need, grouped in the
same project, must not read "funded" — on the lineage, the bulk fates and the public tracker
(issue 12). Funding the whole project funds every place."""

from decimal import Decimal

import pytest

from planlink.areas.models import Agency
from planlink.consolidation.merge import accept_pending
from planlink.consolidation.sending import copy_projects_into
from planlink.core.errors import DomainError
from planlink.plans.models import PlanKind, Project
from planlink.referrals.lineage import outcomes_for, trace
from planlink.referrals.models import FundingSource, FundingStatus
from planlink.referrals.services import (
    funding_request_create,
    funding_request_decide,
    referral_decide,
    referral_send,
    to_agency,
    to_plan,
)
from tests.consolidation.components_world import consolidate, roads_of_two_villages
from tests.factories import FISCAL_YEAR, area_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def road(reference_data):
    needs = roads_of_two_villages()
    plan = consolidate()
    accept_pending(plan)
    project = plan.projects.get(issue__code="INFRA")
    village3, village7 = project.components.order_by("order")
    return needs, project, village3, village7


def _agency_funds(project, *, component=None, amount="500000"):
    referral = referral_send(
        project=project, target=to_agency(Agency.objects.get(code="DLA")), actor=None
    )
    return referral_decide(
        referral=referral,
        actor=None,
        decision="funded",
        amount=amount,
        fiscal_year=FISCAL_YEAR,
        component=component,
    )


def test_funding_one_component_leaves_the_other_village_unfunded(road):
    needs, project, _, village7 = road
    _agency_funds(project, component=village7)
    fates = outcomes_for([needs["m3"].pk, needs["m3_again"].pk, needs["m7"].pk])
    assert fates == {
        needs["m3"].pk: "in_progress",
        needs["m3_again"].pk: "in_progress",
        needs["m7"].pk: "funded",
    }
    assert trace(needs["m3"])["outcome"]["status"] == "in_progress"
    funded = trace(needs["m7"])["outcome"]
    assert (funded["status"], funded["amount"]) == ("funded", "500000.00")
    # Each need's path shows its own place's decisions, not the other village's funding.
    decisions_of = {
        name: [edge["decision"] for edge in trace(needs[name])["referrals"]]
        for name in ("m3", "m7")
    }
    assert decisions_of == {"m3": ["merged"], "m7": ["merged", "funded"]}


def test_the_grouped_project_shows_each_place_with_its_own_outcome(road):
    _, project, _, village7 = road
    _agency_funds(project, component=village7)
    places = {c["key"]: c["outcome"]["status"] for c in trace(project)["components"]}
    # Only หมู่ 7's place was sent on (and funded); หมู่ 3's place has not been sent yet.
    assert places == {"24010103": "not_sent", "24010107": "funded"}


def test_funding_the_whole_project_funds_every_village(road):
    needs, project, _, _ = road
    _agency_funds(project, amount="1500000")
    fates = outcomes_for([needs["m3"].pk, needs["m7"].pk])
    assert set(fates.values()) == {"funded"}


def test_the_public_tracker_shows_only_the_funded_village_as_funded(road, client):
    needs, project, _, village7 = road
    _agency_funds(project, component=village7)
    response = client.get(f"/tracker/240101/?cycle={FISCAL_YEAR}")
    assert response.status_code == 200
    fates = {row.pk: row.status for row in response.context["story"].needs}
    assert fates[needs["m7"].pk] == "funded"
    assert fates[needs["m3"].pk] != "funded"
    page = client.get(f"/tracker/needs/{needs['m3'].pk}/")
    assert page.status_code == 200
    assert page.context["path"]["outcome"]["status"] == "in_progress"


def test_an_approved_request_for_one_place_funds_that_place_only(road):
    needs, project, village3, village7 = road
    request = funding_request_create(
        project=project,
        actor=None,
        source=FundingSource.LAO,
        fiscal_year=FISCAL_YEAR,
        requested=Decimal("1000000"),
        component=village3,
    )
    funding_request_decide(
        request=request, actor=None, status=FundingStatus.APPROVED, approved="950000"
    )
    fates = outcomes_for([needs["m3"].pk, needs["m3_again"].pk, needs["m7"].pk])
    assert fates[needs["m3"].pk] == fates[needs["m3_again"].pk] == "funded"
    assert fates[needs["m7"].pk] != "funded"
    # Each place may be requested on its own, never together with the whole project.
    funding_request_create(
        project=project,
        actor=None,
        source=FundingSource.AGENCY,
        fiscal_year=FISCAL_YEAR,
        requested=Decimal("500000"),
        component=village7,
    )
    with pytest.raises(DomainError):
        funding_request_create(
            project=project,
            actor=None,
            source=FundingSource.PAO,
            fiscal_year=FISCAL_YEAR,
            requested=Decimal("1500000"),
        )


def test_a_component_of_another_project_is_refused(road, reference_data):
    needs, project, village3, _ = road
    referral = referral_send(
        project=needs["school"], target=to_agency(Agency.objects.get(code="DLA")), actor=None
    )
    with pytest.raises(DomainError):
        referral_decide(
            referral=referral,
            actor=None,
            decision="funded",
            amount="1",
            fiscal_year=FISCAL_YEAR,
            component=village3,
        )


def test_a_copy_sent_on_keeps_the_places_and_funding_one_follows_its_village(road):
    needs, project, _, _ = road
    action_plan = area_plan(PlanKind.DISTRICT_ACTION, "2401")
    copy_id = copy_projects_into([(project.pk, action_plan.pk)])[(project.pk, action_plan.pk)]
    copy = Project.objects.get(pk=copy_id)
    assert list(copy.components.values_list("key", "budget")) == [
        ("24010103", Decimal("1000000.00")),
        ("24010107", Decimal("500000.00")),
    ]
    referral = referral_send(project=project, target=to_plan(action_plan), actor=None)
    referral_decide(referral=referral, actor=None, decision="included", result_project=copy)
    request = funding_request_create(
        project=copy,
        actor=None,
        source=FundingSource.PROVINCE,
        fiscal_year=FISCAL_YEAR,
        requested=Decimal("500000"),
        component=copy.components.get(key="24010107"),
    )
    funding_request_decide(
        request=request, actor=None, status=FundingStatus.APPROVED, approved="500000"
    )
    fates = outcomes_for([needs["m3"].pk, needs["m7"].pk])
    assert fates == {needs["m3"].pk: "in_progress", needs["m7"].pk: "funded"}
