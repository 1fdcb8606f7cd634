"""Carry-over (issue 18): unfunded village needs go on into the next cycle, visibly."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from planlink.core.errors import DomainError, StateError
from planlink.cycles.models import PlanningCycle
from planlink.cycles.services import cycle_create
from planlink.plans.carryover import carry_confirm, carry_drop, carry_edit, carry_info, carry_over
from planlink.plans.models import CarryOver, CarryStatus, Plan, PlanKind, Project
from planlink.plans.services import plan_submit
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


def _table_counts() -> tuple[int, int, int]:
    return Project.objects.count(), CarryOver.objects.count(), Plan.objects.count()


def test_unfunded_needs_are_carried_with_their_lineage(year_2570):
    result = carry_over(from_year=2570, to_year=2571)
    assert result.as_json() == {
        "from": 2570, "to": 2571, "carried": 3, "expired": 0, "already_carried": 0, "skipped": 0,
    }  # fmt: skip
    carried = {row.source_id: row for row in CarryOver.objects.select_related("target__plan")}
    assert set(carried) == {year_2570[k].pk for k in ("road", "water", "refused")}
    road = carried[year_2570["road"].pk]
    assert road.origin_id == year_2570["road"].pk
    assert road.origin_cycle == 2570
    assert road.years_waited == 1
    assert road.status == CarryStatus.PROPOSED
    proposal = road.target
    assert proposal.plan.kind == PlanKind.VILLAGE
    assert proposal.plan.cycle_id == 2571
    assert proposal.plan.owner_area_id == "24010101"
    assert proposal.title == "ก่อสร้างถนนคอนกรีตเสริมเหล็กสายบ้านนายสมชาย"
    assert proposal.budget == Decimal("250000")
    assert proposal.households == 120
    assert proposal.issue.code == "INFRA"
    assert proposal.issue.cycle_id == 2571
    assert list(proposal.areas.values_list("code", flat=True)) == ["24010101"]
    assert carry_info(proposal)["carried_from"]["label_th"] == "ยกมาจากปี 2570 รอมา 1 ปี"
    # the synthetic year goes on as a synthetic year
    assert PlanningCycle.objects.get(pk=2571).synthetic
    assert proposal.plan.synthetic
    assert road.synthetic


def test_a_second_run_changes_nothing(year_2570):
    carry_over(from_year=2570, to_year=2571)
    before = _table_counts()
    again = carry_over(from_year=2570, to_year=2571)
    assert again.as_json() == {
        "from": 2570, "to": 2571, "carried": 0, "expired": 0, "already_carried": 3, "skipped": 0,
    }  # fmt: skip
    assert _table_counts() == before


def test_needs_expire_after_the_set_years_with_the_reason_on_the_tracker(year_2570, client):
    carry_over(from_year=2570, to_year=2571, expire_after=2)
    for plan in Plan.objects.filter(kind=PlanKind.VILLAGE, cycle_id=2571):
        plan_submit(plan=plan, actor=None)
    second = carry_over(from_year=2571, to_year=2572, expire_after=2)
    assert (second.carried, second.expired) == (3, 0)
    road_2572 = CarryOver.objects.get(to_cycle=2572, origin=year_2570["road"]).target
    assert carry_info(road_2572)["carried_from"]["years_waited"] == 2
    for plan in Plan.objects.filter(kind=PlanKind.VILLAGE, cycle_id=2572):
        plan_submit(plan=plan, actor=None)
    page = client.get(f"/tracker/needs/{road_2572.pk}/").content.decode()
    assert "ยกมาจากปี 2571 รอมา 2 ปี" in page

    third = carry_over(from_year=2572, to_year=2573, expire_after=2)
    assert (third.carried, third.expired) == (0, 3)
    expired = CarryOver.objects.get(source=road_2572)
    assert expired.status == CarryStatus.EXPIRED
    assert expired.target is None
    assert "หมดอายุ" in expired.reason
    assert "2570" in expired.reason
    assert not Plan.objects.filter(cycle_id=2573, kind=PlanKind.VILLAGE).exists()
    page = client.get(f"/tracker/needs/{road_2572.pk}/").content.decode()
    assert "หมดอายุ: เสนอครั้งแรกในปี 2570" in page
    # expired needs are closed, not carried again, and not counted twice
    assert carry_over(from_year=2572, to_year=2573, expire_after=2).already_carried == 3


def test_the_village_committee_confirms_edits_or_drops_with_a_reason(year_2570, client):
    carry_over(from_year=2570, to_year=2571)
    rows = {row.source_id: row for row in CarryOver.objects.select_related("target")}
    road = rows[year_2570["road"].pk]
    water = rows[year_2570["water"].pk]
    refused = rows[year_2570["refused"].pk]

    assert carry_confirm(carry=road, actor=None).status == CarryStatus.CONFIRMED
    edited = carry_edit(
        carry=water,
        actor=None,
        data={"title": "ขุดลอกคลองส่งน้ำเพื่อการเกษตร ระยะที่ 2", "budget": "350000"},
        expected_version=water.target.version,
    )
    assert edited.status == CarryStatus.EDITED
    assert Project.objects.get(pk=water.target_id).budget == Decimal("350000")

    with pytest.raises(DomainError):
        carry_drop(carry=refused, actor=None, reason="  ")
    target_id = refused.target_id
    dropped = carry_drop(carry=refused, actor=None, reason="ชุมชนซ่อมแซมเองด้วยเงินกองทุนหมู่บ้านแล้ว")
    assert dropped.status == CarryStatus.DROPPED
    assert dropped.target is None
    assert not Project.objects.filter(pk=target_id).exists()
    info = carry_info(year_2570["refused"])
    assert info["carried_to"]["reason"] == "ชุมชนซ่อมแซมเองด้วยเงินกองทุนหมู่บ้านแล้ว"
    with pytest.raises(StateError):
        carry_confirm(carry=dropped, actor=None)
    # the dropped need is not carried again: its record is kept
    assert carry_over(from_year=2570, to_year=2571).carried == 0
    page = client.get(f"/tracker/needs/{year_2570['refused'].pk}/").content.decode()
    assert "ชุมชนซ่อมแซมเองด้วยเงินกองทุนหมู่บ้านแล้ว" in page


def test_synthetic_needs_never_reach_a_real_year(year_2570):
    cycle_create(fiscal_year=2571, synthetic=False)
    before = _table_counts()
    with pytest.raises(DomainError, match="สังเคราะห์"):
        carry_over(from_year=2570, to_year=2571)
    assert _table_counts() == before


def test_real_needs_never_go_into_a_synthetic_year(reference_data):
    cycle_create(fiscal_year=2570)
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(plan, "ก่อสร้างรางระบายน้ำ")
    cycle_create(fiscal_year=2571, synthetic=True)
    with pytest.raises(DomainError):
        carry_over(from_year=2570, to_year=2571)
    assert not CarryOver.objects.exists()
    # into a new year: the target is real like its source
    carried = carry_over(from_year=2570, to_year=2572)
    assert carried.carried == 1
    assert not PlanningCycle.objects.get(pk=2572).synthetic


def test_bad_years_are_refused(year_2570):
    with pytest.raises(DomainError):
        carry_over(from_year=2570, to_year=2570)
    with pytest.raises(DomainError):
        carry_over(from_year=2569, to_year=2570)
    with pytest.raises(DomainError):
        carry_over(from_year=2570, to_year=2571, expire_after=0)
    assert not CarryOver.objects.exists()


def test_the_command_prints_exactly_the_documented_json(year_2570):
    out = io.StringIO()
    call_command("carry-over", "--from", "2570", "--to", "2571", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "from": 2570, "to": 2571, "carried": 3, "expired": 0, "already_carried": 0, "skipped": 0,
    }  # fmt: skip
    out = io.StringIO()
    call_command("carry-over", "--from", "2570", "--to", "2571", "--json", stdout=out)
    assert json.loads(out.getvalue())["carried"] == 0
