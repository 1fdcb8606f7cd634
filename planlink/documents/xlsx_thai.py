"""Excel (.xlsx) building blocks on openpyxl: Thai tables, drop-down lists, template stamps.

The plan templates that tambons and LAOs fill in (แบบ ๑–๓, project lists) go out as
workbooks and come back filled. ``write_table`` writes a header and rows the way Thai
offices expect (TH SarabunPSK, baht as ``#,##0.00``); ``add_list_validation`` adds drop-down
lists; ``stamp`` hides a JSON stamp (plan, owner, level, template version) in a veryHidden
sheet so an upload can be matched to what was sent out; ``read_rows`` reads a filled
template back, accepting Thai numerals (เลขไทย) in numbers and pointing at cells
("C12") in its error reports.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from os import PathLike
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planlink.core.thai import to_arabic_digits

__all__ = [
    "BAHT_FORMAT",
    "BE_DATE_FORMAT",
    "INTEGER_FORMAT",
    "LISTS_SHEET",
    "STAMP_SHEET",
    "ReadCell",
    "ReadRow",
    "StampError",
    "TemplateHeaderError",
    "add_list_validation",
    "display_width",
    "read_rows",
    "read_stamp",
    "stamp",
    "write_table",
]

BAHT_FORMAT = "#,##0.00"
INTEGER_FORMAT = "#,##0"
# Excel locale prefix [$-xxyyzzzz]: xx=01 Western digits, yy=07 Thai Buddhist calendar,
# zzzz=041E Thai → "25 พฤศจิกายน 2569". (Format code from Excel's documented scheme; not
# checked in a real Excel here.)
BE_DATE_FORMAT = "[$-107041E]d mmmm yyyy;@"
STAMP_SHEET = "_planlink"
LISTS_SHEET = "_lists"
STAMP_FORMAT = "planlink-stamp/1"
DEFAULT_FONT = "TH SarabunPSK"
INLINE_LIST_LIMIT = 255  # Excel refuses a literal list longer than 255 characters

_HEADER_FILL = PatternFill(fill_type="solid", start_color="FFD9E1F2", end_color="FFD9E1F2")
_THIN = Side(style="thin", color="FF808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_ZERO_WIDTH_CATEGORIES = {"Mn", "Me", "Cf"}  # Thai vowels above/below and tone marks


class StampError(ValueError):
    """The workbook has a PlanLink stamp sheet, but its stamp is damaged or was altered."""


class TemplateHeaderError(ValueError):
    """The sheet lacks the header row the template should have."""


def display_width(text: object) -> int:
    """Columns a text takes on screen: Thai marks above and below (ั ิ ่ ้ ุ …) take none."""
    lines = str(text).split("\n")
    return max(
        sum(1 for char in line if unicodedata.category(char) not in _ZERO_WIDTH_CATEGORIES)
        for line in lines
    )


def _shown_text(value: object, number_format: str | None) -> str:
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        decimals = 2 if number_format and "0.00" in number_format else 0
        return f"{value:,.{decimals}f}"
    if isinstance(value, datetime.date):
        return "25 พฤศจิกายน 2569"  # the widest B.E. date shape
    return "" if value is None else str(value)


def first_sheet(workbook: Workbook) -> Worksheet:
    """The sheet a new workbook opens on (``Workbook()`` always has one)."""
    sheet = workbook.active
    if not isinstance(sheet, Worksheet):
        raise ValueError("the workbook has no worksheet")
    return sheet


def _workbook_of(worksheet: Worksheet) -> Workbook:
    workbook = worksheet.parent
    if workbook is None:
        raise ValueError("the worksheet belongs to no workbook")
    return workbook


def _excel_value(value: object) -> Any:
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones: keep the local wall time
    return value


def write_table(
    worksheet: Worksheet,
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    number_formats: Mapping[str | int, str] | None = None,
    *,
    start_row: int = 1,
    font_name: str = DEFAULT_FONT,
    font_size: float = 16,
) -> str:
    """Write a header row and data rows; return the table's range, e.g. ``"A1:E42"``.

    ``number_formats`` maps a header (or a 0-based column index) to an Excel format such
    as ``BAHT_FORMAT``; dates without one get ``BE_DATE_FORMAT``. The header is bold on a
    fill, frozen, and filtered; column widths fit the Thai text. Text that starts with "="
    is written as text, never as a formula.
    """
    formats = dict(number_formats or {})
    column_formats = [
        formats.get(header, formats.get(index)) for index, header in enumerate(headers)
    ]
    header_font = Font(name=font_name, size=font_size, bold=True)
    body_font = Font(name=font_name, size=font_size)
    widths = [display_width(header) for header in headers]
    for index, header in enumerate(headers, start=1):
        cell = worksheet.cell(row=start_row, column=index)
        _set_text_safely(cell, header)
        cell.font, cell.fill, cell.border = header_font, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    last_row = start_row
    for last_row, values in enumerate(rows, start=start_row + 1):
        if len(values) != len(headers):
            raise ValueError(f"row {last_row} has {len(values)} cells, not {len(headers)}")
        for index, value in enumerate(values):
            cell = worksheet.cell(row=last_row, column=index + 1)
            if isinstance(value, str):
                _set_text_safely(cell, value)
            else:
                cell.value = _excel_value(value)
            cell.font, cell.border = body_font, _BORDER
            number_format = column_formats[index]
            if number_format is None and isinstance(value, datetime.date):
                number_format = BE_DATE_FORMAT
            if number_format:
                cell.number_format = number_format
            widths[index] = max(widths[index], display_width(_shown_text(value, number_format)))
    scale = 1.2 * font_size / 16  # TH SarabunPSK 16 pt is about as wide as Calibri 11
    for index, width in enumerate(widths, start=1):
        letter = get_column_letter(index)
        worksheet.column_dimensions[letter].width = min(max(round(width * scale + 2, 1), 6), 80)
    last_letter = get_column_letter(len(headers))
    worksheet.freeze_panes = f"A{start_row + 1}"
    table_range = f"A{start_row}:{last_letter}{last_row}"
    worksheet.auto_filter.ref = table_range
    return table_range


def _set_text_safely(cell: Cell | MergedCell, text: str) -> None:
    cell.value = text
    if cell.data_type == "f":  # openpyxl takes "=…" as a formula; keep user text as text
        cell.data_type = "s"


def add_list_validation(
    worksheet: Worksheet,
    column: str | int,
    choices: Sequence[str],
    first_row: int,
    last_row: int,
    *,
    allow_blank: bool = True,
) -> DataValidation:
    """A drop-down list (รายการให้เลือก) on ``column`` from ``first_row`` to ``last_row``.

    Short lists are written inline; a list over 255 characters, or one whose choices hold
    a comma or a quote, goes into the hidden sheet ``_lists`` and is referenced by range.
    """
    if not choices:
        raise ValueError("a drop-down list needs at least one choice")
    letter = column if isinstance(column, str) else get_column_letter(column)
    inline = '"' + ",".join(choices) + '"'
    needs_sheet = len(inline) - 2 > INLINE_LIST_LIMIT or any(
        "," in choice or '"' in choice for choice in choices
    )
    formula = _list_range(_workbook_of(worksheet), choices) if needs_sheet else inline
    validation = DataValidation(
        type="list",
        formula1=formula,
        allow_blank=allow_blank,
        showErrorMessage=True,
        errorTitle="ค่าไม่ถูกต้อง",
        error="กรุณาเลือกจากรายการที่กำหนด",
    )
    validation.add(f"{letter}{first_row}:{letter}{last_row}")
    worksheet.add_data_validation(validation)
    return validation


def _list_range(workbook: Workbook, choices: Sequence[str]) -> str:
    """Write ``choices`` to a column of the hidden ``_lists`` sheet (reusing an equal one)."""
    if LISTS_SHEET in workbook.sheetnames:
        sheet = workbook[LISTS_SHEET]
    else:
        sheet = workbook.create_sheet(LISTS_SHEET)
        sheet.sheet_state = "hidden"
    wanted = list(choices)
    column_index = 1
    while sheet.cell(row=1, column=column_index).value is not None:
        existing = [
            sheet.cell(row=row, column=column_index).value for row in range(1, len(wanted) + 2)
        ]
        if existing[:-1] == wanted and existing[-1] is None:
            break
        column_index += 1
    else:
        for row, choice in enumerate(wanted, start=1):
            _set_text_safely(sheet.cell(row=row, column=column_index), choice)
    letter = get_column_letter(column_index)
    return f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(wanted)}"


# ------------------------------------------------------------------------------- stamp


def _canonical(payload: Mapping[str, object]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def stamp(workbook: Workbook, payload: Mapping[str, object]) -> str:
    """Hide ``payload`` as JSON in a veryHidden sheet ``_planlink``; return its SHA-256.

    ``payload`` names what the template belongs to, e.g. ``{"plan_id": 12, "owner_code":
    "520801", "level": "tambon", "template_version": "2570.1"}``. It must be JSON-able.
    """
    body = _canonical(payload)
    if len(body) > 32_000:
        raise ValueError("the stamp is too long for one Excel cell")
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    if STAMP_SHEET in workbook.sheetnames:
        sheet = workbook[STAMP_SHEET]
    else:
        sheet = workbook.create_sheet(STAMP_SHEET)
    sheet.sheet_state = "veryHidden"  # not listed by Excel's "Unhide…"
    for row, text in enumerate((STAMP_FORMAT, body, digest), start=1):
        _set_text_safely(sheet.cell(row=row, column=1), text)
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    if visible and workbook.active not in visible:
        workbook.active = workbook.worksheets.index(visible[0])
    return digest


def read_stamp(workbook: Workbook) -> dict[str, Any] | None:
    """The stamp ``stamp`` hid in the workbook, or ``None`` when there is none.

    Raises ``StampError`` when the stamp sheet exists but its JSON or checksum is wrong.
    """
    if STAMP_SHEET not in workbook.sheetnames:
        return None
    sheet = workbook[STAMP_SHEET]
    marker, body, digest = (sheet.cell(row=row, column=1).value for row in (1, 2, 3))
    if marker != STAMP_FORMAT or not isinstance(body, str):
        raise StampError("แผ่นงานตราประทับของแบบฟอร์มไม่อยู่ในรูปแบบที่ระบบรู้จัก")
    if hashlib.sha256(body.encode("utf-8")).hexdigest() != digest:
        raise StampError("ตราประทับของแบบฟอร์มถูกแก้ไข (checksum ไม่ตรงกัน)")
    try:
        payload = json.loads(body)
    except json.JSONDecodeError as error:
        raise StampError("ตราประทับของแบบฟอร์มอ่านไม่ได้") from error
    if not isinstance(payload, dict):
        raise StampError("ตราประทับของแบบฟอร์มไม่ใช่ข้อมูลแบบ JSON object")
    return payload


# --------------------------------------------------------------------------- read back


@dataclass(frozen=True)
class ReadCell:
    """One cell read from a filled template, with where it came from for error reports."""

    value: object
    row: int
    column: str
    error: str | None = None

    @property
    def coordinate(self) -> str:
        return f"{self.column}{self.row}"


class ReadRow(dict[str, ReadCell]):
    """One filled row: header → ``ReadCell``, plus the sheet ``row_number``."""

    def __init__(self, row_number: int, cells: Mapping[str, ReadCell]) -> None:
        super().__init__(cells)
        self.row_number = row_number

    def values_by_header(self) -> dict[str, object]:
        return {header: cell.value for header, cell in self.items()}

    @property
    def errors(self) -> list[ReadCell]:
        return [cell for cell in self.values() if cell.error]


_SPACES = re.compile(r"\s+")
_NUMBER_NOISE = re.compile(r"[,\s]|บาท$")


def _normalize_header(value: object) -> str:
    return _SPACES.sub(" ", to_arabic_digits("" if value is None else value)).strip()


def parse_number(value: object) -> tuple[object, str | None]:
    """A number cell as ``(Decimal, None)``: Thai or Arabic digits, thousands commas and
    "บาท" are allowed, "-" or nothing is ``(None, None)``; anything else is
    ``(value, "ไม่ใช่ตัวเลข")``. Reads back what ``format_baht`` writes."""
    if isinstance(value, bool):
        return value, "ไม่ใช่ตัวเลข"
    if isinstance(value, int | Decimal):
        return Decimal(value), None
    if isinstance(value, float):
        return Decimal(repr(value)), None
    text = _NUMBER_NOISE.sub("", to_arabic_digits(value).strip())
    if text in {"", "-"}:  # "-" is how Thai tables write "none"
        return None, None
    try:
        return Decimal(text), None
    except InvalidOperation:
        return value, "ไม่ใช่ตัวเลข"


def read_rows(
    source: str | PathLike[str] | IO[bytes],
    expected_headers: Sequence[str],
    *,
    sheet_name: str | None = None,
    number_columns: Collection[str] = (),
    header_search_rows: int = 20,
    stop_after_blank_rows: int = 200,
) -> list[ReadRow]:
    """Read the rows of a filled template under its header row.

    The header row is the first of the top ``header_search_rows`` rows holding every
    expected header (spaces, line breaks and Thai digits in headers do not matter). Empty
    rows are skipped; reading stops after ``stop_after_blank_rows`` empty rows in a row.
    Cells under ``number_columns`` become ``Decimal`` (Thai digits, commas and "บาท"
    allowed; "-" reads as empty); a cell that is not a number keeps its text and gets an
    ``error``. Text is stripped and empty text reads as ``None``.
    """
    workbook = load_workbook(source, read_only=True, data_only=True)
    try:
        worksheet: Any
        if sheet_name is not None:
            worksheet = workbook[sheet_name]
        else:
            worksheet = next(ws for ws in workbook.worksheets if ws.sheet_state == "visible")
        return _read_sheet(
            worksheet, expected_headers, set(number_columns), header_search_rows,
            stop_after_blank_rows,
        )  # fmt: skip
    finally:
        workbook.close()


def _read_sheet(
    worksheet: Worksheet,
    expected_headers: Sequence[str],
    number_columns: set[str],
    header_search_rows: int,
    blank_limit: int,
) -> list[ReadRow]:
    wanted = {_normalize_header(header): header for header in expected_headers}
    rows = worksheet.iter_rows(values_only=True)
    columns: dict[str, int] | None = None
    best_missing = list(expected_headers)
    for header_row, values in enumerate(rows, start=1):
        found: dict[str, int] = {}
        for index, value in enumerate(values):
            header = wanted.get(_normalize_header(value))
            if header is not None and header not in found:
                found[header] = index
        missing = [header for header in expected_headers if header not in found]
        if not missing:
            columns = found
            break
        if len(missing) < len(best_missing):
            best_missing = missing
        if header_row >= header_search_rows:
            break
    if columns is None:
        raise TemplateHeaderError(
            f"ไม่พบหัวตารางในแผ่นงาน “{worksheet.title}”: ขาด " + ", ".join(best_missing)
        )
    letters = {header: get_column_letter(index + 1) for header, index in columns.items()}
    read: list[ReadRow] = []
    blank_run = 0
    for row_number, values in enumerate(rows, start=header_row + 1):
        cells: dict[str, ReadCell] = {}
        for header, index in columns.items():
            raw: Any = values[index] if index < len(values) else None
            if isinstance(raw, str):
                raw = raw.strip() or None
            read_value: object = raw
            error: str | None = None
            if header in number_columns and raw is not None:
                read_value, error = parse_number(raw)
            cells[header] = ReadCell(read_value, row_number, letters[header], error)
        if all(cell.value is None and cell.error is None for cell in cells.values()):
            blank_run += 1
            if blank_run >= blank_limit:
                break
            continue
        blank_run = 0
        read.append(ReadRow(row_number, {header: cells[header] for header in expected_headers}))
    return read
