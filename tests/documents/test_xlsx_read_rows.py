"""A filled template is read back tolerantly, with cell coordinates for error reports."""

from decimal import Decimal

import pytest
from openpyxl import Workbook

from planlink.documents.xlsx_thai import TemplateHeaderError, read_rows

EXPECTED = ["ชื่อโครงการ", "งบประมาณ (บาท)", "หน่วยงานรับผิดชอบ"]


@pytest.fixture
def filled(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "แบบ ๓ โครงการที่ขอรับการสนับสนุนจาก อปท. (ข้อมูลสังเคราะห์)"
    sheet.append([])
    sheet.append(["ที่", "ชื่อโครงการ", "งบประมาณ\n(บาท)", "หน่วยงานรับผิดชอบ "])
    sheet.append([1, "  ก่อสร้างถนน คสล. หมู่ที่ ๓  ", "๔๕๐,๐๐๐.๕๐", "อบต.บ้านเป้า"])
    sheet.append([2, "ขุดลอกลำเหมือง", 120000.1, "อำเภอเกาะคา"])
    sheet.append([None, None, None, None])
    sheet.append([3, "ฝึกอบรมอาชีพ", "สองหมื่น", "กศน.อำเภอ"])
    sheet.append([4, "ซ่อมประปาหมู่บ้าน", "15,000 บาท", ""])
    sheet.append([5, "ติดตั้งไฟส่องสว่าง", "-", "อบต.บ้านเป้า"])
    for _ in range(30):
        sheet.append(["", None, "   ", None])
    path = tmp_path / "แบบ3.xlsx"
    workbook.save(path)
    return path


def test_rows_are_read_under_a_header_found_below_a_title(filled):
    rows = read_rows(filled, EXPECTED, number_columns={"งบประมาณ (บาท)"})
    assert [row.row_number for row in rows] == [4, 5, 7, 8, 9]
    assert list(rows[0]) == EXPECTED


def test_thai_digits_and_separators_read_as_a_decimal(filled):
    first = read_rows(filled, EXPECTED, number_columns={"งบประมาณ (บาท)"})[0]
    assert first["งบประมาณ (บาท)"].value == Decimal("450000.50")
    assert first["ชื่อโครงการ"].value == "ก่อสร้างถนน คสล. หมู่ที่ ๓"


def test_excel_floats_read_as_the_decimal_they_show(filled):
    second = read_rows(filled, EXPECTED, number_columns={"งบประมาณ (บาท)"})[1]
    assert second["งบประมาณ (บาท)"].value == Decimal("120000.1")


def test_a_word_where_a_number_belongs_points_at_its_cell(filled):
    third = read_rows(filled, EXPECTED, number_columns={"งบประมาณ (บาท)"})[2]
    budget = third["งบประมาณ (บาท)"]
    assert (budget.value, budget.error, budget.coordinate) == ("สองหมื่น", "ไม่ใช่ตัวเลข", "C7")
    assert third.errors == [budget]


def test_baht_suffix_is_accepted_and_a_dash_reads_as_empty(filled):
    rows = read_rows(filled, EXPECTED, number_columns={"งบประมาณ (บาท)"})
    assert rows[3]["งบประมาณ (บาท)"].value == Decimal("15000")
    assert rows[3]["หน่วยงานรับผิดชอบ"].value is None
    assert rows[4]["งบประมาณ (บาท)"].value is None


def test_values_by_header_gives_plain_values(filled):
    row = read_rows(filled, EXPECTED)[1]
    assert row.values_by_header() == {
        "ชื่อโครงการ": "ขุดลอกลำเหมือง",
        "งบประมาณ (บาท)": 120000.1,
        "หน่วยงานรับผิดชอบ": "อำเภอเกาะคา",
    }


def test_a_missing_header_is_named_in_the_error(filled):
    with pytest.raises(TemplateHeaderError, match="ขาด ระยะเวลาดำเนินการ"):
        read_rows(filled, [*EXPECTED, "ระยะเวลาดำเนินการ"])


def test_reading_stops_after_a_long_run_of_empty_rows(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ชื่อโครงการ"])
    sheet.append(["ถนนสายบ้านเหนือ"])
    sheet.cell(row=50, column=1, value="ข้อความท้ายแผ่นงานที่ห่างออกไป")
    path = tmp_path / "ว่าง.xlsx"
    workbook.save(path)
    assert [r.row_number for r in read_rows(path, ["ชื่อโครงการ"], stop_after_blank_rows=10)] == [2]
    assert [r.row_number for r in read_rows(path, ["ชื่อโครงการ"])] == [2, 50]
