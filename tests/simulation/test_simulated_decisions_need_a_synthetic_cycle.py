"""Simulated decisions are refused on a real (non-synthetic) planning year, and nothing is written.

Before issue 11, ``planlink consolidate --auto-accept`` on a real cycle drew lots for LAOs,
committees and agencies and recorded them as decisions marked "(จำลอง)".
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from planlink.areas.models import Area
from planlink.consolidation.services import consolidate
from planlink.core.errors import DomainError
from planlink.cycles.services import cycle_create
from planlink.referrals.models import Decision, FundingRequest, Referral, TargetKind
from planlink.simulation.guard import NotSyntheticError
from planlink.simulation.receivers import RECEIVERS
from planlink.simulation.runs import simulate_cycle, simulate_step
from tests.consolidation.engine_world import village_plan

pytestmark = pytest.mark.django_db

NEEDS = [
    ("ขุดลอกคลองหนองบัว", "WATER", "agency", "support", 1, 50, 300000),
    ("ซ่อมถนนลูกรังสายหน้าวัด", "INFRA", "lao", "support", 2, 30, 90000),
    ("ก่อสร้างประปาหมู่บ้าน", "WATER", "pao", "support", 3, 80, 800000),
]


def every_row() -> dict[str, int]:
    """How many rows each of PlanLink's tables holds."""
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model.__module__.startswith("planlink.")
    }


@pytest.fixture
def real_year(reference_data):
    """A real year: village plans submitted, the tambon step run by an officer (no
    automatic acceptance), so LAOs and the district have referrals waiting."""
    year = cycle_create(fiscal_year=2570)
    for code in ("24010101", "24010102"):
        village_plan(code, NEEDS)
    consolidate(level="tambon", area_code="2401", cycle=year)
    assert Referral.objects.filter(decision=Decision.PENDING).exists()
    return year


@pytest.mark.parametrize("level", ["tambon", "district", "province"])
def test_consolidate_with_auto_accept_on_a_real_cycle_is_refused_and_writes_nothing(
    real_year, level
):
    before = every_row()
    with pytest.raises(CommandError) as refused:
        call_command(
            "consolidate", level=level, area="24", cycle=2570, auto_accept=True, stdout=StringIO()
        )
    assert "ไม่ใช่ข้อมูลสังเคราะห์" in str(refused.value)
    assert "not synthetic" in str(refused.value)
    assert every_row() == before


def test_the_same_step_without_auto_accept_still_runs_for_an_officer(real_year):
    out = StringIO()
    call_command("consolidate", level="district", area="24", cycle=2570, stdout=out)
    assert "บูรณาการระดับ district พื้นที่ 24" in out.getvalue()
    assert not FundingRequest.objects.exists()
    assert not Referral.objects.filter(decided_automatically=True).exists()


def test_the_cycle_and_demo_commands_refuse_a_real_year_and_write_nothing(real_year):
    before = every_row()
    with pytest.raises(CommandError, match="not synthetic"):
        call_command("cycle", province="24", cycle=2570, stdout=StringIO())
    with pytest.raises(CommandError, match="ไม่ใช่ข้อมูลสังเคราะห์"):
        call_command("demo", province="83", cycle=2570, stdout=StringIO())
    assert every_row() == before
    assert not Area.objects.filter(code__startswith="83", level=Area.Level.VILLAGE).exists()


def test_every_entry_point_of_the_simulation_refuses_a_real_year(real_year):
    district = Area.objects.get(code="2401")
    before = every_row()
    with pytest.raises(NotSyntheticError):
        simulate_step(level="district", area_code="2401", cycle=real_year)
    with pytest.raises(NotSyntheticError):
        simulate_cycle(province_code="24", cycle=real_year)
    with pytest.raises(NotSyntheticError):
        RECEIVERS.before_unit("district", district, real_year)
    with pytest.raises(NotSyntheticError):
        RECEIVERS.before_workers("province", real_year)
    # The engine's own automatic acceptance, without the simulation, is refused too.
    with pytest.raises(DomainError, match="not synthetic"):
        consolidate(level="district", area_code="2401", cycle=real_year, auto_accept=True)
    assert every_row() == before


def test_on_a_synthetic_cycle_the_receivers_decide(reference_data):
    year = cycle_create(fiscal_year=2570, synthetic=True)
    for code in ("24010101", "24010102"):
        village_plan(code, NEEDS)
    for level in ("tambon", "district"):
        call_command(
            "consolidate", level=level, area="24", cycle=2570, auto_accept=True, stdout=StringIO()
        )
    lao = Referral.objects.filter(target_kind=TargetKind.LAO, project__plan__cycle=year)
    assert lao.exists()
    assert not lao.filter(decision=Decision.PENDING).exists()
    assert FundingRequest.objects.filter(synthetic=True).exists()


def test_a_national_demo_limited_to_unknown_provinces_is_refused(reference_data):
    before = every_row()
    with pytest.raises(CommandError, match="no province with villages: 10, 99"):
        call_command("demo", scale="national", provinces="83,10,99", stdout=StringIO())
    assert every_row() == before
