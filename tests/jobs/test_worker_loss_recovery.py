"""A job whose worker died (no heartbeat) goes back to the queue, then finishes exactly once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from planlink.jobs.context import JobContext, JobLost
from planlink.jobs.models import Job, JobState
from planlink.jobs.runner import claim_next_job, recover_stale_jobs, run_next_job
from tests.jobs import tasks_for_tests

pytestmark = pytest.mark.django_db

DEAD_WORKER = "old-host:999:deadbeef"


def orphaned_job(*, attempts: int, max_attempts: int = 3, minutes_silent: int = 30) -> Job:
    """A job left 'running' by a worker that was killed ``minutes_silent`` minutes ago."""
    silent_since = timezone.now() - timedelta(minutes=minutes_silent)
    return Job.objects.create(
        kind="tests.steps",
        arguments={"count": 2},
        state=JobState.RUNNING,
        worker_id=DEAD_WORKER,
        attempts=attempts,
        max_attempts=max_attempts,
        started_at=silent_since,
        heartbeat_at=silent_since,
        progress=50,
        message="ขั้นตอนที่ 1 จาก 2",
    )


def test_a_killed_workers_job_is_requeued_and_then_finishes_once(worker_id):
    job = orphaned_job(attempts=1)
    finished = run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    assert finished.pk == job.pk
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert job.attempts == 2
    assert job.result == {"steps": 2, "attempt": 2}
    assert job.worker_id == worker_id
    assert tasks_for_tests.calls == [("tests.steps", job.pk)]
    assert run_next_job(worker_id=worker_id, heartbeat_seconds=None) is None


def test_recovery_requeues_the_job_and_clears_the_dead_worker():
    job = orphaned_job(attempts=1)
    assert recover_stale_jobs() == (1, 0)
    job.refresh_from_db()
    assert job.state == JobState.QUEUED
    assert job.worker_id == ""
    assert job.heartbeat_at is None
    assert job.attempts == 1
    assert job.message == "ตัวทำงานหยุดตอบสนอง ส่งกลับเข้าคิว · worker stopped; re-queued"


def test_a_job_whose_worker_died_on_its_last_attempt_is_failed():
    job = orphaned_job(attempts=3, max_attempts=3)
    assert recover_stale_jobs() == (0, 1)
    job.refresh_from_db()
    assert job.state == JobState.FAILED
    assert job.message == "ตัวทำงานหยุดตอบสนองครบจำนวนครั้งสูงสุด · worker stopped too many times"
    assert "attempts reached max_attempts" in job.error
    assert job.finished_at is not None


def test_a_running_job_with_a_recent_heartbeat_is_left_alone():
    job = orphaned_job(attempts=1, minutes_silent=1)
    assert recover_stale_jobs() == (0, 0)
    job.refresh_from_db()
    assert job.state == JobState.RUNNING
    assert job.worker_id == DEAD_WORKER


def test_the_stale_timeout_comes_from_settings(settings):
    settings.PLANLINK_JOBS_STALE_AFTER_SECONDS = 30
    job = orphaned_job(attempts=1, minutes_silent=1)
    assert recover_stale_jobs() == (1, 0)
    job.refresh_from_db()
    assert job.state == JobState.QUEUED


def test_a_presumed_dead_worker_that_comes_back_cannot_write_over_the_new_run(worker_id):
    job = orphaned_job(attempts=1)
    comeback = JobContext(job_id=job.pk, worker_id=DEAD_WORKER, attempt=1, min_interval_seconds=0)
    recover_stale_jobs()
    claimed = claim_next_job(worker_id=worker_id)
    assert claimed.pk == job.pk
    with pytest.raises(JobLost):
        comeback.progress(90, "งานเก่ายังทำงานอยู่")
    job.refresh_from_db()
    assert job.progress == 50
    assert job.worker_id == worker_id


def test_a_running_job_that_never_heartbeat_is_recovered_by_its_start_time():
    job = orphaned_job(attempts=1)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=None)
    assert recover_stale_jobs() == (1, 0)
    job.refresh_from_db()
    assert job.state == JobState.QUEUED
