"""A step killed half-way and run again ends as an uninterrupted run does."""

import pytest

from planlink.consolidation import steps
from planlink.consolidation.services import consolidate
from planlink.cycles.services import cycle_create
from planlink.plans.models import Project
from planlink.referrals.models import Referral
from tests.consolidation.engine_world import village_plan


def cycle():
    return cycle_create(fiscal_year=2570, synthetic=True)


@pytest.fixture(autouse=True)
def synthetic_year(db):
    """Automatic acceptance and simulated receivers are for a synthetic cycle only: made
    first, so that the factories' plans land in it."""
    return cycle_create(fiscal_year=2570, synthetic=True)


pytestmark = pytest.mark.django_db


def build_two_tambons():
    for code in ("24010101", "24010102"):
        village_plan(
            code,
            [
                ("ขุดลอกคลองหนองบัว", "WATER", "agency", "support", 1, 50, 300000),
                ("ซ่อมถนนลูกรัง", "INFRA", "lao", "support", 2, 30, 90000),
            ],
        )
    for code in ("24010201", "24010202"):
        village_plan(
            code,
            [
                ("ก่อสร้างประปาหมู่บ้าน", "WATER", "province", "support", 1, 80, 800000),
                ("ไฟฟ้าส่องสว่างทางสาธารณะ", "INFRA", "lao", "support", 2, 40, 120000),
            ],
        )


def snapshot():
    projects = sorted(
        Project.objects.filter(plan__kind__in=["tambon", "district_needs"]).values_list(
            "plan__owner_area_id", "engine_key", "title", "priority", "proposed_route", "budget"
        )
    )
    referrals = sorted(
        Referral.objects.values_list(
            "project__title",
            "project__plan__owner_area_id",
            "target_key",
            "decision",
            "proposed_result_project__engine_key",
            "result_project__engine_key",
        )
    )
    return projects, [row[:2] + (row[2].split(":")[0],) + row[3:] for row in referrals]


def test_a_killed_run_rerun_equals_an_uninterrupted_run(reference_data, monkeypatch):
    build_two_tambons()
    calls = {"n": 0}
    original = steps.tambon_unit

    def dies_on_second_tambon(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker killed")
        return original(*args, **kwargs)

    monkeypatch.setitem(steps.UNITS, "tambon", (steps.UNITS["tambon"][0], dies_on_second_tambon))
    with pytest.raises(RuntimeError):
        consolidate(level="tambon", area_code="2401", cycle=cycle(), auto_accept=True)
    monkeypatch.undo()
    consolidate(level="tambon", area_code="2401", cycle=cycle(), auto_accept=True)
    interrupted = snapshot()

    Referral.objects.all().delete()
    Project.objects.filter(plan__kind__in=["tambon", "district_needs"]).delete()
    from planlink.plans.models import Plan

    Plan.objects.filter(kind__in=["tambon", "district_needs"]).delete()
    consolidate(level="tambon", area_code="2401", cycle=cycle(), auto_accept=True)
    assert snapshot() == interrupted
    assert (
        Referral.objects.filter(
            target_key__startswith="plan:", project__plan__kind="village"
        ).count()
        == 8
    )
