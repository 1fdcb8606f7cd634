"""The plan's documents page: Word book, Excel template filled offline and uploaded."""

import io
import re

import pytest
from docx import Document
from openpyxl import load_workbook

from planlink.plans.models import PlanKind, Project
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(people):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(plan, "ขุดลอกคลองหนองบัว", issue_code="WATER")
    return plan


def test_the_owner_downloads_the_plan_book_in_word(people, signed_in, plan):
    client = signed_in(people["village"])
    assert client.get(f"/plans/{plan.pk}/documents/").status_code == 200
    response = client.get(f"/plans/{plan.pk}/book.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "แผนชุมชน" in text or "แผนพัฒนาหมู่บ้าน" in text


def test_another_village_cannot_download_it(people, signed_in, plan):
    client = signed_in(people["other_village"])
    assert client.get(f"/plans/{plan.pk}/book.docx").status_code == 404
    assert client.get(f"/plans/{plan.pk}/template.xlsx").status_code == 404


def test_a_template_with_a_bad_row_imports_nothing_and_names_the_row(people, signed_in, plan):
    client = signed_in(people["village"])
    template = client.get(f"/plans/{plan.pk}/template.xlsx")
    assert template.status_code == 200
    book = load_workbook(io.BytesIO(template.content))
    sheet = next(ws for ws in book.worksheets if ws.sheet_state == "visible")
    header_row = next(r for r in range(1, 10) if any(c.value == "ชื่อโครงการ" for c in sheet[r]))
    headers = {cell.value: cell.column for cell in sheet[header_row]}
    row = sheet.max_row + 1
    sheet.cell(row, headers["ชื่อโครงการ"], "ซ่อมแซมถนนลูกรัง")
    budget_header = next(h for h in headers if h and "งบประมาณ" in str(h))
    sheet.cell(row, headers[budget_header], "ไม่ทราบ")
    upload = io.BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = "plan.xlsx"
    before = Project.objects.filter(plan=plan).count()
    response = client.post(f"/plans/{plan.pk}/import/", {"file": upload})
    assert response.status_code == 422
    html = response.content.decode()
    assert re.search(rf"แถว\s*{row}\b", html), re.findall(r"<li>แถว.{0,300}", html)[:3]
    assert Project.objects.filter(plan=plan).count() == before

    sheet.cell(row, headers[budget_header], 150000)
    fixed = io.BytesIO()
    book.save(fixed)
    fixed.seek(0)
    fixed.name = "plan.xlsx"
    response = client.post(f"/plans/{plan.pk}/import/", {"file": fixed})
    assert response.status_code == 200, re.findall(r"<li>แถว.{0,300}", response.content.decode())
    assert Project.objects.filter(plan=plan, title="ซ่อมแซมถนนลูกรัง").count() == 1
