"""Excel round trip: a village committee fills its template offline and uploads it.

"An uploaded template with one bad row imports nothing and reports that row; a corrected
file imports; re-uploading it changes nothing." (issue 7, acceptance)
"""

import io
from decimal import Decimal

import openpyxl
import pytest

from planlink.audit.models import AuditEntry
from planlink.core.errors import NotFound, StateError
from planlink.documents.imports import ImportProblem, TemplateImportError, import_plan_template
from planlink.documents.plan_template import HEADER_ROW, build_plan_template
from planlink.plans.models import Plan, PlanKind, Project
from planlink.plans.services import plan_submit
from tests.factories import area_plan, make_project, personas

pytestmark = pytest.mark.django_db

NEW_ROWS = [
    {"ชื่อโครงการ": "ขุดลอกคลองหนองบัว หมู่ที่ 1", "ประเด็น": "แหล่งน้ำและการบริหารจัดการน้ำ",
     "วิธีดำเนินการ": "ขอรับการสนับสนุน", "ระดับขีดความสามารถ": "อปท.", "จำนวนเป้าหมาย": 1200,
     "หน่วยนับ": "เมตร", "งบประมาณ (บาท)": 450000, "ระยะเวลา (เดือน)": 6,
     "ลำดับความสำคัญในประเด็น": 1},
    {"ชื่อโครงการ": "ฝึกอบรมอาชีพจักสานผักตบชวา", "ประเด็น": "เศรษฐกิจ อาชีพและรายได้",
     "วิธีดำเนินการ": "ทำเอง", "ระดับขีดความสามารถ": "ชุมชน/หมู่บ้าน", "งบประมาณ (บาท)": "๓๕,๐๐๐",
     "ระยะเวลา (เดือน)": 3},
    {"ชื่อโครงการ": "ติดตั้งไฟฟ้าส่องสว่างถนนสายหลัก", "ประเด็น": "ความมั่นคง ยาเสพติด และความปลอดภัย",
     "วิธีดำเนินการ": "ขอรับการสนับสนุน", "ระดับขีดความสามารถ": "อปท.", "งบประมาณ (บาท)": -5000},
]  # fmt: skip


@pytest.fixture
def village(reference_data):
    people = personas()
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    existing = make_project(
        plan, "ซ่อมแซมถนนดินลูกรัง", issue_code="INFRA", budget=Decimal("120000"), mode="support"
    )
    return people, plan, existing


def fill(template: bytes, rows: list[dict], edit: dict | None = None) -> bytes:
    """Add ``rows`` under the plan's projects (and change cells of row 1 by header)."""
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook["โครงการ"]
    headers = {cell.value: cell.column for cell in sheet[HEADER_ROW] if cell.value}
    row = HEADER_ROW + 1
    for header, value in (edit or {}).items():
        sheet.cell(row=row, column=headers[header], value=value)
    while sheet.cell(row=row, column=headers["ชื่อโครงการ"]).value:
        row += 1
    for values in rows:
        for header, value in values.items():
            sheet.cell(row=row, column=headers[header], value=value)
        row += 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def state() -> dict:
    return {
        "projects": sorted(
            Project.objects.values_list("pk", "title", "budget", "version", "mode", "issue__code")
        ),
        "audit": AuditEntry.objects.count(),
    }


def upload(user, content: bytes, **extra):
    return import_plan_template(user=user, source=io.BytesIO(content), **extra)


def test_a_template_with_one_bad_row_imports_nothing_and_reports_that_row(village):
    people, plan, _ = village
    before = state()
    content = fill(build_plan_template(plan), NEW_ROWS)
    with pytest.raises(TemplateImportError) as refused:
        upload(people["village"], content)
    assert refused.value.problems == [
        ImportProblem(8, "K", "งบประมาณ (บาท)", "งบประมาณต้องไม่ติดลบ"),
    ]
    assert refused.value.report_th.splitlines() == [
        "แบบฟอร์มมีข้อผิดพลาด 1 รายการ ยังไม่ได้นำเข้าข้อมูลใด ๆ",
        "  - แถวที่ 8 คอลัมน์ K (งบประมาณ (บาท)): งบประมาณต้องไม่ติดลบ",
    ]
    assert state() == before


def test_the_corrected_file_imports_and_uploading_it_again_changes_nothing(village):
    people, plan, existing = village
    corrected = [*NEW_ROWS[:2], {**NEW_ROWS[2], "งบประมาณ (บาท)": 5000}]
    content = fill(build_plan_template(plan), corrected)
    result = upload(people["village"], content)
    assert (len(result.created), len(result.updated), result.unchanged) == (3, 0, [existing.pk])
    canal = Project.objects.get(plan=plan, title="ขุดลอกคลองหนองบัว หมู่ที่ 1")
    assert (canal.issue.code, canal.mode, canal.capacity_level) == ("WATER", "support", "lao")
    assert (canal.budget, canal.target_quantity, canal.target_unit) == (
        Decimal("450000.00"), Decimal("1200.00"), "เมตร",
    )  # fmt: skip
    assert (canal.duration_months, canal.priority) == (6, 1)
    crafts = Project.objects.get(plan=plan, title="ฝึกอบรมอาชีพจักสานผักตบชวา")
    assert (crafts.budget, crafts.mode, crafts.capacity_level) == (
        Decimal("35000.00"),
        "self",
        "community",
    )
    assert [area.code for area in canal.areas.all()] == ["24010101"]

    after_first = state()
    again = upload(people["village"], content)
    assert (again.created, again.updated, len(again.unchanged)) == ([], [], 4)
    assert state() == after_first


