"""Importing the same year again replaces it atomically; other years and provinces stay."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.evidence.models import IndicatorAggregate, SurveyImport
from planlink.evidence.services.imports import survey_import_households, survey_import_villages
from tests.evidence.builders import HOUSEHOLDS, write_csv, write_households
from tests.factories import village

pytestmark = pytest.mark.django_db


def _province_24(year: int) -> tuple[int, int]:
    row = IndicatorAggregate.objects.get(year=year, area_id="24", indicator_id="JPT60-24")
    return row.households_failed, row.households_surveyed


def test_a_second_import_of_the_year_replaces_the_first(villages, tmp_path: Path) -> None:
    survey_import_households(path=write_households(tmp_path / "first.csv"), year=2567)
    fewer = [h for h in HOUSEHOLDS if h[0] != "24020101"]

    second = survey_import_households(
        path=write_households(tmp_path / "second.csv", fewer), year=2567
    )

    assert _province_24(2567) == (4, 7)
    assert not IndicatorAggregate.objects.filter(year=2567, area_id="24020101").exists()
    assert set(
        IndicatorAggregate.objects.filter(year=2567).values_list("survey_import", flat=True)
    ) == {second.pk}


def test_another_year_is_left_alone(villages, tmp_path: Path) -> None:
    survey_import_households(path=write_households(tmp_path / "2566.csv"), year=2566)
    fewer = [h for h in HOUSEHOLDS if h[0] != "24020101"]

    survey_import_households(path=write_households(tmp_path / "2567.csv", fewer), year=2567)

    assert _province_24(2566) == (6, 10)
    assert _province_24(2567) == (4, 7)


def test_a_file_for_another_province_keeps_the_first_provinces_figures(villages, tmp_path) -> None:  # noqa: ANN001
    village("57010101")
    survey_import_households(path=write_households(tmp_path / "chachoengsao.csv"), year=2567)

    survey_import_households(
        path=write_households(tmp_path / "chiang_rai.csv", [("57010101", "5701010100011", {})]),
        year=2567,
    )

    assert _province_24(2567) == (6, 10)
    assert IndicatorAggregate.objects.filter(year=2567, area_id="57").count() == 31
    assert SurveyImport.objects.count() == 2


def test_village_level_figures_replace_household_figures_of_the_same_year(
    villages, tmp_path
) -> None:  # noqa: ANN001
    survey_import_households(path=write_households(tmp_path / "households.csv"), year=2567)
    path = write_csv(
        tmp_path / "villages.csv",
        [["24010101", "JPT60-24", "150", "15"]],
        ["village_code", "indicator_code", "households_surveyed", "households_failed"],
    )

    survey_import_villages(path=path, year=2567)

    assert _province_24(2567) == (15, 150)
    assert IndicatorAggregate.objects.filter(year=2567).count() == 4
