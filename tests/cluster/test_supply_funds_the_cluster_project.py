"""Issue 17: an agency's funded-items file (the same supply import as the provinces') funds
the cluster's project: the item located in one of its provinces is proposed against the
cluster's plan, the officer confirms, and both provinces' village needs show it funded."""

from __future__ import annotations

import pytest

from planlink.plans.models import PlanKind
from planlink.referrals.lineage import trace
from planlink.referrals.models import Decision, Referral, TargetKind
from planlink.supply.imports import import_supply
from planlink.supply.models import ItemState, SupplyItem
from planlink.supply.services import match_confirm
from tests.cluster.world import ROAD_ITEM, YEAR, run_cluster, run_provinces, two_province_road
from tests.factories import UserFactory
from tests.supply.helpers import HEADER_TH, csv_bytes

pytestmark = pytest.mark.django_db


def test_a_funded_item_of_the_road_funds_the_cluster_project_and_both_provinces_needs(
    reference_data,
):
    needs = two_province_road()
    run_provinces("24", "20")
    plan = run_cluster()
    project = plan.projects.get()
    rows = [
        ROAD_ITEM,
        [  # a road of another place is never joined to the cluster's project
            "70-DRR-0002",
            "ก่อสร้างถนนลาดยางสายบ้านนา ตำบลนาดี อำเภอเมืองยะลา จังหวัดยะลา",
            "5,000,000",
            "กรมทางหลวงชนบท",
            "กระทรวงคมนาคม",
            "2570",
            "95",
        ],
    ]
    import_supply(csv_bytes(rows, HEADER_TH), cycle_year=YEAR)
    item = SupplyItem.objects.get(ref="70-DRR-0001")
    assert item.state == ItemState.PROPOSED
    assert item.matched_project_id == project.pk
    assert project.plan.kind == PlanKind.CLUSTER
    assert SupplyItem.objects.get(ref="70-DRR-0002").matched_project_id is None
    match_confirm(item=item, actor=UserFactory(username="drr-officer"))
    funded = Referral.objects.get(project=project, target_kind=TargetKind.AGENCY)
    assert funded.decision == Decision.FUNDED
    assert str(funded.amount) == "30000000.00"
    for code, need in needs.items():
        assert trace(need)["outcome"]["status"] == "funded", code
