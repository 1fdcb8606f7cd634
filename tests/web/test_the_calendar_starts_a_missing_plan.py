"""The calendar row that says a plan is missing offers to start it (issue 15, build item 3)."""

from __future__ import annotations

import pytest

from planlink.plans.models import Plan, PlanKind

pytestmark = pytest.mark.django_db


def calendar(client) -> str:
    return client.get("/").content.decode().split('id="due"', 1)[1].split("</section>", 1)[0]


def test_the_village_starts_its_missing_plan_from_the_calendar(people, signed_in):
    client = signed_in(people["village"])
    rows = calendar(client)
    assert 'action="/plans/start/?cycle=2570"' in rows  # the year shown (year switcher)
    assert 'name="kind" value="village"' in rows
    assignment = people["village"].assignments.get().pk
    response = client.post("/plans/start/", {"assignment": assignment, "kind": "village"})
    plan = Plan.objects.get(kind=PlanKind.VILLAGE, owner_area_id="24010101")
    assert response["Location"] == f"/plans/{plan.pk}/"
    assert 'action="/plans/start/' not in calendar(client)


def test_the_tambon_runs_the_consolidation_from_the_calendar(people, signed_in):
    rows = calendar(signed_in(people["tambon"]))
    assert 'action="/consolidate/tambon/240101/?cycle=2570"' in rows
