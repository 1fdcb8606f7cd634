"""The district performance report (แบบรายงานผลการดำเนินงาน, docs/reference/seeds/001): counts (1)–(5) from
``planlink.committees``, problems and suggestions computed from them, the signature block."""

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from planlink.committees.models import CommitteeKind
from planlink.committees.selectors import performance_counts
from planlink.committees.services import meeting_record
from planlink.core.errors import DomainError
from planlink.documents.services import report_document
from planlink.plans.models import Plan, PlanKind
from planlink.plans.services import plan_submit
from tests.committees.builders import appoint
from tests.factories import area_plan, assign, cycle, make_project, personas

from .docx_helpers import open_docx

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")


@pytest.fixture
def district(reference_data):
    """Cycle 2570: plans made in 2568 B.E.; 240101 does everything, 240102 only appoints."""
    people = personas()
    officer = people["tambon"]
    plan = area_plan(PlanKind.TAMBON, "240101")
    for title, issue in (("ขุดลอกคลองสาธารณะ", "WATER"), ("ฝึกอาชีพจักสานผักตบชวา", "ECON")):
        make_project(
            plan, title, issue_code=issue, priority=1, target_quantity=Decimal("1"),
            target_unit="แห่ง", duration_months=6,
        )  # fmt: skip
    kbt = appoint(officer, CommitteeKind.TAMBON_INTEGRATION, "240101", date=dt.date(2025, 1, 16))
    meeting_record(
        actor=officer,
        committee=kbt,
        data={
            "held_on": dt.date(2025, 3, 8),
            "purpose": "make_plan",
            "attendance": 21,
            "plan": plan,
        },
    )
    plan_submit(plan=plan, actor=None)
    Plan.objects.filter(pk=plan.pk).update(
        submitted_at=dt.datetime(2025, 4, 20, 10, 0, tzinfo=BANGKOK)
    )
    meeting_record(
        actor=officer,
        committee=kbt,
        data={"held_on": dt.date(2025, 6, 15), "purpose": "evaluate", "attendance": 18},
    )
    other = assign("tambon_officer", area="240102")
    appoint(other, CommitteeKind.TAMBON_INTEGRATION, "240102", date=dt.date(2025, 2, 3))
    return people


def document_text(content: bytes) -> list[str]:
    return [paragraph.text for paragraph in open_docx(content).paragraphs if paragraph.text]


@pytest.fixture
def report(district):
    return report_document(
        user=district["district"],
        form="performance",
        area_code="2401",
        cycle_year=2570,
        file_format="docx",
        as_of=dt.date(2025, 3, 20),
    )


def test_the_heading_follows_the_cdd_form_for_the_planning_year(report):
    assert document_text(report.content)[:5] == [
        "แบบรายงานผลการดำเนินงาน ปัญหา/อุปสรรค และข้อเสนอแนะ",
        "การจัดทำและประสานแผนพัฒนาตำบลประจำปีงบประมาณ พ.ศ. 2568",
        "(แผนพัฒนาตำบลสำหรับปีงบประมาณ พ.ศ. 2570)",
        "อำเภอเมืองฉะเชิงเทรา จังหวัดฉะเชิงเทรา",
        "๑. ผลการดำเนินงาน ตำบลเป้าหมาย ที่ได้รับจัดสรรงบประมาณ จำนวน 19 ตำบล",
    ]


def test_each_count_is_the_number_the_committees_module_computes(report):
    counts = performance_counts("2401", cycle())["counts"]
    assert counts == {
        "appointed": 2, "met_to_make_plan": 1, "complete": 1, "on_time": 1, "evaluated": 1,
    }  # fmt: skip
    text = document_text(report.content)
    for number, key in enumerate(counts, start=1):
        thai_number = "๐๑๒๓๔๕"[number]
        position = next(i for i, line in enumerate(text) if line.startswith(f"({thai_number}) "))
        assert text[position + 1] == f"จำนวน {counts[key]} ตำบล"


