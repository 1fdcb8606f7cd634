"""The ที่มา and การส่งต่อและผล columns follow a need up the chain and back down."""

import io
from decimal import Decimal

import openpyxl
import pytest

from planlink.areas.models import Agency
from planlink.documents.plan_book import build_plan_book
from planlink.documents.render import to_docx, to_xlsx
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_create
from planlink.referrals.services import referral_decide, referral_send, to_agency, to_plan
from tests.factories import area_plan, cycle, make_project, village

from .docx_helpers import open_docx

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(reference_data):
    village("24010103", "หมู่ที่ 3")
    tambon = area_plan(PlanKind.TAMBON, "240101")
    merged = make_project(tambon, "ขุดลอกคลองหนองบัว ตำบลหน้าเมือง", issue_code="WATER")
    for code, name in (("24010101", "บ้านหน้าเมือง"), ("24010102", "บ้านท่าไข่"), ("24010103", "")):
        village(code, name or None)
        need = make_project(
            area_plan(PlanKind.VILLAGE, code), f"ขุดลอกคลอง {code}", issue_code="WATER"
        )
        referral = referral_send(project=need, target=to_plan(tambon), actor=None)
        referral_decide(referral=referral, actor=None, decision="merged", result_project=merged)
    district = area_plan(PlanKind.DISTRICT_NEEDS, "2401")
    district_project = make_project(
        district, "ขุดลอกคลองหนองบัว", issue_code="WATER", budget=Decimal("3200000")
    )
    referral = referral_send(project=merged, target=to_plan(district), actor=None)
    referral_decide(
        referral=referral, actor=None, decision="included", result_project=district_project
    )
    rid = Agency.objects.get(code="RID")
    request_plan = plan_create(
        actor=None, kind=PlanKind.AGENCY_REQUEST, cycle=cycle(), owner_agency=rid
    )
    line = make_project(request_plan, "ขุดลอกคลองหนองบัว จ.ฉะเชิงเทรา", issue_code=None, areas=[])
    to_rid = referral_send(project=district_project, target=to_agency(rid), actor=None)
    referral_decide(referral=to_rid, actor=None, decision="included", result_project=line)
    referral_decide(referral=to_rid, actor=None, decision="funded", amount="3200000", fiscal_year=2570,
                    funding_source="กรมชลประทาน")  # fmt: skip
    return tambon, district, rid


def row_of(content: bytes, title: str) -> list[str]:
    for table in open_docx(content).tables:
        for row in table.rows:
            cells = [cell.text for cell in row.cells]
            if cells[1] == title:
                return cells
    raise AssertionError(title)


def test_three_village_sources_are_listed_by_owner_in_the_book(chain):
    tambon, _, _ = chain
    row = row_of(to_docx(build_plan_book(tambon)), "ขุดลอกคลองหนองบัว ตำบลหน้าเมือง")
    assert row[-2].split("\n") == [
        "แผนชุมชน: บ้านหน้าเมือง, บ้านท่าไข่, หมู่ที่ 3",
        "(รวมความต้องการจาก 3 โครงการในแผนชุมชน)",
    ]
    assert row[-1].split("\n") == [
        "แผนความต้องการระดับอำเภอ อำเภอเมืองฉะเชิงเทรา ปีงบประมาณ พ.ศ. 2570: บรรจุในแผน",
        "ผล: ได้รับงบประมาณ",
    ]


def test_the_workbook_keeps_every_source_with_its_title(chain):
    tambon, _, _ = chain
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx(build_plan_book(tambon))))["โครงการ"]
    headers = [cell.value for cell in sheet[1]]
    came_from = sheet.cell(row=2, column=headers.index("ที่มา") + 1).value
    assert came_from.split("\n") == [
        "บ้านหน้าเมือง (แผนชุมชน): ขุดลอกคลอง 24010101",
        "บ้านท่าไข่ (แผนชุมชน): ขุดลอกคลอง 24010102",
        "หมู่ที่ 3 (แผนชุมชน): ขุดลอกคลอง 24010103",
        "(รวมความต้องการจาก 3 โครงการในแผนชุมชน)",
    ]


def test_a_district_project_counts_the_village_needs_two_levels_down_and_shows_the_funding(chain):
    _, district, rid = chain
    row = row_of(to_docx(build_plan_book(district)), "ขุดลอกคลองหนองบัว")
    assert row[-2].split("\n") == [
        "ตำบลหน้าเมือง (แผนพัฒนาตำบล): ขุดลอกคลองหนองบัว ตำบลหน้าเมือง",
        "(รวมความต้องการจาก 3 โครงการในแผนชุมชน)",
    ]
    assert row[-1].split("\n") == [
        f"{rid.name_th}: ได้รับงบประมาณ 3,200,000.00 บาท (ปี 2570)",
        "ผล: ได้รับงบประมาณ",
    ]
