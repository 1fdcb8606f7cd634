from decimal import Decimal

import pytest

from planlink.areas.models import Agency
from planlink.consolidation.services import consolidate_tambon
from planlink.plans.models import Plan, PlanKind, Route
from planlink.referrals.services import funding_request_create
from tests.consolidation.engine_world import village_plan
from tests.factories import cycle

pytestmark = pytest.mark.django_db


def water(title, households, priority=1):
    return (title, "WATER", "agency", "support", priority, households, 200000)


@pytest.fixture
def four_water_needs(reference_data):
    village_plan("24010101", [water("ขุดลอกคลองส่งน้ำ", 200), water("ก่อสร้างฝายชะลอน้ำ", 30, 2)])
    village_plan("24010102", [water("ขุดลอกคลองส่งน้ำ", 150), water("เจาะบ่อบาดาลเพื่อการเกษตร", 60)])
    village_plan(
        "24010103",
        [
            water("ก่อสร้างหอถังประปาหมู่บ้าน", 10, 3),
            ("ซ่อมแซมถนนลูกรัง", "INFRA", "lao", "support", 1, 50, 100000),
            ("อบรมการทำปุ๋ยหมัก", "ECON", "community", "joint", 1, 25, 20000),
        ],
    )


def tambon():
    return Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id="240101")


def test_projects_are_ranked_within_their_issue_by_evidence(four_water_needs):
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    ranked = list(
        tambon()
        .projects.filter(issue__code="WATER")
        .order_by("priority")
        .values_list("title", "priority")
    )
    assert ranked[0] == ("ขุดลอกคลองส่งน้ำ (รวม 2 หมู่บ้าน)", 1)
    assert [rank for _, rank in ranked] == [1, 2, 3, 4]
    assert "หมู่บ้านที่เสนอ 2" in tambon().projects.get(priority=1, issue__code="WATER").engine_note


def test_only_the_top_two_of_each_issue_go_up_to_the_district(four_water_needs):
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    routes = dict(
        tambon().projects.filter(issue__code="WATER").values_list("priority", "proposed_route")
    )
    assert routes == {1: Route.UP, 2: Route.UP, 3: Route.TAMBON, 4: Route.TAMBON}
    third = tambon().projects.get(issue__code="WATER", priority=3)
    assert "อันดับ 3 ของประเด็น (เสนอได้ 2 อันดับแรก)" in third.engine_note


def test_projects_are_routed_by_capacity(four_water_needs):
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    assert tambon().projects.get(issue__code="INFRA").proposed_route == Route.LAO
    assert tambon().projects.get(issue__code="ECON").proposed_route == Route.TAMBON


def test_a_project_already_requested_elsewhere_is_not_proposed_and_says_why(four_water_needs):
    from planlink.plans.models import Project

    source = Project.objects.get(title="เจาะบ่อบาดาลเพื่อการเกษตร")
    funding_request_create(
        project=source,
        actor=None,
        source="agency",
        fiscal_year=2570,
        requested=Decimal("200000"),
        source_agency=Agency.objects.get(code="DGR"),
    )
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    project = tambon().projects.get(title="เจาะบ่อบาดาลเพื่อการเกษตร")
    assert project.proposed_route == Route.TAMBON
    assert "ขอรับงบประมาณปี 2570 จากส่วนราชการไว้แล้ว จึงไม่เสนอซ้ำ" in project.engine_note
