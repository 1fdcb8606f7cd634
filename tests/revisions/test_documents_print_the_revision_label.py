"""The plan book prints an approved revision's label as real plan books do
(docs/reference/FORMS.md §2–3): on the form headers, on the rows it touched, and in a part
of its own with the approval and the items numbered from 1; a withdrawn project leaves the
forms; a draft is never printed. The LAO plan is synthetic test data."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from planlink.documents.plan_book import build_plan_book
from planlink.documents.render import render
from planlink.plans.revision_models import LinkKind
from planlink.plans.revisions import (
    revision_add_project,
    revision_approve,
    revision_change_project,
    revision_create,
    revision_move_project,
    revision_withdraw_project,
)
from tests.revisions.conftest import projects_of

pytestmark = pytest.mark.django_db

LABEL = "เพิ่มเติม ครั้งที่ 5/2567"


def texts(document) -> list[str]:
    """Every paragraph, heading and table cell of the document, as text."""
    found: list[str] = []
    for block in document.blocks:
        if hasattr(block, "text"):
            found.append(block.text)
        if hasattr(block, "rows"):
            found += [str(cell) for row in block.rows for cell in row]
    return found


def revise(plan, lao, *, approve: bool = True):
    projects = projects_of(plan)
    canal = projects["ขุดลอกคลองสาธารณะ หมู่ที่ 5"]
    revision = revision_create(
        plan=plan, actor=lao, kind="addition", year=2567, number=5, reason="ความต้องการใหม่จากประชาคม"
    )
    revision_add_project(
        revision=revision,
        actor=lao,
        data={"title": "ก่อสร้างรางระบายน้ำ หมู่ที่ 2", "budget_years": {"2569": "350000"}},
    )
    revision_change_project(
        revision=revision,
        actor=lao,
        project=projects["ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"],
        data={"kpi": "ถนนยาว 600 เมตร"},
    )
    revision_move_project(
        revision=revision, actor=lao, project=canal, from_form="ผ.02", to_form="ผ.02/2"
    )
    revision_withdraw_project(
        revision=revision,
        actor=lao,
        project=projects["ขุดลอกคลองสาธารณะหมู่ที่ 5 (ซ้ำ)"],
        reason="ซ้ำ",
        link_kind=LinkKind.DUPLICATE_OF,
        linked_project=canal,
    )
    if approve:
        revision_approve(
            revision=revision,
            actor=lao,
            approved_on=dt.date(2024, 7, 15),
            approver_name="นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล",
            approval_reference="ประกาศ ลงวันที่ 15 กรกฎาคม 2567",
        )
    return revision


def test_the_plan_book_prints_the_revision_label_as_the_forms_do(plan, people):
    revise(plan, people["lao"])
    document = build_plan_book(plan)
    lines = texts(document)
    assert f"ฉบับปรับปรุงถึง {LABEL}" in lines  # on the form headers
    assert f"แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570) {LABEL}" in lines  # the revision's own section
    assert f"ก่อสร้างรางระบายน้ำ หมู่ที่ 2\n({LABEL})" in lines  # the row it added
    assert f"ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3\n({LABEL})" in lines
    assert any(
        line.startswith("อนุมัติโดย นายสมชาย ใจดี") and "15 กรกฎาคม 2567" in line for line in lines
    )
    assert "ตัวชี้วัด (KPI): ถนนยาว 400 เมตร → ถนนยาว 600 เมตร" in lines
    assert "ย้ายจากแบบ ผ.02 ไปแบบ ผ.02/2" in lines
    assert "ถอนออกจากแผน (ซ้ำกับโครงการ “ขุดลอกคลองสาธารณะ หมู่ที่ 5”)" in lines
    # The withdrawn duplicate left the forms; it is named only in the revision's items.
    withdrawn = "ขุดลอกคลองสาธารณะหมู่ที่ 5 (ซ้ำ)"
    table_rows = [row for block in document.blocks if hasattr(block, "rows") for row in block.rows]
    assert [row[1] for row in table_rows if withdrawn in str(row)] == ["ถอนโครงการ"]
    # The moved canal sits in ผ.02/2 in the Excel book too.
    book = load_workbook(io.BytesIO(render(document, "xlsx")))
    assert "การปรับปรุงแผน" in book.sheetnames
    coordination = [row for row in book["ผ.02-2"].iter_rows(values_only=True)]
    assert any(row[5] == "ขุดลอกคลองสาธารณะ หมู่ที่ 5" for row in coordination)
    rows = list(book["การปรับปรุงแผน"].iter_rows(values_only=True))
    header = next(index for index, row in enumerate(rows) if row[0] == "การปรับปรุงแผน")
    items = rows[header + 1 :]
    assert {row[0] for row in items} == {LABEL}
    assert [row[2] for row in items] == [1, 2, 3, 4]  # numbering restarts at 1


def test_a_draft_revision_is_not_printed(plan, people):
    revise(plan, people["lao"], approve=False)
    lines = texts(build_plan_book(plan))
    assert not any(LABEL in line for line in lines)
    assert "ขุดลอกคลองสาธารณะหมู่ที่ 5 (ซ้ำ)" in lines  # still in the plan until approved


def test_the_word_and_pdf_books_carry_the_label(plan, people):
    import pypdfium2 as pdfium

    from tests.documents.docx_helpers import all_text

    revise(plan, people["lao"])
    document = build_plan_book(plan)
    word = all_text(render(document, "docx"))
    assert f"แผนพัฒนาท้องถิ่น (พ.ศ. 2566 - 2570) {LABEL}" in word
    assert f"ฉบับปรับปรุงถึง {LABEL}" in word
    pdf = pdfium.PdfDocument(render(document, "pdf"))
    text = "".join(page.get_textpage().get_text_range() for page in pdf)
    assert LABEL in text.replace("\r", "").replace("\n", "")
