"""A need another funded item already took (proposed or confirmed) is not proposed again for
a second item of a later file: ``find_proposals`` reads what was taken among its candidates
(the second item may still be proposed lower on the same lineage, or not at all)."""

from __future__ import annotations

import pytest

from planlink.supply.models import ItemState, SupplyItem
from tests.supply.test_match import _import, demand  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db

WELL_9 = "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 9 ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา"


def test_a_second_item_is_not_proposed_the_taken_need(demand):  # noqa: F811
    first = _import([["W9", WELL_9, "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""]])["W9"]
    assert first.state == ItemState.PROPOSED
    assert first.matched_project_id == demand["district_well"].pk

    second = _import([["W9-2", WELL_9, "460,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""]])
    assert second["W9-2"].matched_project_id != demand["district_well"].pk
    assert SupplyItem.objects.filter(matched_project_id=demand["district_well"].pk).count() == 1
