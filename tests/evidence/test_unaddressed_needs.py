"""Acceptance: the unaddressed-needs list changes when a project citing the indicator is added."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.evidence.selectors import evidence_table, unaddressed_needs
from planlink.evidence.services.imports import survey_import_households
from planlink.plans.models import PlanKind
from tests.evidence.builders import write_households
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def surveyed(villages, tmp_path: Path) -> None:  # noqa: ANN001
    survey_import_households(path=write_households(tmp_path / "2567.csv"), year=2567)


def _codes(area_code: str, **options) -> list[str]:  # noqa: ANN003
    return [need.code for need in unaddressed_needs(area_code=area_code, year=2567, **options)]


def test_indicators_failing_above_the_threshold_are_listed(surveyed) -> None:  # noqa: ANN001
    # Tambon 240101: JPT60-24 fails for 4/6 households, JPT60-01 for 1/2, the rest for none.
    assert _codes("240101") == ["JPT60-24", "JPT60-01"]
    assert _codes("240101", threshold=0.5) == ["JPT60-24"]


def test_a_project_citing_the_indicator_removes_it_from_the_list(surveyed) -> None:  # noqa: ANN001
    plan = area_plan(PlanKind.TAMBON, "240101")
    project = make_project(plan, title="รณรงค์ลด ละ เลิก สุรา ในตำบลหน้าเมือง")
    assert _codes("240101") == ["JPT60-24", "JPT60-01"]

    project.indicators.add("JPT60-24")

    assert _codes("240101") == ["JPT60-01"]


def test_a_project_in_one_village_addresses_the_need_of_that_village_only(surveyed) -> None:  # noqa: ANN001
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(plan, title="ลด ละ เลิก สุรา หมู่ที่ 1").indicators.add("JPT60-24")

    assert "JPT60-24" not in _codes("24010101")
    assert "JPT60-24" not in _codes("240101")
    assert "JPT60-24" in _codes("24020101")


def test_a_tambon_project_covers_the_villages_of_the_tambon(surveyed) -> None:  # noqa: ANN001
    plan = area_plan(PlanKind.TAMBON, "240101")
    make_project(plan, title="ลด ละ เลิก สุรา ทั้งตำบล").indicators.add("JPT60-24")

    assert "JPT60-24" not in _codes("24010102")


def test_projects_can_be_narrowed_to_a_planning_cycle(surveyed) -> None:  # noqa: ANN001
    from planlink.plans.models import Project

    plan = area_plan(PlanKind.TAMBON, "240101")
    make_project(plan, title="ลด ละ เลิก สุรา").indicators.add("JPT60-24")

    assert "JPT60-24" in _codes("240101", projects=Project.objects.none())
    assert "JPT60-24" not in _codes("240101", projects=Project.objects.filter(plan=plan))


def test_the_summary_lists_the_unaddressed_codes(surveyed) -> None:  # noqa: ANN001
    table = evidence_table(area_code="24", year=2567)

    assert table.unaddressed == ["JPT60-24", "JPT60-01"]
    assert table.summary()["unaddressed"] == ["JPT60-24", "JPT60-01"]
