"""Acceptance: a file with one bad row is refused whole and nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.evidence.ingest.problems import ProblemKind, SurveyFileRejected
from planlink.evidence.models import IndicatorAggregate, SurveyImport
from planlink.evidence.services.imports import survey_import_households
from tests.evidence.builders import HEADER, household_rows, write_csv

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, int]:
    return IndicatorAggregate.objects.count(), SurveyImport.objects.count()


def test_one_bad_value_refuses_the_file_and_names_row_and_column(villages, tmp_path) -> None:  # noqa: ANN001
    rows = household_rows()
    rows[4][HEADER.index("JPT60-24")] = "ไม่ผ่าน"
    before = _counts()

    with pytest.raises(SurveyFileRejected) as caught:
        survey_import_households(path=write_csv(tmp_path / "จปฐ.csv", rows), year=2567)

    report = caught.value.report
    problem = report.problems[0]
    assert (report.total, problem.row, problem.column, problem.value) == (
        1,
        6,
        "JPT60-24",
        "ไม่ผ่าน",
    )
    assert "แถว (row) 6, คอลัมน์ (column) JPT60-24" in report.as_text()
    assert _counts() == before == (0, 0)


def test_a_refused_file_leaves_the_previous_import_untouched(villages, tmp_path: Path) -> None:
    survey_import_households(path=write_csv(tmp_path / "good.csv", household_rows()), year=2567)
    before = list(IndicatorAggregate.objects.order_by("pk").values_list("pk", "households_failed"))
    rows = household_rows()
    rows[2][1] = rows[1][1]

    with pytest.raises(SurveyFileRejected):
        survey_import_households(path=write_csv(tmp_path / "bad.csv", rows), year=2567)

    assert (
        list(IndicatorAggregate.objects.order_by("pk").values_list("pk", "households_failed"))
        == before
    )
    assert SurveyImport.objects.count() == 1


def test_a_village_in_a_split_tambon_is_refused_with_the_crosswalk_reason(
    reference_data, tmp_path
) -> None:  # noqa: ANN001
    # Bangkok's 104701 บางนา was split into 104702 and 104703 (2022): no single successor.
    from planlink.evidence.services.indicators import load_default_indicators

    load_default_indicators()
    path = write_csv(
        tmp_path / "old.csv",
        household_rows([("10470101", "1047010100011", {})]),
    )

    with pytest.raises(SurveyFileRejected) as caught:
        survey_import_households(path=path, year=2567)

    problem = caught.value.report.problems[0]
    assert (problem.row, problem.column, problem.kind) == (
        2,
        "village_code",
        ProblemKind.UNKNOWN_VILLAGE_CODE,
    )
    assert "104702, 104703" in problem.message_th
    assert IndicatorAggregate.objects.count() == 0
