"""Excel templates (แบบฟอร์มนำเข้าโครงการ) that a plan's owner fills in offline.

One template per plan, with the columns of its level: a village or tambon plan asks what
a community plan records; an LAO, district, provincial or agency plan adds the DLA columns
(ตัวชี้วัด, ผลที่คาดว่าจะได้รับ, หน่วยงานรับผิดชอบหลัก) and, for a multi-year plan, a budget
column per year. The sheet "โครงการ" holds the plan's current projects — so a template
downloaded, edited and uploaded again updates them — with drop-down lists for the issue
(ประเด็น), the mode (วิธีดำเนินการ) and the capacity level; the hidden column A holds each
project's id. "วิธีกรอก" explains every column and shows an example row. A veryHidden
sheet carries the stamp (plan, owner, level, years, template version) that the import
checks (:mod:`planlink.documents.imports`).
"""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from planlink.core.thai import format_be_date
from planlink.documents.book_data import CAPACITY_TH, MODE_TH, BookProject, load_plan, plan_years
from planlink.documents.docx_thai import SYNTHETIC_NOTICE
from planlink.documents.lineage_summary import owner_label
from planlink.documents.xlsx_thai import (
    BAHT_FORMAT,
    DEFAULT_FONT,
    INTEGER_FORMAT,
    add_list_validation,
    first_sheet,
    stamp,
    write_table,
)
from planlink.plans.models import PLAN_KIND_LEVEL, Issue, Plan
from planlink.plans.services import plan_province_code

__all__ = [
    "DATA_SHEET",
    "HEADER_ROW",
    "ID_HEADER",
    "TEMPLATE_VERSION",
    "TemplateColumn",
    "build_plan_template",
    "issue_choices",
    "template_columns",
]

TEMPLATE_VERSION = "planlink-plan-template/1"
DATA_SHEET = "โครงการ"
GUIDE_SHEET = "วิธีกรอก"
HEADER_ROW = 4
SPARE_ROWS = 300
ID_HEADER = "รหัสโครงการ (ห้ามแก้ไข)"
DLA_LEVELS = {"lao", "district", "province", "cluster", "agency"}


@dataclass(frozen=True)
class TemplateColumn:
    """A template column: its Thai header, the project field it fills, and how it is read.

    ``kind`` is text, number (Decimal), integer, choice (a drop-down) or year (the budget
    of one fiscal year, ``year`` set).
    """

    header: str
    field: str
    kind: str = "text"
    required: bool = False
    help: str = ""
    example: object = None
    year: int | None = None

    @property
    def is_number(self) -> bool:
        return self.kind in ("number", "integer", "year")


