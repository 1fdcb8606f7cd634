"""The same road in หมู่ 3 and หมู่ 7 is a shared need with two components, never a duplicate;
the same road asked twice by หมู่ 3 is a duplicate inside its component (issue 12)."""

from decimal import Decimal

import pytest

from planlink.consolidation.matching import relation
from planlink.consolidation.merge import accept_pending
from planlink.consolidation.selectors import funnel
from planlink.plans.models import ProjectComponent
from planlink.referrals.models import Referral
from tests.consolidation.components_world import consolidate, roads_of_two_villages
from tests.factories import FISCAL_YEAR

pytestmark = pytest.mark.django_db


def test_the_matcher_calls_the_two_roads_a_shared_need_and_the_repeat_a_duplicate():
    assert relation("ก่อสร้างถนน คสล. หมู่ที่ 3", "ก่อสร้างถนน คสล. หมู่ที่ 7").kind == "shared_need"
    assert (
        relation(
            "ก่อสร้างถนน คสล. หมู่ที่ 3",
            "โครงการก่อสร้างถนนคอนกรีตเสริมเหล็ก ม.๓",
            scope_a="24010103",
            scope_b="24010103",
        ).kind
        == "duplicate"
    )


def test_the_two_villages_roads_are_one_project_with_two_components(reference_data):
    needs = roads_of_two_villages()
    plan = consolidate()
    road = plan.projects.get(issue__code="INFRA")
    components = list(road.components.order_by("order"))
    assert [(c.key, c.area_id) for c in components] == [
        ("24010103", "24010103"),
        ("24010107", "24010107"),
    ]
    village3, village7 = components
    assert (village3.budget, village3.households, village3.sources_count) == (
        Decimal("1000000.00"),
        150,
        2,
    )
    assert (village7.budget, village7.households, village7.sources_count) == (
        Decimal("500000.00"),
        75,
        1,
    )
    assert village3.title == "ก่อสร้างถนน คสล. หมู่ที่ 3"
    assert village7.place_label == "หมู่ที่ 7"
    # The programme sums its places; each source is proposed into its own place.
    assert road.budget == Decimal("1500000.00")
    placed = dict(
        Referral.objects.filter(proposed_result_project=road).values_list(
            "project_id", "result_component_id"
        )
    )
    assert placed == {
        needs["m3"].pk: village3.pk,
        needs["m3_again"].pk: village3.pk,
        needs["m7"].pk: village7.pk,
    }
    reason = Referral.objects.get(project=needs["m7"]).engine_reason
    assert "ความต้องการร่วมของ 2 พื้นที่" in reason


def test_the_school_of_one_village_stays_a_project_without_components(reference_data):
    roads_of_two_villages()
    plan = consolidate()
    school = plan.projects.get(issue__code="EDU")
    assert not school.components.exists()


def test_the_funnel_counts_duplicates_and_shared_needs_apart(reference_data):
    roads_of_two_villages()
    plan = consolidate()
    accept_pending(plan)
    figures = funnel("240101", FISCAL_YEAR)
    assert figures["collected_by_tambons"] == 4
    assert figures["duplicates_merged"] == 1  # the road asked twice by หมู่ 3
    assert figures["shared_need_groups"] == 1  # the road of หมู่ 3 and หมู่ 7
    assert figures["shared_need_components"] == 2
    assert figures["tambon_projects"] == 2


def test_rerunning_the_step_changes_nothing(reference_data):
    roads_of_two_villages()
    plan = consolidate()

    def state():
        return (
            sorted(plan.projects.values_list("pk", "title", "budget", "households")),
            sorted(ProjectComponent.objects.values_list("pk", "project_id", "key", "budget")),
            sorted(
                Referral.objects.values_list(
                    "pk", "decision", "proposed_result_project_id", "result_component_id"
                )
            ),
        )

    before = state()
    consolidate()
    assert state() == before


def test_rerunning_after_acceptance_keeps_the_decided_components(reference_data):
    roads_of_two_villages()
    plan = consolidate()
    accept_pending(plan)
    decided = sorted(
        Referral.objects.filter(decision__in=["merged", "included"]).values_list(
            "pk", "decision", "result_project_id", "result_component_id"
        )
    )
    components = sorted(ProjectComponent.objects.values_list("pk", "key"))
    consolidate()
    assert (
        sorted(
            Referral.objects.filter(decision__in=["merged", "included"]).values_list(
                "pk", "decision", "result_project_id", "result_component_id"
            )
        )
        == decided
    )
    assert sorted(ProjectComponent.objects.values_list("pk", "key")) == components
