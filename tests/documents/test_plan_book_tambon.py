"""A tambon plan book: cover, contents, projects by strategy and issue, and each need's lineage."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Sum

from planlink.areas.models import LocalGovernment
from planlink.documents.plan_book import build_plan_book
from planlink.documents.render import to_docx
from planlink.plans.models import PlanKind
from planlink.referrals.services import referral_decide, referral_send, to_lao, to_plan
from tests.factories import area_plan, make_project, personas

from .docx_helpers import NS, all_text, open_docx, part_xml, w

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 11, 25)


@pytest.fixture
def tambon_plan(reference_data):
    people = personas()
    tambon = area_plan(PlanKind.TAMBON, "240101")
    canal = make_project(
        tambon,
        "ขุดลอกคลองหนองบัว ตำบลหน้าเมือง",
        issue_code="WATER",
        budget=Decimal("450000"),
        objective="เพื่อให้มีน้ำใช้ในการเกษตรตลอดปี",
        target_quantity=Decimal("1200"),
        target_unit="เมตร",
        duration_months=6,
        priority=1,
    )
    for code, title in (("24010101", "ขุดลอกคลองหนองบัว หมู่ที่ 1"), ("24010102", "ขุดลอกคลอง หมู่ที่ 2")):
        need = make_project(area_plan(PlanKind.VILLAGE, code), title, issue_code="WATER")
        referral = referral_send(project=need, target=to_plan(tambon), actor=None)
        referral_decide(referral=referral, actor=None, decision="merged", result_project=canal)
    make_project(
        tambon, "ฝึกอบรมอาชีพทำขนมไทย", issue_code="ECON", budget=Decimal("35000.50"), mode="self"
    )
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    referral_send(project=canal, target=to_lao(lao), actor=None)
    return tambon, lao


@pytest.fixture
def book(tambon_plan):
    plan, _ = tambon_plan
    return to_docx(build_plan_book(plan, as_of=AS_OF))


def project_rows(data):
    document = open_docx(data)
    rows = []
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:2] == ["ที่", "โครงการ"]:
            rows.extend([cell.text for cell in row.cells] for row in table.rows[2:])
    return rows


def test_the_cover_names_the_plan_kind_the_tambon_and_a_buddhist_era_date(book):
    paragraphs = [p.text for p in open_docx(book).paragraphs if p.text]
    assert paragraphs[:4] == [
        "แผนพัฒนาตำบล (แผนชุมชนระดับตำบล)",
        "ปีงบประมาณ พ.ศ. 2570",
        "ตำบลหน้าเมือง อำเภอเมืองฉะเชิงเทรา จังหวัดฉะเชิงเทรา",
        "25 พฤศจิกายน 2569",
    ]


def test_the_document_font_is_th_sarabun_psk_16_point_with_its_fallback_named(book):
    styles = part_xml(book, "word/styles.xml")
    normal_fonts = styles.xpath(
        "//w:style[@w:styleId='Normal']/w:rPr/w:rFonts",
        namespaces=NS,
    )[0]
    assert normal_fonts.get(w("cs")) == "TH SarabunPSK"
    size = styles.xpath("//w:style[@w:styleId='Normal']/w:rPr/w:szCs", namespaces=NS)
    assert size[0].get(w("val")) == "32"
    fonts = part_xml(book, "word/fontTable.xml")
    alternative = fonts.xpath("//w:font[@w:name='TH SarabunPSK']/w:altName/@w:val", namespaces=NS)
    assert alternative == ["TH Sarabun New"]


def test_the_contents_lists_the_parts_and_the_strategies(book):
    text = all_text(book)
    assert "สารบัญ" in text
    assert "ส่วนที่ 3 บัญชีโครงการ" in text
    assert "ยุทธศาสตร์ที่ 2 การพัฒนาโครงสร้างพื้นฐานและการบริหารจัดการน้ำ" in text


def test_each_project_row_shows_target_budget_duration_sources_and_destination(book, tambon_plan):
    _, lao = tambon_plan
    rows = project_rows(book)
    canal = next(row for row in rows if row[1] == "ขุดลอกคลองหนองบัว ตำบลหน้าเมือง")
    assert canal[:6] == [
        "1",
        "ขุดลอกคลองหนองบัว ตำบลหน้าเมือง",
        "เพื่อให้มีน้ำใช้ในการเกษตรตลอดปี",
        "1,200 เมตร",
        "450,000.00",
        "6",
    ]
    assert canal[6].split("\n") == [
        "บ้านหน้าเมือง (แผนชุมชน): ขุดลอกคลองหนองบัว หมู่ที่ 1",
        "บ้านท่าไข่ (แผนชุมชน): ขุดลอกคลอง หมู่ที่ 2",
        "(รวมความต้องการจาก 2 โครงการในแผนชุมชน)",
    ]
    assert canal[7].split("\n") == [f"{lao.full_name_th}: รอพิจารณา", "ผล: อยู่ระหว่างดำเนินการ"]


def test_a_project_proposed_in_the_plan_itself_says_so(book):
    rows = project_rows(book)
    training = next(row for row in rows if row[1] == "ฝึกอบรมอาชีพทำขนมไทย")
    assert training[6] == "เสนอในแผนนี้"
    assert training[7] == "ผล: หมู่บ้านดำเนินการเอง"


def test_the_grand_total_equals_the_database_sum(book, tambon_plan):
    plan, _ = tambon_plan
    expected = plan.projects.aggregate(total=Sum("budget"))["total"]
    summary = open_docx(book).tables[0]
    last = [cell.text for cell in summary.rows[-1].cells]
    assert last[0] == "รวมทั้งสิ้น"
    assert last[1] == "2"
    assert last[2] == f"{expected:,.2f}" == "485,000.50"


def test_thai_numerals_are_an_option(tambon_plan):
    plan, _ = tambon_plan
    text = all_text(to_docx(build_plan_book(plan, as_of=AS_OF), thai_digits=True))
    assert "๔๕๐,๐๐๐.๐๐" in text
    assert "๒๕ พฤศจิกายน ๒๕๖๙" in text
    assert "450,000.00" not in text
