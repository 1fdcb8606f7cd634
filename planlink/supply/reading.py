"""Read a funded-items file: CSV (UTF-8 with or without BOM, or TIS-620/cp874) or .xlsx.

Pure reading and checking, no writes: :func:`read_rows` turns the bytes into rows keyed by
the canonical column names (headers in Thai or English), :func:`clean_row` checks one row
and returns its values or the problems (row, column, problem in Thai and English).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from planlink.core.errors import DomainError

# Canonical column → the headers accepted for it (compared without spaces, case-folded).
COLUMNS: dict[str, tuple[str, ...]] = {
    "ref": ("ref", "reference", "รหัสรายการ", "เลขที่รายการ", "เลขที่อ้างอิง"),
    "item_description": (
        "item_description", "description", "title", "รายการ", "ชื่อรายการ", "รายการ/โครงการ",
        "รายละเอียดรายการ",
    ),
    "amount": ("amount", "จำนวนเงิน", "วงเงิน", "งบประมาณ", "จำนวนเงิน(บาท)", "วงเงิน(บาท)"),
    "budgetary_unit": ("budgetary_unit", "unit", "หน่วยรับงบประมาณ", "หน่วยงาน", "ส่วนราชการ"),
    "ministry": ("ministry", "กระทรวง"),
    "fiscal_year": ("fiscal_year", "year", "ปีงบประมาณ", "ปีงบประมาณพ.ศ."),
    "area_code": ("area_code", "dopa_code", "รหัสพื้นที่", "รหัสพื้นที่(กรมการปกครอง)"),
    "lao_code": ("lao_code", "dla_code", "รหัสอปท.", "รหัสองค์กรปกครองส่วนท้องถิ่น"),
    "project": ("project", "โครงการ"),
    "output": ("output", "ผลผลิต"),
    "budget_plan": ("budget_plan", "แผนงาน", "แผนงานงบประมาณ"),
}  # fmt: skip
REQUIRED = ("item_description", "amount", "budgetary_unit")
COLUMN_TH = {
    "ref": "ref", "item_description": "รายการ", "amount": "จำนวนเงิน",
    "budgetary_unit": "หน่วยรับงบประมาณ", "ministry": "กระทรวง", "fiscal_year": "ปีงบประมาณ",
    "area_code": "area_code", "lao_code": "lao_code", "project": "project", "output": "output",
    "budget_plan": "budget_plan",
}  # fmt: skip
MAX_PROBLEMS_SHOWN = 100
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_HEADERS = {
    re.sub(r"\s", "", name).casefold(): column
    for column, names in COLUMNS.items()
    for name in names
}


def _header_key(text: object) -> str:
    cleaned = unicodedata.normalize("NFC", str(text or "")).replace("\ufeff", "")
    return re.sub(r"\s", "", cleaned).casefold()


@dataclass
class Table:
    """The rows of a file by canonical column; ``first_row`` is the file row of ``rows[0]``."""

    columns: list[str]
    rows: list[dict[str, Any]]
    encoding: str
    first_row: int
    ignored_columns: list[str] = field(default_factory=list)


class ImportRefused(DomainError):
    """Nothing was imported: the file, or some of its rows, cannot be read as funded items."""

    code = "import_refused"
    status = 422

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        count = len(problems)
        super().__init__(
            f"ไม่ได้นำเข้ารายการใดเลย: พบปัญหา {count:,} รายการ แก้ไขแล้วนำเข้าใหม่ทั้งไฟล์",
            f"nothing was imported: {count:,} problem(s); fix the file and import it again",
            problems=problems[:MAX_PROBLEMS_SHOWN],
            problems_total=count,
        )
        self.problems = problems


def problem(row: int | None, column: str, th: str, en: str) -> dict[str, Any]:
    return {"row": row, "column": column, "problem": th, "problem_en": en}


# ----------------------------------------------------------------------------- the file
def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV and its encoding: UTF-8 (BOM or not) if it decodes, else cp874.

    TIS-620 is a subset of cp874 (Windows-874), which government offices export; Thai
    text in TIS-620 is never valid UTF-8, so the first decoder that accepts it is right.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp874"), "cp874"
    except UnicodeDecodeError as error:
        raise ImportRefused(
            [problem(None, "", "อ่านไฟล์ไม่ได้: ไม่ใช่ UTF-8 หรือ TIS-620/cp874",
                     "cannot read the file: neither UTF-8 nor TIS-620/cp874")]
        ) from error  # fmt: skip


def _map_header(cells: list[object]) -> tuple[list[str | None], list[str]]:
    mapped: list[str | None] = []
    ignored: list[str] = []
    seen: set[str] = set()
    for cell in cells:
        column = _HEADERS.get(_header_key(cell))
        if column is None or column in seen:
            mapped.append(None)
            if str(cell or "").strip():
                ignored.append(str(cell).strip())
        else:
            seen.add(column)
            mapped.append(column)
    return mapped, ignored


def _table(raw: list[list[object]], encoding: str) -> Table:
    """Find the header (the first of the first 10 rows naming two known columns)."""
    index = -1
    mapped: list[Any] = []
    ignored: list[Any] = []
    for position, cells in enumerate(raw[:10]):
        mapped, ignored = _map_header(cells)
        if sum(1 for column in mapped if column) >= 2:
            index = position
            break
    if index < 0:
        raise ImportRefused(
            [problem(1, "", "ไม่พบแถวหัวตาราง (ต้องมีคอลัมน์ รายการ/item_description, "
                            "จำนวนเงิน/amount, หน่วยรับงบประมาณ/budgetary_unit)",
                     "no header row found (item_description, amount, budgetary_unit)")]
        )  # fmt: skip
    missing = [column for column in REQUIRED if column not in mapped]
    if missing:
        raise ImportRefused(
            [
                problem(index + 1, COLUMN_TH[column], f"ไม่มีคอลัมน์ที่ต้องมี '{COLUMN_TH[column]}'",
                        f"required column '{column}' is missing")
                for column in missing
            ]
        )  # fmt: skip
    rows = []
    for cells in raw[index + 1 :]:
        row: dict[str, Any] = {}
        for column, value in zip(mapped, cells, strict=False):
            if column is not None:
                row[column] = value
        rows.append(row)
    return Table(
        columns=[c for c in mapped if c],
        rows=rows,
        encoding=encoding,
        first_row=index + 2,
        ignored_columns=ignored,
    )


def read_rows(data: bytes, file_name: str = "") -> Table:
    """The rows of a .xlsx (by its zip signature) or a CSV (comma, semicolon or tab)."""
    if data[:4] == b"PK\x03\x04" or file_name.lower().endswith(".xlsx"):
        return _table(_xlsx_cells(data), "xlsx")
    text, encoding = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return _table([list(cells) for cells in reader], encoding)


def _xlsx_cells(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable workbook is one refusal
        raise ImportRefused(
            [problem(None, "", "อ่านไฟล์ Excel ไม่ได้", f"cannot read the Excel file: {error}")]
        ) from error
    try:
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


# ----------------------------------------------------------------------------- one value
def text_of(value: object) -> str:
    """A cell as text: NFC, whitespace runs folded to one space, trimmed."""
    if value is None or value == "":
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = value if isinstance(value, str) else str(value)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


_AMOUNT = re.compile(r"^\d+(?:\.\d{1,2})?$")


def parse_amount(value: object) -> Decimal | None:
    """``12,000,000``, ``12,000,000.00``, ``12,000,000.-``, ``12,000,000 บาท``, Thai digits."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        amount = Decimal(value)
    elif isinstance(value, float):
        amount = Decimal(str(value))
    else:
        text = text_of(value).translate(_THAI_DIGITS)
        text = re.sub(r"\s*(?:บาท|baht|THB)\s*$", "", text, flags=re.IGNORECASE)
        text = re.sub(r"\.?\s*-\s*$", "", text)  # 12,000,000.- and 12,000,000-
        text = text.replace(",", "").replace(" ", "")
        if not _AMOUNT.match(text):
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            return None
    if amount < 0 or amount >= Decimal("1e14"):
        return None
    return amount.quantize(Decimal("0.01"))


def parse_year(value: object) -> int | None:
    """A B.E. fiscal year (2500–2700): ``2570``, ``๒๕๗๐``, ``พ.ศ. 2570``."""
    text = text_of(value).translate(_THAI_DIGITS)
    match = re.fullmatch(r"(?:พ\.?\s?ศ\.?\s*)?(\d{4})", text)
    if not match:
        return None
    year = int(match.group(1))
    return year if 2500 <= year <= 2700 else None


def parse_code(value: object, lengths: tuple[int, ...]) -> str | None:
    text = text_of(value).translate(_THAI_DIGITS).replace(" ", "").replace("-", "")
    return text if text.isdigit() and len(text) in lengths else None


def row_hash(values: dict[str, Any], occurrence: int) -> str:
    """The key of a row without ``ref``: its content (and how many times it repeated)."""
    parts = [
        re.sub(r"\s", "", str(values.get(column) or ""))
        for column in ("item_description", "amount", "budgetary_unit", "fiscal_year",
                       "area_code", "lao_code", "project", "output")
    ]  # fmt: skip
    parts.append(str(occurrence))
    return hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:32]
