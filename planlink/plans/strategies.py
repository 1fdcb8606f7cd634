"""Writes on the provincial strategic frame (ยุทธศาสตร์/ประเด็นการพัฒนาของจังหวัด).

One set of rules for every caller — the frame editor page, ``/api/v1/strategies``:
a name longer than the column is refused (never cut short), a taken number or code is
refused, each write is one transaction with its audit row. ``planlink.plans.frame`` seeds
the default frame. Issue codes stay stable once projects use them: ranking is per issue
(docs/reference/seeds/002 §5). Callers authorise first
(``planlink.accounts.access``: ``can_edit_frame``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError

from planlink.areas.models import Area
from planlink.audit.services import audit_record, diff
from planlink.core.errors import DomainError
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Issue, Strategy

if TYPE_CHECKING:
    from planlink.core.types import Actor

MAX_STRATEGY_NAME = 300
MAX_ISSUE_ORDER = 999
ISSUE_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,19}$")


def _name(value: object, field_th: str, field_en: str, *, required: bool) -> str:
    text = ("" if value is None else str(value)).strip()
    if required and not text:
        raise DomainError(f"ต้องระบุ{field_th}", f"{field_en} is required")
    if len(text) > MAX_STRATEGY_NAME:
        raise DomainError(
            f"{field_th}ยาวเกิน {MAX_STRATEGY_NAME} ตัวอักษร",
            f"{field_en} is longer than {MAX_STRATEGY_NAME} characters",
        )
    return text


def _number(value: object) -> int:
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 99:
        raise DomainError("ลำดับยุทธศาสตร์ต้องอยู่ระหว่าง 1–99", "the strategy number must be 1–99")
    return number


def _province(province: Area) -> None:
    if province.level != Area.Level.PROVINCE:
        raise DomainError("ยุทธศาสตร์เป็นของจังหวัดเท่านั้น", "strategies belong to a province")


@transaction.atomic
def strategy_create(
    *,
    province: Area,
    cycle: PlanningCycle,
    number: int,
    name_th: str,
    name_en: str = "",
    actor: Actor,
) -> Strategy:
    """Add strategy ``number`` to the province's frame; a taken number is refused."""
    _province(province)
    number = _number(number)
    strategy = Strategy(
        province=province,
        cycle=cycle,
        number=number,
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
def strategy_update(*, strategy: Strategy, actor: Actor, data: dict[str, Any]) -> Strategy:
    """Rename a strategy (``name_th``, ``name_en``); its number never changes."""
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


@transaction.atomic
def strategy_save(
    *,
    province: Area,
    cycle: PlanningCycle,
    number: int,
    name_th: str,
    name_en: str = "",
    actor: Actor,
) -> Strategy:
    """The frame editor's "save": add strategy ``number``, or rename it when it exists."""
    _province(province)
    existing = Strategy.objects.filter(
        province=province, cycle=cycle, number=_number(number)
    ).first()
    if existing is None:
        return strategy_create(
            province=province,
            cycle=cycle,
            number=number,
            name_th=name_th,
            name_en=name_en,
            actor=actor,
        )
    return strategy_update(
        strategy=existing, actor=actor, data={"name_th": name_th, "name_en": name_en or ""}
    )


@transaction.atomic
def issue_save(
    *,
    province: Area,
    cycle: PlanningCycle,
    code: str,
    name_th: str,
    name_en: str = "",
    strategy_number: int,
    order: int = 0,
    actor: Actor,
) -> Issue:
    """Add issue ``code`` to the province's frame, or change its name, strategy or order."""
    _province(province)
    code = (code or "").strip()
    if not ISSUE_CODE.match(code) and ISSUE_CODE.match(code.upper()):
        raise DomainError(
            f"รหัสประเด็นต้องเป็นตัวอักษรภาษาอังกฤษพิมพ์ใหญ่: ใช้ {code.upper()} แทน {code}",
            f"the issue code is written in capitals: {code.upper()}, not {code}",
        )
    if not ISSUE_CODE.match(code):
        raise DomainError(
            "รหัสประเด็นต้องเป็นตัวอักษรภาษาอังกฤษพิมพ์ใหญ่ 2–20 ตัว เช่น WATER",
            "the issue code is 2–20 capital letters, digits or _, e.g. WATER",
        )
    if not 0 <= int(order) <= MAX_ISSUE_ORDER:
        raise DomainError(
            f"ลำดับการแสดงต้องอยู่ระหว่าง 0–{MAX_ISSUE_ORDER}",
            f"the display order must be 0–{MAX_ISSUE_ORDER}",
        )
    strategy = Strategy.objects.filter(
        province=province, cycle=cycle, number=strategy_number
    ).first()
    if strategy is None:
        raise DomainError(
            f"ไม่พบยุทธศาสตร์ที่ {strategy_number} ของจังหวัด",
            f"the province has no strategy {strategy_number}",
        )
    values: dict[str, Any] = {
        "name_th": _name(name_th, "ชื่อประเด็น", "the issue's Thai name", required=True),
        "name_en": _name(name_en, "ชื่อประเด็นภาษาอังกฤษ", "the issue's English name", required=False),
        "strategy": strategy,
        "order": int(order),
    }
    issue = Issue.objects.filter(province=province, cycle=cycle, code=code).first()
    changes: dict[str, Any]
    try:
        with transaction.atomic():
            if issue is None:
                issue = Issue.objects.create(province=province, cycle=cycle, code=code, **values)
                changes = {"code": code, "name_th": values["name_th"]}
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


@transaction.atomic
def strategy_delete(*, strategy: Strategy, actor: Actor) -> None:
    """Remove a strategy from the frame; refused, saying why, while issues or projects use it."""
    number = strategy.number
    issues = list(strategy.issues.order_by("order", "code").values_list("code", flat=True))
    if issues:
        codes = ", ".join(issues)
        raise DomainError(
            f"ลบยุทธศาสตร์ที่ {number} ไม่ได้: ยังมีประเด็น {codes} อยู่ในยุทธศาสตร์นี้ "
            "ย้ายประเด็นไปยุทธศาสตร์อื่นหรือลบประเด็นก่อน",
            f"strategy {number} cannot be deleted: issues {codes} are in it; "
            "move or delete them first",
        )
    used = strategy.projects.count()
    if used:
        raise DomainError(
            f"ลบยุทธศาสตร์ที่ {number} ไม่ได้: มีโครงการอ้างถึง {used:,} โครงการ",
            f"strategy {number} cannot be deleted: {used:,} projects refer to it",
        )
    audit_record(
        actor=actor,
        action="strategy.delete",
        obj=strategy,
        scope_code=strategy.province_id,
        changes={"number": number, "name_th": strategy.name_th},
    )
    try:
        with transaction.atomic():
            strategy.delete()
    except (ProtectedError, RestrictedError) as error:
        raise DomainError(
            f"ลบยุทธศาสตร์ที่ {number} ไม่ได้: มีข้อมูลอื่นอ้างถึงอยู่",
            f"strategy {number} cannot be deleted: other records refer to it",
        ) from error


@transaction.atomic
def issue_delete(*, issue: Issue, actor: Actor) -> None:
    """Remove an issue from the frame; refused, saying how many projects use it."""
    code = issue.code
    used = issue.projects.count()
    if used:
        raise DomainError(
            f"ลบประเด็น {code} ไม่ได้: มีโครงการใช้ประเด็นนี้ {used:,} โครงการ "
            "(รหัสประเด็นต้องคงเดิมเมื่อมีโครงการใช้แล้ว)",
            f"issue {code} cannot be deleted: {used:,} projects use it "
            "(an issue code stays once projects use it)",
        )
    audit_record(
        actor=actor,
        action="frame.issue_delete",
        obj=issue,
        scope_code=issue.province_id,
        changes={"code": code, "name_th": issue.name_th},
    )
    try:
        with transaction.atomic():
            issue.delete()
    except (ProtectedError, RestrictedError) as error:
        raise DomainError(
            f"ลบประเด็น {code} ไม่ได้: มีข้อมูลอื่นอ้างถึงอยู่",
            f"issue {code} cannot be deleted: other records refer to it",
        ) from error
