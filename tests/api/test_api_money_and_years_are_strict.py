"""Money is exact and years are plausible (issue 14): ``100.123`` baht is refused, not rounded;
``true`` is not 1 baht; a funding request asks for a year of its plan and names the LAO, PAO or
agency its source is — otherwise nobody could ever decide it. Refusals change nothing."""

from __future__ import annotations

import pytest

from planlink.plans.models import Project
from planlink.referrals.models import FundingRequest
from tests.api.conftest import snapshot

pytestmark = pytest.mark.django_db

NEW_PROJECT = {"title": "ก่อสร้างลานกีฬาหมู่บ้าน", "issue_code": "SOCIAL"}


@pytest.mark.parametrize(
    ("budget", "expected"),
    [
        ("100.12", "100.12"),
        (100.5, "100.50"),
        ("1,250,000.50", "1250000.50"),
        (250000, "250000.00"),
    ],
)
def test_amounts_with_at_most_two_decimals_are_kept_exactly(api, world, budget, expected):
    response = api.post(
        f"/plans/{world.mine.pk}/projects", {**NEW_PROJECT, "budget": budget}, as_="village"
    )
    assert response.status_code == 201, response.json()
    assert response.json()["budget"] == expected


@pytest.mark.parametrize(
    ("budget", "words"),
    [
        ("100.123", "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
        (100.123, "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
        ("0.001", "ทศนิยมได้ไม่เกิน 2 ตำแหน่ง"),
        (True, "ไม่ใช่ true/false"),
        (False, "ไม่ใช่ true/false"),
    ],
)
def test_more_decimals_or_a_boolean_is_refused_and_nothing_is_saved(api, world, budget, words):
    before = snapshot()
    response = api.post(
        f"/plans/{world.mine.pk}/projects", {**NEW_PROJECT, "budget": budget}, as_="village"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "invalid_input"
    assert words in str(body["details"]["errors"])
    assert snapshot() == before


def test_a_patch_with_a_boolean_budget_changes_nothing(api, world):
    project = api.get(f"/projects/{world.need.pk}", as_="village").json()
    response = api.patch(
        f"/projects/{world.need.pk}", {"version": project["version"], "budget": True}, as_="village"
    )
    assert response.status_code == 422
    assert Project.objects.get(pk=world.need.pk).budget == world.need.budget


def test_budget_years_take_the_same_rule(api, world):
    response = api.post(
        f"/plans/{world.mine.pk}/projects",
        {**NEW_PROJECT, "budget_years": {"2570": "1000.005"}},
        as_="village",
    )
    assert response.status_code == 422


def funding(world, **changes):
    body = {
        "project_id": world.their_need.pk,
        "source": "agency",
        "source_agency": "RID",
        "fiscal_year": 2570,
        "requested": "150000.00",
    }
    return {**body, **changes}


def test_a_request_from_an_lao_without_the_lao_is_refused(api, world):
    before = FundingRequest.objects.count()
    response = api.post(
        "/funding-requests",
        funding(world, source="lao", source_agency=None),
        as_="other_village",
    )
    assert response.status_code == 400
    assert "ต้องระบุ อปท." in response.json()["message_th"]
    assert FundingRequest.objects.count() == before


def test_a_request_from_an_agency_without_the_agency_is_refused(api, world):
    response = api.post(
        "/funding-requests", funding(world, source_agency=None), as_="other_village"
    )
    assert response.status_code == 400
    assert "source_agency" in response.json()["message_en"]


@pytest.mark.parametrize("year", [2500, 2569, 2575, 2700])
def test_a_fiscal_year_outside_the_plan_s_years_is_refused(api, world, year):
    before = FundingRequest.objects.count()
    response = api.post("/funding-requests", funding(world, fiscal_year=year), as_="other_village")
    assert response.status_code in (400, 422)
    assert FundingRequest.objects.count() == before


@pytest.mark.parametrize("year", [2570, 2574])
def test_the_cycle_s_year_and_the_four_after_it_are_accepted(api, world, year):
    response = api.post("/funding-requests", funding(world, fiscal_year=year), as_="other_village")
    assert response.status_code == 201, response.json()
    assert response.json()["fiscal_year"] == year


def test_a_request_naming_its_lao_is_accepted(api, world):
    lao = world.people["lao_code"]
    response = api.post(
        "/funding-requests",
        funding(world, source="lao", source_agency=None, source_lao=lao),
        as_="other_village",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["source_lao"] == lao
