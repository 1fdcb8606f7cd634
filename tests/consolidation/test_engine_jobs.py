"""A consolidation step runs as a background job (the web's progress bar follows it)."""

import pytest

from planlink.jobs.models import Job
from planlink.jobs.services import enqueue
from planlink.plans.models import Plan, PlanKind
from tests.consolidation.engine_world import three_villages
from tests.factories import cycle

pytestmark = pytest.mark.django_db


def test_a_tambon_step_runs_as_a_job_and_reports_its_counts(
    reference_data, settings, django_capture_on_commit_callbacks
):
    settings.PLANLINK_JOBS_INLINE = True
    three_villages()
    cycle()
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue(
            "consolidate.step",
            arguments={"level": "tambon", "area_code": "240101", "fiscal_year": 2570},
        )
    job = Job.objects.get(pk=job.pk)
    assert job.state == "succeeded", job.error
    assert job.progress == 100
    assert job.result["tambon_projects_created"] == 4
    assert Plan.objects.filter(kind=PlanKind.TAMBON, owner_area_id="240101").exists()
