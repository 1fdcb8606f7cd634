"""A small synthetic year for the roll-up tests: Phuket (83) and Ranong (85), through every
engine step with the simulated receivers (the engine tests' hand-written needs)."""

from __future__ import annotations

from planlink.consolidation.parallel import consolidate_provinces
from planlink.cycles.models import PlanningCycle
from tests.consolidation.engine_world import village_plan
from tests.consolidation.test_engine_parallel_provinces import LEVELS, NEEDS
from tests.factories import cycle

PROVINCES = ["83", "85"]


def a_year() -> PlanningCycle:
    """Village plans of five villages, then the tambon, district and province steps."""
    year = cycle()
    for code, needs in NEEDS.items():
        village_plan(code, needs)
    for level in LEVELS:
        consolidate_provinces(level=level, province_codes=PROVINCES, cycle=year, workers=1)
    return year


# Every level of the world: the nation, its cluster, provinces, a district, tambons, villages.
AREAS = ["", "83", "85", "8301", "830101", "830102", "83010101", "83010102", "85010102"]
