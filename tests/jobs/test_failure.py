"""A task that raises ends failed, with the traceback kept and no automatic retry."""

from __future__ import annotations

import pytest

from planlink.jobs.models import JobState
from planlink.jobs.runner import run_next_job
from planlink.jobs.selectors import job_status
from planlink.jobs.services import enqueue
from tests.jobs import tasks_for_tests

pytestmark = pytest.mark.django_db


def test_an_exception_marks_the_job_failed_with_the_traceback(worker_id):
    job = enqueue("tests.fail", arguments={"village": "บ้านโคกสูง"})
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error.startswith("Traceback (most recent call last):")
    assert 'tasks_for_tests.py", line' in job.error
    assert job.error.rstrip().endswith("ValueError: ไม่พบแผนชุมชนของบ้านโคกสูง")
    assert job.message == "ล้มเหลว · failed: ไม่พบแผนชุมชนของบ้านโคกสูง"
    assert job.progress == 30
    assert job.result is None
    assert job.finished_at is not None


def test_a_failed_job_is_not_retried_automatically(worker_id):
    job = enqueue("tests.fail", arguments={"village": "บ้านโคกสูง"})
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    assert run_next_job(worker_id=worker_id, heartbeat_seconds=None) is None
    job.refresh_from_db()
    assert job.attempts == 1
    assert tasks_for_tests.calls == [("tests.fail", job.pk)]


def test_the_status_shows_only_the_last_line_of_the_traceback(worker_id):
    job = enqueue("tests.fail", arguments={"village": "บ้านโคกสูง"})
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    assert job_status(job)["error"] == "ValueError: ไม่พบแผนชุมชนของบ้านโคกสูง"


def test_a_task_returning_something_other_than_a_dict_fails(worker_id):
    job = enqueue("tests.returns_list")
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error.rstrip().endswith("TypeError: a task must return a dict or None, not list")


def test_a_job_whose_kind_is_no_longer_registered_fails_with_a_clear_error(worker_id):
    from planlink.jobs.models import Job

    job = Job.objects.create(kind="plans.removed_task", arguments={})
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.error.rstrip().endswith(
        "UnknownTaskError: no task is registered as 'plans.removed_task'"
    )
