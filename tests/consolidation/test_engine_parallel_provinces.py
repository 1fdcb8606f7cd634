"""Running a step over provinces in worker processes ends as a run in one process does."""

from __future__ import annotations

import pytest
from django.db import connection

from planlink.consolidation.models import ConsolidationRun
from planlink.consolidation.parallel import default_workers
from planlink.cycles.services import cycle_create
from planlink.plans.models import Plan, PlanKind, Project
from planlink.referrals.models import FundingRequest, Referral
from planlink.simulation.runs import simulate_provinces
from tests.consolidation.engine_world import village_plan

NEEDS = {
    # Phuket (83) and Ranong (85): two provinces, two tambons each, shared and distinct needs.
    "83010101": [
        ("ขุดลอกคลองบางใหญ่ หมู่ที่ 1", "WATER", "agency", "support", 1, 120, 500000),
        ("ซ่อมแซมถนนลูกรัง หมู่ที่ 1", "INFRA", "lao", "support", 2, 60, 150000),
    ],
    "83010102": [
        ("โครงการขุดลอกคลองบางใหญ่ ม.2", "WATER", "agency", "support", 1, 95, 450000),
        ("ก่อสร้างประปาหมู่บ้าน", "WATER", "province", "support", 2, 80, 800000),
    ],
    "83010201": [
        ("ไฟฟ้าส่องสว่างทางสาธารณะ", "INFRA", "lao", "support", 1, 40, 120000),
        ("ส่งเสริมอาชีพทอผ้า", "ECON", "district", "joint", 2, 30, 60000),
    ],
    "85010101": [
        ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 1", "INFRA", "agency", "support", 1, 80, 900000),
        ("ขุดเจาะบ่อบาดาล", "WATER", "lao", "support", 2, 50, 250000),
    ],
    "85010102": [
        ("ก่อสร้างถนน คสล. หมู่ที่ ๒", "INFRA", "agency", "support", 1, 70, 850000),
        ("อบรมผู้สูงอายุ", "SOCIAL", "community", "joint", 2, 25, 20000),
    ],
}
LEVELS = ("tambon", "district", "province")


@pytest.fixture(autouse=True)
def synthetic_year(db):
    """Automatic acceptance and simulated receivers are for a synthetic cycle only: made
    first, so that the factories' plans land in it."""
    return cycle_create(fiscal_year=2570, synthetic=True)


def build() -> None:
    for code, needs in NEEDS.items():
        village_plan(code, needs)


def run(workers: int) -> list[dict]:
    year = cycle_create(fiscal_year=2570, synthetic=True)
    return [
        simulate_provinces(level=level, province_codes=["83", "85"], cycle=year, workers=workers)
        for level in LEVELS
    ]


# What the engine decides (merge, rank, route, auto-accept), and what the simulated
# receivers decide: their lots are keyed by the projects, not by row ids (issue 14).
ENGINE_PLANS = (PlanKind.TAMBON, PlanKind.DISTRICT_NEEDS, PlanKind.PROVINCIAL_DEVELOPMENT)


def snapshot():
    projects = sorted(
        Project.objects.filter(plan__kind__in=ENGINE_PLANS).values_list(
            "plan__kind", "plan__owner_area_id", "title", "priority", "proposed_route", "budget"
        )
    )
    referrals = sorted(
        Referral.objects.filter(to_plan__kind__in=ENGINE_PLANS).values_list(
            "project__title",
            "project__plan__kind",
            "to_plan__kind",
            "decision",
            "result_project__title",
        )
    )
    funding = sorted(
        FundingRequest.objects.values_list("source", "status", "project__title", "approved")
    )
    return projects, referrals, funding


def forget_the_run() -> None:
    """Everything the engine made, gone; the village plans stay as they were submitted."""
    FundingRequest.objects.all().delete()
    Referral.objects.all().delete()
    Project.objects.exclude(plan__kind=PlanKind.VILLAGE).delete()
    Plan.objects.exclude(kind=PlanKind.VILLAGE).delete()
    ConsolidationRun.objects.all().delete()


@pytest.mark.django_db
def test_one_worker_runs_each_province_in_code_order_and_sums_the_counts(reference_data):
    build()
    tambon, district, province = run(workers=1)
    assert tambon["provinces"] == 2
    assert tambon["workers"] == 1
    assert tambon["units"] == 17 + 30  # every real tambon of Phuket and Ranong
    assert tambon["collected"] == sum(len(needs) for needs in NEEDS.values())
    # A duplicate folds into its place; a shared need's places fold into one project each.
    folded = (
        tambon["duplicates_proposed"]
        + tambon["shared_need_components_proposed"]
        - tambon["shared_need_groups_proposed"]
    )
    assert tambon["tambon_projects_created"] == tambon["collected"] - folded
    # The canal in หมู่ 1 and หมู่ 2 of ตลาดใหญ่: the same work in two places, not a duplicate.
    assert tambon["shared_need_groups_proposed"] >= 1
    assert [r["level"] for r in (tambon, district, province)] == list(LEVELS)
    assert set(ConsolidationRun.objects.values_list("area_code", flat=True)) == {"83", "85"}


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="worker processes cannot see an in-memory test database; runs on PostgreSQL",
)
@pytest.mark.django_db(transaction=True)
def test_two_workers_give_the_result_of_one(reference_data):
    build()
    run(workers=1)
    alone = snapshot()
    forget_the_run()
    results = run(workers=2)
    assert all(result["workers"] == 2 for result in results)
    assert snapshot() == alone
    assert len(alone[0]) > len(NEEDS)
    assert len(alone[1]) > len(NEEDS)
    assert any(status == "approved" for _, status, _, _ in alone[2])


def test_workers_default_to_the_cores_and_can_be_set(monkeypatch):
    monkeypatch.setenv("PLANLINK_WORKERS", "3")
    assert default_workers() == 3
    monkeypatch.setenv("PLANLINK_WORKERS", "ศูนย์")
    assert default_workers() >= 1
