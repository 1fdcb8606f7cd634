"""The district performance report (docs/reference/seeds/001, แบบรายงานผลการดำเนินงาน ข้อ ๑ (๑)–(๕)).

Cycle 2568 = plans made in B.E. 2566: reporting year 1 Oct 2022 – 30 Sep 2023 (A.D.),
tambon plans due 30 Apr 2023 (the 2559 calendar)."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from planlink.committees.models import CommitteeKind
from planlink.committees.performance import performance_counts, reporting_year
from planlink.committees.services import committee_update, meeting_record
from planlink.core.errors import DomainError, NotFound
from planlink.cycles.models import Milestone, PlanningCycle
from planlink.plans.models import Plan, PlanKind
from planlink.plans.services import plan_return, plan_submit
from tests.committees.builders import CYCLE_2568, appoint
from tests.factories import area_plan, cycle, make_project

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")
TARGETS = ["240101", "240102", "240103", "240104", "240105"]


def complete_project(plan, title, issue_code="WATER", **fields):
    values = {
        "priority": 1,
        "target_quantity": Decimal("1"),
        "target_unit": "แห่ง",
        "duration_months": 6,
    }
    values.update(fields)
    return make_project(plan, title, issue_code=issue_code, **values)


def submitted(plan, at: dt.datetime) -> Plan:
    plan_submit(plan=plan, actor=None)
    Plan.objects.filter(pk=plan.pk).update(submitted_at=at)
    return plan


def meet(actor, committee, held_on, purpose, plan=None):
    data = {"held_on": held_on, "purpose": purpose, "attendance": 21}
    if plan is not None:
        data["plan"] = plan
    return meeting_record(actor=actor, committee=committee, data=data)


@pytest.fixture
def district(people):
    officer = people["tambon"]  # a tambon officer of 240101; the others are made below
    from tests.factories import assign

    officers = {"240101": officer}
    for code in TARGETS[1:]:
        officers[code] = assign("tambon_officer", area=code)
    kind = CommitteeKind.TAMBON_INTEGRATION

    # 240101 หน้าเมือง — everything done, on time, and evaluated.
    plan = area_plan(PlanKind.TAMBON, "240101", CYCLE_2568)
    complete_project(plan, "ขุดลอกคลองสาธารณะ")
    complete_project(plan, "ฝึกอาชีพจักสานผักตบชวา", issue_code="ECON")
    kbt = appoint(officers["240101"], kind, "240101", date=dt.date(2023, 1, 16))
    meet(officers["240101"], kbt, dt.date(2023, 3, 8), "make_plan", plan)
    submitted(plan, dt.datetime(2023, 4, 20, 10, 0, tzinfo=BANGKOK))
    meet(officers["240101"], kbt, dt.date(2023, 6, 15), "evaluate", plan)

    # 240102 ท่าไข่ — order updated in the year, met, complete, but delivered a day late
    # (1 May 00:10 in Bangkok is still 30 April in UTC).
    plan = area_plan(PlanKind.TAMBON, "240102", CYCLE_2568)
    complete_project(plan, "ก่อสร้างถนนคอนกรีตเสริมเหล็ก", issue_code="INFRA")
    kbt = appoint(officers["240102"], kind, "240102", number="40/2565", date=dt.date(2022, 6, 1))
    committee_update(
        actor=officers["240102"],
        committee=kbt,
        data={"order_number": "3/2566", "order_date": dt.date(2022, 11, 15)},
    )
    meet(officers["240102"], kbt, dt.date(2023, 3, 1), "make_plan")
    submitted(plan, dt.datetime(2023, 5, 1, 0, 10, tzinfo=BANGKOK))
    centre = appoint(officers["240102"], CommitteeKind.TAMBON_CENTRE, "240102")
    meet(officers["240102"], centre, dt.date(2023, 6, 20), "evaluate")

    # 240103 บ้านใหม่ — appointed the day before the year began; its only make-plan
    # meeting was about last cycle's plan; on time, but one project has no duration.
    last_cycle_plan = area_plan(PlanKind.TAMBON, "240103", CYCLE_2568 - 1)
    plan = area_plan(PlanKind.TAMBON, "240103", CYCLE_2568)
    complete_project(plan, "ปรับปรุงระบบประปาหมู่บ้าน")
    complete_project(plan, "จัดตั้งกลุ่มออมทรัพย์", issue_code="ECON", duration_months=None)
    kbt = appoint(officers["240103"], kind, "240103", date=dt.date(2022, 9, 30))
    meet(officers["240103"], kbt, dt.date(2023, 3, 5), "make_plan", last_cycle_plan)
    submitted(plan, dt.datetime(2023, 4, 30, 23, 30, tzinfo=BANGKOK))

    # 240104 คลองนา — a ก.บ.ต. appointed for another cycle only; the plan is a draft.
    plan = area_plan(PlanKind.TAMBON, "240104", CYCLE_2568)
    complete_project(plan, "ส่งเสริมการปลูกผักปลอดสาร", issue_code="ECON")
    appoint(officers["240104"], kind, "240104", date=dt.date(2023, 2, 1), cycle=cycle(2569))

    # 240105 บางตีนเป็ด — nothing recorded.
    return officers


def test_the_five_counts_and_the_tambons_behind_them(district):
    report = performance_counts("2401", cycle(CYCLE_2568), tambon_codes=TARGETS)
    assert report["counts"] == {
        "appointed": 2,
        "met_to_make_plan": 2,
        "complete": 2,
        "on_time": 2,
        "evaluated": 1,
    }
    assert report["tambons"] == {
        "appointed": ["240101", "240102"],
        "met_to_make_plan": ["240101", "240102"],
        "complete": ["240101", "240102"],
        "on_time": ["240101", "240103"],
        "evaluated": ["240101"],
    }
    assert (report["target_count"], report["cycle"], report["deadline"]) == (
        5,
        2568,
        dt.date(2023, 4, 30),
    )
    assert report["district"] == {"code": "2401", "name_th": "อำเภอเมืองฉะเชิงเทรา"}


def test_each_tambon_lists_the_components_it_misses(district):
    details = {
        row["code"]: row
        for row in performance_counts("2401", cycle(CYCLE_2568), tambon_codes=TARGETS)["details"]
    }
    assert {code: row["missing_components"] for code, row in details.items()} == {
        "240101": [],
        "240102": [],
        "240103": ["projects_have_target_and_duration", "make_plan_meeting"],
        "240104": ["plan_submitted", "make_plan_meeting"],
        "240105": [
            "plan_exists",
            "plan_submitted",
            "has_projects",
            "projects_ranked_by_issue",
            "projects_have_target_and_duration",
            "make_plan_meeting",
        ],
    }
    assert (details["240104"]["plan_state"], details["240105"]["plan_state"]) == (
        "draft",
        "missing",
    )
    assert details["240101"]["name_th"] == "ตำบลหน้าเมือง"


def test_by_default_every_tambon_of_the_district_is_a_target(district):
    report = performance_counts("2401", cycle(CYCLE_2568))
    assert report["target_count"] == 19
    assert report["counts"]["appointed"] == 2
    assert report["details"][-1]["code"] == "240119"


def test_a_returned_plan_is_neither_complete_nor_delivered(district, people):
    plan = Plan.objects.get(kind=PlanKind.TAMBON, cycle_id=CYCLE_2568, owner_area_id="240101")
    plan_return(plan=plan, actor=people["district"], reason="ขาดบัญชีประสานโครงการ")
    report = performance_counts("2401", cycle(CYCLE_2568), tambon_codes=TARGETS)
    assert report["tambons"]["complete"] == ["240102"]
    assert report["tambons"]["on_time"] == ["240103"]
    assert report["tambons"]["evaluated"] == []


def test_the_reporting_year_is_the_fiscal_year_in_which_plans_are_made(reference_data):
    assert reporting_year(cycle(2568)) == (dt.date(2022, 10, 1), dt.date(2023, 9, 30))
    assert reporting_year(cycle(2570)) == (dt.date(2024, 10, 1), dt.date(2025, 9, 30))


def test_a_moved_deadline_changes_who_was_on_time(district):
    Milestone.objects.filter(cycle_id=CYCLE_2568, step="tambon_plan").update(
        deadline=dt.date(2023, 5, 15)
    )
    report = performance_counts("2401", cycle(CYCLE_2568), tambon_codes=TARGETS)
    assert report["tambons"]["on_time"] == ["240101", "240102", "240103"]
    assert report["tambons"]["evaluated"] == ["240101", "240102"]


def test_unknown_districts_foreign_tambons_and_calendarless_cycles_are_refused(reference_data):
    with pytest.raises(NotFound):
        performance_counts("2499", cycle(CYCLE_2568))
    with pytest.raises(DomainError, match="ตำบล 500101 ไม่อยู่ในอำเภอเมืองฉะเชิงเทรา"):
        performance_counts("2401", cycle(CYCLE_2568), tambon_codes=["240101", "500101"])
    bare = PlanningCycle.objects.create(fiscal_year=2600, name_th="ปีงบประมาณ พ.ศ. 2600")
    with pytest.raises(DomainError, match="ไม่มีกำหนดส่งแผนพัฒนาตำบล"):
        performance_counts("2401", bare)


def test_the_report_takes_a_fixed_number_of_queries(district, django_assert_num_queries):
    the_cycle = cycle(CYCLE_2568)
    with django_assert_num_queries(7):
        performance_counts("2401", the_cycle)
