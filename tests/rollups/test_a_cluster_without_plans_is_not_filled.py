"""The refresh of a cluster's first province (lowest code) also fills the cluster's own rows
(issue 17); another member's refresh only re-sums the cluster. Until the cluster has a plan
(the province step makes it, for the cluster's agencies and its step) there is nothing to
fill: the refresh skips the cluster's statements, and the cluster's rows still equal the
ledger before and after its step."""

from __future__ import annotations

from unittest import mock

import pytest

from planlink.consolidation.services import consolidate
from planlink.plans.models import Plan
from planlink.rollups import fill
from planlink.rollups.verify import rollups_verify
from planlink.simulation.guard import synthetic_cycle
from tests.cluster.world import (
    CLUSTER,
    ROAD_20,
    ROAD_24,
    YEAR,
    road_need,
    run_cluster,
    run_provinces,
)

pytestmark = pytest.mark.django_db

CODE = f"C{CLUSTER:02d}"


def _filled_scopes(province: str) -> list[str]:
    scopes: list[str] = []
    real = fill._own_rows

    def spied(cycle_id: int, scope: str, table: str | None = None):  # noqa: ANN202 - the real function's result
        scopes.append(scope)
        return real(cycle_id, scope, table)

    with mock.patch.object(fill, "_own_rows", spied):
        fill.refresh_province(YEAR, province)
    return scopes


def test_the_cluster_is_filled_only_once_it_holds_a_plan(reference_data):
    cycle = synthetic_cycle(YEAR)
    road_need("24010101", ROAD_24)
    road_need("20010101", ROAD_20)
    for level in ("tambon", "district"):  # the province step makes the cluster's plan
        consolidate(level=level, area_code="24", cycle=cycle, auto_accept=True)
    assert not Plan.objects.filter(scope_code=CODE).exists()

    assert _filled_scopes("20") == ["20"]  # no plan of the cluster yet: nothing to fill
    assert _filled_scopes("24") == ["24"]
    for code in (CODE, "24", ""):
        assert rollups_verify(area_code=code, cycle_id=YEAR) == [], code

    run_provinces("24", "20")
    assert Plan.objects.filter(scope_code=CODE).exists()
    assert _filled_scopes("20") == ["20", CODE]  # the cluster's first province
    assert _filled_scopes("24") == ["24"]
    run_cluster()
    assert _filled_scopes("24") == ["24"]
    assert _filled_scopes("20") == ["20", CODE]
    for code in (CODE, "24", "20", ""):
        assert rollups_verify(area_code=code, cycle_id=YEAR) == [], code
