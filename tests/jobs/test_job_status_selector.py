"""``job_status``: the dict a page polls for its progress bar."""

from __future__ import annotations

import pytest

from planlink.jobs.models import Job, JobState
from planlink.jobs.runner import run_next_job
from planlink.jobs.selectors import job_status
from planlink.jobs.services import enqueue

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.jobs.urls")]


def test_a_queued_job_has_no_result_and_no_error():
    job = enqueue("tests.steps", arguments={"count": 1})
    assert job_status(job) == {
        "id": job.pk,
        "state": "queued",
        "progress": 0,
        "message": "รอคิว · queued",
        "result_url": None,
        "error": None,
    }


def test_a_succeeded_job_with_a_file_links_to_the_download(worker_id, data_dir):
    job = enqueue(
        "tests.write_file",
        arguments={"filename": "บัญชีโครงการ.txt", "text": "โครงการสร้างถนน คสล. (สังเคราะห์)"},
    )
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    assert job.result_file == f"jobs/{job.pk}/บัญชีโครงการ.txt"
    assert (data_dir / job.result_file).read_text(encoding="utf-8") == (
        "โครงการสร้างถนน คสล. (สังเคราะห์)"
    )
    assert job_status(job) == {
        "id": job.pk,
        "state": "succeeded",
        "progress": 100,
        "message": "เสร็จแล้ว · done",
        "result_url": f"/jobs/{job.pk}/result/",
        "error": None,
    }


def test_a_succeeded_job_whose_task_returned_a_url_links_there(worker_id):
    job = enqueue("tests.returns_url", arguments={"plan_id": 8})
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    assert job_status(job)["result_url"] == "/plans/8/book/"


def test_a_succeeded_job_without_a_file_or_url_has_no_result_url(worker_id):
    job = enqueue("tests.steps", arguments={"count": 1})
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    assert job_status(job)["result_url"] is None


def test_a_cancelled_job_has_neither_result_nor_error():
    job = Job.objects.create(
        kind="tests.steps", state=JobState.CANCELLED, error="", message="ยกเลิกแล้ว · cancelled"
    )
    status = job_status(job)
    assert (status["state"], status["result_url"], status["error"]) == ("cancelled", None, None)
