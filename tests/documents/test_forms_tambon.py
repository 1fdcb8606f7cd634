"""Tambon Forms 1–3 (รายงานแผนพัฒนาตำบล แบบ ๑–๓, docs/reference/seeds/001) are computed from the data."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from planlink.areas.models import Area, LocalGovernment
from planlink.committees.models import CommitteeKind
from planlink.committees.services import member_add
from planlink.core.errors import NotFound
from planlink.documents.services import report_document
from planlink.documents.xlsx_thai import BE_DATE_FORMAT
from planlink.plans.models import Plan, PlanKind
from planlink.plans.services import plan_create, plan_submit
from planlink.referrals.models import Referral
from planlink.referrals.services import (
    funding_request_create,
    referral_decide,
    referral_send,
    to_lao,
)
from tests.committees.builders import appoint
from tests.factories import area_plan, cycle, make_project, personas

from .docx_helpers import open_docx

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")
AS_OF = dt.date(2025, 6, 30)
FORM_1_TITLE = "ทะเบียนข้อมูลตำบลเป้าหมายตามโครงการบูรณาการแผนชุมชนระดับตำบล"


@pytest.fixture
def district(reference_data):
    people = personas()
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    tambon = area_plan(PlanKind.TAMBON, "240101")
    crafts = make_project(
        tambon, "ฝึกอบรมอาชีพจักสานผักตบชวา", issue_code="ECON", mode="self",
        budget=Decimal("35000"), target_quantity=Decimal("30"), target_unit="คน",
        duration_months=3, priority=1,
    )  # fmt: skip
    canal = make_project(
        tambon, "ขุดลอกคลองหนองบัว", issue_code="WATER", budget=Decimal("450000"),
        target_quantity=Decimal("1200"), target_unit="เมตร", duration_months=6, priority=1,
    )  # fmt: skip
    road = make_project(
        tambon, "ก่อสร้างถนนลูกรังสายหนองบัว", issue_code="INFRA", budget=Decimal("200000.50"),
        target_quantity=Decimal("2.5"), target_unit="กิโลเมตร", duration_months=4, priority=1,
    )  # fmt: skip
    make_project(tambon, "จัดตั้งศูนย์เรียนรู้ชุมชน", issue_code="EDU", budget=Decimal("80000"))
    lao_plan = plan_create(
        actor=None, kind=PlanKind.LOCAL_DEVELOPMENT, cycle=cycle(), owner_lao=lao
    )
    taken = make_project(lao_plan, "ขุดลอกคลองหนองบัว (บัญชีประสานโครงการ)", issue_code="WATER")
    first = referral_send(project=canal, target=to_lao(lao), actor=None)
    referral_decide(referral=first, actor=None, decision="included", result_project=taken)
    second = referral_send(project=road, target=to_lao(lao), actor=None)
    Referral.objects.filter(pk=first.pk).update(
        created_at=dt.datetime(2025, 4, 25, 9, 0, tzinfo=BANGKOK)
    )
    Referral.objects.filter(pk=second.pk).update(
        created_at=dt.datetime(2025, 5, 2, 9, 0, tzinfo=BANGKOK)
    )
    funding_request_create(
        project=road, actor=None, source="lao", source_lao=lao, fiscal_year=2570,
        requested="200000.50",
    )  # fmt: skip
    plan_submit(plan=tambon, actor=None)
    Plan.objects.filter(pk=tambon.pk).update(
        submitted_at=dt.datetime(2025, 4, 20, 10, 0, tzinfo=BANGKOK)
    )
    area_plan(PlanKind.TAMBON, "240102")  # a draft, never sent
    kbt = appoint(
        people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101", date=dt.date(2025, 1, 16)
    )
    member_add(actor=people["tambon"], committee=kbt, full_name="นายสมชาย ใจดี", position="chair")
    member_add(
        actor=people["tambon"], committee=kbt, full_name="นางสาวสมศรี ใจงาม", position="secretary"
    )
    return people, lao, {"crafts": crafts, "canal": canal, "road": road}


def report(user, form, file_format="docx", area="2401"):
    return report_document(
        user=user, form=form, area_code=area, cycle_year=2570, file_format=file_format, as_of=AS_OF
    )


def table_rows(content: bytes) -> list[list[str]]:
    table = open_docx(content).tables[0]
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_form_1_lists_every_tambon_of_the_district_with_coordinator_delivery_and_quarter(district):
    people, _, _ = district
    rows = table_rows(report(people["district"], "form1").content)
    assert rows[0] == [
        "ที่", "ตำบล", "อำเภอ", "ผู้ประสานงาน", "ส่งเล่มแผนให้ อปท.", "ส่งเล่มแผนให้อำเภอ",
        "ไตรมาสที่จัดทำแผน", "สถานะแผน",
    ]  # fmt: skip
    tambon_count = Area.objects.within("2401").filter(level=Area.Level.TAMBON).count()
    assert len(rows) - 1 == tambon_count == 19
    assert rows[1] == [
        "1",
        "ตำบลหน้าเมือง",
        "อำเภอเมืองฉะเชิงเทรา",
        "นางสาวสมศรี ใจงาม (กรรมการและเลขานุการ ก.บ.ต.)",
        "25 เมษายน 2568",
        "20 เมษายน 2568",
        "ไตรมาสที่ 3/2568 (เม.ย.–มิ.ย.)",
        "ส่งแล้ว",
    ]
    assert rows[2][1:] == ["ตำบลท่าไข่", "อำเภอเมืองฉะเชิงเทรา", "-", "-", "-", "-", "ร่าง"]
    assert rows[3][-1] == "ยังไม่มีแผน"


def test_form_1_in_excel_keeps_dates_as_buddhist_era_formatted_dates(district):
    people, _, _ = district
    workbook = openpyxl.load_workbook(
        io.BytesIO(report(people["district"], "form1", "xlsx").content)
    )
    sheet = workbook["แบบ 1"]
    assert sheet["F2"].value.date() == dt.date(2025, 4, 20)
    assert sheet["F2"].number_format == BE_DATE_FORMAT
    assert sheet["D2"].value == "นางสาวสมศรี ใจงาม (กรรมการและเลขานุการ ก.บ.ต.)"
    assert sheet["D2"].font.name == "TH SarabunPSK"


def test_form_2_lists_projects_done_by_the_community_or_taken_up_by_another_body(district):
    people, lao, _ = district
    rows = table_rows(report(people["district"], "form2").content)
    assert rows[0][:7] == [
        "ที่", "ตำบล", "ชื่อโครงการ", "รูปแบบโครงการ", "งบประมาณ\n(บาท)", "เป้าหมาย",
        "ระยะเวลา\n(เดือน)",
    ]  # fmt: skip
    assert rows[1:-1] == [
        ["1", "ตำบลหน้าเมือง", "ฝึกอบรมอาชีพจักสานผักตบชวา", "ทำเอง", "35,000.00", "30 คน", "3",
         "ชุมชนดำเนินการเอง"],
        ["2", "ตำบลหน้าเมือง", "ขุดลอกคลองหนองบัว", "ขอรับการสนับสนุน", "450,000.00", "1,200 เมตร",
         "6", f"{lao.full_name_th} (บรรจุในแผน)"],
    ]  # fmt: skip
    assert rows[-1][1:5] == ["รวม", "2 รายการ", "", "485,000.00"]


def test_form_3_lists_each_link_to_the_lao_with_its_decision(district):
    people, lao, _ = district
    rows = table_rows(report(people["district"], "form3").content)
    assert [row[2] for row in rows[1:-1]] == [
        "ก่อสร้างถนนลูกรังสายหนองบัว",
        "ก่อสร้างถนนลูกรังสายหนองบัว",
        "ขุดลอกคลองหนองบัว",
    ]  # fmt: skip  (the frame's order: infrastructure before water)
    assert [row[7:] for row in rows[1:-1]] == [
        [lao.full_name_th, "ประสานโครงการ (บัญชีประสานโครงการ)", "รอพิจารณา"],
        [lao.full_name_th, "ขอรับงบประมาณ ปี 2570 จำนวน 200,000.50 บาท", "ยื่นขอแล้ว"],
        [lao.full_name_th, "ประสานโครงการ (บัญชีประสานโครงการ)", "บรรจุในแผน"],
    ]
    assert rows[1][3:7] == ["ขอรับการสนับสนุน", "200,000.50", "2.5 กิโลเมตร", "4"]
    assert rows[-1][4] == "650,000.50"  # each project's budget counted once


def test_form_3_numbers_in_excel_equal_the_database(district):
    people, _, projects = district
    workbook = openpyxl.load_workbook(
        io.BytesIO(report(people["district"], "form3", "xlsx").content)
    )
    sheet = workbook["แบบ 3"]
    budgets = [Decimal(str(row[4].value)) for row in sheet.iter_rows(min_row=2)]
    assert budgets == [projects["road"].budget, projects["road"].budget, projects["canal"].budget]
    assert sheet["E2"].number_format == "#,##0.00"


def test_a_provincial_officer_may_report_on_a_tambon_of_the_province(district):
    people, _, _ = district
    rows = table_rows(report(people["province"], "form1", area="240101").content)
    assert [row[1] for row in rows[1:]] == ["ตำบลหน้าเมือง"]


@pytest.mark.parametrize("persona", ["outsider", "village", "agency"])
def test_someone_outside_the_district_gets_not_found(district, persona):
    people, _, _ = district
    with pytest.raises(NotFound):
        report(people[persona], "form1")


def skeleton(text: str) -> str:
    """Text without SARA AA/AM: pdfium reads them back from WeasyPrint's subset fonts as
    either glyph (ำ is shaped as nikhahit + aa), so compare what is left."""
    return "".join(char for char in text if char not in "าำ\u02f8\u02fa")


def test_form_1_prints_as_a_landscape_pdf_with_the_same_rows(district):
    import pypdfium2

    from .pdf_helpers import page_text

    people, _, _ = district
    pdf = report(people["district"], "form1", "pdf").content
    page = pypdfium2.PdfDocument(pdf)[0]
    width, height = page.get_size()
    assert width > height
    lines = [skeleton(line) for line in page_text(pdf).splitlines()]
    assert lines[:2] == [skeleton("รายงานแผนพัฒนาตำบล แบบ ๑"), skeleton(FORM_1_TITLE)]
    assert skeleton("25 เมษายน 2568 20 เมษายน 2568 ไตรมาสที่ 3/2568") in lines
    assert skeleton("1 ตำบลหน้าเมือง อำเภอเมือง") in lines
