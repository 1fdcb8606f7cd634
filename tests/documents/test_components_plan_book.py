"""A grouped project (a shared need of several villages) lists each place with its own budget
in the plan book — the Word table and the Excel sheet (issue 12)."""

import io

import openpyxl
import pytest

from planlink.consolidation.merge import accept_pending
from planlink.documents.plan_book import build_plan_book
from planlink.documents.render import to_docx, to_xlsx
from tests.consolidation.components_world import consolidate, roads_of_two_villages

from .docx_helpers import open_docx

pytestmark = pytest.mark.django_db

PLACES = "พื้นที่: หมู่ที่ 3 1,000,000 บาท; หมู่ที่ 7 500,000 บาท"


@pytest.fixture
def tambon_plan(reference_data):
    roads_of_two_villages()
    plan = consolidate()
    accept_pending(plan)
    return plan


def test_the_word_table_lists_the_places_under_the_title(tambon_plan):
    content = to_docx(build_plan_book(tambon_plan))
    titles = [
        row.cells[1].text
        for table in open_docx(content).tables
        for row in table.rows
        if len(row.cells) > 1
    ]
    assert "ก่อสร้างถนน คสล. (รวม 2 หมู่บ้าน)\n" + PLACES in titles
    assert "ซ่อมแซมอาคารเรียนโรงเรียนบ้านหนองบัว" in titles  # one place: the title alone


def test_the_excel_sheet_has_the_places_column(tambon_plan):
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(build_plan_book(tambon_plan))))
    sheet = book["โครงการ"]
    rows = list(sheet.iter_rows(values_only=True))
    column = rows[0].index("พื้นที่และงบประมาณรายพื้นที่")
    by_title = {row[4]: row[column] for row in rows[1:]}
    assert by_title["ก่อสร้างถนน คสล. (รวม 2 หมู่บ้าน)"] == PLACES
    assert not by_title["ซ่อมแซมอาคารเรียนโรงเรียนบ้านหนองบัว"]
