"""Tables have one or two header rows that repeat on each page, and right-aligned numbers."""

import datetime
from decimal import Decimal

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from planlink.documents.docx_thai import HeaderGroup, ThaiDocument

from .docx_helpers import open_docx, w

HEADERS = [
    "ที่",
    "โครงการ",
    HeaderGroup("งบประมาณ", ["2570\n(บาท)", "2571\n(บาท)"]),
    "หน่วยงานรับผิดชอบ",
]
ROWS = [
    [1, "ก่อสร้างถนน คสล. หมู่ที่ 3", Decimal("450000"), Decimal("0"), "อบต.บ้านเป้า"],
    [2, "ขุดลอกลำเหมืองสาธารณะ", Decimal("120000.5"), Decimal("80000"), "อำเภอเกาะคา"],
]


@pytest.fixture(scope="module")
def table():
    document = ThaiDocument(landscape=True)
    document.table(HEADERS, ROWS, widths=[1.5, 10, 3.5, 3.5, 6], number_columns={0, 2, 3})
    return open_docx(document.to_bytes()).tables[0]


def test_the_group_label_spans_its_year_columns(table):
    top_row = table.rows[0]._tr
    spans = [
        (cell.xpath("string(.//w:t)"), cell.xpath("string(w:tcPr/w:gridSpan/@w:val)"))
        for cell in top_row.findall(w("tc"))
    ]
    assert spans == [("ที่", ""), ("โครงการ", ""), ("งบประมาณ", "2"), ("หน่วยงานรับผิดชอบ", "")]


def test_the_second_header_row_names_each_year_in_baht(table):
    assert [cell.text for cell in table.rows[1].cells] == [
        "ที่", "โครงการ", "2570\n(บาท)", "2571\n(บาท)", "หน่วยงานรับผิดชอบ",
    ]  # fmt: skip


def test_plain_headers_are_merged_down_both_header_rows(table):
    assert table.cell(0, 1)._tc is table.cell(1, 1)._tc
    assert table.cell(0, 2)._tc is not table.cell(1, 2)._tc


def test_both_header_rows_repeat_on_every_page(table):
    repeating = [row._tr.find(f"{w('trPr')}/{w('tblHeader')}") is not None for row in table.rows]
    assert repeating == [True, True, False, False]


def test_header_cells_are_bold_for_thai(table):
    run_properties = table.cell(0, 1).paragraphs[0].runs[0]._r.rPr
    assert run_properties.find(w("bCs")) is not None


def test_money_is_written_with_satang_and_right_aligned(table):
    body = table.rows[2].cells
    assert [cell.text for cell in body] == [
        "1", "ก่อสร้างถนน คสล. หมู่ที่ 3", "450,000.00", "0.00", "อบต.บ้านเป้า",
    ]  # fmt: skip
    assert body[2].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert body[1].paragraphs[0].alignment is None
    assert table.rows[3].cells[2].text == "120,000.50"


def test_columns_have_the_widths_asked_for(table):
    # in twips: 1.5 cm, 10 cm, 3.5 cm, 3.5 cm, 6 cm
    assert [column.width.twips for column in table.columns] == [850, 5669, 1984, 1984, 3402]


def test_a_tuple_header_works_like_a_header_group():
    document = ThaiDocument()
    document.table(["ตำบล", ("จำนวน", ["หมู่บ้าน", "ครัวเรือน"])], [["บ้านเป้า", 12, 1840]])
    table = open_docx(document.to_bytes()).tables[0]
    assert [cell.text for cell in table.rows[1].cells] == ["ตำบล", "หมู่บ้าน", "ครัวเรือน"]
    assert [cell.text for cell in table.rows[2].cells] == ["บ้านเป้า", "12", "1,840"]


def test_single_header_row_tables_do_not_merge_anything():
    document = ThaiDocument()
    document.table(["วันที่ประชุม", "วาระ"], [[datetime.date(2026, 11, 25), "ทบทวนแผน"]])
    table = open_docx(document.to_bytes()).tables[0]
    assert len(table.rows) == 2
    assert table.rows[1].cells[0].text == "25 พฤศจิกายน 2569"
    assert table._tbl.xpath(".//w:vMerge | .//w:gridSpan") == []


def test_a_row_with_the_wrong_number_of_cells_is_refused():
    with pytest.raises(ValueError, match="has 2 cells, not 5"):
        ThaiDocument().table(HEADERS, [[1, "ถนน"]])


def test_a_spanning_header_needs_two_header_rows():
    with pytest.raises(ValueError, match="header_rows"):
        ThaiDocument().table(HEADERS, ROWS, header_rows=1)
