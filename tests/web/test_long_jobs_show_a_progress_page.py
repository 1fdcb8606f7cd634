"""A province's consolidation runs as a background job; its page shows a progress bar that
polls the job's status, and the result when done. Only its starter (or its area) sees it."""

from __future__ import annotations

import pytest

from planlink.jobs.models import Job, JobState

pytestmark = pytest.mark.django_db


def test_starting_the_provincial_consolidation_queues_a_job_and_shows_its_progress(
    people, signed_in
):
    client = signed_in(people["province"])
    response = client.post("/consolidate/province/24/")
    job = Job.objects.get()
    assert (job.kind, job.state, job.scope_code) == ("web.consolidate", JobState.QUEUED, "24")
    assert job.arguments["level"] == "province"
    assert response["Location"] == f"/work/jobs/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert f'data-job-url="/jobs/{job.pk}/status/"' in page
    assert 'role="progressbar"' in page
    assert "รวมแผน (ประมวลผลการรวมและจัดลำดับ)" in page
    status = client.get(f"/jobs/{job.pk}/status/").json()
    assert status["state"] == "queued"


def test_someone_else_cannot_start_or_see_the_job(people, signed_in):
    assert signed_in(people["district"]).post("/consolidate/province/24/").status_code == 404
    assert not Job.objects.exists()
    signed_in(people["province"]).post("/consolidate/province/24/")
    job = Job.objects.get()
    assert signed_in(people["outsider"]).get(f"/work/jobs/{job.pk}/").status_code == 404


def test_a_finished_job_links_to_the_review(
    people, signed_in, inline_jobs, django_capture_on_commit_callbacks
):
    client = signed_in(people["tambon"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/consolidate/tambon/240101/")
    job = Job.objects.get()
    assert job.state == JobState.SUCCEEDED
    page = client.get(response["Location"]).content.decode()
    assert 'data-state="done"' in page
    assert "/consolidation/" in client.get(f"/jobs/{job.pk}/status/").json()["result_url"]
