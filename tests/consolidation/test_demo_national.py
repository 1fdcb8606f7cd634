"""The national demo generates every province first, then runs each step over all of them."""

import pytest

from planlink.consolidation.selectors import funnel
from planlink.simulation.demo import demo_national, demo_province, demo_report

pytestmark = pytest.mark.django_db


def test_two_provinces_run_step_by_step_as_one_year(reference_data):
    result = demo_national(2570, workers=1, province_codes=["83", "85"])
    assert result["provinces"] == 2
    assert [
        result["steps"][level]["provinces"] for level in ("tambon", "district", "province")
    ] == [
        2,
        2,
        2,
    ]
    for code in ("83", "85"):
        figures = funnel(code, 2570)
        assert figures["village_projects"] > figures["tambon_projects"] > 0
        assert figures["district_projects"] > 0
        assert figures["funded_projects"] > 0
    both = demo_report("", 2570, "ทั้งประเทศ (ข้อมูลสังเคราะห์)")
    assert both["synthetic"] is True
    assert both["village_projects"] == sum(
        funnel(code, 2570)["village_projects"] for code in ("83", "85")
    )


def test_generating_without_running_leaves_the_village_plans_waiting(reference_data):
    result = demo_province("83", 2570, run=False, survey=False)
    assert result["steps"] == {}
    figures = funnel("83", 2570)
    assert figures["village_projects"] > 0
    assert figures["tambon_projects"] == 0
