"""Accepted plans for the authorization matrices (synthetic): two accepted village plans of
village 24010101 (cycles 2569 and 2571), the second with a draft revision changing its
project — what the revision pages and routes need (planlink.plans.revisions)."""

from __future__ import annotations

from typing import Any

from planlink.plans.models import PlanKind
from planlink.plans.revisions import revision_change_project, revision_create
from planlink.plans.services import plan_accept, plan_submit
from tests.factories import area_plan, make_project


def revision_world(village_code: str = "24010101") -> dict[str, Any]:
    world: dict[str, Any] = {}
    for key, year in (("accepted", 2569), ("revised", 2571)):
        plan = area_plan(PlanKind.VILLAGE, village_code, year, synthetic=True)
        world[f"{key}_project"] = make_project(plan, "ก่อสร้างลานกีฬาหมู่บ้าน")
        plan_submit(plan=plan, actor=None)
        world[key] = plan_accept(plan=plan, actor=None)
    world["revision"] = revision = revision_create(
        plan=world["revised"], actor=None, kind="change", year=2568
    )
    revision_change_project(
        revision=revision,
        actor=None,
        project=world["revised_project"],
        data={"title": "ก่อสร้างลานกีฬาอเนกประสงค์หมู่บ้าน"},
    )
    return world
