"""CSV (with or without BOM), Excel and Parquet (numbers or text) give the same figures."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from openpyxl import Workbook

from planlink.evidence.ingest.households import aggregate_household_file
from planlink.evidence.ingest.problems import ProblemKind, SurveyFileRejected
from tests.evidence.builders import HEADER, JPT, VILLAGES, dict_resolver, household_rows, write_csv


def _numbers(value: str) -> int | None:
    return None if value == "" else int(value)


def _aggregate(path: Path) -> list[dict]:
    result = aggregate_household_file(
        path, indicator_codes=JPT, resolve_villages=dict_resolver(VILLAGES)
    )
    return sorted(
        result.aggregates.to_pylist(), key=lambda row: (row["area_code"], row["indicator_code"])
    )


@pytest.fixture
def from_csv(tmp_path: Path) -> list[dict]:
    return _aggregate(write_csv(tmp_path / "reference.csv", household_rows()))


def test_a_csv_saved_by_excel_with_a_byte_order_mark_reads_the_same(tmp_path, from_csv) -> None:
    plain = write_csv(tmp_path / "plain.csv", household_rows())
    with_bom = tmp_path / "with_bom.csv"
    with_bom.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())

    assert _aggregate(with_bom) == from_csv


def test_an_excel_sheet_with_numeric_cells_reads_the_same(tmp_path, from_csv) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "จปฐ 2567"
    sheet.append(HEADER)
    for row in household_rows():
        sheet.append([int(row[0]), row[1], int(row[2]), *[_numbers(v) for v in row[3:]]])
    sheet.append([None] * len(HEADER))  # a trailing empty row left by formatting
    path = tmp_path / "จปฐ.xlsx"
    workbook.save(path)

    assert _aggregate(path) == from_csv


def test_a_bad_cell_in_excel_is_reported_with_the_row_excel_shows(tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    rows = household_rows()
    rows[3][HEADER.index("JPT60-12")] = "ไม่ผ่าน"
    for row in rows:
        sheet.append(row)
    path = tmp_path / "จปฐ.xlsx"
    workbook.save(path)

    with pytest.raises(SurveyFileRejected) as caught:
        _aggregate(path)

    problem = caught.value.report.problems[0]
    assert (problem.row, problem.column, problem.kind) == (5, "JPT60-12", ProblemKind.INVALID_VALUE)


def test_parquet_with_integer_columns_reads_the_same(tmp_path, from_csv) -> None:
    rows = household_rows()
    columns = {
        "village_code": pa.array([row[0] for row in rows]),
        "household_id": pa.array([row[1] for row in rows]),
        "members": pa.array([int(row[2]) for row in rows], pa.int16()),
    }
    for index, code in enumerate(JPT, start=3):
        columns[code] = pa.array([_numbers(row[index]) for row in rows], pa.int8())
    path = tmp_path / "households.parquet"
    pq.write_table(pa.table(columns), path)

    assert _aggregate(path) == from_csv


def test_parquet_with_text_columns_reads_the_same(tmp_path, from_csv) -> None:
    rows = household_rows()
    table = pa.table({name: pa.array([row[i] for row in rows]) for i, name in enumerate(HEADER)})
    path = tmp_path / "households.parquet"
    pq.write_table(table, path)

    assert _aggregate(path) == from_csv


def test_parquet_rows_are_numbered_like_a_spreadsheet(tmp_path) -> None:
    rows = household_rows()
    columns = {name: pa.array([row[i] for row in rows]) for i, name in enumerate(HEADER[:3])}
    for index, code in enumerate(JPT, start=3):
        values = [_numbers(row[index]) for row in rows]
        if code == "JPT60-20":
            values[8] = 7
        columns[code] = pa.array(values, pa.int32())
    path = tmp_path / "households.parquet"
    pq.write_table(pa.table(columns), path)

    with pytest.raises(SurveyFileRejected) as caught:
        _aggregate(path)

    problem = caught.value.report.problems[0]
    assert (problem.row, problem.column, problem.value) == (10, "JPT60-20", "7")
