"""A need's fate in the roll-ups follows its lineage beyond its province: the cluster's project
that the road of two provinces became is funded (an agency's funded item, confirmed), and each
province's village need counts as funded, as the ledger says (``rollups verify``).

The roll-ups walk a province's lineage from its own referrals and look up only the projects
beyond it (the cluster's, the agencies'): this is the case where that look-up decides."""

from __future__ import annotations

import pytest

from planlink.rollups.selectors import area_measures
from planlink.rollups.services import rollups_rebuild
from planlink.rollups.verify import rollups_verify
from planlink.supply.imports import import_supply
from planlink.supply.models import SupplyItem
from planlink.supply.services import match_confirm
from tests.cluster.world import ROAD_ITEM, YEAR, run_cluster, run_provinces, two_province_road
from tests.factories import UserFactory
from tests.supply.helpers import HEADER_TH, csv_bytes

pytestmark = pytest.mark.django_db

VILLAGES = ("24010101", "20010101")


def funded_needs() -> dict[str, int]:
    return {code: area_measures(code, YEAR)["public_needs_funded"] for code in VILLAGES}


def test_the_cluster_projects_funding_counts_in_both_provinces_villages(reference_data):
    two_province_road()
    run_provinces("24", "20")
    project = run_cluster().projects.get()
    rollups_rebuild(cycle_id=YEAR)
    assert funded_needs() == {"24010101": 0, "20010101": 0}

    import_supply(csv_bytes([ROAD_ITEM], HEADER_TH), cycle_year=YEAR)
    item = SupplyItem.objects.get(ref="70-DRR-0001")
    assert item.matched_project_id == project.pk
    match_confirm(item=item, actor=UserFactory(username="drr-officer"))
    rollups_rebuild(cycle_id=YEAR)

    assert funded_needs() == {"24010101": 1, "20010101": 1}
    for code in ("", "24", "20", *VILLAGES):
        assert rollups_verify(area_code=code, cycle_id=YEAR) == [], code
