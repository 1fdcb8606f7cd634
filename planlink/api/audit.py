"""``/audit`` — the audit trail (บันทึกการเปลี่ยนแปลง).

With ``object_type`` and ``object_id``: one object's history, for auditors and
administrators who can read the object, and for the object's owners. Without
them: every entry inside the caller's auditing scope (auditors and
administrators only).
"""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from planlink.accounts.access import access_audit_object, audit_scope_q, require_audit_reader
from planlink.api.auth import caller
from planlink.api.schemas import ERRORS, Pages
from planlink.audit.models import AuditEntry
from planlink.audit.selectors import TrailFilters, filter_trail
from planlink.core.errors import DomainError

router = Router()


class AuditOut(Schema):
    id: int
    at: dt.datetime
    actor: str = Field(description="who (kept when the user account goes)")
    action: str
    object_type: str
    object_id: str
    scope_code: str
    changes: dict[str, Any]
    message: str

    @staticmethod
    def resolve_actor(entry: AuditEntry) -> str:
        return entry.actor_label


class AuditFilters(Schema):
    object_type: str | None = Field(
        None,
        description=(
            "plans.plan, plans.project, referrals.referral, referrals.fundingrequest, "
            "cycles.planningcycle, cycles.milestone"
        ),
    )
    object_id: str | None = Field(None, max_length=40)
    action: str | None = Field(None, max_length=60, description="e.g. plan.submitted")
    area: str | None = Field(
        None, pattern=r"^\d{2,8}$", description="DOPA code prefix of the change's area (24, 2401)"
    )
    person: str | None = Field(
        None, max_length=60, description="part of the user name or of the first or last name"
    )
    date_from: dt.date | None = Field(None, description="first day (Gregorian), Thai time")
    date_to: dt.date | None = Field(None, description="last day (Gregorian), included")


@router.get("", response={200: list[AuditOut], **ERRORS}, summary="Audit entries")
@paginate(Pages)
def audit_list(request: HttpRequest, filters: Query[AuditFilters]):  # noqa: ANN201
    user = caller(request)
    if bool(filters.object_type) != bool(filters.object_id):
        raise DomainError(
            "ระบุ object_type และ object_id คู่กัน", "give object_type and object_id together"
        )
    if filters.object_type and filters.object_id:
        access_audit_object(user, filters.object_type, filters.object_id)
        entries = AuditEntry.objects.filter(
            object_type=filters.object_type, object_id=filters.object_id
        )
    else:
        require_audit_reader(user)
        entries = AuditEntry.objects.filter(audit_scope_q(user))
    if filters.action:
        entries = entries.filter(action=filters.action)
    # the auditor's screen (/audit/) applies the same selector
    return filter_trail(
        entries,
        TrailFilters(
            area=filters.area or "",
            person=filters.person or "",
            date_from=filters.date_from,
            date_to=filters.date_to,
        ),
    )
