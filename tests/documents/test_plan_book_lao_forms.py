"""The LAO local development plan comes out in the DLA forms ผ.01, ผ.02, ผ.02/1 and ผ.02/2."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

from planlink.areas.models import Area, LocalGovernment
from planlink.documents.plan_book import build_plan_book
from planlink.documents.render import to_docx, to_xlsx
from planlink.plans.models import PlanKind, ProjectBudgetYear
from planlink.plans.services import plan_create, project_create
from planlink.referrals.models import TargetKind
from planlink.referrals.services import referral_decide, referral_send, to_committee, to_lao
from tests.factories import area_plan, cycle, frame, make_project, personas

from .docx_helpers import open_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def lao_plan(reference_data):
    people = personas()
    frame()
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    plan = plan_create(
        actor=None,
        kind=PlanKind.LOCAL_DEVELOPMENT,
        cycle=cycle(),
        owner_lao=lao,
        span=(2570, 2574),
    )
    road = project_create(
        plan=plan,
        actor=None,
        data={
            "title": "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหน้าเมือง",
            "objective": "เพื่อให้ประชาชนสัญจรสะดวก",
            "target_quantity": "850",
            "target_unit": "เมตร",
            "issue_code": "INFRA",
            "kpi": "ถนนแล้วเสร็จร้อยละ 100",
            "expected_result": "ประชาชนเดินทางสะดวกและปลอดภัย",
            "responsible_unit": "กองช่าง",
        },
        budget_years={2570: "500000", 2571: "420000.75"},
    )
    need = make_project(
        area_plan(PlanKind.VILLAGE, "24010101"), "ขุดลอกคลองหนองบัว หมู่ที่ 1", issue_code="WATER"
    )
    canal = project_create(
        plan=plan,
        actor=None,
        data={"title": "ขุดลอกคลองหนองบัว", "issue_code": "WATER", "budget": "300000"},
    )
    referral = referral_send(project=need, target=to_lao(lao), actor=None)
    referral_decide(referral=referral, actor=None, decision="included", result_project=canal)
    bridge = project_create(
        plan=plan,
        actor=None,
        data={"title": "ก่อสร้างสะพานข้ามคลองท่าไข่", "issue_code": "INFRA", "budget": "9500000"},
    )
    referral_send(
        project=bridge,
        target=to_committee(TargetKind.DISTRICT_LAO_COMMITTEE, Area.objects.get(code="2401")),
        actor=None,
    )
    return plan, lao, road, canal, bridge


@pytest.fixture
def book(lao_plan):
    plan = lao_plan[0]
    return build_plan_book(plan, as_of=datetime.date(2027, 1, 15))


def tables_by_form(data: bytes) -> dict[str, list[list[list[str]]]]:
    """Every table in the .docx under the latest "แบบ ผ.…" stamp above it."""
    document = open_docx(data)
    found: dict[str, list[list[list[str]]]] = {}
    form = None
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            text = WordParagraph(element, document).text
            if text.startswith("แบบ ผ."):
                form = text.removeprefix("แบบ ")
        elif element.tag.endswith("}tbl") and form:
            table = WordTable(element, document)
            found.setdefault(form, []).append(
                [[cell.text for cell in row.cells] for row in table.rows]
            )
    return found


def test_the_forms_come_in_order_each_with_its_stamp(book):
    assert list(tables_by_form(to_docx(book))) == ["ผ.01", "ผ.02", "ผ.02/1", "ผ.02/2"]


def test_the_form_header_carries_the_plan_years_and_the_lao(book, lao_plan):
    _, lao, *_ = lao_plan
    texts = [p.text for p in open_docx(to_docx(book)).paragraphs]
    start = texts.index("แบบ ผ.02/1")
    assert texts[start : start + 5] == [
        "แบบ ผ.02/1",
        "รายละเอียดโครงการพัฒนา",
        "แผนพัฒนาท้องถิ่น (พ.ศ. 2570 - 2574)",
        "สำหรับโครงการที่นำมาจากแผนชุมชน",
        f"{lao.full_name_th} อำเภอเมืองฉะเชิงเทรา จังหวัดฉะเชิงเทรา",
    ]


def test_the_lao_s_own_project_is_in_pho_02_with_the_dla_columns_and_yearly_budget(book):
    table = tables_by_form(to_docx(book))["ผ.02"][0]
    assert table[0][:4] == ["ที่", "โครงการ", "วัตถุประสงค์", "เป้าหมาย\n(ผลผลิตของโครงการ)"]
    assert table[1][4:9] == [
        "2570\n(บาท)",
        "2571\n(บาท)",
        "2572\n(บาท)",
        "2573\n(บาท)",
        "2574\n(บาท)",
    ]
    assert table[0][9:] == ["ตัวชี้วัด\n(KPI)", "ผลที่คาด\nว่าจะได้รับ", "หน่วยงาน\nรับผิดชอบหลัก"]
    assert table[2] == [
        "1",
        "ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหน้าเมือง",
        "เพื่อให้ประชาชนสัญจรสะดวก",
        "850 เมตร",
        "500,000.00",
        "420,000.75",
        "-",
        "-",
        "-",
        "ถนนแล้วเสร็จร้อยละ 100",
        "ประชาชนเดินทางสะดวกและปลอดภัย",
        "กองช่าง",
    ]
    assert table[3][1] == "รวมงบประมาณ"
    assert table[3][4:9] == [
        "500,000.00",
        "420,000.75",
        "0.00",
        "0.00",
        "0.00",
    ]
    assert table[4][1] == "รวมจำนวนโครงการ"
    assert table[4][4:9] == ["1", "1", "0", "0", "0"]


def test_a_project_routed_from_a_village_plan_lands_in_pho_02_1(book):
    forms = tables_by_form(to_docx(book))
    titles = {
        form: [row[1] for table in tables for row in table[2:-2]]
        for form, tables in forms.items()
        if form != "ผ.01"
    }
    assert titles == {
        "ผ.02": ["ก่อสร้างถนนคอนกรีตเสริมเหล็ก สายบ้านหน้าเมือง"],
        "ผ.02/1": ["ขุดลอกคลองหนองบัว"],
        "ผ.02/2": ["ก่อสร้างสะพานข้ามคลองท่าไข่"],
    }


def test_pho_01_keeps_the_community_and_coordination_lines_outside_the_main_total(book):
    summary = tables_by_form(to_docx(book))["ผ.01"][0]
    last_rows = {row[0]: row[1:] for row in summary[-3:]}
    assert last_rows["รวมทั้งสิ้น (ผ.02)"][:4] == ["1", "500,000.00", "1", "420,000.75"]
    assert last_rows["รวมทั้งสิ้น (ผ.02)"][-2:] == ["1", "920,000.75"]
    assert last_rows["โครงการที่นำมาจากแผนชุมชน (ผ.02/1)"][:2] == ["1", "300,000.00"]
    assert last_rows["โครงการที่ประสาน/ขอรับการสนับสนุนจากหน่วยงานอื่น (ผ.02/2)"][-2:] == [
        "1",
        "9,500,000.00",
    ]


def test_the_annex_says_where_each_project_came_from_and_went(book):
    text = "\n".join(
        p.text
        for table in open_docx(to_docx(book)).tables
        for row in table.rows
        for p in row.cells[-1].paragraphs
    )
    assert "คณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับอำเภอ อำเภอเมืองฉะเชิงเทรา: รอพิจารณา" in text


def test_the_workbook_has_a_sheet_per_form_with_the_database_numbers(book, lao_plan):
    _, _, road, *_ = lao_plan
    workbook = openpyxl.load_workbook(io.BytesIO(to_xlsx(book)))
    assert workbook.sheetnames == ["เอกสาร", "ผ.01", "ผ.02", "ผ.02-1", "ผ.02-2", "ที่มาและการส่งต่อ"]
    sheet = workbook["ผ.02"]
    headers = [cell.value for cell in sheet[1]]
    row = dict(zip(headers, [cell.value for cell in sheet[2]], strict=True))
    expected = dict(
        ProjectBudgetYear.objects.filter(project=road).values_list("fiscal_year", "amount")
    )
    assert row["รหัสโครงการ"] == road.pk
    assert Decimal(str(row["งบประมาณ 2570 (บาท)"])) == expected[2570] == Decimal("500000")
    assert Decimal(str(row["งบประมาณ 2571 (บาท)"])) == expected[2571] == Decimal("420000.75")
    assert row["งบประมาณ 2572 (บาท)"] is None
    assert sheet["I2"].number_format == "#,##0.00"
    assert sheet.freeze_panes == "A2"
    assert sheet["F2"].font.name == "TH SarabunPSK"


def test_the_dense_five_year_tables_are_set_in_14_point_with_bold_totals(book):
    from .docx_helpers import w

    table = open_docx(to_docx(book)).tables[1]  # the first ผ.02 table
    body_run = table.rows[2].cells[1].paragraphs[0].runs[0]._r
    assert body_run.rPr.find(w("szCs")).get(w("val")) == "28"
    assert body_run.rPr.find(w("bCs")) is None
    total_run = table.rows[3].cells[1].paragraphs[0].runs[0]._r
    assert total_run.rPr.find(w("bCs")) is not None
