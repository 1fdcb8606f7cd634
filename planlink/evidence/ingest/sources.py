"""Open a survey file (CSV, Excel or Parquet) as a DuckDB view named ``source``.

DuckDB reads the file in a streaming, parallel scan; nothing here loops over
rows in Python except the Excel conversion (an Excel sheet holds at most about
a million rows). Pitfalls of DuckDB 2.0 (docs/STACK.md): read each result fully
before the next call, and keep the progress bar off.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

import duckdb

from planlink.evidence.ingest.problems import (
    HEADER_ROW,
    Problem,
    ProblemKind,
    SurveyFileRejected,
    ValidationReport,
)

NUMERIC_TYPES = {
    "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT",
    "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "BOOLEAN",
}  # fmt: skip
_CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")


class FileFormat(StrEnum):
    CSV = "csv"
    EXCEL = "excel"
    PARQUET = "parquet"


SUFFIXES = {
    ".csv": FileFormat.CSV,
    ".txt": FileFormat.CSV,
    ".xlsx": FileFormat.EXCEL,
    ".xlsm": FileFormat.EXCEL,
    ".parquet": FileFormat.PARQUET,
    ".pq": FileFormat.PARQUET,
}


@dataclass(frozen=True)
class SourceFile:
    """A survey file opened as the view ``source``: its format, columns and their DuckDB types."""

    path: Path
    format: FileFormat
    columns: list[str]
    types: dict[str, str]

    def is_numeric(self, column: str) -> bool:
        return self.types.get(column, "VARCHAR").split("(")[0] in NUMERIC_TYPES

    def row_number_sql(self) -> str:
        """Spreadsheet row number of each record (header = row 1)."""
        if self.format is FileFormat.PARQUET:
            return "(file_row_number + 2)"
        # With preserve_insertion_order (the default) DuckDB numbers a CSV scan in file order.
        return "(row_number() OVER () + 1)"


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(
    *,
    memory_limit: str | None = None,
    threads: int | None = None,
    temp_directory: Path | None = None,
) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection; large intermediate results spill to ``temp_directory``."""
    connection = duckdb.connect(":memory:")
    connection.execute("SET enable_progress_bar = false")
    connection.execute("SET preserve_insertion_order = true")
    if memory_limit:
        connection.execute(f"SET memory_limit = {quote_literal(memory_limit)}")
    if threads:
        connection.execute(f"SET threads = {int(threads)}")
    if temp_directory is not None:
        connection.execute(f"SET temp_directory = {quote_literal(str(temp_directory))}")
    return connection


def refuse(
    path: Path, kind: ProblemKind, message_th: str, message_en: str, **where: object
) -> None:
    """Raise :class:`SurveyFileRejected` with a single problem."""
    report = ValidationReport(file_name=path.name)
    row = where.get("row")
    report.add(
        [
            Problem(
                row=row if isinstance(row, int) else None,
                column=str(where.get("column") or ""),
                kind=kind,
                message_th=message_th,
                message_en=message_en,
            )
        ]
    )
    raise SurveyFileRejected(report)


def detect_format(path: Path) -> FileFormat:
    file_format = SUFFIXES.get(path.suffix.lower())
    if file_format is None:
        refuse(
            path,
            ProblemKind.UNREADABLE_FILE,
            f"ไม่รู้จักชนิดไฟล์ '{path.suffix}' (รับ .csv .xlsx .parquet)",
            f"unsupported file type '{path.suffix}' (use .csv, .xlsx or .parquet)",
        )
    if not path.is_file():
        refuse(path, ProblemKind.UNREADABLE_FILE, "ไม่พบไฟล์", "file not found")
    return file_format  # type: ignore[return-value]


def _csv_header(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle), None)
    except UnicodeDecodeError:
        refuse(
            path,
            ProblemKind.UNREADABLE_FILE,
            "ไฟล์ต้องเข้ารหัส UTF-8 (บันทึกจาก Excel เป็น CSV UTF-8)",
            "the file must be UTF-8 encoded (save from Excel as 'CSV UTF-8')",
            row=HEADER_ROW,
        )
    if not header or not any(name.strip() for name in header):
        refuse(path, ProblemKind.EMPTY_FILE, "ไฟล์ว่าง ไม่มีแถวหัวตาราง", "the file has no header row")
    return [name.strip() for name in header]  # type: ignore[union-attr]


