"""Files that arrive already aggregated per village.

* จปฐ. figures per village: ``village_code,indicator_code,households_surveyed,households_failed``
* กชช.๒ค scores: ``village_code,indicator_code,level`` with level 1–3
  (1 = หมู่บ้านเร่งรัดพัฒนาอันดับ 1 ล้าหลัง … 3 = ก้าวหน้า)

These files hold at most one row per village and indicator (a few million
rows nationally), so the rows are numbered into a DuckDB temp table once and
every check is one SQL query that returns the count and the first rows.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pyarrow as pa

from planlink.evidence.ingest.households import SurveyAggregation
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
    connect,
    open_source,
    quote_identifier,
    quote_literal,
    raise_read_error,
)
from planlink.evidence.ingest.villages import (
    VillageResolver,
    check_village_codes,
    register_code_tables,
)

AGGREGATE_COLUMNS = ("village_code", "indicator_code", "households_surveyed", "households_failed")
SCORE_COLUMNS = ("village_code", "indicator_code", "level")
WHOLE_NUMBER = "'[0-9]{1,9}'"


@dataclass
class ScoreTable:
    rows_read: int
    scores: pa.Table  # village_code, indicator_code, level
    villages: int
    province_codes: list[str]
    remapped_codes: dict[str, str]


@dataclass(frozen=True)
class _Check:
    """One rule: rows matching ``condition`` are problems in ``column``."""

    kind: ProblemKind
    column: str
    condition: str
    value: str
    message: Callable[[str | None], tuple[str, str]]


def _stage(
    connection: duckdb.DuckDBPyConnection, path: Path, columns: Sequence[str], scratch: Path
) -> int:
    """Check the header, then copy the file into ``rows`` (text columns plus ``row_number``)."""
    source = open_source(connection, path, work_dir=scratch)
    problems = [
        Problem(
            HEADER_ROW,
            name,
            ProblemKind.MISSING_COLUMN,
            f"ไม่มีคอลัมน์ '{name}' ในแถวหัวตาราง",
            f"the header lacks the column '{name}'",
        )
        for name in columns
        if name not in source.columns
    ] + [
        Problem(
            HEADER_ROW,
            name,
            ProblemKind.UNKNOWN_COLUMN,
            f"ไม่รู้จักคอลัมน์ '{name}' (ต้องมีเฉพาะ {', '.join(columns)})",
            f"unknown column '{name}' (expected only {', '.join(columns)})",
        )
        for name in source.columns
        if name not in columns
    ]
    if problems:
        report = ValidationReport(file_name=path.name)
        report.add(problems)
        raise SurveyFileRejected(report)
    selected = ", ".join(
        f"NULLIF(trim({quote_identifier(name)}::VARCHAR), '') AS {quote_identifier(name)}"
        for name in columns
    )
    try:
        connection.execute(
            f"CREATE OR REPLACE TEMP TABLE rows AS SELECT {source.row_number_sql()} AS row_number, "
            f"{selected} FROM source"
        )
    except duckdb.Error as error:
        raise_read_error(path, error)
    return int(connection.execute("SELECT count(*) FROM rows").fetchall()[0][0])


def _village_checks() -> list[_Check]:
    return [
        _Check(
            ProblemKind.MISSING_VILLAGE_CODE,
            "village_code",
            "village_code IS NULL",
            "NULL",
            lambda _: ("ไม่มีรหัสหมู่บ้าน", "village_code is empty"),
        ),
    ]


def _run_checks(
    connection: duckdb.DuckDBPyConnection, report: ValidationReport, checks: list[_Check]
) -> None:
    for check in checks:
        total = connection.execute(f"SELECT count(*) FROM rows WHERE {check.condition}").fetchall()[
            0
        ][0]
        if not total:
            continue
        found = connection.execute(
            f"SELECT row_number, {check.value} FROM rows WHERE {check.condition} "
            f"ORDER BY row_number LIMIT {REPORT_LIMIT}"
        ).fetchall()
        problems = []
        for row, value in found:
            message_th, message_en = check.message(None if value is None else str(value))
            problems.append(Problem(row, check.column, check.kind, message_th, message_en, value))
        report.add(problems, total)


def _check_codes(
    connection: duckdb.DuckDBPyConnection,
    report: ValidationReport,
    resolve_villages: VillageResolver,
    indicator_codes: Sequence[str],
) -> dict[str, str]:
    raw_codes = [
        row[0]
        for row in connection.execute(
            "SELECT DISTINCT village_code FROM rows WHERE village_code IS NOT NULL"
        ).fetchall()
    ]
    codes = check_village_codes(raw_codes, resolve_villages)
    register_code_tables(connection, codes)
    total = connection.execute(
        "SELECT count(*) FROM rows JOIN bad_codes b ON rows.village_code = b.raw_code"
    ).fetchall()[0][0]
    if total:
        found = connection.execute(
            "SELECT row_number, village_code, b.kind, b.message_th, b.message_en FROM rows "
            "JOIN bad_codes b ON rows.village_code = b.raw_code "
            f"ORDER BY row_number LIMIT {REPORT_LIMIT}"
        ).fetchall()
        report.add(
            [
                Problem(row, "village_code", ProblemKind(kind), message_th, message_en, raw)
                for row, raw, kind, message_th, message_en in found
            ],
            total,
        )
    known = ", ".join(quote_literal(code) for code in indicator_codes) or "NULL"
    _run_checks(
        connection,
        report,
        [
            *_village_checks(),
            _Check(
                ProblemKind.UNKNOWN_INDICATOR,
                "indicator_code",
                f"indicator_code IS NULL OR indicator_code NOT IN ({known})",
                "indicator_code",
                lambda value: (
                    f"ไม่รู้จักตัวชี้วัด '{value or ''}' ในชุดที่เลือก",
                    f"indicator '{value or ''}' is not in the chosen set",
                ),
            ),
        ],
    )
    return codes.remapped


def _duplicates(connection: duckdb.DuckDBPyConnection, report: ValidationReport) -> None:
    """The same village (after mapping old codes) and indicator on two rows."""
    query = (
        "WITH keyed AS (SELECT row_number, m.village_code, indicator_code FROM rows "
        "JOIN code_map m ON rows.village_code = m.raw_code), "
        "firsts AS (SELECT village_code, indicator_code, min(row_number) AS first_row FROM keyed "
        "GROUP BY 1, 2 HAVING count(*) > 1) "
        "SELECT keyed.row_number, keyed.village_code, keyed.indicator_code, firsts.first_row "
        "FROM keyed JOIN firsts USING (village_code, indicator_code) "
        "WHERE keyed.row_number > firsts.first_row ORDER BY 1"
    )
    total = connection.execute(f"SELECT count(*) FROM ({query})").fetchall()[0][0]
    if not total:
        return
    found = connection.execute(f"{query} LIMIT {REPORT_LIMIT}").fetchall()
    report.add(
        [
            Problem(
                row,
                "indicator_code",
                ProblemKind.DUPLICATE_ROW,
                f"หมู่บ้าน {village} ตัวชี้วัด {indicator} ซ้ำกับแถวที่ {first_row}",
                f"village {village}, indicator {indicator} repeats row {first_row}",
            )
            for row, village, indicator, first_row in found
        ],
        total,
    )


def _count_check(column: str) -> _Check:
    return _Check(
        ProblemKind.INVALID_COUNT,
        column,
        f"{column} IS NULL OR NOT regexp_full_match({column}, {WHOLE_NUMBER})",
        column,
        lambda value: (
            f"'{value or ''}' ต้องเป็นจำนวนครัวเรือน (จำนวนเต็มตั้งแต่ 0)",
            f"'{value or ''}' must be a number of households (a whole number from 0)",
        ),
    )


def aggregate_village_file(
    path: Path,
    *,
    indicator_codes: Sequence[str],
    resolve_villages: VillageResolver,
    work_dir: Path | None = None,
) -> SurveyAggregation:
    """Check a per-village จปฐ. file and roll it up; raises :class:`SurveyFileRejected`."""
    with tempfile.TemporaryDirectory(dir=work_dir, prefix="planlink-evidence-") as scratch:
        connection = connect(temp_directory=Path(scratch))
        try:
            rows_read = _stage(connection, path, AGGREGATE_COLUMNS, Path(scratch))
            report = ValidationReport(file_name=path.name, rows_read=rows_read)
            remapped = _check_codes(connection, report, resolve_villages, indicator_codes)
            _run_checks(
                connection,
                report,
                [_count_check("households_surveyed"), _count_check("households_failed")],
            )
            _run_checks(
                connection,
                report,
                [
                    _Check(
                        ProblemKind.FAILED_EXCEEDS_SURVEYED,
                        "households_failed",
                        "TRY_CAST(households_failed AS BIGINT) > TRY_CAST(households_surveyed AS BIGINT)",
                        "households_failed || ' > ' || households_surveyed",
                        lambda value: (
                            f"ครัวเรือนไม่ผ่านเกณฑ์มากกว่าครัวเรือนที่สำรวจ ({value})",
                            f"more households failing than surveyed ({value})",
                        ),
                    )
                ],
            )
            _duplicates(connection, report)
            _refuse_empty(report)
            if not report.ok:
                raise SurveyFileRejected(report)
            connection.execute(
                "CREATE TEMP TABLE village_long AS SELECT m.village_code, indicator_code, "
                "households_surveyed::BIGINT AS surveyed, households_failed::BIGINT AS failed "
                "FROM rows JOIN code_map m ON rows.village_code = m.raw_code"
            )
            aggregates = rollup_village_table(connection, "village_long")
            villages, provinces = _coverage(connection)
        finally:
            connection.close()
    return SurveyAggregation(
        rows_read=rows_read,
        aggregates=aggregates,
        villages=villages,
        province_codes=provinces,
        remapped_codes=remapped,
    )


def read_score_file(
    path: Path,
    *,
    indicator_codes: Sequence[str],
    resolve_villages: VillageResolver,
    work_dir: Path | None = None,
) -> ScoreTable:
    """Check a กชช.๒ค score file (levels 1–3); raises :class:`SurveyFileRejected`."""
    with tempfile.TemporaryDirectory(dir=work_dir, prefix="planlink-evidence-") as scratch:
        connection = connect(temp_directory=Path(scratch))
        try:
            rows_read = _stage(connection, path, SCORE_COLUMNS, Path(scratch))
            report = ValidationReport(file_name=path.name, rows_read=rows_read)
            remapped = _check_codes(connection, report, resolve_villages, indicator_codes)
            _run_checks(
                connection,
                report,
                [
                    _Check(
                        ProblemKind.INVALID_LEVEL,
                        "level",
                        "level IS NULL OR level NOT IN ('1', '2', '3')",
                        "level",
                        lambda value: (
                            f"ระดับ '{value or ''}' ต้องเป็น 1 (ล้าหลัง) 2 (ปานกลาง) หรือ 3 (ก้าวหน้า)",
                            f"level '{value or ''}' must be 1 (lagging), 2 (moderate) or 3 (advanced)",
                        ),
                    )
                ],
            )
            _duplicates(connection, report)
            _refuse_empty(report)
            if not report.ok:
                raise SurveyFileRejected(report)
            scores = connection.sql(
                "SELECT m.village_code, indicator_code, level::TINYINT AS level FROM rows "
                "JOIN code_map m ON rows.village_code = m.raw_code ORDER BY 1, 2"
            ).to_arrow_table()
            connection.execute(
                "CREATE TEMP TABLE village_long AS SELECT DISTINCT m.village_code FROM rows "
                "JOIN code_map m ON rows.village_code = m.raw_code"
            )
            villages, provinces = _coverage(connection)
        finally:
            connection.close()
    return ScoreTable(rows_read, scores, villages, provinces, remapped)


def _refuse_empty(report: ValidationReport) -> None:
    if report.rows_read == 0:
        report.add(
            [
                Problem(
                    None,
                    "",
                    ProblemKind.EMPTY_FILE,
                    "ไฟล์ไม่มีข้อมูล",
                    "the file holds no data rows",
                )
            ]
        )


def _coverage(connection: duckdb.DuckDBPyConnection) -> tuple[int, list[str]]:
    villages, provinces = connection.execute(
        "SELECT count(DISTINCT village_code), list(DISTINCT substr(village_code, 1, 2)) "
        "FROM village_long"
    ).fetchall()[0]
    return int(villages), sorted(provinces or [])
