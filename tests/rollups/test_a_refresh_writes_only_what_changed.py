"""A province's refresh leaves exactly the rows a refresh into empty tables leaves, whatever
was there before: on PostgreSQL it writes only the rows that changed (``fill._apply_fresh``),
so a row that lost its last source must go, a changed row must change and an unchanged row
must stay as it is (the same row, not written again)."""

from __future__ import annotations

import pytest
from django.db import connection

from planlink.plans.models import Issue, Plan, PlanKind, Project
from planlink.rollups import fill
from planlink.rollups.models import MEASURES, AreaCount
from planlink.rollups.verify import rollups_verify
from tests.rollups.world import AREAS, PROVINCES, a_year

pytestmark = pytest.mark.django_db

VILLAGE = "83010201"


def _rows(cycle_id: int) -> dict[tuple[str, str, str], tuple]:
    return {
        (row[0], row[1], row[2]): tuple(str(value) for value in row[3:])
        for row in AreaCount.objects.filter(cycle_id=cycle_id).values_list(
            "level", "area_code", "issue_code", *MEASURES
        )
    }


def _ids(cycle_id: int) -> dict[tuple[str, str, str], int]:
    return {
        (level, code, issue): pk
        for pk, level, code, issue in AreaCount.objects.filter(cycle_id=cycle_id).values_list(
            "pk", "level", "area_code", "issue_code"
        )
    }


def test_a_refresh_leaves_the_rows_of_a_refresh_from_empty(reference_data):
    year = a_year()
    for province in PROVINCES:
        fill.refresh_province(year.pk, province)
    ids_before = _ids(year.pk)
    assert (fill.Level.VILLAGE, VILLAGE, "INFRA") in ids_before

    # The village's only INFRA need becomes an ECON need: its INFRA row has no source left,
    # its ECON row changes, and the rows of another province do not change at all.
    need = Project.objects.get(
        plan__kind=PlanKind.VILLAGE, plan__owner_area_id=VILLAGE, issue__code="INFRA"
    )
    need.issue = Issue.objects.get(cycle=year, province_id="83", code="ECON")
    need.save(update_fields=["issue"])
    fill.refresh_province(year.pk, "83")
    after = _rows(year.pk)
    assert (fill.Level.VILLAGE, VILLAGE, "INFRA") not in after
    ids_after = _ids(year.pk)
    elsewhere = [key for key in ids_after if key[1].startswith("85")]
    assert elsewhere
    assert all(ids_after[key] == ids_before[key] for key in elsewhere)
    if connection.vendor == "postgresql":  # only the changed rows were written again
        other_villages = [
            key
            for key in ids_after
            if key[0] == fill.Level.VILLAGE and key[1].startswith("83") and key[1] != VILLAGE
        ]
        assert other_villages
        assert all(ids_after[key] == ids_before[key] for key in other_villages)
    for code in [*AREAS, VILLAGE]:
        assert rollups_verify(area_code=code, cycle_id=year.pk) == [], code

    # The same rows as a refresh into empty tables.
    AreaCount.objects.filter(cycle_id=year.pk).delete()
    for province in PROVINCES:
        fill.refresh_province(year.pk, province)
    assert _rows(year.pk) == after
    assert Plan.objects.filter(cycle=year, scope_code__startswith="83").exists()
