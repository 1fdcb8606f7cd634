"""The project list's filters are the domain's: the API, the Excel export and the command line
narrow the same way, and a bad value is refused in Thai and English before any read."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planlink.accounts.access import access_for
from planlink.accounts.tokens import token_create
from planlink.core.errors import DomainError
from planlink.plans.models import PlanKind, Project
from planlink.plans.selectors import ProjectFilters, filter_projects
from tests.factories import area_plan, make_project, personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(reference_data):
    found = personas()
    village = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(village, "ขุดลอกคลองหนองบัว หมู่ที่ 1", issue_code="WATER", budget=Decimal("450000"))
    make_project(village, "ซ่อมแซมถนนดินลูกรัง", issue_code="INFRA", budget=Decimal("120000"))
    tambon = area_plan(PlanKind.TAMBON, "240101")
    make_project(tambon, "ก่อสร้างฝายชะลอน้ำ", issue_code="WATER", budget=Decimal("800000"))
    elsewhere = area_plan(PlanKind.TAMBON, "500101")
    make_project(elsewhere, "ปรับปรุงระบบประปาหมู่บ้าน", issue_code="WATER", budget=Decimal("300000"))
    return found


@pytest.fixture
def api_client_for(client):
    """``api_client_for(user)`` → a client that sends the user's API token."""

    def make(user):
        token = token_create(user=user)[1]
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        return client

    return make


@pytest.mark.parametrize(
    ("values", "message_th"),
    [
        ({"area": "24ก"}, "ตัวกรองไม่ถูกต้อง: area = '24ก'"),
        ({"cycle": "๒๕๗๐x"}, "ตัวกรองไม่ถูกต้อง: cycle = '๒๕๗๐x'"),
        ({"cycle": 1999}, "ตัวกรองไม่ถูกต้อง: cycle = 1999"),
        ({"kind": "กองทุน"}, "ตัวกรองไม่ถูกต้อง: kind = 'กองทุน'"),
        ({"level": "region"}, "ตัวกรองไม่ถูกต้อง: level = 'region'"),
        ({"plan": 0}, "ตัวกรองไม่ถูกต้อง: plan = 0"),
        ({"issue": "W" * 21}, f"ตัวกรองไม่ถูกต้อง: issue = '{'W' * 21}'"),
        ({"tambon": "240101"}, "ไม่รู้จักตัวกรอง 'tambon'"),
    ],
)
def test_a_bad_filter_is_refused_in_thai_and_english(values, message_th):
    with pytest.raises(DomainError) as refused:
        ProjectFilters.of(values)
    assert refused.value.message_th == message_th
    assert refused.value.message_en != message_th


def test_blanks_are_dropped_and_aliases_are_read():
    filters = ProjectFilters.of({"area_code": "2401", "issue_code": " WATER ", "kind": ""})
    assert filters == ProjectFilters(area="2401", issue="WATER")
    assert filters.used() == {"area": "2401", "issue": "WATER"}


def test_the_api_and_the_domain_list_the_same_projects(people, api_client_for):
    district = people["district"]
    response = api_client_for(district).get("/api/v1/projects?area=2401&issue=WATER&limit=100")
    listed = {item["id"] for item in response.json()["items"]}
    domain = set(
        filter_projects(
            access_for(district).projects(), ProjectFilters(area="2401", issue="WATER")
        ).values_list("pk", flat=True)
    )
    assert listed == domain
    assert {Project.objects.get(pk=pk).title for pk in domain} == {
        "ขุดลอกคลองหนองบัว หมู่ที่ 1",
        "ก่อสร้างฝายชะลอน้ำ",
    }


def test_the_api_refuses_what_the_domain_refuses(people, api_client_for):
    response = api_client_for(people["district"]).get("/api/v1/projects?area=24x")
    assert response.status_code in (400, 422)
    with pytest.raises(DomainError):
        ProjectFilters(area="24x")
