"""A queued job is claimed by a worker, runs, and ends succeeded with its result."""

from __future__ import annotations

import pytest

from planlink.jobs.models import Job, JobState
from planlink.jobs.registry import UnknownTaskError
from planlink.jobs.runner import run_next_job
from planlink.jobs.services import enqueue
from tests.jobs import tasks_for_tests

pytestmark = pytest.mark.django_db

VILLAGE = "บ้านหนองบัว หมู่ 3 (ข้อมูลสังเคราะห์)"


def test_enqueue_stores_a_queued_job_with_its_arguments_owner_and_scope(make_user):
    officer = make_user("tambon_officer")
    job = enqueue(
        "tests.sum_budgets",
        arguments={"village": VILLAGE, "amounts": ["150000.00"]},
        created_by=officer,
        scope_code="240101",
    )
    stored = Job.objects.get(pk=job.pk)
    assert stored.state == JobState.QUEUED
    assert stored.kind == "tests.sum_budgets"
    assert stored.arguments == {"village": VILLAGE, "amounts": ["150000.00"]}
    assert stored.created_by == officer
    assert stored.scope_code == "240101"
    assert stored.attempts == 0
    assert stored.max_attempts == 3
    assert stored.progress == 0
    assert stored.run_after == stored.created_at


def test_a_worker_runs_the_job_to_succeeded_with_its_result(worker_id):
    job = enqueue(
        "tests.sum_budgets",
        arguments={"village": VILLAGE, "amounts": ["150000.00", "2500000.50", "49999.50"]},
    )
    finished = run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    assert finished.pk == job.pk
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED
    assert job.result == {"village": VILLAGE, "total": "2700000.00", "projects": 3}
    assert job.progress == 100
    assert job.message == "เสร็จแล้ว · done"
    assert job.attempts == 1
    assert job.worker_id == worker_id
    assert job.error == ""
    assert job.started_at is not None
    assert job.finished_at >= job.started_at
    assert tasks_for_tests.calls == [("tests.sum_budgets", job.pk)]


def test_a_worker_with_nothing_ready_returns_none(worker_id):
    assert run_next_job(worker_id=worker_id, heartbeat_seconds=None) is None


def test_jobs_run_oldest_first(worker_id):
    first = enqueue("tests.steps", arguments={"count": 1})
    second = enqueue("tests.steps", arguments={"count": 1})
    assert run_next_job(worker_id=worker_id, heartbeat_seconds=None).pk == first.pk
    assert run_next_job(worker_id=worker_id, heartbeat_seconds=None).pk == second.pk


def test_a_job_scheduled_for_later_is_not_claimed_yet(worker_id):
    from datetime import timedelta

    from django.utils import timezone

    enqueue("tests.steps", arguments={"count": 1}, run_after=timezone.now() + timedelta(hours=1))
    assert run_next_job(worker_id=worker_id, heartbeat_seconds=None) is None


def test_enqueue_refuses_an_unknown_kind_and_stores_nothing():
    with pytest.raises(UnknownTaskError, match="consolidate.provinc"):
        enqueue("consolidate.provinc", arguments={})
    assert Job.objects.count() == 0


def test_enqueue_refuses_arguments_that_are_not_plain_json():
    from decimal import Decimal

    with pytest.raises(TypeError, match="plain JSON"):
        enqueue("tests.sum_budgets", arguments={"village": VILLAGE, "amounts": [Decimal("1")]})
    with pytest.raises(TypeError, match="lists, not tuples"):
        enqueue("tests.sum_budgets", arguments={"village": VILLAGE, "amounts": ("1",)})
    assert Job.objects.count() == 0


def test_enqueue_refuses_arguments_the_task_does_not_take():
    with pytest.raises(TypeError, match="do not match task 'tests.sum_budgets'"):
        enqueue("tests.sum_budgets", arguments={"village": VILLAGE, "amount": ["1"]})
    assert Job.objects.count() == 0


def test_a_task_that_returns_a_url_exposes_it_in_the_result(worker_id):
    job = enqueue("tests.returns_url", arguments={"plan_id": 17})
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    assert job.result == {"url": "/plans/17/book/"}
