"""Objects the authorization matrices need for the carry-over and what-if pages (issue 18).

Each helper makes its objects anew: the matrix rolls every persona's request back."""

from __future__ import annotations

from planlink.consolidation.models import WhatIfScenario
from planlink.plans.models import CarryOver, CarryStatus, Project


def carried_need(source: Project, target: Project) -> int:
    """``target`` (a need of a draft village plan) as carried from ``source``: only the
    carry-over row is new, so a refused request leaves the matrix's snapshot as it was."""
    carry = CarryOver.objects.create(
        source=source,
        target=target,
        origin=source,
        origin_cycle=target.plan.cycle_id - 1,
        from_cycle_id=target.plan.cycle_id,
        to_cycle_id=target.plan.cycle_id,
        years_waited=1,
        status=CarryStatus.PROPOSED,
        scope_code=target.plan.scope_code,
    )
    return carry.pk


def scenario(name: str = "งบ อปท. 1 ล้านบาท") -> int:
    return WhatIfScenario.objects.create(
        name=name,
        area_code="24",
        cycle_id=2570,
        envelopes={"lao": "1000000.00"},
        summary={"funded": 0},
        funded_ids=[],
    ).pk


def two_scenarios() -> str:
    return f"a={scenario()}&b={scenario('งบ อปท. 2 ล้านบาท')}"
