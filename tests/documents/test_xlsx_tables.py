"""Tables written to Excel have a bold filled header, frozen and filtered, and baht formats."""

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from planlink.documents.xlsx_thai import (
    BAHT_FORMAT,
    BE_DATE_FORMAT,
    INTEGER_FORMAT,
    display_width,
    write_table,
)

HEADERS = ["ที่", "ชื่อโครงการ", "งบประมาณ\n(บาท)", "ครัวเรือนได้ประโยชน์", "วันที่เริ่มโครงการ"]
ROWS = [
    [1, "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3 บ้านน้ำใจ", Decimal("450000"), 120,
     datetime.date(2026, 10, 1)],
    [2, "=SUM(A1:A2) ชื่อที่ขึ้นต้นด้วยเครื่องหมายเท่ากับ", Decimal("120000.50"), 45,
     datetime.date(2027, 1, 15)],
]  # fmt: skip


@pytest.fixture(scope="module")
def sheet():
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = "แบบ ๒"
    table_range = write_table(
        worksheet, HEADERS, ROWS, {"งบประมาณ\n(บาท)": BAHT_FORMAT, 3: INTEGER_FORMAT}
    )
    assert table_range == "A1:E3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))["แบบ ๒"]


def test_thai_headers_are_written_in_order(sheet):
    assert [cell.value for cell in sheet[1]] == HEADERS


def test_the_header_is_bold_on_a_fill_in_th_sarabunpsk(sheet):
    header = sheet["C1"]
    assert header.font.b is True
    assert header.font.name == "TH SarabunPSK"
    assert header.fill.fill_type == "solid"
    assert header.alignment.wrap_text is True


def test_the_header_row_is_frozen_and_filtered(sheet):
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:E3"


def test_money_uses_the_baht_format_and_stays_a_number(sheet):
    assert sheet["C2"].number_format == "#,##0.00"
    assert sheet["C3"].value == pytest.approx(120000.5)
    assert sheet["D2"].number_format == "#,##0"


def test_dates_get_a_buddhist_era_format(sheet):
    assert sheet["E2"].value.date() == datetime.date(2026, 10, 1)
    assert sheet["E2"].number_format == BE_DATE_FORMAT


def test_text_that_looks_like_a_formula_stays_text(sheet):
    assert sheet["B3"].data_type == "s"
    assert sheet["B3"].value == "=SUM(A1:A2) ชื่อที่ขึ้นต้นด้วยเครื่องหมายเท่ากับ"


def test_columns_are_wide_enough_for_the_longest_thai_text(sheet):
    longest_name = max(display_width(ROWS[0][1]), display_width(ROWS[1][1]))
    assert sheet.column_dimensions["B"].width == pytest.approx(longest_name * 1.2 + 2, abs=0.1)
    assert sheet.column_dimensions["A"].width == 6


def test_thai_marks_above_and_below_take_no_width():
    assert display_width("ผู้ใหญ่บ้าน") == 7
    assert display_width("น้ำ") == 2
    assert display_width("งบประมาณ\n(บาท)") == 8


def test_a_row_of_the_wrong_length_is_refused():
    with pytest.raises(ValueError, match="row 2 has 1 cells, not 5"):
        write_table(Workbook().active, HEADERS, [["ถนน"]])
