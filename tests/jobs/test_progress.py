"""Progress written by a running task is visible from outside, throttled, and clamped."""

from __future__ import annotations

import pytest

from planlink.jobs.context import JobContext
from planlink.jobs.models import Job, JobState
from planlink.jobs.runner import claim_job, run_next_job
from planlink.jobs.selectors import job_status
from planlink.jobs.services import enqueue
from tests.jobs import tasks_for_tests

pytestmark = pytest.mark.django_db


def test_progress_is_visible_to_a_reader_while_the_task_runs(worker_id):
    enqueue("tests.steps", arguments={"count": 4})
    seen: list[dict] = []

    def look_from_outside(context, step):
        seen.append(job_status(Job.objects.get(pk=context.job_id)))

    tasks_for_tests.hooks["between"] = look_from_outside
    run_next_job(worker_id=worker_id, heartbeat_seconds=None, progress_interval_seconds=0)
    assert [(status["state"], status["progress"], status["message"]) for status in seen] == [
        ("running", 0, "เริ่มทำงาน · started"),
        ("running", 25, "ขั้นตอนที่ 1 จาก 4"),
        ("running", 50, "ขั้นตอนที่ 2 จาก 4"),
        ("running", 75, "ขั้นตอนที่ 3 จาก 4"),
    ]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def running_context(job: Job, worker_id: str, clock: FakeClock) -> JobContext:
    claimed = claim_job(job.pk, worker_id=worker_id)
    return JobContext(
        job_id=claimed.pk,
        worker_id=worker_id,
        attempt=claimed.attempts,
        min_interval_seconds=1.0,
        clock=clock,
    )


def test_progress_writes_at_most_once_per_interval_but_always_writes_100(worker_id):
    clock = FakeClock()
    job = enqueue("tests.steps", arguments={"count": 1})
    context = running_context(job, worker_id, clock)

    context.progress(10, "อ่านแผนหมู่บ้าน")
    clock.now += 0.5
    context.progress(20, "ยังไม่ถึงเวลาเขียน")
    job.refresh_from_db()
    assert (job.progress, job.message) == (10, "อ่านแผนหมู่บ้าน")

    clock.now += 0.6
    context.progress(30, "รวมแผนตำบล")
    job.refresh_from_db()
    assert (job.progress, job.message) == (30, "รวมแผนตำบล")

    clock.now += 0.1
    context.progress(100, "ครบทุกตำบล")
    job.refresh_from_db()
    assert (job.progress, job.message) == (100, "ครบทุกตำบล")


def test_progress_is_clamped_to_0_100_and_long_messages_are_cut(worker_id):
    clock = FakeClock()
    job = enqueue("tests.steps", arguments={"count": 1})
    context = running_context(job, worker_id, clock)
    context.progress(250, "ก" * 600)
    job.refresh_from_db()
    assert job.progress == 100
    assert job.message == "ก" * 500
    clock.now += 5
    context.progress(-4)
    job.refresh_from_db()
    assert job.progress == 0
    assert job.message == ""


def test_progress_also_stamps_the_heartbeat(worker_id):
    job = enqueue("tests.steps", arguments={"count": 1})
    context = running_context(job, worker_id, FakeClock())
    Job.objects.filter(pk=job.pk).update(heartbeat_at=None)
    context.progress(5, "เริ่ม")
    job.refresh_from_db()
    assert job.heartbeat_at is not None
    assert job.state == JobState.RUNNING
