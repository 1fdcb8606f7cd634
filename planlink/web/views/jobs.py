"""งานเบื้องหลัง — a job's page: a progress bar while it runs, the result when done."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from planlink.accounts.access import access_job
from planlink.jobs.registry import UnknownTaskError, get_task
from planlink.jobs.selectors import job_status
from planlink.web.views.common import domain_view, page


@domain_view
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    job = access_job(request.user, job_id)
    try:
        title = get_task(job.kind).title
    except UnknownTaskError:
        title = job.kind
    current = job_status(job)
    return page(
        request,
        "web/job.html",
        "home",
        job=job,
        title=title,
        job_status=current,
        display_state={"succeeded": "done", "failed": "failed"}.get(job.state, job.state),
    )
