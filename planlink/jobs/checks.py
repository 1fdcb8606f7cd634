"""System checks (``planlink check``) for the job queue's configuration."""

from __future__ import annotations

from typing import Any

from django.core.checks import Error, Warning, register
from django.urls import NoReverseMatch, reverse

from planlink.jobs.runner import heartbeat_interval, stale_after


@register()
def check_job_timing(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    heartbeat = heartbeat_interval()
    stale_seconds = stale_after().total_seconds()
    if heartbeat <= 0 or stale_seconds < 3 * heartbeat:
        return [
            Error(
                f"PLANLINK_JOBS_STALE_AFTER_SECONDS ({stale_seconds:g}) must be at least three "
                f"heartbeats (PLANLINK_JOBS_HEARTBEAT_SECONDS = {heartbeat:g}, must be > 0), "
                "or live jobs would be taken for dead ones.",
                id="jobs.E001",
            )
        ]
    return []


@register(deploy=True)
def check_job_urls_are_mounted(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    try:
        reverse("jobs:status", kwargs={"job_id": 1})
    except NoReverseMatch:
        return [
            Warning(
                "The job endpoints are not in the site's URLs; progress bars and result "
                "downloads cannot work.",
                hint='Add path("jobs/", include("planlink.jobs.urls")) to planlink/urls.py.',
                id="jobs.W001",
            )
        ]
    return []
