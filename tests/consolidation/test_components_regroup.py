"""Splitting, returning or adding a source recomputes the merged project's villages,
households, budget, rationale and places from what remains (issue 12) — and a re-run of the
engine keeps what the officer did."""

from decimal import Decimal

import pytest

from planlink.consolidation.review import proposal_accept, proposal_reject, proposal_split
from planlink.plans.models import Project
from planlink.referrals.models import FundingRequest, Referral
from planlink.referrals.services import funding_request_create, referral_decide
from tests.consolidation.components_world import consolidate, roads_of_two_villages
from tests.consolidation.engine_world import village_plan
from tests.factories import FISCAL_YEAR, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(reference_data):
    needs = roads_of_two_villages()
    plan = consolidate()
    road = plan.projects.get(issue__code="INFRA")
    assert (road.villages_count, road.households, road.budget) == (2, 225, Decimal("1500000.00"))
    return needs, plan, road, UserFactory(username="tambon_officer")


def _source(need):
    return Referral.objects.get(project=need, to_plan__kind="tambon")


def test_a_split_recomputes_the_figures_from_what_remains(proposed):
    needs, plan, road, officer = proposed
    own = proposal_split(referral=_source(needs["m7"]), actor=officer)
    road.refresh_from_db()
    assert road.title == "ก่อสร้างถนน คสล. หมู่ที่ 3"  # no longer "(รวม 2 หมู่บ้าน)"
    assert (road.villages_count, road.households, road.budget) == (1, 150, Decimal("1000000.00"))
    assert sorted(road.areas.values_list("code", flat=True)) == ["24010103"]
    assert not road.components.exists()  # one place left: a plain project
    assert (own.budget, own.households) == (Decimal("500000.00"), 75)
    # A re-run leaves both as the officer made them.
    consolidate()
    road.refresh_from_db()
    assert (road.villages_count, road.households, road.budget) == (1, 150, Decimal("1000000.00"))
    assert Referral.objects.get(project=needs["m7"], to_plan=plan).result_project_id == own.pk


def test_a_returned_duplicate_leaves_its_place_with_one_source(proposed):
    needs, _, road, officer = proposed
    proposal_reject(referral=_source(needs["m3_again"]), actor=officer, reason="ซ้ำกับรายการแรก")
    road.refresh_from_db()
    assert (road.households, road.budget) == (195, Decimal("1300000.00"))
    village3 = road.components.get(key="24010103")
    assert (village3.budget, village3.households, village3.sources_count) == (
        Decimal("800000.00"),
        120,
        1,
    )
    assert road.components.count() == 2


def test_the_rationale_follows_the_best_ranked_source_that_remains(proposed):
    needs, _, road, officer = proposed
    Project.objects.filter(pk=needs["m3"].pk).update(rationale="ถนนเดิมเป็นหลุมบ่อ")
    Project.objects.filter(pk=needs["m7"].pk).update(rationale="รถเกษตรสัญจรไม่ได้ในฤดูฝน")
    consolidate()  # the engine's proposal takes the best-ranked source's rationale
    road.refresh_from_db()
    assert road.rationale == "ถนนเดิมเป็นหลุมบ่อ"
    proposal_reject(referral=_source(needs["m3"]), actor=officer, reason="เสนอผ่าน อบต. แล้ว")
    road.refresh_from_db()
    assert road.rationale == "รถเกษตรสัญจรไม่ได้ในฤดูฝน"


def test_adding_a_source_by_hand_adds_its_place(proposed):
    needs, plan, road, officer = proposed
    proposal_accept(tambon_project=road, actor=officer)
    _, (m9,) = village_plan(
        "24010109",
        [("ทำถนนคอนกรีตเข้าหมู่บ้าน หมู่ที่ 9", "INFRA", "agency", "support", 1, 40, 300000)],
    )
    consolidate()
    referral = _source(m9)
    referral_decide(referral=referral, actor=officer, decision="merged", result_project=road)
    road.refresh_from_db()
    assert sorted(road.components.values_list("key", flat=True)) == [
        "24010103",
        "24010107",
        "24010109",
    ]
    assert (road.villages_count, road.households, road.budget) == (3, 265, Decimal("1800000.00"))
    referral.refresh_from_db()
    assert referral.result_component.key == "24010109"


def test_a_funding_request_on_a_proposed_project_survives_a_rerun(proposed):
    needs, plan, road, officer = proposed
    village7 = road.components.get(key="24010107")
    funding_request_create(
        project=road,
        actor=officer,
        source="province",
        fiscal_year=FISCAL_YEAR,
        requested=Decimal("500000"),
        component=village7,
    )
    proposal_reject(referral=_source(needs["m3"]), actor=officer, reason="เสนอผ่าน อบต. แล้ว")
    proposal_reject(referral=_source(needs["m3_again"]), actor=officer, reason="ซ้ำ")
    consolidate()
    request = FundingRequest.objects.get()
    assert (request.project_id, request.component_id) == (road.pk, village7.pk)
