"""Per-village จปฐ. figures and กชช.๒ค scores: rolled up, or refused with row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.evidence.ingest.problems import ProblemKind, SurveyFileRejected
from planlink.evidence.ingest.village_files import aggregate_village_file, read_score_file
from tests.evidence.builders import JPT, VILLAGES, dict_resolver, write_csv

AGGREGATE_HEADER = ["village_code", "indicator_code", "households_surveyed", "households_failed"]
SCORE_HEADER = ["village_code", "indicator_code", "level"]


def _villages(path: Path):  # noqa: ANN202
    return aggregate_village_file(
        path, indicator_codes=JPT, resolve_villages=dict_resolver(VILLAGES)
    )


def test_village_figures_roll_up_to_tambon_district_and_province(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "villages.csv",
        [
            ["24010101", "JPT60-24", "120", "30"],
            ["24010102", "JPT60-24", "80", "10"],
            ["24020101", "JPT60-24", "50", "5"],
            ["24010101", "JPT60-23", "120", "12"],
        ],
        AGGREGATE_HEADER,
    )

    result = _villages(path)

    figures = {
        (row["indicator_code"], row["area_code"]): (
            row["households_failed"],
            row["households_surveyed"],
        )
        for row in result.aggregates.to_pylist()
    }
    assert figures == {
        ("JPT60-24", "24010101"): (30, 120),
        ("JPT60-24", "24010102"): (10, 80),
        ("JPT60-24", "24020101"): (5, 50),
        ("JPT60-24", "240101"): (40, 200),
        ("JPT60-24", "240201"): (5, 50),
        ("JPT60-24", "2401"): (40, 200),
        ("JPT60-24", "2402"): (5, 50),
        ("JPT60-24", "24"): (45, 250),
        ("JPT60-23", "24010101"): (12, 120),
        ("JPT60-23", "240101"): (12, 120),
        ("JPT60-23", "2401"): (12, 120),
        ("JPT60-23", "24"): (12, 120),
    }
    assert (result.rows_read, result.villages, result.province_codes) == (4, 3, ["24"])


@pytest.mark.parametrize(
    ("row", "column", "kind"),
    [
        (["24010101", "JPT60-99", "10", "1"], "indicator_code", ProblemKind.UNKNOWN_INDICATOR),
        (["24010101", "JPT60-24", "สิบ", "1"], "households_surveyed", ProblemKind.INVALID_COUNT),
        (["24010101", "JPT60-24", "10", "-1"], "households_failed", ProblemKind.INVALID_COUNT),
        (
            ["24010101", "JPT60-24", "10", "11"],
            "households_failed",
            ProblemKind.FAILED_EXCEEDS_SURVEYED,
        ),
        (["24019999", "JPT60-24", "10", "1"], "village_code", ProblemKind.UNKNOWN_VILLAGE_CODE),
        (["24010102", "JPT60-23", "10", "1"], "indicator_code", ProblemKind.DUPLICATE_ROW),
    ],
)
def test_a_bad_village_row_is_named_in_the_report(tmp_path: Path, row, column, kind) -> None:  # noqa: ANN001
    rows = [["24010101", "JPT60-23", "120", "12"], ["24010102", "JPT60-23", "80", "8"], row]
    path = write_csv(tmp_path / "villages.csv", rows, AGGREGATE_HEADER)

    with pytest.raises(SurveyFileRejected) as caught:
        _villages(path)

    report = caught.value.report
    assert report.total == 1
    assert (report.problems[0].row, report.problems[0].column, report.problems[0].kind) == (
        4,
        column,
        kind,
    )


def test_a_village_file_with_household_columns_is_refused(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "villages.csv", [["24010101", "1"]], ["village_code", "household_id"]
    )

    with pytest.raises(SurveyFileRejected) as caught:
        _villages(path)

    kinds = [(p.column, p.kind) for p in caught.value.report.problems]
    assert ("indicator_code", ProblemKind.MISSING_COLUMN) in kinds
    assert ("household_id", ProblemKind.UNKNOWN_COLUMN) in kinds


def test_kchch2k_scores_are_read_per_village(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "kchch2k.csv",
        [["24010102", "KCH60-00", "1"], ["24010101", "KCH60-00", "3"]],
        SCORE_HEADER,
    )

    table = read_score_file(
        path, indicator_codes=["KCH60-00"], resolve_villages=dict_resolver(VILLAGES)
    )

    assert table.scores.to_pylist() == [
        {"village_code": "24010101", "indicator_code": "KCH60-00", "level": 3},
        {"village_code": "24010102", "indicator_code": "KCH60-00", "level": 1},
    ]
    assert (table.rows_read, table.villages) == (2, 2)


def test_a_kchch2k_level_outside_1_to_3_is_refused(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "kchch2k.csv",
        [["24010101", "KCH60-00", "2"], ["24010102", "KCH60-00", "4"]],
        SCORE_HEADER,
    )

    with pytest.raises(SurveyFileRejected) as caught:
        read_score_file(
            path, indicator_codes=["KCH60-00"], resolve_villages=dict_resolver(VILLAGES)
        )

    problem = caught.value.report.problems[0]
    assert (problem.row, problem.column, problem.kind, problem.value) == (
        3,
        "level",
        ProblemKind.INVALID_LEVEL,
        "4",
    )
