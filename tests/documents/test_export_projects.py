"""Excel export of a project list: the API's filters, the user's access, Thai headers,
baht formats, a frozen header row, and numbers equal to the database's."""

import io
from decimal import Decimal

import openpyxl
import pytest

from planlink.accounts.access import access_for
from planlink.api.filters import ProjectFilters, filter_projects
from planlink.core.errors import DomainError
from planlink.documents.export import EXPORT_HEADERS, export_projects_xlsx
from planlink.plans.models import Plan, PlanKind, Project
from tests.factories import area_plan, make_project, personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(reference_data):
    people = personas()
    village = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(village, "ขุดลอกคลองหนองบัว หมู่ที่ 1", issue_code="WATER", budget=Decimal("450000"))
    make_project(village, "ซ่อมแซมถนนดินลูกรัง", issue_code="INFRA", budget=Decimal("120000.25"))
    tambon = area_plan(PlanKind.TAMBON, "240101")
    make_project(tambon, "ก่อสร้างฝายชะลอน้ำ", issue_code="WATER", budget=Decimal("800000"))
    elsewhere = area_plan(PlanKind.TAMBON, "500101")
    make_project(elsewhere, "ปรับปรุงระบบประปาหมู่บ้าน", issue_code="WATER", budget=Decimal("300000"))
    Plan.objects.filter(pk=elsewhere.pk).update(synthetic=True)
    return people


def sheet_of(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content))["โครงการ"]


def rows_of(sheet) -> list[dict]:
    """Rows under the header (row 2 when row 1 carries the synthetic-data notice)."""
    header_row = 1 if sheet["A1"].value == "รหัสโครงการ" else 2
    headers = [cell.value for cell in sheet[header_row]]
    return [
        dict(zip(headers, [cell.value for cell in row], strict=True))
        for row in sheet.iter_rows(min_row=header_row + 1)
    ]


def test_the_export_lists_exactly_what_the_api_lists_for_the_same_filters(projects):
    district = projects["district"]
    filters = {"cycle": 2570, "issue": "WATER"}
    expected = set(
        filter_projects(access_for(district).projects(), ProjectFilters(**filters)).values_list(
            "pk", flat=True
        )
    )
    rows = rows_of(sheet_of(export_projects_xlsx(filters, user=district)))
    assert {row["รหัสโครงการ"] for row in rows} == expected
    assert sorted(row["ชื่อโครงการ"] for row in rows) == ["ก่อสร้างฝายชะลอน้ำ", "ขุดลอกคลองหนองบัว หมู่ที่ 1"]


def test_a_user_never_gets_projects_outside_their_access(projects):
    rows = rows_of(sheet_of(export_projects_xlsx({}, user=projects["village"])))
    assert sorted(row["ชื่อโครงการ"] for row in rows) == ["ขุดลอกคลองหนองบัว หมู่ที่ 1", "ซ่อมแซมถนนดินลูกรัง"]
    everything = Project.objects.all()
    rows = rows_of(sheet_of(export_projects_xlsx(everything, user=projects["outsider"])))
    assert [row["ชื่อโครงการ"] for row in rows] == ["ปรับปรุงระบบประปาหมู่บ้าน"]  # district 5001 only


def test_the_level_and_area_filters_narrow_like_the_api(projects):
    rows = rows_of(
        sheet_of(export_projects_xlsx({"level": "tambon", "area": "24"}, user=projects["auditor"]))
    )
    assert [row["ชื่อโครงการ"] for row in rows] == ["ก่อสร้างฝายชะลอน้ำ"]


def test_headers_are_thai_the_header_row_frozen_and_baht_formatted(projects):
    sheet = sheet_of(export_projects_xlsx({"area": "2401"}, user=projects["district"]))
    assert [cell.value for cell in sheet[1]] == EXPORT_HEADERS
    assert sheet.freeze_panes == "A2"
    budget_column = EXPORT_HEADERS.index("งบประมาณ (บาท)") + 1
    assert sheet.cell(row=2, column=budget_column).number_format == "#,##0.00"
    assert sheet.cell(row=1, column=1).font.name == "TH SarabunPSK"


def test_budgets_equal_the_database(projects):
    rows = rows_of(sheet_of(export_projects_xlsx({"cycle": 2570}, user=projects["province"])))
    database = dict(
        Project.objects.filter(plan__scope_code__startswith="24").values_list("pk", "budget")
    )
    assert {row["รหัสโครงการ"]: Decimal(str(row["งบประมาณ (บาท)"])) for row in rows} == database
    assert Decimal("120000.25") in database.values()


def test_synthetic_rows_are_labelled_as_such(projects):
    workbook = openpyxl.load_workbook(
        io.BytesIO(export_projects_xlsx({"area": "50"}, user=projects["auditor"]))
    )
    sheet = workbook["โครงการ"]
    assert sheet["A1"].value == "ข้อมูลสังเคราะห์ (synthetic) — ไม่ใช่ข้อมูลจริง"
    headers = [cell.value for cell in sheet[2]]
    row = dict(zip(headers, [cell.value for cell in sheet[3]], strict=True))
    assert (row["ชื่อโครงการ"], row["ข้อมูลสังเคราะห์"]) == ("ปรับปรุงระบบประปาหมู่บ้าน", "ใช่")


def test_an_unknown_filter_is_refused(projects):
    with pytest.raises(DomainError, match="ไม่รู้จักตัวกรอง 'district'"):
        export_projects_xlsx({"district": "2401"}, user=projects["auditor"])
