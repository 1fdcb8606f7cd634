"""``job_cancel`` stops a queued job from starting and a running task at its next check."""

from __future__ import annotations

import pytest

from planlink.jobs.models import Job, JobState
from planlink.jobs.runner import run_next_job
from planlink.jobs.services import JobStateError, enqueue, job_cancel
from tests.jobs import tasks_for_tests

pytestmark = pytest.mark.django_db


def test_a_cancelled_queued_job_never_starts(worker_id):
    job = enqueue("tests.steps", arguments={"count": 3})
    cancelled = job_cancel(job=job)
    assert cancelled.state == JobState.CANCELLED
    assert cancelled.message == "ยกเลิกแล้ว · cancelled"
    assert cancelled.finished_at is not None
    assert run_next_job(worker_id=worker_id, heartbeat_seconds=None) is None
    assert tasks_for_tests.calls == []


def test_a_running_task_stops_at_its_next_progress_call_and_its_result_is_discarded(worker_id):
    job = enqueue("tests.steps", arguments={"count": 5})
    steps_seen: list[int] = []

    def cancel_after_second_step(context, step):
        steps_seen.append(step)
        if step == 2:
            job_cancel(job=Job.objects.get(pk=context.job_id))

    tasks_for_tests.hooks["between"] = cancel_after_second_step
    run_next_job(worker_id=worker_id, heartbeat_seconds=None, progress_interval_seconds=0)
    job.refresh_from_db()
    assert steps_seen == [1, 2]
    assert job.state == JobState.CANCELLED
    assert job.result is None
    assert job.progress == 20  # written after step 1; the step-2 write found the job cancelled


def test_check_cancelled_raises_inside_the_task(worker_id):
    from planlink.jobs.context import JobCancelled

    job = enqueue("tests.steps", arguments={"count": 3})
    raised: list[str] = []

    def cancel_then_check(context, step):
        job_cancel(job=Job.objects.get(pk=context.job_id))
        try:
            context.check_cancelled()
        except JobCancelled as error:
            raised.append(str(error))
            raise

    tasks_for_tests.hooks["between"] = cancel_then_check
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    assert raised == [f"job {job.pk} was cancelled"]
    job.refresh_from_db()
    assert job.state == JobState.CANCELLED


@pytest.mark.parametrize("state", [JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED])
def test_cancelling_a_finished_job_is_refused_and_changes_nothing(state):
    job = Job.objects.create(kind="tests.steps", arguments={"count": 1}, state=state)
    before = Job.objects.filter(pk=job.pk).values().get()
    with pytest.raises(JobStateError) as raised:
        job_cancel(job=job)
    assert raised.value.message_en == (
        f"job #{job.pk} has already finished ({state}); it cannot be cancelled"
    )
    assert Job.objects.filter(pk=job.pk).values().get() == before
