"""A cluster's own rows (its plans, ``C14``) are filled by the refresh of its first province
only (issue 16: not once per member). An agency's funding of the cluster's project, decided
after the cluster step, reaches them through that province's refresh; it funds the needs of
both provinces whose projects the cluster's merged (their fates follow the lineage up), and
both are refreshed. After the commit every member's rows, the cluster's and the nation's
equal the ledger; refreshing another member alone neither fills the cluster again nor
changes its rows."""

from __future__ import annotations

from unittest import mock

import pytest

from planlink.plans.models import PlanKind
from planlink.rollups import fill
from planlink.rollups.selectors import area_measures
from planlink.rollups.verify import rollups_verify
from planlink.supply.imports import import_supply
from planlink.supply.models import SupplyItem
from planlink.supply.services import match_confirm
from tests.cluster.world import (
    CLUSTER,
    ROAD_ITEM,
    YEAR,
    agency_funds_the_cluster_project,
    member_codes,
    run_cluster,
    run_provinces,
    two_province_road,
)
from tests.factories import UserFactory
from tests.supply.helpers import HEADER_TH, csv_bytes

pytestmark = pytest.mark.django_db

CODE = f"C{CLUSTER:02d}"


def test_the_clusters_rows_follow_a_decision_on_its_project(
    reference_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        two_province_road()
        run_provinces("24", "20")
        plan = run_cluster()
    assert plan.kind == PlanKind.CLUSTER
    assert area_measures(CODE, YEAR)["agency_funded"] == 0
    first = member_codes()[0]
    assert first == "20"  # ชลบุรี: the lowest code of the cluster

    refreshed: list[str] = []
    filled: list[str] = []
    real_refresh, real_fill = fill.refresh_province, fill._own_rows

    def counted(cycle_id: int, province: str) -> None:
        refreshed.append(province)
        real_refresh(cycle_id, province)

    def spied(cycle_id: int, scope: str, table: str | None = None):  # noqa: ANN202 - the real function's result
        filled.append(scope)
        return real_fill(cycle_id, scope, table)

    with (
        mock.patch.object(fill, "refresh_province", counted),
        mock.patch.object(fill, "_own_rows", spied),
        django_capture_on_commit_callbacks(execute=True),
    ):
        agency_funds_the_cluster_project(plan)
    # The cluster's change is its first province's refresh; the funding reaches the needs of
    # both provinces, and each is refreshed.
    assert sorted(refreshed) == ["20", "24"]
    assert filled.count(CODE) == 1
    assert area_measures(CODE, YEAR)["agency_funded"] == 1
    for code in ("", "24", "20", "24010101", "20010101", CODE):
        assert rollups_verify(area_code=code, cycle_id=YEAR) == [], code

    before = area_measures(CODE, YEAR)
    filled.clear()
    with mock.patch.object(fill, "_own_rows", spied):
        fill.refresh_province(YEAR, "24")
    assert filled == ["24"]
    assert area_measures(CODE, YEAR) == before
    assert rollups_verify(area_code=CODE, cycle_id=YEAR) == []


def test_a_confirmed_funded_item_of_the_cluster_project_refreshes_both_provinces(
    reference_data, django_capture_on_commit_callbacks
):
    """The same funding through the agency's funded-items file, confirmed by an officer:
    XX
        ระยอง, the cluster's third province: neither its place nor the cluster's first province
        is Chachoengsao."""
    with django_capture_on_commit_callbacks(execute=True):
        two_province_road()
        run_provinces("24", "20")
        project = run_cluster().projects.get()
        import_supply(csv_bytes([[*ROAD_ITEM[:-1], "20"]], HEADER_TH), cycle_year=YEAR)
    item = SupplyItem.objects.get(ref="70-DRR-0001")
    assert item.matched_project_id == project.pk
    villages = ("24010101", "20010101")
    assert [area_measures(code, YEAR)["public_needs_funded"] for code in villages] == [0, 0]

    with django_capture_on_commit_callbacks(execute=True):
        match_confirm(item=item, actor=UserFactory(username="drr-officer"))

    assert [area_measures(code, YEAR)["public_needs_funded"] for code in villages] == [1, 1]
    for code in ("", "24", "20", *villages, CODE):
        assert rollups_verify(area_code=code, cycle_id=YEAR) == [], code
