"""Writes on the provincial strategic frame (ยุทธศาสตร์จังหวัด).

``planlink.plans.frame`` seeds a default frame but has no edit services yet;
these two belong next to it and should move there (the plans owner decides).
Callers authorise first (``planlink.api.guards.require_can_edit_frame``).
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, transaction

from planlink.areas.models import Area
from planlink.audit.services import audit_record, diff
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Strategy

MAX_STRATEGY_NAME = 300


def _name(value: Any, field_th: str, field_en: str, *, required: bool) -> str:
    text = ("" if value is None else str(value)).strip()
    if required and not text:
        raise DomainError(f"ต้องระบุ{field_th}", f"{field_en} is required")
    if len(text) > MAX_STRATEGY_NAME:
        raise DomainError(
            f"{field_th}ยาวเกิน {MAX_STRATEGY_NAME} ตัวอักษร",
            f"{field_en} is longer than {MAX_STRATEGY_NAME} characters",
        )
    return text


@transaction.atomic
def strategy_create(
    *,
    province: Area,
    cycle: PlanningCycle,
    number: int,
    name_th: str,
    name_en: str = "",
    actor: Any,
) -> Strategy:
    if province.level != Area.Level.PROVINCE:
        raise DomainError("ยุทธศาสตร์เป็นของจังหวัดเท่านั้น", "strategies belong to a province")
    if not 1 <= int(number) <= 99:
        raise DomainError("ลำดับยุทธศาสตร์ต้องอยู่ระหว่าง 1–99", "the strategy number must be 1–99")
    strategy = Strategy(
        province=province,
        cycle=cycle,
        number=int(number),
        name_th=_name(name_th, "ชื่อยุทธศาสตร์", "the Thai name", required=True),
        name_en=_name(name_en, "ชื่อภาษาอังกฤษ", "the English name", required=False),
    )
    try:
        with transaction.atomic():
            strategy.save()
    except IntegrityError as error:
        raise DomainError(
            f"จังหวัดนี้มียุทธศาสตร์ที่ {number} ในปีนี้แล้ว",
            f"the province already has strategy {number} for this cycle",
        ) from error
    audit_record(
        actor=actor,
        action="strategy.create",
        obj=strategy,
        scope_code=province.code,
        changes={"number": strategy.number, "name_th": strategy.name_th},
    )
    return strategy


@transaction.atomic
def strategy_update(*, strategy: Strategy, actor: Any, data: dict[str, Any]) -> Strategy:
    fields: dict[str, Any] = {}
    if "name_th" in data:
        fields["name_th"] = _name(data["name_th"], "ชื่อยุทธศาสตร์", "the Thai name", required=True)
    if "name_en" in data:
        fields["name_en"] = _name(
            data["name_en"], "ชื่อภาษาอังกฤษ", "the English name", required=False
        )
    changes = diff(strategy, fields)
    for name, value in fields.items():
        setattr(strategy, name, value)
    if changes:
        strategy.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action="strategy.update",
            obj=strategy,
            scope_code=strategy.province_id,
            changes=changes,
        )
    return strategy
