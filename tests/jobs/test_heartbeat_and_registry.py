"""The heartbeat keeps a running job alive; the registry refuses ambiguous task names."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from planlink.jobs.models import Job, JobState
from planlink.jobs.registry import (
    DuplicateTaskError,
    UnknownTaskError,
    get_task,
    registered_kinds,
    task,
)
from planlink.jobs.runner import Heartbeat, claim_job, run_next_job
from planlink.jobs.services import enqueue, job_cancel
from tests.jobs import tasks_for_tests


@pytest.mark.django_db
def test_a_heartbeat_stamps_the_running_job(worker_id):
    job = claim_job(enqueue("tests.steps", arguments={"count": 1}).pk, worker_id=worker_id)
    long_ago = timezone.now() - timedelta(hours=1)
    Job.objects.filter(pk=job.pk).update(heartbeat_at=long_ago)
    assert Heartbeat(job, worker_id=worker_id, interval=60).beat() is True
    job.refresh_from_db()
    assert job.heartbeat_at > long_ago


@pytest.mark.django_db
def test_a_heartbeat_for_a_cancelled_job_touches_nothing(worker_id):
    job = claim_job(enqueue("tests.steps", arguments={"count": 1}).pk, worker_id=worker_id)
    job_cancel(job=job)
    before = Job.objects.filter(pk=job.pk).values().get()
    assert Heartbeat(job, worker_id=worker_id, interval=60).beat() is False
    assert Job.objects.filter(pk=job.pk).values().get() == before


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_keeps_stamping_while_a_long_task_runs(worker_id):
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip(
            "a second thread writing to SQLite's shared-cache in-memory test database gets "
            "table locks; covered by test_worker_processes on a file and by the PostgreSQL run"
        )
    job = enqueue("tests.steps", arguments={"count": 6, "pause_seconds": 0.1})
    stamps: list[object] = []

    def record_heartbeat(context, step):
        stamps.append(Job.objects.values_list("heartbeat_at", flat=True).get(pk=context.job_id))

    tasks_for_tests.hooks["between"] = record_heartbeat
    run_next_job(worker_id=worker_id, heartbeat_seconds=0.05, progress_interval_seconds=3600)
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert len(set(stamps)) > 1  # progress is throttled away, so only the thread moved it


def test_registering_a_second_function_under_a_taken_kind_is_refused():
    with pytest.raises(DuplicateTaskError, match="'tests.steps' is already registered"):

        @task("tests.steps")
        def another_steps(job):
            return {}

    assert get_task("tests.steps").function is tasks_for_tests.steps


def test_an_unknown_kind_is_a_lookup_error():
    with pytest.raises(UnknownTaskError, match="no task is registered as 'consolidate.nowhere'"):
        get_task("consolidate.nowhere")


def test_the_registry_lists_the_test_tasks_with_their_titles():
    assert {"tests.steps", "tests.fail", "tests.trace"} <= set(registered_kinds())
    assert get_task("tests.steps").title == "งานหลายขั้นตอน (ทดสอบ)"
    assert get_task("tests.steps").max_attempts == 2
    assert get_task("tests.returns_list").title == "tests.returns_list"
