"""A plan book reads the database a fixed number of times, however many projects it has
(no per-project query: a provincial book of 5,000 projects must render in seconds)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planlink.documents.plan_book import build_plan_book
from planlink.plans.models import PlanKind
from planlink.referrals.services import referral_decide, referral_send, to_plan
from tests.factories import area_plan, make_project, village

pytestmark = pytest.mark.django_db


def tambon_with(count: int, tambon_code: str):
    """A tambon plan whose ``count`` projects each merged a need from one of its villages."""
    plan = area_plan(PlanKind.TAMBON, tambon_code)
    for number in range(1, count + 1):
        village(f"{tambon_code}{number:02d}")
        need = make_project(
            area_plan(PlanKind.VILLAGE, f"{tambon_code}{number:02d}"),
            f"ขุดลอกคลอง หมู่ที่ {number}",
            issue_code="WATER",
        )
        receiving = make_project(plan, f"ขุดลอกคลองสาธารณะ สายที่ {number}", issue_code="WATER",
                                 budget=Decimal("100000"))  # fmt: skip
        referral = referral_send(project=need, target=to_plan(plan), actor=None)
        referral_decide(referral=referral, actor=None, decision="merged", result_project=receiving)
    return plan


def queries_for(plan) -> int:
    with CaptureQueriesContext(connection) as captured:
        build_plan_book(plan)
    return len(captured.captured_queries)


def test_ten_times_the_projects_take_the_same_number_of_queries(reference_data):
    small = queries_for(tambon_with(2, "240102"))
    large = queries_for(tambon_with(20, "240103"))
    assert small == large
    assert large <= 15
