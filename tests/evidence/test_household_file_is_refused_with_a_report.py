"""A bad household file is refused whole; the report names row, column and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from planlink.evidence.ingest.households import aggregate_household_file
from planlink.evidence.ingest.problems import ProblemKind, SurveyFileRejected
from tests.evidence.builders import (
    HEADER,
    HOUSEHOLDS,
    JPT,
    VILLAGES,
    dict_resolver,
    household_rows,
    write_csv,
)


def _refusal(path: Path, known=VILLAGES) -> SurveyFileRejected:  # noqa: ANN001
    with pytest.raises(SurveyFileRejected) as caught:
        aggregate_household_file(path, indicator_codes=JPT, resolve_villages=dict_resolver(known))
    return caught.value


def _only(error: SurveyFileRejected) -> tuple[int | None, str, ProblemKind, str | None]:
    assert error.report.total == 1
    problem = error.report.problems[0]
    return problem.row, problem.column, problem.kind, problem.value


def test_a_value_other_than_0_1_or_empty_names_its_row_and_column(tmp_path: Path) -> None:
    rows = household_rows()
    rows[6][HEADER.index("JPT60-17")] = "2"
    error = _refusal(write_csv(tmp_path / "households.csv", rows))

    assert _only(error) == (8, "JPT60-17", ProblemKind.INVALID_VALUE, "2")
    assert "ค่า '2' ใช้ไม่ได้" in error.report.problems[0].message_th


def test_text_in_an_indicator_column_is_refused(tmp_path: Path) -> None:
    rows = household_rows()
    rows[0][HEADER.index("JPT60-05")] = "ผ่าน"
    error = _refusal(write_csv(tmp_path / "households.csv", rows))

    assert _only(error) == (2, "JPT60-05", ProblemKind.INVALID_VALUE, "ผ่าน")


def test_an_unknown_village_code_is_refused_with_the_resolver_message(tmp_path: Path) -> None:
    rows = household_rows()
    rows[3][0] = "24019901"
    error = _refusal(write_csv(tmp_path / "households.csv", rows))

    assert _only(error) == (5, "village_code", ProblemKind.UNKNOWN_VILLAGE_CODE, "24019901")
    assert error.report.problems[0].message_th == "ไม่พบรหัสพื้นที่ 24019901"


def test_a_village_code_that_is_not_8_digits_is_refused(tmp_path: Path) -> None:
    rows = household_rows()
    rows[9][0] = "2402010"
    error = _refusal(write_csv(tmp_path / "households.csv", rows))

    assert _only(error) == (11, "village_code", ProblemKind.INVALID_VILLAGE_CODE, "2402010")


def test_an_empty_village_code_is_refused(tmp_path: Path) -> None:
    rows = household_rows()
    rows[1][0] = ""
    error = _refusal(write_csv(tmp_path / "households.csv", rows))

    assert _only(error) == (3, "village_code", ProblemKind.MISSING_VILLAGE_CODE, None)


def test_a_repeated_household_id_names_the_row_it_repeats(tmp_path: Path) -> None:
    rows = household_rows()
    rows[8][1] = rows[2][1]
    error = _refusal(write_csv(tmp_path / "households.csv", rows))

    assert _only(error) == (10, "household_id", ProblemKind.DUPLICATE_HOUSEHOLD_ID, "2401010100035")
    assert error.report.problems[0].message_en == "household_id '2401010100035' repeats row 4"


def test_a_missing_household_id_is_refused(tmp_path: Path) -> None:
    rows = household_rows()
    rows[4][1] = ""
    error = _refusal(write_csv(tmp_path / "households.csv", rows))

    assert _only(error)[:3] == (6, "household_id", ProblemKind.MISSING_HOUSEHOLD_ID)


def test_members_must_be_a_whole_number_from_one(tmp_path: Path) -> None:
    rows = household_rows()
    rows[2][2] = "3.5"
    error = _refusal(write_csv(tmp_path / "households.csv", rows))

    assert _only(error) == (4, "members", ProblemKind.INVALID_MEMBERS, "3.5")


def test_missing_and_unknown_columns_are_listed_from_the_header(tmp_path: Path) -> None:
    header = [name for name in HEADER if name != "JPT60-31"] + ["JPT66-01"]
    rows = [row[:-1] + ["1"] for row in household_rows()]
    error = _refusal(write_csv(tmp_path / "households.csv", rows, header=header))

    found = [(p.row, p.column, p.kind) for p in error.report.problems]
    assert found == [
        (1, "JPT60-31", ProblemKind.MISSING_COLUMN),
        (1, "JPT66-01", ProblemKind.UNKNOWN_COLUMN),
    ]


def test_a_repeated_column_name_is_refused(tmp_path: Path) -> None:
    header = [*HEADER, "JPT60-24"]
    rows = [[*row, "1"] for row in household_rows()]
    error = _refusal(write_csv(tmp_path / "households.csv", rows, header=header))

    assert _only(error) == (1, "JPT60-24", ProblemKind.DUPLICATE_COLUMN, None)


def test_a_row_with_too_many_fields_stops_the_read_at_that_row(tmp_path: Path) -> None:
    rows = household_rows()
    rows[5].append("เกิน")
    error = _refusal(write_csv(tmp_path / "households.csv", rows))

    row, column, kind, _ = _only(error)
    assert (row, kind) == (7, ProblemKind.MALFORMED_ROW)


def test_only_the_first_100_problems_are_listed_but_all_are_counted(tmp_path: Path) -> None:
    households = [
        ("24010101", f"24010101{number:05d}", {"JPT60-03": "x", "JPT60-09": "y"})
        for number in range(1, 151)
    ]
    error = _refusal(write_csv(tmp_path / "households.csv", household_rows(households)))

    assert error.report.total == 300
    assert len(error.report.problems) == 100
    assert [(p.row, p.column) for p in error.report.problems[:3]] == [
        (2, "JPT60-03"),
        (2, "JPT60-09"),
        (3, "JPT60-03"),
    ]
    assert error.report.problems[-1].row == 51
    assert "และอีก 200 รายการ" in error.report.as_text()


def test_problems_of_several_kinds_are_sorted_by_row(tmp_path: Path) -> None:
    rows = household_rows()
    rows[7][HEADER.index("JPT60-02")] = "9"
    rows[1][0] = "99999999"
    rows[4][1] = rows[0][1]
    error = _refusal(write_csv(tmp_path / "households.csv", rows))

    assert [(p.row, p.column, p.kind) for p in error.report.problems] == [
        (3, "village_code", ProblemKind.UNKNOWN_VILLAGE_CODE),
        (6, "household_id", ProblemKind.DUPLICATE_HOUSEHOLD_ID),
        (9, "JPT60-02", ProblemKind.INVALID_VALUE),
    ]
    assert error.report.rows_read == len(HOUSEHOLDS)


def test_a_file_with_only_a_header_is_refused(tmp_path: Path) -> None:
    error = _refusal(write_csv(tmp_path / "households.csv", []))

    assert _only(error)[2] == ProblemKind.EMPTY_FILE


def test_an_unsupported_file_type_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "households.ods"
    path.write_bytes(b"not a spreadsheet we read")
    error = _refusal(path)

    assert _only(error)[2] == ProblemKind.UNREADABLE_FILE