def test_problems_and_suggestions_name_the_tambons_that_fell_short(report):
    text = document_text(report.content)
    problems = text[text.index("๒. ปัญหา/อุปสรรค (ปัญหาอุปสรรคจากการดำเนินงานตามข้อ ๑)") + 1]
    assert problems.startswith(
        "(๑) ตำบลที่ยังไม่ผ่านข้อนี้ (มีการแต่งตั้งหรือปรับปรุงกลไกคณะกรรมการบริหารงานตำบลแบบบูรณาการ"
        " (ก.บ.ต.)) 17 ตำบล ได้แก่ ตำบลบ้านใหม่, "
    )
    suggestions = [line for line in text if line.startswith("(๔) จัดทำแผนพัฒนาตำบลให้แล้วเสร็จ")]
    assert len(suggestions) == 1
    assert "(กำหนดส่งภายในวันที่ 30 เมษายน 2568): ตำบลท่าไข่, " in suggestions[0]
    assert "ตำบลหน้าเมือง" not in suggestions[0]


def test_the_report_ends_with_the_district_officer_s_signature_block(report):
    text = document_text(report.content)
    assert text[-4:] == [
        "(ลงชื่อ) ผู้รายงาน ........................................",
        "(........................................)",
        "ตำแหน่ง พัฒนาการอำเภอเมืองฉะเชิงเทรา",
        "ส่งภายในวันที่ 31 มีนาคม 2568   (ข้อมูล ณ วันที่ 20 มีนาคม 2568)",
    ]


def test_the_workbook_carries_the_same_counts(district):
    content = report_document(
        user=district["district"], form="performance", area_code="2401", cycle_year=2570,
        file_format="xlsx",
    ).content  # fmt: skip
    sheet = openpyxl.load_workbook(io.BytesIO(content))["ผลการดำเนินงาน"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        ["๑", "ตำบลเป้าหมาย ที่ได้รับจัดสรรงบประมาณ", 19],
        ["(๑)", "มีการแต่งตั้งหรือปรับปรุงกลไกคณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.)", 2],
        ["(๒)", "มีการจัดประชุม ก.บ.ต. เพื่อจัดทำแผนพัฒนาตำบล", 1],
        ["(๓)", "มีการจัดทำแผนพัฒนาตำบลครบถ้วนตามองค์ประกอบ", 1],
        ["(๔)", "จัดทำแผนพัฒนาตำบลแล้วเสร็จตามห้วงระยะเวลาที่กำหนด และจัดส่งให้หน่วยงานที่เกี่ยวข้อง", 1],
        ["(๕)", "ครบถ้วนและแล้วเสร็จตาม (๓) และ (๔) และมีการประเมินผลแผนพัฒนาตำบล", 1],
    ]


def test_the_report_is_made_per_district_only(district):
    with pytest.raises(DomainError, match="เฉพาะระดับอำเภอ"):
        report_document(
            user=district["province"], form="performance", area_code="24", cycle_year=2570,
            file_format="docx",
        )  # fmt: skip


def test_plans_missing_components_are_grouped_by_what_they_miss(district):
    from planlink.plans.models import Plan

    for code in ("240102", "240103"):
        plan = area_plan(PlanKind.TAMBON, code)
        make_project(plan, "ส่งเสริมการปลูกผักปลอดสาร", issue_code="ECON", priority=1)
        plan_submit(plan=plan, actor=None)
    assert Plan.objects.filter(kind="tambon", state="submitted").count() == 3
    content = report_document(
        user=district["district"], form="performance", area_code="2401", cycle_year=2570,
        file_format="docx",
    ).content  # fmt: skip
    text = document_text(content)
    assert (
        "แผนพัฒนาตำบลยังขาด ทุกโครงการระบุเป้าหมาย (จำนวนและหน่วยนับ) และระยะเวลา, "
        "ก.บ.ต. ประชุมจัดทำแผน: ตำบลท่าไข่, ตำบลบ้านใหม่"
    ) in text
