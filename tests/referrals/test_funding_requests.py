from decimal import Decimal

import pytest

from planlink.areas.models import Agency
from planlink.core.errors import DomainError, StateError
from planlink.plans.models import PlanKind
from planlink.referrals.models import FundingRequest
from planlink.referrals.services import funding_request_create, funding_request_decide
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(reference_data):
    return make_project(
        area_plan(PlanKind.PROVINCIAL_DEVELOPMENT, "24"), "ก่อสร้างอ่างเก็บน้ำ", issue_code="WATER"
    )


def test_a_second_open_request_for_the_same_year_is_refused_naming_the_first(project):
    first = funding_request_create(
        project=project,
        actor=None,
        source="agency",
        fiscal_year=2570,
        requested="5000000",
        source_agency=Agency.objects.get(code="RID"),
    )
    with pytest.raises(DomainError) as error:
        funding_request_create(
            project=project,
            actor=None,
            source="pao",
            fiscal_year=2570,
            requested="1000000",
            source_name="อบจ.ฉะเชิงเทรา",
        )
    assert error.value.message_th == (
        f"โครงการนี้ขอรับงบประมาณปี 2570 จากกรมชลประทาน ไว้แล้ว (คำขอเลขที่ {first.pk}) ขอซ้ำจากแหล่งอื่นไม่ได้"
    )
    assert FundingRequest.objects.filter(project=project).count() == 1


def test_another_year_or_a_rejected_request_does_not_block(project):
    first = funding_request_create(
        project=project,
        actor=None,
        source="agency",
        fiscal_year=2570,
        requested="5000000",
        source_agency=Agency.objects.get(code="RID"),
    )
    funding_request_create(
        project=project,
        actor=None,
        source="agency",
        fiscal_year=2571,
        requested="5000000",
        source_agency=Agency.objects.get(code="RID"),
    )
    funding_request_decide(request=first, actor=None, status="rejected", reason="งบประมาณไม่เพียงพอ")
    again = funding_request_create(
        project=project, actor=None, source="province", fiscal_year=2570, requested="2000000"
    )
    assert again.status == "open"


def test_the_database_backs_the_one_live_request_rule(project):
    from django.db import IntegrityError

    FundingRequest.objects.create(project=project, source="lao", fiscal_year=2570, requested=1)
    with pytest.raises(IntegrityError):
        FundingRequest.objects.create(project=project, source="pao", fiscal_year=2570, requested=1)


def test_approval_records_amounts_and_refuses_bad_transitions(project):
    request = funding_request_create(
        project=project,
        actor=None,
        source="agency",
        fiscal_year=2570,
        requested="5000000",
        source_agency=Agency.objects.get(code="RID"),
    )
    funding_request_decide(request=request, actor=None, status="approved", approved="4200000")
    request.refresh_from_db()
    assert (request.approved, request.allocated) == (Decimal("4200000.00"), Decimal("4200000.00"))
    with pytest.raises(StateError):
        funding_request_decide(request=request, actor=None, status="rejected", reason="x")


@pytest.mark.parametrize("amount", ["-10", "abc", ""])
def test_bad_amounts_are_refused(project, amount):
    with pytest.raises(DomainError):
        funding_request_create(
            project=project,
            actor=None,
            source="agency",
            fiscal_year=2570,
            requested=amount,
            source_agency=Agency.objects.get(code="RID"),
        )
    assert not FundingRequest.objects.exists()
