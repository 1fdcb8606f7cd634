from decimal import Decimal

import pytest

from planlink.areas.models import Area
from planlink.core.errors import DomainError, StateError
from planlink.plans.models import Plan, PlanKind, Project
from planlink.plans.services import plan_submit, project_create
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(reference_data):
    return area_plan(PlanKind.VILLAGE, "24010101")


def valid(**overrides):
    data = {
        "title": "โครงการก่อสร้างถนน คสล. หมู่ที่ 1",
        "budget": "450,000",
        "issue_code": "INFRA",
        "mode": "support",
        "capacity_level": "lao",
        "target_quantity": "500",
        "target_unit": "เมตร",
    }
    data.update(overrides)
    return data


def test_a_valid_project_is_created_with_decimal_baht(plan):
    project = project_create(plan=plan, actor=None, data=valid())
    assert project.budget == Decimal("450000.00")
    assert project.issue.code == "INFRA"
    assert list(project.areas.values_list("code", flat=True)) == ["24010101"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"budget": "-1"}, "งบประมาณต้องไม่ติดลบ"),
        ({"budget": "ห้าแสน"}, "งบประมาณต้องเป็นตัวเลข"),
        ({"budget": "NaN"}, "งบประมาณต้องเป็นตัวเลข"),
        ({"title": ""}, "ต้องระบุชื่อโครงการ"),
        ({"title": "ก" * 301}, "ชื่อโครงการยาวเกิน 300 ตัวอักษร"),
        ({"rationale": "ข" * 5001}, "ปัญหาและเหตุผลยาวเกิน 5,000 ตัวอักษร"),
        ({"issue_code": "NOPE"}, "ไม่พบประเด็นรหัส 'NOPE'"),
        ({"mode": "magic"}, "ไม่รู้จักวิธีดำเนินการ"),
        ({"target_quantity": "-5"}, "จำนวนเป้าหมายต้องไม่ติดลบ"),
    ],
)
def test_bad_input_is_refused_with_a_specific_message_and_nothing_is_saved(
    plan, overrides, message
):
    with pytest.raises(DomainError) as error:
        project_create(plan=plan, actor=None, data=valid(**overrides))
    assert message in error.value.message_th
    assert not Project.objects.filter(plan=plan).exists()


def test_a_project_outside_the_plan_owners_area_is_refused(plan):
    with pytest.raises(DomainError, match="อยู่นอกพื้นที่ของเจ้าของแผน"):
        project_create(plan=plan, actor=None, data=valid(), areas=[Area.objects.get(code="2402")])
    assert not Project.objects.filter(plan=plan).exists()


def test_a_submitted_plan_is_read_only(plan):
    make_project(plan)
    plan_submit(plan=plan, actor=None)
    with pytest.raises(StateError, match="แก้ไขไม่ได้"):
        project_create(plan=plan, actor=None, data=valid())
    assert Plan.objects.get(pk=plan.pk).projects.count() == 1


def test_a_multi_year_project_keeps_its_budget_per_year(reference_data):
    from planlink.areas.models import LocalGovernmentCoverage
    from planlink.cycles.services import cycle_create
    from planlink.plans.services import plan_create

    lao = LocalGovernmentCoverage.objects.get(tambon_id="240101").local_government
    plan = plan_create(
        actor=None,
        kind=PlanKind.LOCAL_DEVELOPMENT,
        cycle=cycle_create(fiscal_year=2570),
        owner_lao=lao,
        span=(2566, 2570),
    )
    from tests.factories import frame

    frame("24")
    project = project_create(
        plan=plan,
        actor=None,
        data=valid(),
        areas=[Area.objects.get(code="240101")],
        budget_years={2567: "100000", 2568: "250000.50"},
    )
    assert project.budget == Decimal("350000.50")
    assert list(project.budget_years.values_list("fiscal_year", "amount")) == [
        (2567, Decimal("100000.00")),
        (2568, Decimal("250000.50")),
    ]
    with pytest.raises(DomainError, match="อยู่นอกช่วงของแผน"):
        project_create(
            plan=plan,
            actor=None,
            data=valid(),
            areas=[Area.objects.get(code="240101")],
            budget_years={2575: "1"},
        )


def test_households_are_kept_and_checked(plan):
    project = project_create(plan=plan, actor=None, data=valid(households="1,250"))
    assert project.households == 1250
    with pytest.raises(DomainError, match="จำนวนครัวเรือนต้องเป็นตัวเลข"):
        project_create(plan=plan, actor=None, data=valid(households="หลายครัวเรือน"))
    assert Project.objects.filter(plan=plan).count() == 1
