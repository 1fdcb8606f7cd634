"""A job's status and result file are read only by who can read the object it was made from.

Before issue 11 a job with a ``scope_code`` was visible to anyone whose area lay
*below* it (``can_read_area`` looked both ways), so a village committee could walk
the sequential job ids of its district and download the district's plan book.
"""

from __future__ import annotations

import pytest
from django.test import Client

from planlink.jobs.files import job_output_relative_path, resolve_result_file
from planlink.jobs.models import Job, JobState
from planlink.jobs.services import enqueue
from planlink.plans.models import PlanKind
from tests.factories import area_plan

pytestmark = pytest.mark.django_db

ENDPOINTS = ("/jobs/{id}/status/", "/jobs/{id}/progress/", "/jobs/{id}/result/", "/work/jobs/{id}/")


def _finished(job: Job, text: str) -> Job:
    """Mark the job succeeded with a result file, as a worker would."""
    relative = job_output_relative_path(job.pk, "แผน.txt")
    path = resolve_result_file(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    Job.objects.filter(pk=job.pk).update(
        state=JobState.SUCCEEDED, progress=100, result_file=relative, result={"ok": True}
    )
    return Job.objects.get(pk=job.pk)


@pytest.fixture
def jobs(people, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    district_plan = area_plan(PlanKind.DISTRICT_NEEDS, "2401")
    book = enqueue(
        "documents.plan_book",
        arguments={
            "plan_id": district_plan.pk,
            "file_format": "pdf",
            "user_id": people["district"].pk,
        },
        created_by=people["district"],
        scope_code=district_plan.scope_code,
    )
    run = enqueue(
        "web.consolidate",
        arguments={"level": "district", "area_code": "2401", "fiscal_year": 2570},
        created_by=people["district"],
        scope_code="2401",
    )
    return {
        "book": _finished(book, "แผนความต้องการระดับอำเภอบางคล้า"),
        "run": _finished(run, "ผลการรวมแผนอำเภอ"),
    }


def _statuses(user, job: Job) -> list[int]:
    client = Client()
    if user is not None:
        client.force_login(user)
    return [client.get(url.format(id=job.pk)).status_code for url in ENDPOINTS]


@pytest.mark.parametrize("kind", ["book", "run"])
@pytest.mark.parametrize("persona", ["village", "other_village", "tambon", "lao", "agency"])
def test_someone_below_the_jobs_area_cannot_read_it(people, jobs, persona, kind):
    assert _statuses(people[persona], jobs[kind]) == [404, 404, 404, 404]


@pytest.mark.parametrize("kind", ["book", "run"])
def test_an_outsider_of_another_province_cannot_read_it(people, jobs, kind):
    assert _statuses(people["outsider"], jobs[kind]) == [404, 404, 404, 404]


@pytest.mark.parametrize("kind", ["book", "run"])
@pytest.mark.parametrize("persona", ["district", "province", "auditor"])
def test_the_creator_and_whoever_reads_the_object_can(people, jobs, persona, kind):
    assert _statuses(people[persona], jobs[kind]) == [200, 200, 200, 200]


def test_the_result_file_is_the_one_the_job_wrote(people, jobs):
    client = Client()
    client.force_login(people["province"])
    response = client.get(f"/jobs/{jobs['book'].pk}/result/")
    assert b"".join(response.streaming_content).decode("utf-8") == "แผนความต้องการระดับอำเภอบางคล้า"
