"""Writes on the provincial strategic frame (ยุทธศาสตร์/ประเด็น) from the frame editor.

The planning domain seeds a default frame (``plans.frame.frame_ensure_default``) but has no
edit service yet; these two are written like the domain's services — one transaction, an
audit row, a ``DomainError`` that changes nothing — and belong in ``plans/frame.py``.
Issue codes stay stable once projects use them (ranking is per issue; seeds/002 §5).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from planlink.areas.models import Area
from planlink.audit.services import audit_record, diff
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Issue, Strategy


@transaction.atomic
def frame_strategy_save(
    *, actor: Any, province: Area, cycle: PlanningCycle, number: int, name_th: str, name_en: str
) -> Strategy:
    """Create strategy ``number`` of the province's frame, or rename it."""
    name_th = (name_th or "").strip()
    if not name_th:
        raise DomainError("ต้องระบุชื่อยุทธศาสตร์", "the strategy needs a name")
    strategy = Strategy.objects.filter(province=province, cycle=cycle, number=number).first()
    values = {"name_th": name_th[:300], "name_en": (name_en or "").strip()[:300]}
    if strategy is None:
        strategy = Strategy.objects.create(province=province, cycle=cycle, number=number, **values)
        changes: dict[str, Any] = {"number": number, **values}
        action = "frame.strategy_create"
    else:
        changes = diff(strategy, values)
        for name, value in values.items():
            setattr(strategy, name, value)
        strategy.save()
        action = "frame.strategy_update"
    audit_record(
        actor=actor, action=action, obj=strategy, scope_code=province.code, changes=changes
    )
    return strategy


@transaction.atomic
def frame_issue_save(
    *,
    actor: Any,
    province: Area,
    cycle: PlanningCycle,
    code: str,
    name_th: str,
    name_en: str,
    strategy_number: int,
    order: int,
) -> Issue:
    """Create issue ``code`` of the province's frame, or change its name, strategy or order."""
    name_th = (name_th or "").strip()
    if not name_th:
        raise DomainError("ต้องระบุชื่อประเด็น", "the issue needs a name")
    strategy = Strategy.objects.filter(
        province=province, cycle=cycle, number=strategy_number
    ).first()
    if strategy is None:
        raise DomainError(
            f"ไม่พบยุทธศาสตร์ที่ {strategy_number} ของจังหวัด",
            f"the province has no strategy {strategy_number}",
        )
    values = {
        "name_th": name_th[:300],
        "name_en": (name_en or "").strip()[:300],
        "strategy": strategy,
        "order": order,
    }
    issue = Issue.objects.filter(province=province, cycle=cycle, code=code).first()
    try:
        with transaction.atomic():
            if issue is None:
                issue = Issue.objects.create(province=province, cycle=cycle, code=code, **values)
                changes: dict[str, Any] = {"code": code, "name_th": values["name_th"]}
                action = "frame.issue_create"
            else:
                changes = diff(issue, values)
                for name, value in values.items():
                    setattr(issue, name, value)
                issue.save()
                action = "frame.issue_update"
    except IntegrityError as error:
        raise DomainError("รหัสประเด็นซ้ำ", "duplicate issue code") from error
    audit_record(actor=actor, action=action, obj=issue, scope_code=province.code, changes=changes)
    return issue
