"""``planlink check`` catches a stale timeout too short for the heartbeat, and unmounted URLs."""

from __future__ import annotations

import pytest

from planlink.jobs.checks import check_job_timing, check_job_urls_are_mounted


def test_the_default_timing_passes():
    assert check_job_timing() == []


def test_a_stale_timeout_shorter_than_three_heartbeats_is_an_error(settings):
    settings.PLANLINK_JOBS_HEARTBEAT_SECONDS = 10
    settings.PLANLINK_JOBS_STALE_AFTER_SECONDS = 25
    [error] = check_job_timing()
    assert error.id == "jobs.E001"
    assert error.msg.startswith("PLANLINK_JOBS_STALE_AFTER_SECONDS (25) must be at least three")


@pytest.mark.urls("tests.jobs.urls")
def test_mounted_job_urls_pass_the_deploy_check():
    assert check_job_urls_are_mounted() == []


@pytest.mark.urls("tests.jobs.urls_without_jobs")
def test_missing_job_urls_are_a_deploy_warning():
    [warning] = check_job_urls_are_mounted()
    assert warning.id == "jobs.W001"
    assert warning.hint == 'Add path("jobs/", include("planlink.jobs.urls")) to planlink/urls.py.'
