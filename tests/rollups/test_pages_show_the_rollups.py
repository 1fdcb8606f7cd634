"""A page's numbers are the roll-ups': the tracker's funnel, its table of the areas below, the
map values and the funnel JSON. The tracker's funnel counts needs (issue 15): public needs, those
that went into a tambon plan, those funded."""

from __future__ import annotations

import pytest

from planlink.rollups.selectors import area_measures, child_measures, funnel
from planlink.rollups.services import rollups_rebuild
from tests.rollups.world import a_year

pytestmark = pytest.mark.django_db


def need_stages(code: str, cycle_id: int) -> list[int]:
    m = area_measures(code, cycle_id)
    return [m["public_needs"], m["collected_by_tambons"], m["public_needs_funded"]]


def test_the_tracker_shows_the_rollup_numbers(reference_data, client):
    year = a_year()
    rollups_rebuild(cycle_id=year.pk)
    for code in ("", "83", "8301"):
        response = client.get(f"/tracker/{code + '/' if code else ''}")
        assert response.status_code == 200
        stages = response.context["funnel"]
        expected = need_stages(code, year.pk)
        assert [s["value"] for s in stages] == expected
        assert stages[0]["value"] > 0 if code in ("", "83", "8301") else True
        below = child_measures(code, year.pk)
        rows = {row["area"].code: row for row in response.context["child_rows"]}
        for child, measures in below.items():
            assert rows[child]["needs"] == measures["public_needs"], child
        assert f"{stages[0]['value']:,}" in response.content.decode()


def test_the_map_and_funnel_json_are_the_rollups(reference_data, client):
    year = a_year()
    rollups_rebuild(cycle_id=year.pk)
    values = client.get("/tracker/83/map.json").json()
    below = child_measures("83", year.pk)
    assert values["needs"] == {
        code: float(m["public_needs"]) for code, m in below.items() if m["public_needs"]
    }
    assert sum(values["needs"].values()) == funnel("83", year.pk)["village_projects"]
    data = client.get("/tracker/83/funnel.json").json()["data"]
    assert [row["value"] for row in data] == need_stages("83", year.pk)
