"""``planlink jobs list/retry/cancel/purge/worker`` (the management command ``jobs``)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from planlink.jobs.models import Job, JobState
from planlink.jobs.services import enqueue

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")


def run(*arguments: str) -> str:
    output = StringIO()
    call_command("jobs", *arguments, stdout=output)
    return output.getvalue()


def test_list_json_prints_every_field_newest_first():
    older = enqueue("tests.steps", arguments={"count": 1}, scope_code="24")
    newer = enqueue("tests.sum_budgets", arguments={"village": "บ้านหนองบัว", "amounts": ["100.00"]})
    listed = json.loads(run("list", "--json"))
    assert [job["id"] for job in listed] == [newer.pk, older.pk]
    assert listed[0]["kind"] == "tests.sum_budgets"
    assert listed[0]["arguments"] == {"village": "บ้านหนองบัว", "amounts": ["100.00"]}
    assert listed[1]["scope_code"] == "24"
    assert set(listed[0]) == {
        "id", "kind", "state", "progress", "message", "arguments", "result", "result_file",
        "error", "attempts", "max_attempts", "created_by_id", "scope_code", "worker_id",
        "created_at", "started_at", "finished_at", "heartbeat_at", "run_after",
    }  # fmt: skip


def test_list_filters_by_state():
    queued = enqueue("tests.steps", arguments={"count": 1})
    Job.objects.create(kind="tests.steps", state=JobState.FAILED)
    listed = json.loads(run("list", "--json", "--state", "queued"))
    assert [job["id"] for job in listed] == [queued.pk]


def test_list_text_shows_the_date_in_the_buddhist_era():
    job = Job.objects.create(
        kind="tests.steps",
        created_at=datetime(2025, 11, 25, 10, 42, tzinfo=BANGKOK),
        message="รวมแผนอำเภอ 3/20",
    )
    line = run("list").strip()
    assert (
        line
        == f"#{job.pk:<6} queued      0%  {'tests.steps':<28} 25/11/2568 10:42  รวมแผนอำเภอ 3/20"
    )


def test_list_says_so_when_there_are_no_jobs():
    assert run("list") == "ไม่มีงาน · no jobs\n"


def test_cancel_and_retry_by_id():
    job = enqueue("tests.steps", arguments={"count": 1})
    assert run("cancel", str(job.pk)) == f"ยกเลิกงาน #{job.pk} แล้ว · job #{job.pk} cancelled\n"
    assert Job.objects.get(pk=job.pk).state == JobState.CANCELLED
    assert run("retry", str(job.pk)) == (
        f"ส่งงาน #{job.pk} เข้าคิวใหม่แล้ว · job #{job.pk} queued again (queued)\n"
    )
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED


def test_an_unknown_id_is_a_clear_error():
    with pytest.raises(CommandError, match="ไม่พบงาน #999\njob #999 not found"):
        run("cancel", "999")


def test_cancelling_a_finished_job_is_a_clear_error_and_changes_nothing():
    job = Job.objects.create(kind="tests.steps", state=JobState.SUCCEEDED)
    with pytest.raises(CommandError, match="it cannot be cancelled"):
        run("cancel", str(job.pk))
    assert Job.objects.get(pk=job.pk).state == JobState.SUCCEEDED


def test_purge_deletes_only_finished_jobs_older_than_the_given_days_and_their_files(
    data_dir, django_capture_on_commit_callbacks
):
    now = timezone.now()
    old_done = Job.objects.create(
        kind="tests.steps", state=JobState.SUCCEEDED, finished_at=now - timedelta(days=40)
    )
    old_failed = Job.objects.create(
        kind="tests.steps", state=JobState.FAILED, finished_at=now - timedelta(days=31)
    )
    recent = Job.objects.create(
        kind="tests.steps", state=JobState.SUCCEEDED, finished_at=now - timedelta(days=2)
    )
    still_queued = Job.objects.create(
        kind="tests.steps", created_at=now - timedelta(days=90), run_after=now
    )
    old_file = data_dir / "jobs" / str(old_done.pk) / "แผนพัฒนาจังหวัด.docx"
    old_file.parent.mkdir(parents=True)
    old_file.write_bytes(b"synthetic")
    recent_file = data_dir / "jobs" / str(recent.pk) / "แผนพัฒนาจังหวัด.docx"
    recent_file.parent.mkdir(parents=True)
    recent_file.write_bytes(b"synthetic")

    with django_capture_on_commit_callbacks(execute=True):
        output = run("purge", "--older-than", "30")
    assert output == "ลบงานที่จบแล้ว 2 งาน · deleted 2 finished job(s)\n"
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, still_queued.pk}
    assert not old_file.parent.exists()
    assert recent_file.exists()
    assert not Job.objects.filter(pk=old_failed.pk).exists()


def test_worker_once_drains_the_ready_jobs_and_exits():
    first = enqueue("tests.steps", arguments={"count": 1})
    second = enqueue("tests.fail", arguments={"village": "บ้านโนนสว่าง"})
    output = run("worker", "--once")
    assert f"#{first.pk} tests.steps: สำเร็จ · succeeded" in output
    assert f"#{second.pk} tests.fail: ล้มเหลว · failed" in output
    assert output.rstrip().endswith("ตัวทำงานหยุดแล้ว · worker stopped after 2 job(s)")
    assert dict(Job.objects.values_list("pk", "state")) == {
        first.pk: JobState.SUCCEEDED,
        second.pk: JobState.FAILED,
    }


def test_every_subcommand_has_a_thai_and_english_help_line():
    from planlink.jobs.management.commands.jobs import Command

    assert set(Command.subcommands) == {"worker", "list", "retry", "cancel", "purge"}
    for help_text in Command.subcommands.values():
        thai, english = help_text.split(" · ")
        assert any("\u0e00" <= character <= "\u0e7f" for character in thai)
        assert english.isascii()