def _excel_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def excel_to_csv(path: Path, work_dir: Path) -> Path:
    """Copy the first sheet of an .xlsx file to a UTF-8 CSV, keeping spreadsheet row numbers.

    Numbers typed into cells come back as ``int``/``float``: ``1.0`` becomes ``1``
    so a pass/fail cell typed as a number reads the same as one typed as text.
    Trailing empty rows (formatting left behind) are dropped; empty rows in the
    middle are kept so row numbers still match what Excel shows.
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        refuse(
            path,
            ProblemKind.UNREADABLE_FILE,
            f"เปิดไฟล์ Excel ไม่ได้ ({error.__class__.__name__})",
            f"cannot open the Excel file ({error})",
        )
    target = work_dir / f"{path.stem}.csv"
    try:
        sheet = workbook.worksheets[0]
        pending_empty = 0
        with target.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            width: int | None = None
            for values in sheet.iter_rows(values_only=True):
                cells = [_excel_cell(value) for value in values]
                if width is None:
                    while cells and cells[-1] == "":
                        cells.pop()
                    width = len(cells)
                cells = (cells + [""] * width)[:width]
                if not any(cells):
                    pending_empty += 1
                    continue
                for _ in range(pending_empty):
                    writer.writerow([""] * width)
                pending_empty = 0
                writer.writerow(cells)
    finally:
        workbook.close()
    return target


def open_source(connection: duckdb.DuckDBPyConnection, path: Path, *, work_dir: Path) -> SourceFile:
    """Create the view ``source`` over the file; every CSV/Excel column is read as text."""
    file_format = detect_format(path)
    readable = excel_to_csv(path, work_dir) if file_format is FileFormat.EXCEL else path
    if file_format is FileFormat.PARQUET:
        relation = f"read_parquet({quote_literal(str(readable))}, file_row_number = true)"
    else:
        header = _csv_header(readable)
        _refuse_duplicate_columns(path, header)
        columns = ", ".join(f"{quote_literal(name)}: 'VARCHAR'" for name in header)
        relation = (
            f"read_csv({quote_literal(str(readable))}, header = true, auto_detect = false, "
            f"columns = {{{columns}}}, delim = ',', quote = '\"', escape = '\"', "
            "encoding = 'utf-8')"
        )
    try:
        connection.execute(f"CREATE OR REPLACE TEMP VIEW source AS SELECT * FROM {relation}")
        described = connection.execute("DESCRIBE source").fetchall()
    except duckdb.Error as error:
        raise_read_error(path, error)
    types = {str(row[0]): str(row[1]) for row in described if row[0] != "file_row_number"}
    return SourceFile(path, file_format, list(types), types)


def _refuse_duplicate_columns(path: Path, header: list[str]) -> None:
    seen: set[str] = set()
    duplicates: list[str] = []
    for name in header:
        if name in seen:
            duplicates.append(name)
        seen.add(name)
    if duplicates:
        report = ValidationReport(file_name=path.name)
        report.add(
            [
                Problem(
                    row=HEADER_ROW,
                    column=name,
                    kind=ProblemKind.DUPLICATE_COLUMN,
                    message_th=f"คอลัมน์ '{name}' ซ้ำในแถวหัวตาราง",
                    message_en=f"column '{name}' appears more than once in the header",
                )
                for name in dict.fromkeys(duplicates)
            ]
        )
        raise SurveyFileRejected(report)


def raise_read_error(path: Path, error: duckdb.Error) -> None:
    """Turn DuckDB's parse error into a one-problem report naming the line where it stopped."""
    text = str(error)
    match = _CSV_LINE.search(text)
    first_line = text.strip().splitlines()[0] if text.strip() else error.__class__.__name__
    detail = next(
        (line.strip() for line in text.splitlines()[1:4] if "Expected" in line or "quote" in line),
        first_line,
    )
    if match:
        refuse(
            path,
            ProblemKind.MALFORMED_ROW,
            f"อ่านแถวนี้ไม่ได้ (จำนวนคอลัมน์ไม่ตรงหรือเครื่องหมายคำพูดไม่ครบ): {detail}",
            f"this row cannot be read (wrong number of fields or an unclosed quote): {detail}",
            row=int(match.group(1)),
        )
    refuse(
        path,
        ProblemKind.UNREADABLE_FILE,
        f"อ่านไฟล์ไม่ได้: {first_line}",
        f"the file cannot be read: {first_line}",
    )
