"""With ``PLANLINK_JOBS_INLINE`` the job runs in the enqueuing process, after commit."""

from __future__ import annotations

import pytest
from django.db import transaction

from planlink.jobs.models import Job, JobState
from planlink.jobs.services import enqueue, job_retry
from tests.jobs import tasks_for_tests


@pytest.fixture
def inline(settings):
    settings.PLANLINK_JOBS_INLINE = True


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("inline")
def test_outside_a_transaction_enqueue_returns_the_finished_job():
    job = enqueue("tests.sum_budgets", arguments={"village": "บ้านดอนแดง", "amounts": ["1.50"]})
    assert job.state == JobState.SUCCEEDED
    assert job.result == {"village": "บ้านดอนแดง", "total": "1.50", "projects": 1}
    assert job.worker_id.startswith("inline:")


@pytest.mark.django_db
@pytest.mark.usefixtures("inline")
def test_inside_a_transaction_the_job_runs_only_when_it_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = enqueue("tests.steps", arguments={"count": 2})
        assert tasks_for_tests.calls == []
        assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    assert len(callbacks) == 1
    assert tasks_for_tests.calls == [("tests.steps", job.pk)]
    assert Job.objects.get(pk=job.pk).state == JobState.SUCCEEDED


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("inline")
def test_a_rolled_back_transaction_leaves_no_job_and_runs_nothing():
    class Abandon(Exception):
        pass

    def enqueue_then_abandon() -> None:
        with transaction.atomic():
            enqueue("tests.steps", arguments={"count": 2})
            raise Abandon

    with pytest.raises(Abandon):
        enqueue_then_abandon()
    assert Job.objects.count() == 0
    assert tasks_for_tests.calls == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("inline")
def test_an_inline_failure_is_recorded_not_raised_to_the_caller():
    job = enqueue("tests.fail", arguments={"village": "บ้านนาคำ"})
    assert job.state == JobState.FAILED
    assert job.error.rstrip().endswith("ValueError: ไม่พบแผนชุมชนของบ้านนาคำ")


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("inline")
def test_an_inline_retry_runs_the_job_again_at_once():
    job = enqueue("tests.flaky")
    assert job.state == JobState.FAILED
    tasks_for_tests.flaky_should_fail["fail"] = False
    assert job_retry(job=job).state == JobState.SUCCEEDED


@pytest.mark.django_db
def test_without_the_setting_enqueue_only_queues(settings):
    settings.PLANLINK_JOBS_INLINE = False
    job = enqueue("tests.steps", arguments={"count": 1})
    assert job.state == JobState.QUEUED
    assert tasks_for_tests.calls == []
