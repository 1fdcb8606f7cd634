"""Factories and personas shared by every app's tests."""

from __future__ import annotations

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model

from planlink.accounts.models import Assignment, Role
from planlink.areas.models import Area
from planlink.cycles.services import cycle_create
from planlink.plans.frame import frame_ensure_default
from planlink.plans.models import Mode, Plan, PlanKind, Project
from planlink.plans.services import plan_create, plan_scope_code

FISCAL_YEAR = 2570


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "รหัสผ่าน-ทดสอบ-123")

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        """Save the hashed password set by the post-generation hook."""
        if create:
            instance.save(update_fields=["password"])


def village(code: str, name: str | None = None) -> Area:
    """A village under a real tambon (created on demand; ``code`` is 8 digits)."""
    area, _ = Area.objects.get_or_create(
        code=code,
        defaults={
            "level": Area.Level.VILLAGE,
            "parent_id": code[:6],
            "name_th": name or f"หมู่ที่ {int(code[6:])}",
            "synthetic": True,
        },
    )
    return area


def cycle(fiscal_year: int = FISCAL_YEAR):
    return cycle_create(fiscal_year=fiscal_year)


def frame(province_code: str = "24", fiscal_year: int = FISCAL_YEAR):
    return frame_ensure_default(
        province=Area.objects.get(code=province_code), cycle=cycle(fiscal_year)
    )


def area_plan(kind: str, area_code: str, fiscal_year: int = FISCAL_YEAR, **extra) -> Plan:
    frame(area_code[:2], fiscal_year)
    area = Area.objects.get(code=area_code) if len(area_code) < 8 else village(area_code)
    existing = Plan.objects.filter(kind=kind, cycle_id=fiscal_year, owner_area=area).first()
    return existing or plan_create(
        actor=None, kind=kind, cycle=cycle(fiscal_year), owner_area=area, **extra
    )


def make_project(plan: Plan, title: str = "ก่อสร้างถนนคอนกรีตเสริมเหล็ก", **fields) -> Project:
    from planlink.plans.services import resolve_issue

    issue = fields.pop("issue_code", "INFRA")
    areas = fields.pop("areas", None)
    project = Project.objects.create(
        plan=plan,
        title=title,
        budget=fields.pop("budget", Decimal("250000")),
        mode=fields.pop("mode", Mode.SUPPORT),
        issue=resolve_issue(plan, issue),
        **fields,
    )
    if areas is None and plan.owner_area_id:
        areas = [plan.owner_area]
    project.areas.set(areas or [])
    return project


def assign(
    role: str,
    *,
    area: str | None = None,
    lao: str | None = None,
    agency: str | None = None,
    national: bool = False,
    username: str | None = None,
):
    user = UserFactory(username=username) if username else UserFactory()
    Assignment.objects.create(
        user=user,
        role=role,
        area_id=area,
        local_government_id=lao,
        agency_id=agency,
        national=national,
    )
    return user


# Personas in Chachoengsao (24): village 24010101 and 24010102 of tambon หน้าเมือง (240101),
# district เมืองฉะเชิงเทรา (2401), the LAO covering the tambon, and the Royal Irrigation Department.
def personas() -> dict[str, object]:
    from planlink.areas.models import LocalGovernmentCoverage

    village("24010101", "บ้านหน้าเมือง")
    village("24010102", "บ้านท่าไข่")
    lao = LocalGovernmentCoverage.objects.get(tambon_id="240101").local_government_id
    return {
        "village": assign(Role.VILLAGE_COMMITTEE, area="24010101", username="village1"),
        "other_village": assign(Role.VILLAGE_COMMITTEE, area="24010102", username="village2"),
        "tambon": assign(Role.TAMBON_OFFICER, area="240101", username="tambon"),
        "lao": assign(Role.LAO_PLANNER, lao=lao, username="lao"),
        "district": assign(Role.DISTRICT_OFFICER, area="2401", username="district"),
        "province": assign(Role.PROVINCIAL_OFFICER, area="24", username="province"),
        "agency": assign(Role.AGENCY_OFFICER, agency="RID", username="agency"),
        "auditor": assign(Role.AUDITOR, national=True, username="auditor"),
        "outsider": assign(Role.DISTRICT_OFFICER, area="5001", username="outsider"),
        "lao_code": lao,
    }


__all__ = ["PlanKind", "plan_scope_code"]
