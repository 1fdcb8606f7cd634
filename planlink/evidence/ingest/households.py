"""Household-level จปฐ. files → checked, then aggregated per village and rolled up.

One row per household: ``village_code`` (8 digits), ``household_id``,
``members`` (optional), then one column per indicator code holding ``1``
(pass, ผ่านเกณฑ์), ``0`` (fail, ไม่ผ่านเกณฑ์) or empty (not applicable).

The file is read by DuckDB in streaming scans, never row by row in Python:

1. one grouped pass counts, per raw village code, rows, missing household ids,
   bad ``members`` and, per indicator, the 0s, the 1s and the non-empty cells;
2. one pass counts duplicate household ids (``count(*) - count(DISTINCT …)``);
3. only when a count is not zero, further passes find the first rows to show.

Household rows are never kept (personal data): only the per-village counts
survive, in memory, until they are rolled up.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from planlink.evidence.ingest.problems import (
    HEADER_ROW,
    REPORT_LIMIT,
    Problem,
    ProblemKind,
    SurveyFileRejected,
    ValidationReport,
)
from planlink.evidence.ingest.rollup import rollup_village_table
from planlink.evidence.ingest.sources import (
    SourceFile,
    connect,
    open_source,
    quote_identifier,
    quote_literal,
    raise_read_error,
)
from planlink.evidence.ingest.villages import (
    VillageCodeCheck,
    VillageResolver,
    check_village_codes,
    register_code_tables,
)

REQUIRED_COLUMNS = ("village_code", "household_id")
OPTIONAL_COLUMNS = ("members",)


@dataclass
class SurveyAggregation:
    """What an import stores: aggregates at four levels (no household rows)."""

    rows_read: int
    aggregates: pa.Table
    villages: int
    province_codes: list[str]
    remapped_codes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Columns:
    """SQL expressions for one file, by column type."""

    source: SourceFile
    indicator_codes: tuple[str, ...]

    @property
    def village(self) -> str:
        return f"NULLIF({quote_identifier('village_code')}::VARCHAR, '')"

    @property
    def household(self) -> str:
        return f"NULLIF({quote_identifier('household_id')}::VARCHAR, '')"

    def value(self, code: str) -> str:
        column = quote_identifier(code)
        kind = self.source.types.get(code, "VARCHAR")
        if kind == "BOOLEAN":
            return f"{column}::INTEGER"
        if self.source.is_numeric(code):
            return column
        return f"NULLIF({column}::VARCHAR, '')"

    def literal(self, code: str, digit: int) -> str:
        return str(digit) if self.source.is_numeric(code) else f"'{digit}'"

    def invalid(self, code: str) -> str:
        value = self.value(code)
        return (
            f"({value} IS NOT NULL AND {value} <> {self.literal(code, 0)} "
            f"AND {value} <> {self.literal(code, 1)})"
        )

    @property
    def has_members(self) -> bool:
        return "members" in self.source.columns

    def members_invalid(self) -> str:
        column = quote_identifier("members")
        if self.source.is_numeric("members") and self.source.types["members"] != "BOOLEAN":
            return (
                f"({column} IS NOT NULL AND NOT ({column} >= 1 AND {column} <= 999 "
                f"AND {column} = floor({column})))"
            )
        text = f"NULLIF(trim({column}::VARCHAR), '')"
        return f"({text} IS NOT NULL AND NOT regexp_full_match({text}, '[1-9][0-9]{{0,2}}'))"


def check_header(source: SourceFile, indicator_codes: Sequence[str]) -> list[Problem]:
    """Missing required or indicator columns, and columns the indicator set does not know."""
    problems: list[Problem] = []
    present = set(source.columns)
    expected = [*REQUIRED_COLUMNS, *indicator_codes]
    for name in expected:
        if name not in present:
            problems.append(
                Problem(
                    row=HEADER_ROW,
                    column=name,
                    kind=ProblemKind.MISSING_COLUMN,
                    message_th=f"ไม่มีคอลัมน์ '{name}' ในแถวหัวตาราง",
                    message_en=f"the header lacks the column '{name}'",
                )
            )
    known = set(expected) | set(OPTIONAL_COLUMNS)
    for name in source.columns:
        if name not in known:
            problems.append(
                Problem(
                    row=HEADER_ROW,
                    column=name,
                    kind=ProblemKind.UNKNOWN_COLUMN,
                    message_th=f"ไม่รู้จักคอลัมน์ '{name}' (ไม่ใช่ตัวชี้วัดในชุดที่เลือก)",
                    message_en=f"unknown column '{name}' (not an indicator of the chosen set)",
                )
            )
    return problems


def aggregate_household_file(
    path: Path,
    *,
    indicator_codes: Sequence[str],
    resolve_villages: VillageResolver,
    work_dir: Path | None = None,
    memory_limit: str | None = None,
    threads: int | None = None,
) -> SurveyAggregation:
    """Check a household file and return its aggregates; raises :class:`SurveyFileRejected`."""
    with tempfile.TemporaryDirectory(dir=work_dir, prefix="planlink-evidence-") as scratch:
        connection = connect(
            memory_limit=memory_limit, threads=threads, temp_directory=Path(scratch)
        )
        try:
            return _aggregate(
                connection, path, tuple(indicator_codes), resolve_villages, Path(scratch)
            )
        finally:
            connection.close()


def _aggregate(
    connection: duckdb.DuckDBPyConnection,
    path: Path,
    indicator_codes: tuple[str, ...],
    resolve_villages: VillageResolver,
    scratch: Path,
) -> SurveyAggregation:
    source = open_source(connection, path, work_dir=scratch)
    report = ValidationReport(file_name=path.name)
    report.add(check_header(source, indicator_codes))
    if not report.ok:
        raise SurveyFileRejected(report)
    columns = _Columns(source, indicator_codes)
    try:
        _count_per_village(connection, columns)
        duplicates = connection.execute(
            f"SELECT count(*) - count(DISTINCT household) FROM "
            f"(SELECT {columns.household} AS household FROM source) WHERE household IS NOT NULL"
        ).fetchall()[0][0]
    except duckdb.Error as error:
        raise_read_error(path, error)
    totals = _totals(connection, indicator_codes)
    report.rows_read = totals["rows"]
    if report.rows_read == 0:
        report.add(
            [
                Problem(
                    row=None,
                    column="",
                    kind=ProblemKind.EMPTY_FILE,
                    message_th="ไฟล์ไม่มีข้อมูลครัวเรือน",
                    message_en="the file holds no household rows",
                )
            ]
        )
        raise SurveyFileRejected(report)
    raw_codes = [
        row[0]
        for row in connection.execute(
            "SELECT raw_code FROM village_counts WHERE raw_code IS NOT NULL"
        ).fetchall()
    ]
    codes = check_village_codes(raw_codes, resolve_villages)
    register_code_tables(connection, codes)
    _locate_problems(connection, columns, report, totals, duplicates, codes)
    if not report.ok:
        raise SurveyFileRejected(report)
    return _village_rollup(connection, indicator_codes, report.rows_read, codes)


def _count_per_village(connection: duckdb.DuckDBPyConnection, columns: _Columns) -> None:
    parts = [
        f"{columns.village} AS raw_code",
        "count(*) AS row_count",
        f"count(*) - count({columns.household}) AS missing_ids",
        f"count_if({columns.members_invalid()}) AS bad_members" if columns.has_members else
        "0 AS bad_members",
    ]  # fmt: skip
    for index, code in enumerate(columns.indicator_codes):
        value = columns.value(code)
        parts.append(f"count_if({value} = {columns.literal(code, 0)}) AS failed_{index}")
        parts.append(f"count_if({value} = {columns.literal(code, 1)}) AS passed_{index}")
        parts.append(f"count({value}) AS present_{index}")
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE village_counts AS SELECT "
        + ", ".join(parts)
        + " FROM source GROUP BY 1"
    )


def _totals(
    connection: duckdb.DuckDBPyConnection, indicator_codes: tuple[str, ...]
) -> dict[str, Any]:
    invalid = [
        f"coalesce(sum(present_{index} - failed_{index} - passed_{index}), 0)"
        for index in range(len(indicator_codes))
    ]
    row = connection.execute(
        "SELECT coalesce(sum(row_count), 0), coalesce(sum(missing_ids), 0), "
        "coalesce(sum(bad_members), 0), "
        "coalesce(sum(row_count) FILTER (WHERE raw_code IS NULL), 0), "
        + ", ".join(invalid)
        + " FROM village_counts"
    ).fetchall()[0]
    return {
        "rows": int(row[0]),
        "missing_ids": int(row[1]),
        "bad_members": int(row[2]),
        "missing_codes": int(row[3]),
        "invalid": {code: int(count) for code, count in zip(indicator_codes, row[4:], strict=True)},
    }


def _locate_problems(
    connection: duckdb.DuckDBPyConnection,
    columns: _Columns,
    report: ValidationReport,
    totals: dict[str, Any],
    duplicates: int,
    codes: VillageCodeCheck,
) -> None:
    """Find the first rows of every kind of problem the counts revealed (slow path only)."""
    bad_code_rows = connection.execute(
        "SELECT coalesce(sum(c.row_count), 0) FROM village_counts c "
        "JOIN bad_codes b ON c.raw_code = b.raw_code"
    ).fetchall()[0][0]
    invalid_columns = [code for code, count in totals["invalid"].items() if count]
    if not (
        bad_code_rows
        or totals["missing_codes"]
        or totals["missing_ids"]
        or totals["bad_members"]
        or duplicates
        or invalid_columns
    ):
        return
    row_number = columns.source.row_number_sql()
    connection.execute(
        f"CREATE OR REPLACE TEMP VIEW numbered AS SELECT {row_number} AS row_number, * FROM source"
    )
    if bad_code_rows or totals["missing_codes"]:
        report.add(_village_problems(connection, columns), bad_code_rows + totals["missing_codes"])
    if totals["missing_ids"]:
        rows = _first_rows(connection, f"{columns.household} IS NULL", "NULL")
        report.add(
            [
                Problem(
                    row,
                    "household_id",
                    ProblemKind.MISSING_HOUSEHOLD_ID,
                    "ไม่มีรหัสครัวเรือน",
                    "household_id is empty",
                )
                for row, _ in rows
            ],
            totals["missing_ids"],
        )
    if duplicates:
        report.add(_duplicate_problems(connection, columns), duplicates)
    if totals["bad_members"]:
        rows = _first_rows(connection, columns.members_invalid(), '"members"::VARCHAR')
        report.add(
            [
                Problem(
                    row,
                    "members",
                    ProblemKind.INVALID_MEMBERS,
                    f"จำนวนสมาชิก '{value}' ต้องเป็นจำนวนเต็มตั้งแต่ 1 ขึ้นไป หรือเว้นว่าง",
                    f"members '{value}' must be a whole number from 1, or empty",
                    value,
                )
                for row, value in rows
            ],
            totals["bad_members"],
        )
    if invalid_columns:
        report.add(
            _value_problems(connection, columns, invalid_columns),
            sum(totals["invalid"].values()),
        )


def _first_rows(
    connection: duckdb.DuckDBPyConnection, condition: str, value: str
) -> list[tuple[int, str | None]]:
    return connection.execute(
        f"SELECT row_number, {value} FROM numbered WHERE {condition} "
        f"ORDER BY row_number LIMIT {REPORT_LIMIT}"
    ).fetchall()


def _village_problems(connection: duckdb.DuckDBPyConnection, columns: _Columns) -> list[Problem]:
    rows = connection.execute(
        f"SELECT n.row_number, n.raw_code, b.kind, b.message_th, b.message_en FROM "
        f"(SELECT row_number, {columns.village} AS raw_code FROM numbered) n "
        "LEFT JOIN bad_codes b ON n.raw_code = b.raw_code "
        "WHERE n.raw_code IS NULL OR b.raw_code IS NOT NULL "
        f"ORDER BY n.row_number LIMIT {REPORT_LIMIT}"
    ).fetchall()
    problems = []
    for row, raw, kind, message_th, message_en in rows:
        if raw is None:
            problems.append(
                Problem(
                    row,
                    "village_code",
                    ProblemKind.MISSING_VILLAGE_CODE,
                    "ไม่มีรหัสหมู่บ้าน",
                    "village_code is empty",
                )
            )
        else:
            problems.append(
                Problem(row, "village_code", ProblemKind(kind), message_th, message_en, raw)
            )
    return problems


def _duplicate_problems(connection: duckdb.DuckDBPyConnection, columns: _Columns) -> list[Problem]:
    rows = connection.execute(
        f"WITH ids AS (SELECT row_number, {columns.household} AS household FROM numbered), "
        "repeated AS (SELECT household, min(row_number) AS first_row FROM ids "
        "WHERE household IS NOT NULL GROUP BY household HAVING count(*) > 1) "
        "SELECT ids.row_number, ids.household, repeated.first_row FROM ids "
        "JOIN repeated USING (household) WHERE ids.row_number > repeated.first_row "
        f"ORDER BY ids.row_number LIMIT {REPORT_LIMIT}"
    ).fetchall()
    return [
        Problem(
            row,
            "household_id",
            ProblemKind.DUPLICATE_HOUSEHOLD_ID,
            f"รหัสครัวเรือน '{household}' ซ้ำกับแถวที่ {first_row}",
            f"household_id '{household}' repeats row {first_row}",
            household,
        )
        for row, household, first_row in rows
    ]


def _value_problems(
    connection: duckdb.DuckDBPyConnection, columns: _Columns, invalid_columns: list[str]
) -> list[Problem]:
    flags = ", ".join(f"{columns.invalid(code)} AS bad_{index}" for index, code in
                      enumerate(invalid_columns))  # fmt: skip
    values = ", ".join(f"{quote_identifier(code)}::VARCHAR" for code in invalid_columns)
    condition = " OR ".join(columns.invalid(code) for code in invalid_columns)
    rows = connection.execute(
        f"SELECT row_number, {flags}, {values} FROM numbered WHERE {condition} "
        f"ORDER BY row_number LIMIT {REPORT_LIMIT}"
    ).fetchall()
    width = len(invalid_columns)
    problems = []
    for record in rows:
        row, flagged, shown = record[0], record[1 : 1 + width], record[1 + width :]
        for code, is_bad, value in zip(invalid_columns, flagged, shown, strict=True):
            if is_bad:
                problems.append(
                    Problem(
                        row,
                        code,
                        ProblemKind.INVALID_VALUE,
                        f"ค่า '{value}' ใช้ไม่ได้: ต้องเป็น 1 (ผ่านเกณฑ์) 0 (ไม่ผ่านเกณฑ์) หรือว่าง (ไม่เกี่ยวข้อง)",
                        f"value '{value}' is not allowed: use 1 (pass), 0 (fail) "
                        "or empty (not applicable)",
                        value,
                    )
                )
    return problems[:REPORT_LIMIT]


def _village_rollup(
    connection: duckdb.DuckDBPyConnection,
    indicator_codes: tuple[str, ...],
    rows_read: int,
    codes: VillageCodeCheck,
) -> SurveyAggregation:
    sums = ", ".join(
        f"sum(failed_{index})::BIGINT AS failed_{index}, sum(passed_{index})::BIGINT AS passed_{index}"
        for index in range(len(indicator_codes))
    )
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE village_totals AS SELECT m.village_code, {sums} "
        "FROM village_counts c JOIN code_map m ON c.raw_code = m.raw_code GROUP BY 1"
    )
    names = ", ".join(quote_literal(code) for code in indicator_codes)
    surveyed = ", ".join(f"failed_{i} + passed_{i}" for i in range(len(indicator_codes)))
    failed = ", ".join(f"failed_{i}" for i in range(len(indicator_codes)))
    connection.execute(
        "CREATE OR REPLACE TEMP TABLE village_long AS SELECT village_code, "
        f"unnest([{names}]) AS indicator_code, unnest([{surveyed}]) AS surveyed, "
        f"unnest([{failed}]) AS failed FROM village_totals"
    )
    aggregates = rollup_village_table(connection, "village_long")
    villages, provinces = connection.execute(
        "SELECT count(*), list(DISTINCT substr(village_code, 1, 2)) FROM village_totals"
    ).fetchall()[0]
    return SurveyAggregation(
        rows_read=rows_read,
        aggregates=aggregates,
        villages=int(villages),
        province_codes=sorted(provinces or []),
        remapped_codes=codes.remapped,
    )
