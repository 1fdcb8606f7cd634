"""A change touching many provinces at once (an import of funded items for the whole country)
is refreshed by a background job after the commit, not in the request that made it."""

from __future__ import annotations

import pytest
from django.db import transaction

from planlink.jobs.models import Job
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit
from planlink.rollups.models import StaleProvince
from planlink.rollups.selectors import funnel
from planlink.rollups.services import rollups_ensure_fresh
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

VILLAGES = ["10010101", "24010101", "50010101", "83010101", "95010101"]


def five_provinces():
    plans = []
    for code in VILLAGES:
        plan = area_plan(PlanKind.VILLAGE, code)
        make_project(plan, "ขุดลอกคลองส่งน้ำเพื่อการเกษตร", issue_code="WATER")
        plans.append(plan)
    return plans


def submit_all(plans) -> None:
    with transaction.atomic():
        for plan in plans:
            plan_submit(plan=plan, actor=None)


def test_five_provinces_at_once_queue_one_job(
    reference_data, settings, django_capture_on_commit_callbacks
):
    settings.PLANLINK_JOBS_INLINE = True
    with django_capture_on_commit_callbacks(execute=True):
        plans = five_provinces()
    with django_capture_on_commit_callbacks(execute=True):
        submit_all(plans)
    job = Job.objects.filter(kind="rollups.refresh").order_by("-id").first()
    assert job.arguments["provinces"] == ["10", "24", "50", "83", "95"]
    assert job.state == "succeeded"
    assert not StaleProvince.objects.exists()
    assert funnel("", 2570)["village_projects"] == 5


def test_a_reader_leaves_many_stale_provinces_to_the_job(
    reference_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        plans = five_provinces()
    with django_capture_on_commit_callbacks(execute=True):
        submit_all(plans)
    assert Job.objects.filter(kind="rollups.refresh", state="queued").exists()
    assert rollups_ensure_fresh(2570) == []  # the page does not pay for five provinces
    assert set(StaleProvince.objects.values_list("province", flat=True)) == {
        "10",
        "24",
        "50",
        "83",
        "95",
    }
