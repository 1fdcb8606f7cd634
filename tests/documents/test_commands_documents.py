"""The commands: ``planlink plans list``, ``planlink export plan|report|projects|template``
and ``planlink import plan``."""

import io
import json
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from planlink.documents.plan_template import HEADER_ROW
from planlink.plans.models import PlanKind, Project
from tests.factories import area_plan, make_project, personas

from .docx_helpers import open_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def plans(reference_data):
    people = personas()
    village = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(village, "ขุดลอกคลองหนองบัว หมู่ที่ 1", issue_code="WATER", budget=Decimal("450000"))
    tambon = area_plan(PlanKind.TAMBON, "240101")
    make_project(tambon, "ก่อสร้างฝายชะลอน้ำ", issue_code="WATER", budget=Decimal("800000"))
    area_plan(PlanKind.TAMBON, "500101")
    return people, village, tambon


def run(*arguments: str) -> str:
    out = io.StringIO()
    call_command(*arguments, stdout=out)
    return out.getvalue()


def test_plans_list_prints_id_kind_owner_and_state_as_json(plans):
    _, village, tambon = plans
    listed = json.loads(run("plans", "list", "--area", "2401", "--cycle", "2570", "--json"))
    assert [(row["id"], row["kind"], row["owner"], row["state"]) for row in listed] == [
        (tambon.pk, "tambon", "ตำบลหน้าเมือง", "draft"),
        (village.pk, "village", "บ้านหน้าเมือง", "draft"),
    ]  # by area code: the tambon 240101 before its village 24010101


def test_plans_list_as_a_user_shows_only_what_they_may_read(plans):
    _, village, _ = plans
    listed = json.loads(run("plans", "list", "--cycle", "2570", "--json", "--user", "village1"))
    assert [row["id"] for row in listed] == [village.pk]


def test_export_plan_writes_a_word_plan_book(plans, tmp_path):
    _, village, _ = plans
    out = tmp_path / "เล่มแผน.docx"
    message = run("export", "plan", "--id", str(village.pk), "--format", "docx", "--out", str(out))
    assert message.startswith(f"เขียนไฟล์ {out} แล้ว")
    text = "\n".join(
        cell.text
        for table in open_docx(out.read_bytes()).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "ขุดลอกคลองหนองบัว หมู่ที่ 1" in text
    assert "450,000.00" in text


def test_export_plan_writes_a_pdf(plans, tmp_path):
    _, village, _ = plans
    out = tmp_path / "plan.pdf"
    run("export", "plan", "--id", str(village.pk), "--format", "pdf", "--out", str(out))
    assert out.read_bytes().startswith(b"%PDF-")


def test_export_report_writes_form_1_as_excel(plans, tmp_path):
    out = tmp_path / "form1.xlsx"
    run(
        "export",
        "report",
        "form1",
        "--area",
        "2401",
        "--cycle",
        "2570",
        "--format",
        "xlsx",
        "--out",
        str(out),
    )
    sheet = openpyxl.load_workbook(out)["แบบ 1"]
    assert sheet["B2"].value == "ตำบลหน้าเมือง"
    assert sheet.max_row == 20  # the header and the district's 19 tambons


def test_export_report_as_an_outsider_is_refused_in_thai(plans, tmp_path):
    out = tmp_path / "form2.docx"
    with pytest.raises(CommandError, match="ไม่พบพื้นที่"):
        run("export", "report", "form2", "--area", "2401", "--cycle", "2570", "--format", "docx",
            "--out", str(out), "--user", "outsider")  # fmt: skip
    assert not out.exists()


def test_export_projects_applies_the_api_filters(plans, tmp_path):
    out = tmp_path / "projects.xlsx"
    run("export", "projects", "--level", "tambon", "--area", "24", "--out", str(out))
    sheet = openpyxl.load_workbook(out)["โครงการ"]
    assert [row[8].value for row in sheet.iter_rows(min_row=2)] == ["ก่อสร้างฝายชะลอน้ำ"]


def test_import_plan_reports_the_bad_row_in_thai_and_imports_nothing(plans, tmp_path):
    _, village, _ = plans
    template = tmp_path / "template.xlsx"
    run("export", "template", "--id", str(village.pk), "--out", str(template), "--user", "village1")
    workbook = openpyxl.load_workbook(template)
    sheet = workbook["โครงการ"]
    sheet[f"B{HEADER_ROW + 2}"] = "ติดตั้งไฟฟ้าส่องสว่างถนนสายหลัก"
    sheet[f"K{HEADER_ROW + 2}"] = "ห้าพันบาท"
    workbook.save(template)
    before = list(Project.objects.values_list("pk", "title", "version"))
    with pytest.raises(CommandError) as refused:
        run("import", "plan", str(template), "--user", "village1")
    assert str(refused.value).splitlines()[:2] == [
        "แบบฟอร์มมีข้อผิดพลาด 1 รายการ ยังไม่ได้นำเข้าข้อมูลใด ๆ",
        "  - แถวที่ 6 คอลัมน์ K (งบประมาณ (บาท)): ต้องเป็นตัวเลข (พบ “ห้าพันบาท”)",
    ]
    assert list(Project.objects.values_list("pk", "title", "version")) == before

    sheet[f"K{HEADER_ROW + 2}"] = 5000
    workbook.save(template)
    assert run("import", "plan", str(template), "--user", "village1").startswith(
        "นำเข้าแล้ว: เพิ่มโครงการใหม่ 1 แก้ไข 0 ไม่เปลี่ยนแปลง 1 โครงการ"
    )
    again = json.loads(run("import", "plan", str(template), "--user", "village1", "--json"))
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
