"""Helpers for the committee tests: appoint a body quickly, and snapshot the tables
a refused write must leave unchanged."""

from __future__ import annotations

import datetime as dt
from typing import Any

from planlink.areas.models import Area
from planlink.audit.models import AuditEntry
from planlink.committees.models import (
    AppointmentOrder,
    Committee,
    CommitteeMember,
    CommunityForum,
    Meeting,
)
from planlink.committees.services import committee_appoint

# The CDD guideline for B.E. 2566 (docs/reference/seeds/001) is PlanLink cycle 2568: plans made in 2566.
CYCLE_2568 = 2568
# 16 มกราคม 2566
APPOINTED_ON = dt.date(2023, 1, 16)


def appoint(
    actor: Any,
    kind: str,
    area_code: str,
    *,
    number: str = "12/2566",
    date: dt.date = APPOINTED_ON,
    **extra: Any,
) -> Committee:
    return committee_appoint(
        actor=actor,
        kind=kind,
        area=Area.objects.get(code=area_code),
        order_number=number,
        order_date=date,
        **extra,
    )


def snapshot() -> dict[str, Any]:
    """Every row a committee service may write, as plain values."""
    return {
        "committees": list(
            Committee.objects.order_by("pk").values(
                "pk", "kind", "scope_code", "name_th", "order_number", "order_date", "note"
            )
        ),
        "orders": list(AppointmentOrder.objects.order_by("pk").values("pk", "number", "date")),
        "members": list(
            CommitteeMember.objects.order_by("pk").values("pk", "full_name", "position")
        ),
        "meetings": list(
            Meeting.objects.order_by("pk").values("pk", "held_on", "purpose", "attendance")
        ),
        "forums": list(
            CommunityForum.objects.order_by("pk").values(
                "pk", "held_on", "participants", "households", "facilitator"
            )
        ),
        "audit": AuditEntry.objects.count(),
    }
