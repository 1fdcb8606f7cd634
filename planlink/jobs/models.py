"""The ``Job`` table: one row per background job, and the queue itself."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone


class JobState(models.TextChoices):
    """สถานะของงาน · A job's life: queued → running → succeeded | failed | cancelled."""

    QUEUED = "queued", "รอคิว · queued"
    RUNNING = "running", "กำลังทำงาน · running"
    SUCCEEDED = "succeeded", "สำเร็จ · succeeded"
    FAILED = "failed", "ล้มเหลว · failed"
    CANCELLED = "cancelled", "ยกเลิกแล้ว · cancelled"


FINISHED_STATES: tuple[str, ...] = (JobState.SUCCEEDED, JobState.FAILED, JobState.CANCELLED)
ACTIVE_STATES: tuple[str, ...] = (JobState.QUEUED, JobState.RUNNING)

DEFAULT_MAX_ATTEMPTS = 3


class Job(models.Model):
    """งานเบื้องหลังหนึ่งงาน · One background job.

    ``attempts`` counts how many times a worker has *started* the job; it grows
    when a worker claims it. A job whose worker stops heartbeating goes back to
    the queue until ``attempts`` reaches ``max_attempts`` (see ``runner``).
    ``result_file`` is relative to ``settings.DATA_DIR``.
    """

    kind = models.CharField("ชนิดงาน · kind", max_length=100)
    arguments = models.JSONField("ข้อมูลนำเข้า · arguments", default=dict, blank=True)
    state = models.CharField(
        "สถานะ · state", max_length=16, choices=JobState.choices, default=JobState.QUEUED
    )
    progress = models.PositiveSmallIntegerField("ความคืบหน้า (%) · progress", default=0)
    message = models.CharField("ข้อความ · message", max_length=500, blank=True)
    result = models.JSONField("ผลลัพธ์ · result", null=True, blank=True, encoder=DjangoJSONEncoder)
    result_file = models.CharField("ไฟล์ผลลัพธ์ · result file", max_length=500, blank=True)
    error = models.TextField("ข้อผิดพลาด · error", blank=True)
    attempts = models.PositiveIntegerField("จำนวนครั้งที่เริ่ม · attempts", default=0)
    max_attempts = models.PositiveIntegerField(
        "จำนวนครั้งสูงสุด · max attempts", default=DEFAULT_MAX_ATTEMPTS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ผู้สั่งงาน · created by",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scope_code = models.CharField(
        "รหัสพื้นที่/หน่วยงาน · scope code", max_length=32, blank=True, db_index=True
    )
    created_at = models.DateTimeField("สร้างเมื่อ · created at", default=timezone.now)
    started_at = models.DateTimeField("เริ่มเมื่อ · started at", null=True, blank=True)
    finished_at = models.DateTimeField("เสร็จเมื่อ · finished at", null=True, blank=True)
    heartbeat_at = models.DateTimeField("สัญญาณล่าสุด · heartbeat at", null=True, blank=True)
    worker_id = models.CharField("ตัวทำงาน · worker", max_length=200, blank=True)
    run_after = models.DateTimeField("ทำได้ตั้งแต่ · run after", default=timezone.now)

    class Meta:
        verbose_name = "งานเบื้องหลัง · job"
        verbose_name_plural = "งานเบื้องหลัง · jobs"
        ordering = ("-created_at", "-id")
        indexes = [
            # Claiming: the oldest ready job among the queued ones.
            models.Index(
                fields=("run_after", "id"),
                condition=Q(state="queued"),
                name="jobs_job_claimable_idx",
            ),
            # Recovery: running jobs whose heartbeat is too old.
            models.Index(
                fields=("heartbeat_at",),
                condition=Q(state="running"),
                name="jobs_job_running_heartbeat_idx",
            ),
            # Purge and listings.
            models.Index(fields=("state", "finished_at"), name="jobs_job_state_finished_idx"),
            models.Index(fields=("created_by", "created_at"), name="jobs_job_creator_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="jobs_job_progress_between_0_and_100",
            ),
            models.CheckConstraint(
                condition=Q(state__in=JobState.values), name="jobs_job_state_is_known"
            ),
            models.CheckConstraint(
                condition=Q(max_attempts__gte=1), name="jobs_job_max_attempts_at_least_1"
            ),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} ({self.state})"

    @property
    def is_finished(self) -> bool:
        return self.state in FINISHED_STATES