def template_columns(plan: Plan) -> list[TemplateColumn]:
    """The columns of ``plan``'s template, in order (column A is the hidden project id)."""
    years = plan_years(plan)
    columns = [
        TemplateColumn(ID_HEADER, "id", "integer", help="รหัสที่ระบบใช้จับคู่โครงการเดิม เว้นว่างสำหรับโครงการใหม่"),
        TemplateColumn("ชื่อโครงการ", "title", required=True, help="ไม่เกิน 300 ตัวอักษร",
                       example="ขุดลอกคลองหนองบัว หมู่ที่ 3"),
        TemplateColumn("ปัญหาและเหตุผล", "rationale", example="คลองตื้นเขิน น้ำไม่พอใช้ในฤดูแล้ง"),
        TemplateColumn("วัตถุประสงค์", "objective", example="เพื่อให้มีน้ำใช้ในการเกษตรตลอดปี"),
        TemplateColumn("ประเด็น", "issue_code", "choice", help="เลือกจากรายการ (กรอบของจังหวัด)",
                       example="แหล่งน้ำและการบริหารจัดการน้ำ"),
        TemplateColumn("ลำดับความสำคัญในประเด็น", "priority", "integer",
                       help="1 = สำคัญที่สุดในประเด็นนั้น", example=1),
        TemplateColumn("วิธีดำเนินการ", "mode", "choice", help="ทำเอง / ทำร่วม / ขอรับการสนับสนุน",
                       example="ขอรับการสนับสนุน"),
        TemplateColumn("ระดับขีดความสามารถ", "capacity_level", "choice",
                       help="หน่วยที่มีขีดความสามารถดำเนินการ", example="อปท."),
        TemplateColumn("จำนวนเป้าหมาย", "target_quantity", "number", example=1200),
        TemplateColumn("หน่วยนับ", "target_unit", help="เช่น เมตร คน ครัวเรือน", example="เมตร"),
    ]  # fmt: skip
    if len(years) == 1:
        columns.append(
            TemplateColumn("งบประมาณ (บาท)", "budget", "number", help="ไม่ติดลบ", example=450000)
        )
    else:
        columns += [
            TemplateColumn(f"งบประมาณ {year} (บาท)", "budget_years", "year", year=year,
                           help=f"งบประมาณปี {year} ไม่ติดลบ", example=450000 if index == 0 else None)
            for index, year in enumerate(years)
        ]  # fmt: skip
    columns.append(
        TemplateColumn("ระยะเวลา (เดือน)", "duration_months", "integer", help="1–120", example=6)
    )
    if PLAN_KIND_LEVEL[plan.kind] in DLA_LEVELS:
        columns += [
            TemplateColumn("ตัวชี้วัด (KPI)", "kpi", example="คลองลึก 3 เมตร ยาว 1,200 เมตร"),
            TemplateColumn("ผลที่คาดว่าจะได้รับ", "expected_result",
                           example="เกษตรกร 120 ครัวเรือนมีน้ำใช้"),
            TemplateColumn("หน่วยงานรับผิดชอบหลัก", "responsible_unit", example="กองช่าง"),
        ]  # fmt: skip
    return columns


def issue_choices(plan: Plan) -> dict[str, str]:
    """Drop-down label (the issue's Thai name) → issue code, in the frame's order."""
    issues = Issue.objects.filter(province_id=plan_province_code(plan), cycle_id=plan.cycle_id)
    return {issue.name_th: issue.code for issue in issues.order_by("order", "code")}


def _value(column: TemplateColumn, item: BookProject) -> object:
    project = item.project
    if column.field == "id":
        return project.pk
    if column.field == "issue_code":
        return project.issue.name_th if project.issue is not None else None
    if column.field == "mode":
        return MODE_TH.get(project.mode)
    if column.field == "capacity_level":
        return CAPACITY_TH.get(project.capacity_level)
    if column.kind == "year":
        return item.years.get(column.year) if column.year is not None else None
    value = getattr(project, column.field)
    return value if value != "" else None


def _stamp_payload(
    plan: Plan, columns: list[TemplateColumn], issued: datetime.date
) -> dict[str, Any]:
    owner_code = (
        plan.owner_area_id or plan.owner_lao_id or plan.owner_agency_id or plan.owner_cluster_id
    )
    return {
        "template_version": TEMPLATE_VERSION,
        "plan_id": plan.pk,
        "kind": plan.kind,
        "level": PLAN_KIND_LEVEL[plan.kind],
        "owner_code": str(owner_code),
        "owner_name": owner_label(plan),
        "cycle": plan.cycle_id,
        "years": plan_years(plan),
        "columns": [
            column.field if column.kind != "year" else f"year:{column.year}" for column in columns
        ],
        "issued_on": issued.isoformat(),
    }


