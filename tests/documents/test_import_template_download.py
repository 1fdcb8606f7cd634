"""The downloadable template per plan level: Thai headers, drop-down lists, an example row,
the plan's projects with their hidden ids, and the stamp of the plan it belongs to."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from planlink.areas.models import LocalGovernment
from planlink.documents.imports import import_plan_template
from planlink.documents.plan_template import HEADER_ROW, build_plan_template
from planlink.documents.xlsx_thai import read_stamp
from planlink.plans.models import PlanKind, ProjectBudgetYear
from planlink.plans.services import plan_create, project_create
from tests.factories import area_plan, cycle, frame, make_project, personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def village_template(reference_data):
    personas()
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    project = make_project(plan, "ซ่อมแซมถนนดินลูกรัง", issue_code="INFRA", budget=Decimal("120000"))
    content = build_plan_template(plan, as_of=datetime.date(2026, 1, 10))
    return plan, project, openpyxl.load_workbook(io.BytesIO(content))


def test_the_village_template_has_thai_headers_with_the_id_column_hidden(village_template):
    _, _, workbook = village_template
    sheet = workbook["โครงการ"]
    assert [cell.value for cell in sheet[HEADER_ROW]] == [
        "รหัสโครงการ (ห้ามแก้ไข)", "ชื่อโครงการ", "ปัญหาและเหตุผล", "วัตถุประสงค์", "ประเด็น",
        "ลำดับความสำคัญในประเด็น", "วิธีดำเนินการ", "ระดับขีดความสามารถ", "จำนวนเป้าหมาย",
        "หน่วยนับ", "งบประมาณ (บาท)", "ระยะเวลา (เดือน)",
    ]  # fmt: skip
    assert sheet.column_dimensions["A"].hidden is True
    assert sheet.freeze_panes == f"A{HEADER_ROW + 1}"
    assert sheet["B4"].font.name == "TH SarabunPSK"


def test_the_plan_s_projects_are_filled_in_with_their_ids(village_template):
    _, project, workbook = village_template
    row = [cell.value for cell in workbook["โครงการ"][HEADER_ROW + 1]]
    assert row[:2] == [project.pk, "ซ่อมแซมถนนดินลูกรัง"]
    assert row[4] == "โครงสร้างพื้นฐานและการคมนาคม"
    assert row[6:8] == ["ขอรับการสนับสนุน", "อปท."]
    assert row[10] == 120000
    assert workbook["โครงการ"]["K5"].number_format == "#,##0.00"


def test_issue_mode_and_capacity_are_drop_down_lists(village_template):
    _, _, workbook = village_template
    sheet = workbook["โครงการ"]
    lists = {
        str(validation.sqref): validation.formula1
        for validation in sheet.data_validations.dataValidation
    }
    assert lists["G5:G305"] == '"ทำเอง,ทำร่วม,ขอรับการสนับสนุน"'
    assert lists["H5:H305"] == '"ชุมชน/หมู่บ้าน,อปท.,อบจ.,อำเภอ,จังหวัด,ส่วนราชการ"'
    issue_range = lists["E5:E305"]
    assert issue_range.startswith("'_lists'!$A$1:$A$")
    issues = [row[0].value for row in workbook["_lists"].iter_rows()]
    assert issues[:3] == [
        "เศรษฐกิจ อาชีพและรายได้",
        "โครงสร้างพื้นฐานและการคมนาคม",
        "แหล่งน้ำและการบริหารจัดการน้ำ",
    ]


def test_the_guide_sheet_explains_each_column_and_shows_an_example_row(village_template):
    _, _, workbook = village_template
    guide = workbook["วิธีกรอก"]
    values = [[cell.value for cell in row] for row in guide.iter_rows()]
    example_header = next(
        i for i, row in enumerate(values) if row[0] == "ชื่อโครงการ" and row[1] == "ปัญหาและเหตุผล"
    )
    assert values[example_header + 1][:2] == ["ขุดลอกคลองหนองบัว หมู่ที่ 3", "คลองตื้นเขิน น้ำไม่พอใช้ในฤดูแล้ง"]
    assert ["ชื่อโครงการ", "ต้องกรอก", "ไม่เกิน 300 ตัวอักษร", "ขุดลอกคลองหนองบัว หมู่ที่ 3"] in [
        row[:4] for row in values
    ]


def test_a_hidden_stamp_names_the_plan_its_owner_and_level(village_template):
    plan, _, workbook = village_template
    payload = read_stamp(workbook)
    assert workbook["_planlink"].sheet_state == "veryHidden"
    assert {key: payload[key] for key in ("plan_id", "kind", "level", "owner_code", "owner_name", "cycle", "years", "issued_on")} == {
        "plan_id": plan.pk, "kind": "village", "level": "village", "owner_code": "24010101",
        "owner_name": "บ้านหน้าเมือง", "cycle": 2570, "years": [2570], "issued_on": "2026-01-10",
    }  # fmt: skip


@pytest.fixture
def lao_plan(reference_data):
    people = personas()
    frame()
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    plan = plan_create(
        actor=None, kind=PlanKind.LOCAL_DEVELOPMENT, cycle=cycle(), owner_lao=lao, span=(2570, 2572)
    )
    project_create(
        plan=plan,
        actor=None,
        data={"title": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหน้าเมือง", "issue_code": "INFRA"},
        budget_years={2570: "500000", 2572: "250000"},
    )
    return people, plan


def test_a_multi_year_lao_template_has_a_budget_column_per_year_and_the_dla_columns(lao_plan):
    _, plan = lao_plan
    sheet = openpyxl.load_workbook(io.BytesIO(build_plan_template(plan)))["โครงการ"]
    headers = [cell.value for cell in sheet[HEADER_ROW]]
    assert headers[10:] == [
        "งบประมาณ 2570 (บาท)", "งบประมาณ 2571 (บาท)", "งบประมาณ 2572 (บาท)", "ระยะเวลา (เดือน)",
        "ตัวชี้วัด (KPI)", "ผลที่คาดว่าจะได้รับ", "หน่วยงานรับผิดชอบหลัก",
    ]  # fmt: skip
    assert [cell.value for cell in sheet[HEADER_ROW + 1]][10:13] == [500000, None, 250000]


def test_a_filled_lao_template_sets_the_budget_of_each_year(lao_plan):
    people, plan = lao_plan
    workbook = openpyxl.load_workbook(io.BytesIO(build_plan_template(plan)))
    sheet = workbook["โครงการ"]
    for column, value in zip("BEGHKLMN", ["ขุดลอกคลองหนองบัว", "แหล่งน้ำและการบริหารจัดการน้ำ",
                                          "ขอรับการสนับสนุน", "อปท.", 100000, 200000, None, 6], strict=True):  # fmt: skip
        sheet[f"{column}{HEADER_ROW + 2}"] = value
    sheet[f"L{HEADER_ROW + 1}"] = 80000  # the road gets a 2571 budget too
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_plan_template(user=people["lao"], source=io.BytesIO(buffer.getvalue()))
    assert (len(result.created), len(result.updated)) == (1, 1)
    years = {
        (title, year): amount
        for title, year, amount in ProjectBudgetYear.objects.filter(project__plan=plan).values_list(
            "project__title", "fiscal_year", "amount"
        )
    }
    assert years == {
        ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหน้าเมือง", 2570): Decimal("500000.00"),
        ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหน้าเมือง", 2571): Decimal("80000.00"),
        ("ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหน้าเมือง", 2572): Decimal("250000.00"),
        ("ขุดลอกคลองหนองบัว", 2570): Decimal("100000.00"),
        ("ขุดลอกคลองหนองบัว", 2571): Decimal("200000.00"),
    }
    assert plan.projects.get(title="ขุดลอกคลองหนองบัว").budget == Decimal("300000.00")
