"""The village plan form: a refusal from the domain is shown next to the form, nothing saved."""

from __future__ import annotations

import pytest

from planlink.plans.models import PlanKind, Project
from planlink.plans.services import project_update
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

GOOD = {
    "title": "ก่อสร้างลานตากผลผลิตทางการเกษตร",
    "issue_code": "ECON",
    "mode": "joint",
    "capacity_level": "lao",
    "priority": "2",
    "budget": "120,000.50",
}


@pytest.fixture
def plan(people):
    return area_plan(PlanKind.VILLAGE, "24010101")


def test_a_valid_project_is_saved_with_its_mode_priority_and_budget(plan, people, signed_in):
    response = signed_in(people["village"]).post(f"/plans/{plan.pk}/projects/new/", GOOD)
    assert response.status_code == 302
    project = Project.objects.get(plan=plan)
    assert (project.title, project.mode, project.priority, str(project.budget)) == (
        "ก่อสร้างลานตากผลผลิตทางการเกษตร",
        "joint",
        2,
        "120000.50",
    )
    assert project.issue.code == "ECON"


def test_a_negative_budget_is_refused_in_thai_and_nothing_is_saved(plan, people, signed_in):
    response = signed_in(people["village"]).post(
        f"/plans/{plan.pk}/projects/new/", {**GOOD, "budget": "-5"}
    )
    assert response.status_code == 200
    assert "งบประมาณต้องไม่ติดลบ" in response.content.decode()
    assert Project.objects.filter(plan=plan).count() == 0


def test_a_priority_that_is_not_a_number_is_refused_in_english_when_english_is_chosen(
    plan, people, signed_in
):
    client = signed_in(people["village"], language="en")
    response = client.post(f"/plans/{plan.pk}/projects/new/", {**GOOD, "priority": "หนึ่ง"})
    assert "priority must be a whole number" in response.content.decode()
    assert Project.objects.filter(plan=plan).count() == 0


def test_saving_over_someone_elses_newer_edit_is_refused(plan, people, signed_in):
    project = make_project(plan, "ขุดบ่อน้ำตื้น", issue_code="WATER")
    project_update(project=project, actor=None, data={"title": "ขุดบ่อบาดาล"}, expected_version=1)
    response = signed_in(people["village"]).post(
        f"/projects/{project.pk}/edit/", {**GOOD, "title": "ขุดบ่อน้ำตื้นขนาดใหญ่", "version": "1"}
    )
    assert "มีผู้อื่นบันทึกโครงการนี้ก่อนคุณ" in response.content.decode()
    project.refresh_from_db()
    assert (project.title, project.version) == ("ขุดบ่อบาดาล", 2)


def test_a_submitted_plan_cannot_take_new_projects(plan, people, signed_in):
    client = signed_in(people["village"])
    client.post(f"/plans/{plan.pk}/projects/new/", GOOD)
    client.post(f"/plans/{plan.pk}/submit/", {"confirm": "1"})
    response = client.post(f"/plans/{plan.pk}/projects/new/", {**GOOD, "title": "โครงการเพิ่มหลังส่ง"})
    assert "แก้ไขไม่ได้" in response.content.decode()
    assert list(Project.objects.filter(plan=plan).values_list("title", flat=True)) == [
        "ก่อสร้างลานตากผลผลิตทางการเกษตร"
    ]