def build_plan_template(plan: Plan, *, as_of: datetime.date | None = None) -> bytes:
    """The .xlsx template of ``plan``, filled with its current projects."""
    issued = as_of or timezone.localdate()
    facts = load_plan(plan)
    plan = facts.plan
    columns = template_columns(plan)
    workbook = Workbook()
    sheet = first_sheet(workbook)
    sheet.title = DATA_SHEET
    title_font = Font(name=DEFAULT_FONT, size=18, bold=True)
    sheet["A1"] = f"แบบฟอร์มนำเข้าโครงการ — {plan.title}"
    sheet["A1"].font = title_font
    sheet["A2"] = (
        f"{facts.location} · ออกแบบฟอร์มวันที่ {format_be_date(issued)} · กรอกหนึ่งโครงการต่อหนึ่งแถว "
        "ห้ามแก้ไขหัวตารางและคอลัมน์รหัสโครงการ · ดูคำอธิบายในแผ่นงาน “วิธีกรอก”"
    )
    sheet["A2"].font = Font(name=DEFAULT_FONT, size=14)
    if plan.synthetic:
        sheet["A3"] = SYNTHETIC_NOTICE
        sheet["A3"].font = Font(name=DEFAULT_FONT, size=14, bold=True, color="FFC00000")
    rows = [[_value(column, item) for column in columns] for item in facts.projects]
    formats: dict[str | int, str] = {}
    for index, column in enumerate(columns):
        if column.kind in ("year",) or column.field == "budget":
            formats[index] = BAHT_FORMAT
        elif column.field == "id":
            formats[index] = "0"
        elif column.kind == "integer":
            formats[index] = INTEGER_FORMAT
        elif column.kind == "number":
            formats[index] = "#,##0.##"
    write_table(sheet, [column.header for column in columns], rows, formats, start_row=HEADER_ROW)
    sheet.column_dimensions["A"].hidden = True
    last_row = HEADER_ROW + len(rows) + SPARE_ROWS
    choices = {
        "issue_code": list(issue_choices(plan)),
        "mode": list(MODE_TH.values()),
        "capacity_level": list(CAPACITY_TH.values()),
    }
    for index, column in enumerate(columns, start=1):
        if column.kind == "choice" and choices[column.field]:
            add_list_validation(sheet, index, choices[column.field], HEADER_ROW + 1, last_row)
    _guide(workbook.create_sheet(GUIDE_SHEET), plan, columns)
    stamp(workbook, _stamp_payload(plan, columns, issued))
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _guide(sheet: Worksheet, plan: Plan, columns: list[TemplateColumn]) -> None:
    sheet["A1"] = f"วิธีกรอกแบบฟอร์ม — {plan.title}"
    sheet["A1"].font = Font(name=DEFAULT_FONT, size=18, bold=True)
    lines = [
        "1. กรอกโครงการในแผ่นงาน “โครงการ” หนึ่งโครงการต่อหนึ่งแถว ใต้หัวตาราง",
        "2. โครงการที่มีอยู่แล้วแก้ไขในแถวเดิมได้ ห้ามแก้ไขรหัสโครงการ (คอลัมน์ A ที่ซ่อนไว้)",
        "3. ระบบตรวจทุกแถวก่อนนำเข้า หากมีข้อผิดพลาดแม้แถวเดียวจะไม่นำเข้าข้อมูลใดเลย "
        "และแจ้งแถว คอลัมน์ และปัญหาเป็นภาษาไทย",
        "4. นำเข้าไฟล์เดิมซ้ำได้ ข้อมูลที่ไม่เปลี่ยนจะไม่ถูกแก้ไข (จับคู่ด้วยรหัสโครงการ หรือชื่อโครงการ)",
        "5. การลบแถวออกจากไฟล์ไม่ได้ลบโครงการในระบบ",
        "6. แบบฟอร์มใช้ได้กับแผนนี้เท่านั้น และนำเข้าได้เมื่อแผนยังเป็นร่างหรือถูกส่งคืนแก้ไข",
    ]
    for row, line in enumerate(lines, start=2):
        sheet.cell(row=row, column=1, value=line).font = Font(name=DEFAULT_FONT, size=14)
    start = len(lines) + 3
    shown = [column for column in columns if column.field != "id"]
    write_table(
        sheet,
        ["คอลัมน์", "ต้องกรอก", "คำอธิบาย", "ตัวอย่าง"],
        [
            [column.header, "ต้องกรอก" if column.required else "", column.help, column.example]
            for column in shown
        ],
        start_row=start,
    )
    example_row = start + len(shown) + 3
    sheet.cell(
        row=example_row - 1, column=1, value="ตัวอย่างแถวที่กรอกแล้ว (แถวนี้ไม่ถูกนำเข้า)"
    ).font = Font(name=DEFAULT_FONT, size=14, bold=True)
    write_table(
        sheet,
        [column.header for column in shown],
        [[column.example for column in shown]],
        {index: BAHT_FORMAT for index, column in enumerate(shown) if "(บาท)" in column.header},
        start_row=example_row,
    )
    sheet.freeze_panes = None
    for cell in sheet["C"]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
