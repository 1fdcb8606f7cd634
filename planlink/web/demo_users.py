"""Demo sign-ins (บัญชีผู้ใช้สาธิต) so that each role's pages can be tried after ``planlink demo``.

Created by ``planlink serve`` outside production only, when the database has plans but no
users: one person per role, all around the first synthetic village plan (a village, its
tambon, its district, its province, the LAO covering the tambon, the agency that funds
water projects). The password is printed; these accounts are as synthetic as the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from planlink.accounts.models import Assignment, Role
from planlink.areas.models import Agency, LocalGovernmentCoverage
from planlink.plans.models import Plan, PlanKind

DEMO_PASSWORD = "planlink-demo"


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    unit: str


@transaction.atomic
def demo_users_create() -> list[DemoUser]:
    """Create the demo people if the database has none; return who they are."""
    user_model = get_user_model()
    if user_model.objects.exists():
        return []
    plan = (
        Plan.objects.filter(kind=PlanKind.VILLAGE, synthetic=True)
        .select_related("owner_area")
        .order_by("scope_code")
        .first()
    )
    if plan is None or plan.owner_area is None:
        return []
    village = plan.owner_area
    coverage = LocalGovernmentCoverage.objects.filter(tambon_id=village.code[:6]).first()
    agency = Agency.objects.filter(code="RID").first() or Agency.objects.first()
    wanted: list[tuple[str, str, dict[str, Any]]] = [
        ("demo-village", Role.VILLAGE_COMMITTEE, {"area_id": village.code}),
        ("demo-tambon", Role.TAMBON_OFFICER, {"area_id": village.code[:6]}),
        ("demo-district", Role.DISTRICT_OFFICER, {"area_id": village.code[:4]}),
        ("demo-province", Role.PROVINCIAL_OFFICER, {"area_id": village.code[:2]}),
        ("demo-auditor", Role.AUDITOR, {"national": True}),
    ]
    if coverage is not None:
        wanted.append(
            ("demo-lao", Role.LAO_PLANNER, {"local_government_id": coverage.local_government_id})
        )
    if agency is not None:
        wanted.append(("demo-agency", Role.AGENCY_OFFICER, {"agency_id": agency.code}))
    created = []
    for username, role, unit in wanted:
        user = user_model.objects.create_user(
            username=username, password=DEMO_PASSWORD, first_name="ผู้ใช้สาธิต"
        )
        assignment = Assignment.objects.create(user=user, role=role, **unit)
        created.append(DemoUser(username, role, assignment.unit_label))
    return created
