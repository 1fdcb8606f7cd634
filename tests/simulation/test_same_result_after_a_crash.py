"""A simulated year killed half-way and run again ends exactly as an uninterrupted run.

Issue 14: after ``kill -9`` of ``planlink cycle`` and a re-run on PostgreSQL, 1,579
projects were funded instead of 1,556 — sequences are not rolled back, and the simulated
receivers drew their lots by referral id. The lots are now keyed by what is decided (the
project's plan, title, places and budget), never by a row id. Each step here dies in the
middle of a unit (the unit's transaction is rolled back), is run again, and every count
and amount is compared with a run that never died. Run on SQLite and on PostgreSQL.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db.models import Count, Sum

from planlink.consolidation.models import ConsolidationRun
from planlink.consolidation.selectors import funnel
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Plan, PlanKind, Project
from planlink.referrals.models import FundingRequest, Referral
from planlink.simulation import receivers
from planlink.simulation.demo import demo_province
from planlink.simulation.runs import LEVELS, simulate_step
from planlink.supply.models import SupplyImport, SupplyItem

pytestmark = pytest.mark.django_db

PROVINCE = "83"  # Phuket: 3 districts, 17 tambons
YEAR = 2570
# Which unit of each step dies, counted from 1: a tambon, a district, the province.
DIES_AT = {"tambon": 5, "district": 2, "province": 1}


class Killed(Exception):
    pass


def snapshot() -> dict[str, object]:
    """Every count and amount the year holds, without row ids."""

    def total(rows, *fields):
        return rows.aggregate(n=Count("pk"), **{f: Sum(f) for f in fields})

    return {
        "funnel": funnel(PROVINCE, YEAR),
        "plans": sorted(
            Plan.objects.values_list("kind", "state").annotate(n=Count("pk")).order_by()
        ),
        "projects": sorted(
            Project.objects.values_list("plan__kind")
            .annotate(n=Count("pk"), baht=Sum("budget"))
            .order_by()
        ),
        "referrals": sorted(
            Referral.objects.values_list("target_kind", "decision", "decided_automatically")
            .annotate(n=Count("pk"), baht=Sum("amount"))
            .order_by()
        ),
        "funding": sorted(
            FundingRequest.objects.values_list("source", "status")
            .annotate(n=Count("pk"), asked=Sum("requested"), approved=Sum("approved"))
            .order_by()
        ),
        "funded_titles": sorted(
            FundingRequest.objects.filter(status="approved").values_list(
                "source", "project__title", "approved"
            )
        ),
        "notices": total(SupplyItem.objects.all(), "amount"),
        "matched_notices": sorted(
            SupplyItem.objects.exclude(funded_referral=None).values_list(
                "title", "amount", "funded_referral__project__title"
            )
        ),
    }


def run_year() -> None:
    cycle = PlanningCycle.objects.get(pk=YEAR)
    for level in LEVELS:
        simulate_step(level=level, area_code=PROVINCE, cycle=cycle)


def run_year_killed_once_per_step(monkeypatch) -> int:
    """Each step dies inside its ``DIES_AT`` unit, after the receivers decided there, and
    is run again; returns how many times it died."""
    seen = {level: 0 for level in LEVELS}
    deaths = []
    original = receivers.SimulatedReceivers.after_unit

    def after_unit(self, level, area, cycle, *, actor=None):
        counts = original(self, level, area, cycle, actor=actor)
        seen[level] += 1
        if seen[level] == DIES_AT[level]:
            deaths.append(area.code)
            raise Killed(f"killed in {level} {area.code}")
        return counts

    monkeypatch.setattr(receivers.SimulatedReceivers, "after_unit", after_unit)
    cycle = PlanningCycle.objects.get(pk=YEAR)
    for level in LEVELS:
        with pytest.raises(Killed):
            simulate_step(level=level, area_code=PROVINCE, cycle=cycle)
        simulate_step(level=level, area_code=PROVINCE, cycle=cycle)
    monkeypatch.undo()
    return len(deaths)


def forget_the_run() -> None:
    """Everything the engine and the receivers made, gone; the village plans stay."""
    SupplyItem.objects.all().delete()
    SupplyImport.objects.all().delete()
    FundingRequest.objects.all().delete()
    Referral.objects.all().delete()
    Project.objects.exclude(plan__kind=PlanKind.VILLAGE).delete()
    Plan.objects.exclude(kind=PlanKind.VILLAGE).delete()
    ConsolidationRun.objects.all().delete()


def test_a_year_killed_in_every_step_and_run_again_equals_an_uninterrupted_year(
    reference_data, monkeypatch
):
    demo_province(PROVINCE, YEAR, run=False, survey=False)
    assert run_year_killed_once_per_step(monkeypatch) == 3
    assert ConsolidationRun.objects.filter(state=ConsolidationRun.State.FAILED).count() == 3
    interrupted = snapshot()

    forget_the_run()
    run_year()
    uninterrupted = snapshot()

    assert interrupted == uninterrupted
    figures = uninterrupted["funnel"]
    assert figures["funded_projects"] > 0
    assert Decimal(figures["funded_baht"]) > 0
    assert uninterrupted["notices"]["n"] > 0
