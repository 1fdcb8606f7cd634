"""Issue 14, bounded requests: the PDF of a plan with more than PLANLINK_PDF_SYNC_PROJECTS
projects took 16–21 s on the request thread with no feedback. Its link now leads to the
documents page, whose button makes it as a background job with a progress page."""

import pytest

from planlink.jobs.models import Job
from planlink.plans.models import PlanKind
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(people):
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    make_project(plan, "ขุดลอกคลองหนองบัว", issue_code="WATER")
    make_project(plan, "ซ่อมแซมถนนลูกรังสายบ้านนา", issue_code="INFRA")
    return plan


def test_a_big_plan_s_pdf_link_leads_to_the_background_job(people, signed_in, plan, settings):
    settings.PLANLINK_PDF_SYNC_PROJECTS = 1
    client = signed_in(people["village"])
    response = client.get(f"/plans/{plan.pk}/book.pdf", follow=True)
    assert response.redirect_chain == [(f"/plans/{plan.pk}/documents/", 302)]
    page = response.content.decode()
    assert "แผนนี้มีโครงการมาก" in page
    assert "สร้างและดาวน์โหลด PDF" in page
    assert not Job.objects.exists()  # a GET starts nothing; the button (a POST) does

    queued = client.post(f"/plans/{plan.pk}/book/job/")
    job = Job.objects.get()
    assert queued.status_code == 302
    assert queued["Location"] == f"/work/jobs/{job.pk}/"
    assert job.kind == "documents.plan_book"
    assert job.arguments["file_format"] == "pdf"


def test_a_small_plan_s_pdf_still_comes_at_once(people, signed_in, plan, settings):
    settings.PLANLINK_PDF_SYNC_PROJECTS = 150
    client = signed_in(people["village"])
    response = client.get(f"/plans/{plan.pk}/book.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content[:5] == b"%PDF-"


def test_another_village_is_not_told_the_plan_exists(people, signed_in, plan, settings):
    settings.PLANLINK_PDF_SYNC_PROJECTS = 1
    client = signed_in(people["other_village"])
    assert client.get(f"/plans/{plan.pk}/book.pdf").status_code == 404
