"""The cluster step of several clusters in worker processes (PostgreSQL) ends as it does one
cluster after another: the same cluster projects, decisions, agencies' answers and funding.
Two clusters: the road of Chachoengsao and Chonburi (กลุ่มจังหวัดภาคตะวันออก 1) and the needs
of Phuket and Ranong (the Andaman cluster)."""

from __future__ import annotations

import pytest
from django.db import connection

from planlink.areas.models import Area
from planlink.consolidation.models import ConsolidationRun
from planlink.plans.models import PlanKind, Project
from planlink.referrals.models import FundingRequest, Referral
from planlink.simulation.guard import synthetic_cycle
from planlink.simulation.runs import simulate_clusters, simulate_provinces
from planlink.supply.models import SupplyItem
from tests.cluster.world import YEAR, two_province_road
from tests.consolidation.engine_world import village_plan
from tests.consolidation.test_engine_parallel_provinces import LEVELS, NEEDS
from tests.simulation.test_same_result_after_a_crash import forget_the_run

pytestmark = [
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="worker processes cannot see an in-memory test database; runs on PostgreSQL",
    ),
    pytest.mark.django_db(transaction=True),
]

PROVINCES = ["20", "24", "83", "85"]
CLUSTER_PLANS = (PlanKind.CLUSTER, PlanKind.CLUSTER_ACTION, PlanKind.AGENCY_REQUEST)


def a_year(*, workers: int) -> dict:
    year = synthetic_cycle(YEAR)
    for level in LEVELS:
        simulate_provinces(level=level, province_codes=PROVINCES, cycle=year, workers=1)
    return simulate_clusters(province_codes=PROVINCES, cycle=year, workers=workers)


def snapshot() -> tuple[list, ...]:
    projects = sorted(
        Project.objects.filter(plan__kind__in=CLUSTER_PLANS).values_list(
            "plan__kind", "plan__owner_cluster__number", "title", "priority", "budget"
        )
    )
    referrals = sorted(
        Referral.objects.filter(project__plan__kind__in=CLUSTER_PLANS[:1])
        .union(Referral.objects.filter(to_plan__kind=PlanKind.CLUSTER))
        .values_list("project__title", "target_kind", "decision", "amount")
    )
    funding = sorted(
        FundingRequest.objects.values_list("source", "status", "project__title", "approved")
    )
    items = sorted(SupplyItem.objects.values_list("title", "state", "amount", "area_code"))
    return projects, referrals, funding, items


def test_two_workers_give_the_clusters_of_one(reference_data):
    synthetic_cycle(YEAR)
    two_province_road()
    for code, needs in NEEDS.items():
        village_plan(code, needs)
    clusters = {
        number
        for number in Area.objects.filter(code__in=PROVINCES).values_list(
            "cluster__number", flat=True
        )
    }
    assert len(clusters) == 2

    one = a_year(workers=1)
    alone = snapshot()
    forget_the_run()
    two = a_year(workers=2)

    assert one == two
    assert one["clusters"] == 2
    assert snapshot() == alone
    assert alone[0]  # the cluster step made projects
    assert set(
        ConsolidationRun.objects.filter(level="cluster").values_list("area_code", flat=True)
    ) == {f"C{number:02d}" for number in clusters}
