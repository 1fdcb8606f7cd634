"""``planlink jobs …``: run workers and look after the background job queue."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from planlink.core.commands import SubcommandCommand, UserFacingError, print_json
from planlink.core.thai import format_be_date
from planlink.jobs.models import Job, JobState
from planlink.jobs.selectors import job_as_dict, job_list
from planlink.jobs.services import JobStateError, job_cancel, job_purge, job_retry
from planlink.jobs.worker import DEFAULT_SLEEP_SECONDS, Worker, WorkerMode


class Command(SubcommandCommand):
    help = "งานเบื้องหลัง: ตัวทำงาน รายการ ลองใหม่ ยกเลิก ล้าง · Background jobs: worker, list, retry, cancel, purge"
    subcommands = {
        "worker": "เรียกใช้ตัวทำงานประมวลผลคิว · Run a worker that processes the job queue",
        "list": "แสดงรายการงานล่าสุด · List recent jobs",
        "retry": "ส่งงานที่ล้มเหลวหรือถูกยกเลิกเข้าคิวใหม่ · Queue a failed or cancelled job again",
        "cancel": "ยกเลิกงานที่รอคิวหรือกำลังทำงาน · Cancel a queued or running job",
        "purge": "ลบงานที่จบแล้วที่เก่ากว่า N วัน · Delete finished jobs older than N days",
    }

    def arguments_worker(self, parser: CommandParser) -> None:
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--once",
            action="store_true",
            help="ทำทุกงานที่พร้อมแล้วออก · run every ready job, then exit",
        )
        mode.add_argument(
            "--burst",
            action="store_true",
            help=(
                "ทำงานจนไม่มีงานรอคิวหรือกำลังทำในระบบแล้วออก · "
                "work until nothing is queued or running anywhere, then exit"
            ),
        )
        parser.add_argument(
            "--sleep",
            type=float,
            default=DEFAULT_SLEEP_SECONDS,
            help="วินาทีที่รอเมื่อคิวว่าง · seconds to wait when the queue is empty",
        )

    def arguments_list(self, parser: CommandParser) -> None:
        parser.add_argument("--state", choices=JobState.values)
        parser.add_argument("--kind")
        parser.add_argument("--limit", type=int, default=50)
        parser.add_argument("--json", action="store_true", help="แสดงผลเป็น JSON · print JSON")

    def arguments_retry(self, parser: CommandParser) -> None:
        parser.add_argument("job_id", type=int, metavar="ID")

    def arguments_cancel(self, parser: CommandParser) -> None:
        parser.add_argument("job_id", type=int, metavar="ID")

    def arguments_purge(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            required=True,
            metavar="DAYS",
            help="อายุขั้นต่ำ (วัน) นับจากเวลาที่จบ · minimum age in days since the job finished",
        )

    def handle_worker(self, *, once: bool, burst: bool, sleep: float, **options: Any) -> None:
        mode = WorkerMode.ONCE if once else WorkerMode.BURST if burst else WorkerMode.FOREVER
        worker = Worker(sleep_seconds=sleep, report=self._report_line)
        with worker.signals_handled():
            worker.run(mode)

    def handle_list(
        self, *, state: str | None, kind: str | None, limit: int, json: bool, **options: Any
    ) -> None:
        jobs = list(job_list(state=state, kind=kind, limit=limit))
        if json:
            print_json(self, [job_as_dict(job) for job in jobs])
            return
        if not jobs:
            self.stdout.write("ไม่มีงาน · no jobs")
            return
        for job in jobs:
            self.stdout.write(
                f"#{job.pk:<6} {job.state:<9} {job.progress:>3}%  {job.kind:<28} "
                f"{buddhist_era(job.created_at)}  {job.message}"
            )

    def handle_retry(self, *, job_id: int, **options: Any) -> None:
        job = self._job(job_id)
        try:
            job = job_retry(job=job)
        except JobStateError as error:
            raise UserFacingError(error.message_th, error.message_en) from error
        self.stdout.write(f"ส่งงาน #{job.pk} เข้าคิวใหม่แล้ว · job #{job.pk} queued again ({job.state})")

    def handle_cancel(self, *, job_id: int, **options: Any) -> None:
        job = self._job(job_id)
        try:
            job = job_cancel(job=job)
        except JobStateError as error:
            raise UserFacingError(error.message_th, error.message_en) from error
        self.stdout.write(f"ยกเลิกงาน #{job.pk} แล้ว · job #{job.pk} cancelled")

    def handle_purge(self, *, older_than: int, **options: Any) -> None:
        if older_than < 0:
            raise UserFacingError("จำนวนวันต้องไม่ติดลบ", "--older-than must not be negative")
        deleted = job_purge(older_than=timedelta(days=older_than))
        self.stdout.write(f"ลบงานที่จบแล้ว {deleted} งาน · deleted {deleted} finished job(s)")

    def _report_line(self, line: str) -> None:
        self.stdout.write(line)
        self.stdout.flush()  # a worker's log must reach journald/docker logs at once

    def _job(self, job_id: int) -> Job:
        try:
            return Job.objects.get(pk=job_id)
        except Job.DoesNotExist:
            raise UserFacingError(f"ไม่พบงาน #{job_id}", f"job #{job_id} not found") from None


def buddhist_era(moment: datetime) -> str:
    """``25/11/2568 10:42`` — local time, Buddhist Era year (พ.ศ. = ค.ศ. + 543)."""
    local = timezone.localtime(moment)
    return f"{format_be_date(local, style='numeric')} {local:%H:%M}"
