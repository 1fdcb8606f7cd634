"""The one road from a request to a job: ``access_job``.

A user may see a job they created; a superuser sees every job. Beyond that,
the project can name a scope check in ``settings.PLANLINK_JOBS_SCOPE_CHECK``
(dotted path to ``fn(user, scope_code) -> bool``, e.g. the accounts app's
"does this user's area cover this code" rule); jobs with a ``scope_code``
are then visible to every user the check admits. Missing and forbidden look
the same: ``Job.DoesNotExist``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string

from planlink.jobs.models import Job


def access_job(user: Any, job_id: int) -> Job:
    """Return the job if ``user`` may see it; raise ``Job.DoesNotExist`` otherwise."""
    if user is None or not user.is_authenticated:
        raise Job.DoesNotExist(f"job {job_id} not found")
    job = Job.objects.get(pk=job_id)
    if user.is_superuser or (job.created_by_id is not None and job.created_by_id == user.pk):
        return job
    scope_check = _scope_check()
    if job.scope_code and scope_check is not None and scope_check(user, job.scope_code):
        return job
    raise Job.DoesNotExist(f"job {job_id} not found")


def _scope_check() -> Callable[[Any, str], bool] | None:
    dotted_path = getattr(settings, "PLANLINK_JOBS_SCOPE_CHECK", "")
    return import_string(dotted_path) if dotted_path else None
