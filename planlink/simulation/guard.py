"""Simulated decisions belong to synthetic cycles only.

A real planning year is decided by real officers. The simulation draws lots for LAOs,
committees and agencies; on a real year those lots would be recorded as decisions.
Every entry point of the simulation calls ``require_synthetic`` before it writes.
"""

from __future__ import annotations

from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle
from planlink.cycles.services import cycle_create


class NotSyntheticError(DomainError):
    """The cycle holds real plans: the simulation may not decide anything in it."""


def require_synthetic(cycle: PlanningCycle) -> None:
    """Refuse (``NotSyntheticError``) unless ``cycle`` is a synthetic (demo or test) cycle."""
    if not cycle.synthetic:
        raise NotSyntheticError(
            f"รอบปีงบประมาณ {cycle.pk} เป็นข้อมูลจริง ไม่ใช่ข้อมูลสังเคราะห์ "
            "ระบบไม่จำลองการตัดสินใจในรอบนี้ (ใช้รอบปีสังเคราะห์ เช่นที่ planlink demo สร้าง)",
            f"cycle {cycle.pk} is not synthetic: simulated decisions are refused on a real "
            "planning year (use a synthetic cycle, such as the one planlink demo creates)",
        )


def synthetic_cycle(fiscal_year: int) -> PlanningCycle:
    """The synthetic cycle for ``fiscal_year``, created when missing; refused when the
    year already exists as a real cycle (nothing is written then)."""
    existing = PlanningCycle.objects.filter(pk=fiscal_year).first()
    if existing is not None:
        require_synthetic(existing)
        return existing
    return cycle_create(fiscal_year=fiscal_year, synthetic=True)