def test_a_fresh_template_holds_the_imported_projects_and_round_trips_unchanged(village):
    people, plan, _ = village
    upload(people["village"], fill(build_plan_template(plan), NEW_ROWS[:2]))
    before = state()
    result = upload(people["village"], build_plan_template(plan))
    assert len(result.unchanged) == 3
    assert state() == before


def test_an_edited_row_updates_its_project_by_the_hidden_id(village):
    people, plan, existing = village
    content = fill(
        build_plan_template(plan), [], edit={"ชื่อโครงการ": "ซ่อมแซมถนนลูกรังสายบ้านนายสมชาย",
                                             "งบประมาณ (บาท)": 135000}
    )  # fmt: skip
    result = upload(people["village"], content)
    assert result.updated == [existing.pk]
    existing.refresh_from_db()
    assert (existing.title, existing.budget, existing.version) == (
        "ซ่อมแซมถนนลูกรังสายบ้านนายสมชาย", Decimal("135000.00"), 2,
    )  # fmt: skip


def test_a_value_outside_a_drop_down_list_is_reported_with_the_choices(village):
    people, plan, _ = village
    content = fill(build_plan_template(plan), [{**NEW_ROWS[0], "วิธีดำเนินการ": "จ้างเหมา"}])
    with pytest.raises(TemplateImportError) as refused:
        upload(people["village"], content)
    assert [(p.row, p.column, p.problem) for p in refused.value.problems] == [
        (6, "G", "“จ้างเหมา” ไม่อยู่ในรายการ ให้เลือก: ทำเอง, ทำร่วม, ขอรับการสนับสนุน"),
    ]


def test_two_rows_with_the_same_title_are_refused(village):
    people, plan, _ = village
    content = fill(
        build_plan_template(plan),
        [NEW_ROWS[0], {**NEW_ROWS[1], "ชื่อโครงการ": "ขุดลอกคลองหนองบัว  หมู่ที่ ๑"}],
    )
    with pytest.raises(TemplateImportError) as refused:
        upload(people["village"], content)
    assert [p.line for p in refused.value.problems] == [
        "แถวที่ 7 คอลัมน์ B (ชื่อโครงการ): ชื่อโครงการซ้ำกับแถวที่ 6",
    ]


def test_a_template_for_another_village_is_refused(village):
    people, plan, _ = village
    before = state()
    with pytest.raises(NotFound):
        upload(people["other_village"], fill(build_plan_template(plan), NEW_ROWS[:1]))
    assert state() == before


def test_uploading_into_a_different_plan_than_the_template_s_is_refused(village):
    people, plan, _ = village
    own = area_plan(PlanKind.VILLAGE, "24010102")
    with pytest.raises(TemplateImportError, match="ข้อผิดพลาด 1 รายการ") as refused:
        upload(
            people["other_village"], fill(build_plan_template(plan), NEW_ROWS[:1]), plan_id=own.pk
        )
    assert refused.value.problems[0].problem.startswith("แบบฟอร์มนี้ออกให้แผนของบ้านหน้าเมือง")


def test_a_template_for_a_submitted_plan_is_refused(village):
    people, plan, _ = village
    content = fill(build_plan_template(plan), NEW_ROWS[:1])
    plan_submit(plan=plan, actor=None)
    before = state()
    with pytest.raises(StateError, match="ส่งแล้ว"):
        upload(people["village"], content)
    assert state() == before
    assert Plan.objects.get(pk=plan.pk).state == "submitted"


def test_a_workbook_without_the_stamp_is_not_taken_for_a_template(village):
    people, plan, _ = village
    workbook = openpyxl.load_workbook(io.BytesIO(build_plan_template(plan)))
    del workbook["_planlink"]
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(TemplateImportError) as refused:
        upload(people["village"], buffer.getvalue())
    assert refused.value.problems[0].problem.startswith("ไฟล์นี้ไม่ใช่แบบฟอร์มนำเข้าโครงการของ PlanLink")


def test_a_file_that_is_not_excel_is_refused(village):
    people, _, _ = village
    with pytest.raises(TemplateImportError) as refused:
        upload(people["village"], "ชื่อโครงการ,งบประมาณ\n".encode())
    assert refused.value.problems[0].problem == "ไฟล์นี้ไม่ใช่ไฟล์ Excel (.xlsx) ที่อ่านได้"
