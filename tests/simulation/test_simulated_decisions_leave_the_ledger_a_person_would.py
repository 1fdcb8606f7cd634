"""The simulated receivers decide in batches (docs/architecture.md says why), not through
``referral_decide`` / ``funding_request_create`` one at a time; the ledger they leave must
still be one those services could have written. Phuket (83, 17 tambons), the demo's year.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from planlink.referrals.models import Decision, FundingRequest, FundingStatus, Referral
from planlink.referrals.services import ALLOWED_DECISIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def phuket_year(reference_data):
    call_command("demo", province="83", json=True, stdout=StringIO())
    return Referral.objects.filter(project__plan__scope_code__startswith="83")


def test_every_decision_is_one_the_services_allow_with_what_they_require(phuket_year):
    decided = phuket_year.exclude(decision=Decision.PENDING)
    assert decided.filter(decided_automatically=True).exists()
    # each decision is reachable from "pending", as referral_decide allows
    reachable = ALLOWED_DECISIONS[Decision.PENDING]
    assert set(decided.values_list("decision", flat=True)) <= reachable
    assert not decided.filter(decided_at__isnull=True).exists()
    # included/merged: a receiving project, never the project itself, in the target plan
    received = decided.filter(decision__in=[Decision.INCLUDED, Decision.MERGED])
    assert received.exists()
    assert not received.filter(result_project__isnull=True).exists()
    assert not received.filter(result_project_id=F("project_id")).exists()
    assert (
        not received.filter(to_plan__isnull=False)
        .exclude(result_project__plan_id=F("to_plan_id"))
        .exists()
    )
    # a return or a refusal of funding gives its reason
    closed = decided.filter(decision__in=[Decision.RETURNED, Decision.NOT_FUNDED])
    assert not closed.filter(reason="").exists()
    funded = decided.filter(decision=Decision.FUNDED)
    assert not funded.filter(Q(amount__isnull=True) | Q(fiscal_year__isnull=True)).exists()

    # funding: synthetic, one live request a year (and place), refusals explained
    requests = FundingRequest.objects.filter(project__plan__scope_code__startswith="83")
    assert requests.filter(status=FundingStatus.APPROVED).exists()
    assert requests.filter(status=FundingStatus.REJECTED).exists()
    assert not requests.filter(synthetic=False).exists()
    assert not requests.filter(status=FundingStatus.REJECTED, reason="").exists()
    approved = requests.filter(status=FundingStatus.APPROVED)
    assert not approved.filter(Q(approved__isnull=True) | Q(approved__gt=F("requested"))).exists()
    live = (
        requests.filter(status__in=[FundingStatus.OPEN, FundingStatus.APPROVED])
        .values("project_id", "fiscal_year", "component_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert list(live) == []
