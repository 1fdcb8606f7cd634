"""Indicator ranking, change from the previous year, worst villages, bulk failing households."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planlink.evidence.selectors import (
    failing_households_for,
    indicator_table,
    latest_survey_year,
    worst_villages,
)
from planlink.evidence.services.imports import survey_import_households
from tests.evidence.builders import HOUSEHOLDS, write_households

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(villages, tmp_path: Path) -> None:  # noqa: ANN001
    # 2566: in 24010101 nobody fails JPT60-24 yet; 2567 is the hand-made file.
    earlier = [
        (code, household, {**values, "JPT60-24": "1"} if code == "24010101" else values)
        for code, household, values in HOUSEHOLDS
    ]
    survey_import_households(path=write_households(tmp_path / "2566.csv", earlier), year=2566)
    survey_import_households(path=write_households(tmp_path / "2567.csv"), year=2567)


def test_indicators_are_ranked_by_share_failing(two_years) -> None:  # noqa: ANN001
    table = indicator_table(area_code="240101", year=2567)

    assert [(f.rank, f.code, f.failed, f.surveyed) for f in table[:2]] == [
        (1, "JPT60-24", 4, 6),
        (2, "JPT60-01", 1, 2),
    ]
    assert table[0].share_failed == pytest.approx(4 / 6)
    assert table[0].title_th == "คนในครัวเรือนไม่ดื่มสุรา"
    assert len(table) == 31
    assert table[2].share_failed == 0.0


def test_the_change_from_the_previous_year_is_given(two_years) -> None:  # noqa: ANN001
    first = indicator_table(area_code="240101", year=2567)[0]

    assert first.previous_share_failed == pytest.approx(1 / 6)
    assert first.change == pytest.approx(4 / 6 - 1 / 6, abs=1e-6)


def test_an_area_without_figures_gives_an_empty_table(two_years) -> None:  # noqa: ANN001
    assert indicator_table(area_code="2403", year=2567) == []
    assert latest_survey_year(area_code="24") == 2567


def test_worst_villages_per_indicator(two_years) -> None:  # noqa: ANN001
    worst = worst_villages(area_code="24", year=2567, indicator_codes=["JPT60-24"], limit=3)

    assert [(v.code, v.failed, v.surveyed) for v in worst["JPT60-24"]] == [
        ("24010101", 3, 4),
        ("24020101", 2, 3),
        ("24010102", 1, 2),
    ]
    assert worst["JPT60-24"][0].name_th == "หมู่ที่ 1"


def test_worst_villages_stay_inside_the_area(two_years) -> None:  # noqa: ANN001
    worst = worst_villages(area_code="2402", year=2567, limit=5)

    assert {v.code for rows in worst.values() for v in rows} == {"24020101"}


def test_failing_households_are_read_in_bulk_in_one_query(two_years) -> None:  # noqa: ANN001
    areas = ["24010101", "24010102", "240101", "24", *[f"2401{n:04d}" for n in range(3000)]]

    with CaptureQueriesContext(connection) as queries:
        table = failing_households_for(areas, ["JPT60-24", "JPT60-01"], 2567)

    assert len(queries) == 1
    assert table[("24010101", "JPT60-24")] == (3, 4)
    assert table[("240101", "JPT60-01")] == (1, 2)
    assert table[("24", "JPT60-24")] == (6, 10)
    assert ("24010102", "JPT60-01") not in table
