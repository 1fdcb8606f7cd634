"""A component named by a decision or a funding request cannot be deleted on its own; it goes
with its project (issue 12)."""

from decimal import Decimal

import pytest
from django.db.models import RestrictedError

from planlink.consolidation.merge import accept_pending
from planlink.plans.models import ProjectComponent
from planlink.referrals.models import FundingRequest
from planlink.referrals.services import funding_request_create
from tests.consolidation.components_world import consolidate, roads_of_two_villages
from tests.factories import FISCAL_YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def requested(reference_data):
    roads_of_two_villages()
    plan = consolidate()
    accept_pending(plan)
    road = plan.projects.get(issue__code="INFRA")
    village3 = road.components.get(key="24010103")
    funding_request_create(
        project=road,
        actor=None,
        source="province",
        fiscal_year=FISCAL_YEAR,
        requested=Decimal("1000000"),
        component=village3,
    )
    return road, village3


def test_a_named_component_is_not_deleted_alone(requested):
    _, village3 = requested
    with pytest.raises(RestrictedError):
        village3.delete()


def test_it_goes_with_its_project(requested):
    road, _ = requested
    road.delete()
    assert not ProjectComponent.objects.filter(project_id=road.pk).exists()
    assert not FundingRequest.objects.exists()
