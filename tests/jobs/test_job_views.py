"""The job endpoints: JSON status, the htmx progress partial and the result download.

Personas: the officer who started the job, a provincial officer whose area
covers it (``planlink.accounts.access.access_job``), an outsider, anonymous.
Missing and forbidden jobs are both 404.
"""

from __future__ import annotations

import json

import pytest

from planlink.jobs.models import Job
from planlink.jobs.runner import run_next_job
from planlink.jobs.services import enqueue

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.jobs.urls")]


@pytest.fixture
def officer(make_user):
    return make_user("district_officer_2401")


@pytest.fixture
def finished_document_job(officer, worker_id, data_dir):
    job = enqueue(
        "tests.write_file",
        arguments={"filename": "แผนพัฒนาอำเภอ.txt", "text": "แผนพัฒนาอำเภอ (ข้อมูลสังเคราะห์)"},
        created_by=officer,
        scope_code="2401",
    )
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    job.refresh_from_db()
    return job


def test_the_creator_gets_the_status_as_json(client, officer, finished_document_job):
    client.force_login(officer)
    response = client.get(f"/jobs/{finished_document_job.pk}/status/")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "id": finished_document_job.pk,
        "state": "succeeded",
        "progress": 100,
        "message": "เสร็จแล้ว · done",
        "result_url": f"/jobs/{finished_document_job.pk}/result/",
        "error": None,
    }


def test_the_creator_downloads_the_result_file(client, officer, finished_document_job):
    client.force_login(officer)
    response = client.get(f"/jobs/{finished_document_job.pk}/result/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode("utf-8") == ("แผนพัฒนาอำเภอ (ข้อมูลสังเคราะห์)")
    assert "attachment" in response["Content-Disposition"]


def test_an_outsider_gets_404_for_every_endpoint(client, make_user, finished_document_job):
    client.force_login(make_user("outsider"))
    for endpoint in ("status", "progress", "result"):
        response = client.get(f"/jobs/{finished_document_job.pk}/{endpoint}/")
        assert response.status_code == 404, endpoint


def test_a_missing_job_is_the_same_404(client, officer):
    client.force_login(officer)
    assert client.get("/jobs/987654/status/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, settings, finished_document_job):
    settings.LOGIN_URL = "/login/"
    response = client.get(f"/jobs/{finished_document_job.pk}/status/")
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next=/jobs/{finished_document_job.pk}/status/"
    assert Job.objects.filter(pk=finished_document_job.pk).exists()


def test_a_user_whose_area_covers_the_job_may_see_it(
    client, reference_data, make_user, finished_document_job
):
    from planlink.accounts.models import Assignment, Role

    above = make_user("provincial_officer_24")
    Assignment.objects.create(user=above, role=Role.PROVINCIAL_OFFICER, area_id="24")
    client.force_login(above)
    assert client.get(f"/jobs/{finished_document_job.pk}/status/").status_code == 200
    elsewhere = make_user("provincial_officer_50")
    Assignment.objects.create(user=elsewhere, role=Role.PROVINCIAL_OFFICER, area_id="50")
    client.force_login(elsewhere)
    assert client.get(f"/jobs/{finished_document_job.pk}/status/").status_code == 404


def test_a_superuser_may_see_any_job(client, make_user, finished_document_job):
    client.force_login(make_user("admin", superuser=True))
    assert client.get(f"/jobs/{finished_document_job.pk}/status/").status_code == 200


def test_the_progress_partial_polls_while_the_job_is_active(client, officer):
    job = enqueue("tests.steps", arguments={"count": 3}, created_by=officer)
    Job.objects.filter(pk=job.pk).update(state="running", progress=40, message="รวมแผนตำบล 2/5")
    client.force_login(officer)
    html = client.get(f"/jobs/{job.pk}/progress/").content.decode("utf-8")
    assert f'hx-get="/jobs/{job.pk}/progress/"' in html
    assert 'hx-trigger="every 2s"' in html
    assert 'data-state="running"' in html
    assert 'style="width: 40%"' in html
    assert 'aria-valuenow="40"' in html
    assert "รวมแผนตำบล 2/5" in html
    assert "กำลังทำงาน · running" in html


def test_the_progress_partial_stops_polling_and_links_the_result_when_done(
    client, officer, finished_document_job
):
    client.force_login(officer)
    html = client.get(f"/jobs/{finished_document_job.pk}/progress/").content.decode("utf-8")
    assert "hx-get" not in html
    assert 'data-state="done"' in html
    assert f'href="/jobs/{finished_document_job.pk}/result/"' in html


def test_the_progress_partial_shows_the_error_of_a_failed_job(client, officer, worker_id):
    job = enqueue("tests.fail", arguments={"village": "บ้านห้วยทราย"}, created_by=officer)
    run_next_job(worker_id=worker_id, heartbeat_seconds=None)
    client.force_login(officer)
    html = client.get(f"/jobs/{job.pk}/progress/").content.decode("utf-8")
    assert "hx-get" not in html
    assert 'data-state="failed"' in html
    assert "ValueError: ไม่พบแผนชุมชนของบ้านห้วยทราย" in html
    assert "Traceback" not in html


def test_a_result_file_deleted_from_disk_is_404(client, officer, finished_document_job, data_dir):
    (data_dir / finished_document_job.result_file).unlink()
    client.force_login(officer)
    assert client.get(f"/jobs/{finished_document_job.pk}/result/").status_code == 404


def test_a_result_path_outside_the_data_directory_is_never_served(
    client, officer, finished_document_job
):
    Job.objects.filter(pk=finished_document_job.pk).update(result_file="../../etc/passwd")
    client.force_login(officer)
    assert client.get(f"/jobs/{finished_document_job.pk}/result/").status_code == 404
