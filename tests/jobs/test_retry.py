"""``job_retry`` puts a failed or cancelled job back on the queue; other states are refused."""

from __future__ import annotations

import pytest

from planlink.jobs.models import Job, JobState
from planlink.jobs.runner import run_next_job
from planlink.jobs.services import JobStateError, enqueue, job_cancel, job_retry
from tests.jobs import tasks_for_tests

pytestmark = pytest.mark.django_db


def test_a_failed_job_retried_runs_again_and_succeeds(worker_id):
    job = enqueue("tests.flaky")
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    assert job.state == JobState.FAILED

    tasks_for_tests.flaky_should_fail["fail"] = False
    job = job_retry(job=job)
    assert job.state == JobState.QUEUED
    assert job.attempts == 0
    assert job.progress == 0
    assert job.error == ""
    assert job.finished_at is None
    assert job.message == "ส่งเข้าคิวใหม่ · queued again"

    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert job.result == {"ok": True}
    assert job.attempts == 1
    assert tasks_for_tests.calls == [("tests.flaky", job.pk), ("tests.flaky", job.pk)]


def test_a_cancelled_job_can_be_retried():
    job = enqueue("tests.steps", arguments={"count": 2})
    job_cancel(job=job)
    assert job_retry(job=job).state == JobState.QUEUED


@pytest.mark.parametrize("state", [JobState.QUEUED, JobState.RUNNING, JobState.SUCCEEDED])
def test_retrying_a_job_that_has_not_failed_is_refused_and_changes_nothing(state):
    job = Job.objects.create(kind="tests.steps", arguments={"count": 1}, state=state, attempts=1)
    before = Job.objects.filter(pk=job.pk).values().get()
    with pytest.raises(JobStateError) as raised:
        job_retry(job=job)
    assert raised.value.message_en == (
        f"only failed or cancelled jobs can be retried; job #{job.pk} is {state}"
    )
    assert raised.value.message_th.startswith("ลองใหม่ได้เฉพาะงานที่ล้มเหลวหรือถูกยกเลิก")
    assert Job.objects.filter(pk=job.pk).values().get() == before
