"""Bounded requests (issue 14): a long project list or a big plan's PDF is not made while the
caller waits; the API answers 202 with a job, the caller polls it and downloads the file."""

from __future__ import annotations

import io

import openpyxl
import pytest

from planlink.jobs.models import Job, JobState
from planlink.jobs.runner import run_next_job

pytestmark = pytest.mark.django_db


def run_queued_jobs() -> None:
    while run_next_job(worker_id="test-worker", heartbeat_seconds=None) is not None:
        pass


def test_a_long_project_list_answers_202_with_a_job_then_the_file(api, world, settings):
    settings.PLANLINK_EXPORT_SYNC_ROWS = 1
    response = api.get("/documents/projects.xlsx?cycle=2570&level=village", as_="province")
    assert response.status_code == 202
    job = response.json()
    assert job["kind"] == "documents.projects_xlsx"
    assert job["state"] == "queued"
    assert job["file_url"] is None
    assert job["status_url"] == f"/api/v1/documents/jobs/{job['id']}"

    run_queued_jobs()
    done = api.get(f"/documents/jobs/{job['id']}", as_="province").json()
    assert done["state"] == "succeeded"
    assert done["progress"] == 100
    download = api.client.get(
        done["file_url"], headers={"Authorization": f"Bearer {world.tokens['province']}"}
    )
    assert download.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    titles = [
        cell.value for row in workbook.active.iter_rows() for cell in row if cell.value is not None
    ]
    assert "ก่อสร้างประปาหมู่บ้าน" in titles
    assert "ขุดลอกคลองส่งน้ำ" in titles


def test_a_short_list_still_comes_at_once(api, world):
    response = api.get("/documents/projects.xlsx?cycle=2570", as_="village")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")


def test_the_job_is_the_caller_s_own(api, world, settings):
    settings.PLANLINK_EXPORT_SYNC_ROWS = 0
    job = api.get("/documents/projects.xlsx?cycle=2570", as_="province").json()
    run_queued_jobs()
    assert api.get(f"/documents/jobs/{job['id']}", as_="village").status_code == 404
    assert api.get(f"/documents/jobs/{job['id']}/file", as_="village").status_code == 404
    assert api.get(f"/documents/jobs/{job['id']}").status_code == 401


def test_a_big_plan_s_pdf_is_a_job_with_progress(api, world, settings):
    settings.PLANLINK_PDF_SYNC_PROJECTS = 0
    response = api.get(f"/documents/plans/{world.mine.pk}.pdf", as_="village")
    assert response.status_code == 202
    job_id = response.json()["id"]
    # Not finished yet: the file is not there to take.
    early = api.get(f"/documents/jobs/{job_id}/file", as_="village")
    assert early.status_code == 409
    assert early.json()["code"] == "invalid_state"
    run_queued_jobs()
    assert Job.objects.get(pk=job_id).state == JobState.SUCCEEDED
    done = api.get(f"/documents/jobs/{job_id}", as_="tambon").json()  # the plan's readers follow it
    download = api.client.get(
        done["file_url"], headers={"Authorization": f"Bearer {world.tokens['village']}"}
    )
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_background_can_be_asked_for_on_a_small_plan(api, world):
    response = api.get(f"/documents/plans/{world.mine.pk}.pdf?background=true", as_="village")
    assert response.status_code == 202
    assert response.json()["kind"] == "documents.plan_book"
