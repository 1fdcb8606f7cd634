"""The count tables keep no constraint to their cycle in the database (their rows are derived
and rewritten by every refresh; ``rollups.models.DERIVED_ROWS``): deleting a cycle still takes
its roll-up rows with it and leaves another cycle's alone. (A cycle that holds plans cannot be
deleted at all: its plans protect it.)"""

from __future__ import annotations

import pytest

from planlink.cycles.models import PlanningCycle
from planlink.rollups.models import AgencyCount, AreaCount, Level, PlanCount
from planlink.rollups.services import rollups_rebuild
from tests.factories import cycle
from tests.rollups.world import a_year

pytestmark = pytest.mark.django_db


def rows(year: int) -> dict[str, int]:
    return {
        model.__name__: model.objects.filter(cycle_id=year).count()
        for model in (AreaCount, PlanCount, AgencyCount)
    }


def test_deleting_a_cycle_deletes_its_rollups_only(reference_data):
    year = a_year()
    rollups_rebuild(cycle_id=year.pk)
    kept = rows(year.pk)
    assert kept["AreaCount"] > 0
    assert kept["PlanCount"] > 0
    empty = cycle(year.pk + 1)  # a year opened by mistake: no plans yet
    AreaCount.objects.create(cycle=empty, level=Level.NATION, area_code="", issue_code="*")
    PlanCount.objects.create(cycle=empty, level=Level.NATION, area_code="", plan_kind="village")
    AgencyCount.objects.create(cycle=empty, area_code="", agency_code="DRR")

    PlanningCycle.objects.filter(pk=empty.pk).delete()

    assert rows(empty.pk) == {"AreaCount": 0, "PlanCount": 0, "AgencyCount": 0}
    assert rows(year.pk) == kept
