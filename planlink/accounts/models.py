"""People and their assignments: a role at a unit.

A user may hold several assignments (a district officer who also audits a
province). What an assignment lets a user see and change is decided in one
place, ``planlink.accounts.access``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class Role(models.TextChoices):
    VILLAGE_COMMITTEE = "village_committee", "คณะกรรมการหมู่บ้าน (กม.)"
    TAMBON_OFFICER = "tambon_officer", "ศอช.ต./พัฒนาการอำเภอ"
    LAO_PLANNER = "lao_planner", "นักวิเคราะห์นโยบายและแผน อปท."
    DISTRICT_OFFICER = "district_officer", "เจ้าหน้าที่อำเภอ"
    PROVINCIAL_OFFICER = "provincial_officer", "เจ้าหน้าที่จังหวัด"
    # The lead province's officer for its provincial cluster (กลุ่มจังหวัด, issue 17).
    CLUSTER_OFFICER = "cluster_officer", "เจ้าหน้าที่กลุ่มจังหวัด (จังหวัดหัวหน้ากลุ่มจังหวัด)"
    AGENCY_OFFICER = "agency_officer", "เจ้าหน้าที่ส่วนราชการ"
    AUDITOR = "auditor", "ผู้ตรวจสอบ (อ่านอย่างเดียว)"
    ADMINISTRATOR = "administrator", "ผู้ดูแลระบบ"


# The level of area each area-based role is assigned at.
ROLE_AREA_LEVEL = {
    Role.VILLAGE_COMMITTEE: "village",
    Role.TAMBON_OFFICER: "tambon",
    Role.DISTRICT_OFFICER: "district",
    Role.PROVINCIAL_OFFICER: "province",
}


class Assignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assignments"
    )
    role = models.CharField(max_length=30, choices=Role.choices)
    area = models.ForeignKey(
        "areas.Area", null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    local_government = models.ForeignKey(
        "areas.LocalGovernment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    agency = models.ForeignKey(
        "areas.Agency", null=True, blank=True, on_delete=models.PROTECT, related_name="assignments"
    )
    cluster = models.ForeignKey(
        "areas.ProvincialCluster",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assignments",
        help_text="the provincial cluster of a cluster officer",
    )
    national = models.BooleanField(
        default=False, help_text="the whole country (auditor/administrator)"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=[
                            "village_committee",
                            "tambon_officer",
                            "district_officer",
                            "provincial_officer",
                        ],
                        area__isnull=False,
                        local_government__isnull=True,
                        agency__isnull=True,
                        national=False,
                    )
                    | Q(
                        role="lao_planner",
                        local_government__isnull=False,
                        area__isnull=True,
                        agency__isnull=True,
                        national=False,
                    )
                    | Q(
                        role="agency_officer",
                        agency__isnull=False,
                        area__isnull=True,
                        local_government__isnull=True,
                        national=False,
                    )
                    | Q(
                        role="cluster_officer",
                        area__isnull=True,
                        local_government__isnull=True,
                        agency__isnull=True,
                        national=False,
                    )
                    | Q(
                        role__in=["auditor", "administrator"],
                        local_government__isnull=True,
                        agency__isnull=True,
                    )
                    & (Q(national=True, area__isnull=True) | Q(national=False, area__isnull=False))
                ),
                name="assignment_unit_matches_role",
            ),
            # A cluster officer's unit is a provincial cluster, and nobody else has one.
            models.CheckConstraint(
                condition=(
                    Q(
                        role="cluster_officer",
                        cluster__isnull=False,
                        area__isnull=True,
                        local_government__isnull=True,
                        agency__isnull=True,
                        national=False,
                    )
                    | (~Q(role="cluster_officer") & Q(cluster__isnull=True))
                ),
                name="assignment_cluster_only_for_cluster_officer",
            ),
        ]

    def __str__(self) -> str:
        unit = self.area or self.local_government or self.agency or self.cluster or "ทั้งประเทศ"
        return f"{self.get_role_display()} · {unit}"

    @property
    def unit_label(self) -> str:
        if self.area is not None:
            return self.area.display_name
        if self.local_government is not None:
            return self.local_government.full_name_th
        if self.agency is not None:
            return self.agency.name_th
        if self.cluster is not None:
            return self.cluster.name_th
        return "ทั้งประเทศ"


class ApiToken(models.Model):
    """A personal API token (โทเค็นสำหรับ API) — ``Authorization: Bearer <token>``.

    Only the SHA-256 hash of the token is stored; the token itself is shown once,
    when it is created (``planlink.accounts.tokens.token_create``). ``prefix`` (the
    first characters) lets a person tell their tokens apart in a list.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100, blank=True, help_text="what the token is for")
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 hex of the token")
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or self.user})"

    @property
    def is_active(self) -> bool:
        from django.utils import timezone

        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()
