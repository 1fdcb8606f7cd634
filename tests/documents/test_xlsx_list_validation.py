"""Drop-down lists are inline when short and come from a hidden sheet when long."""

import io

from openpyxl import Workbook, load_workbook

from planlink.documents.xlsx_thai import LISTS_SHEET, add_list_validation

PROJECT_TYPES = ["ก่อสร้าง", "ซ่อมแซม", "ฝึกอบรม", "จัดซื้อ"]
VILLAGES = [f"หมู่ที่ {number} บ้านหนองบัวแดงใต้" for number in range(1, 31)]


def _round_trip(workbook: Workbook) -> Workbook:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return load_workbook(io.BytesIO(buffer.getvalue()))


def test_a_short_list_is_written_inline():
    workbook = Workbook()
    add_list_validation(workbook.active, "C", PROJECT_TYPES, 2, 500)
    validation = _round_trip(workbook).active.data_validations.dataValidation[0]
    assert validation.type == "list"
    assert validation.formula1 == '"ก่อสร้าง,ซ่อมแซม,ฝึกอบรม,จัดซื้อ"'
    assert str(validation.sqref) == "C2:C500"
    assert validation.error == "กรุณาเลือกจากรายการที่กำหนด"
    assert LISTS_SHEET not in workbook.sheetnames


def test_a_list_over_255_characters_comes_from_a_hidden_sheet():
    assert len(",".join(VILLAGES)) > 255
    workbook = Workbook()
    add_list_validation(workbook.active, 4, VILLAGES, 2, 200)
    reopened = _round_trip(workbook)
    validation = reopened.active.data_validations.dataValidation[0]
    assert validation.formula1 == "'_lists'!$A$1:$A$30"
    assert str(validation.sqref) == "D2:D200"
    lists = reopened[LISTS_SHEET]
    assert lists.sheet_state == "hidden"
    assert [lists.cell(row=row, column=1).value for row in range(1, 31)] == VILLAGES


def test_choices_with_commas_also_go_to_the_hidden_sheet():
    workbook = Workbook()
    add_list_validation(workbook.active, "B", ["ถนน, ทางเท้า", "ประปา"], 2, 20)
    assert workbook.active.data_validations.dataValidation[0].formula1 == "'_lists'!$A$1:$A$2"


def test_the_same_long_list_twice_reuses_one_column():
    workbook = Workbook()
    add_list_validation(workbook.active, "D", VILLAGES, 2, 200)
    add_list_validation(workbook.active, "E", VILLAGES, 2, 200)
    add_list_validation(workbook.active, "F", ["ถนน, ทางเท้า", "ประปา"], 2, 20)
    formulas = [v.formula1 for v in workbook.active.data_validations.dataValidation]
    assert formulas == [
        "'_lists'!$A$1:$A$30", "'_lists'!$A$1:$A$30", "'_lists'!$B$1:$B$2",
    ]  # fmt: skip
