"""Writes on plans and projects. Each service is one transaction with its audit row.

Services take already-authorised objects (see ``planlink.accounts.access``)
and the acting user; they check the rules and refuse wrong input with a
:class:`~planlink.core.errors.DomainError` that leaves the database unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal, overload

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from planlink.areas.models import Agency, Area, LocalGovernment
from planlink.audit.services import audit_record, diff
from planlink.core.errors import ConflictError, DomainError, StateError
from planlink.core.types import acting_user
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import (
    MAX_TEXT,
    MAX_TITLE,
    CapacityLevel,
    Issue,
    Mode,
    Plan,
    PlanKind,
    PlanState,
    Project,
    ProjectBudgetYear,
    Strategy,
)

if TYPE_CHECKING:
    from planlink.core.types import Actor

TRANSITIONS: dict[str, set[str]] = {
    PlanState.DRAFT: {PlanState.SUBMITTED},
    PlanState.RETURNED: {PlanState.SUBMITTED},
    PlanState.SUBMITTED: {PlanState.ACCEPTED, PlanState.RETURNED},
    PlanState.ACCEPTED: set(),
}

AREA_PLAN_LEVEL: dict[str, str] = {
    PlanKind.VILLAGE: Area.Level.VILLAGE,
    PlanKind.TAMBON: Area.Level.TAMBON,
    PlanKind.DISTRICT_DEVELOPMENT: Area.Level.DISTRICT,
    PlanKind.DISTRICT_NEEDS: Area.Level.DISTRICT,
    PlanKind.DISTRICT_ACTION: Area.Level.DISTRICT,
    PlanKind.PROVINCIAL_DEVELOPMENT: Area.Level.PROVINCE,
    PlanKind.PROVINCIAL_ACTION: Area.Level.PROVINCE,
}


def plan_scope_code(plan: Plan) -> str:
    if plan.owner_area_id:
        return plan.owner_area_id
    if plan.owner_lao is not None:
        return plan.owner_lao.area_code
    if plan.owner_cluster is not None:
        return plan.owner_cluster.code  # C05: the cluster's plans (issue 17)
    return ""


def plan_default_title(kind: str, owner: Any, cycle: PlanningCycle) -> str:
    label = dict(PlanKind.choices)[kind]
    name = (
        getattr(owner, "display_name", None) or getattr(owner, "full_name_th", None) or str(owner)
    )
    return f"{label} {name} ปีงบประมาณ พ.ศ. {cycle.fiscal_year}"


@transaction.atomic
def plan_create(
    *,
    actor: Actor,
    kind: str,
    cycle: PlanningCycle,
    owner_area: Area | None = None,
    owner_lao: Any = None,
    owner_agency: Any = None,
    owner_cluster: Any = None,
    title: str = "",
    span: tuple[int, int] | None = None,
    synthetic: bool = False,
) -> Plan:
    if kind not in PlanKind.values:
        raise DomainError(f"ไม่รู้จักประเภทแผน '{kind}'", f"unknown plan kind '{kind}'")
    expected_level = AREA_PLAN_LEVEL.get(kind)
    if expected_level and (owner_area is None or owner_area.level != expected_level):
        raise DomainError(
            f"{dict(PlanKind.choices)[kind]} ต้องเป็นของพื้นที่ระดับ{Area.Level(expected_level).label}",
            f"a {kind} plan must be owned by a {expected_level}",
        )
    if kind == PlanKind.LOCAL_DEVELOPMENT and owner_lao is None:
        raise DomainError(
            "แผนพัฒนาท้องถิ่นต้องเป็นของ อปท.", "a local development plan is owned by an LAO"
        )
    if kind == PlanKind.AGENCY_REQUEST and owner_agency is None:
        raise DomainError(
            "คำของบประมาณต้องเป็นของส่วนราชการ", "a budget request is owned by an agency"
        )
    if kind == PlanKind.CLUSTER and owner_cluster is None:
        raise DomainError("แผนกลุ่มจังหวัดต้องเป็นของกลุ่มจังหวัด", "a cluster plan is owned by a cluster")
    if span and (span[0] > span[1] or span[1] - span[0] > 9):
        raise DomainError("ช่วงปีของแผนไม่ถูกต้อง", "the plan's span of years is invalid")
    owner = owner_area or owner_lao or owner_agency or owner_cluster
    plan = Plan(
        kind=kind,
        cycle=cycle,
        owner_area=owner_area,
        owner_lao=owner_lao,
        owner_agency=owner_agency,
        owner_cluster=owner_cluster,
        title=(title or plan_default_title(kind, owner, cycle))[:MAX_TITLE],
        span_start=span[0] if span else None,
        span_end=span[1] if span else None,
        synthetic=synthetic,
    )
    plan.scope_code = plan_scope_code(plan)
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as error:
        raise DomainError(
            "มีแผนประเภทนี้ของหน่วยนี้ในปีนี้อยู่แล้ว", "this unit already has this plan for the cycle"
        ) from error
    audit_record(
        actor=actor,
        action="plan.create",
        obj=plan,
        scope_code=plan.scope_code,
        changes={"kind": kind, "cycle": cycle.fiscal_year},
    )
    return plan


def plan_for(
    *,
    actor: Actor,
    kind: str,
    cycle: PlanningCycle,
    owner_area: Area | None = None,
    owner_lao: LocalGovernment | None = None,
    owner_agency: Agency | None = None,
    synthetic: bool = False,
) -> Plan:
    """The unit's plan of ``kind`` for ``cycle``, created (``plan_create``) when missing.

    A receiver that includes a project needs its own plan for the year to hold the copy
    (the LAO's local development plan, the agency's budget request, the district's needs).
    """
    existing = Plan.objects.filter(
        kind=kind,
        cycle=cycle,
        owner_area=owner_area,
        owner_lao=owner_lao,
        owner_agency=owner_agency,
    ).first()
    if existing is not None:
        return existing
    return plan_create(
        actor=actor,
        kind=kind,
        cycle=cycle,
        owner_area=owner_area,
        owner_lao=owner_lao,
        owner_agency=owner_agency,
        synthetic=synthetic,
    )


def _transition(plan: Plan, target: str, actor: Actor, **fields: Any) -> Plan:
    if target not in TRANSITIONS[plan.state]:
        raise StateError(
            f"เปลี่ยนสถานะแผนจาก '{PlanState(plan.state).label}' เป็น '{PlanState(target).label}' ไม่ได้",
            f"a plan cannot go from {plan.state} to {target}",
        )
    previous = plan.state
    updated = Plan.objects.filter(pk=plan.pk, state=previous).update(state=target, **fields)
    if not updated:
        raise ConflictError(
            "สถานะแผนถูกเปลี่ยนโดยผู้อื่นแล้ว โปรดโหลดใหม่", "the plan changed meanwhile; reload"
        )
    plan.refresh_from_db()
    audit_record(
        actor=actor,
        action=f"plan.{target}",
        obj=plan,
        scope_code=plan.scope_code,
        changes={
            "state": [previous, target],
            **{k: ["", v] for k, v in fields.items() if k == "returned_reason"},
        },
    )
    return plan


@transaction.atomic
def plan_submit(*, plan: Plan, actor: Actor) -> Plan:
    if not plan.projects.exists():
        raise DomainError("แผนยังไม่มีโครงการ ส่งไม่ได้", "the plan has no projects; nothing to submit")
    return _transition(
        plan, PlanState.SUBMITTED, actor, submitted_at=timezone.now(), returned_reason=""
    )


@transaction.atomic
def plan_accept(*, plan: Plan, actor: Actor) -> Plan:
    return _transition(plan, PlanState.ACCEPTED, actor, accepted_at=timezone.now())


@transaction.atomic
def plan_return(*, plan: Plan, actor: Actor, reason: str) -> Plan:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("ต้องระบุเหตุผลที่ส่งคืน", "a reason is required to return a plan")
    if len(reason) > 2000:
        raise DomainError("เหตุผลยาวเกิน 2,000 ตัวอักษร", "the reason is longer than 2,000 characters")
    return _transition(plan, PlanState.RETURNED, actor, returned_reason=reason)


def require_plan_editable(plan: Plan) -> None:
    """Refuse writes to a plan that is not a draft; an accepted plan points to a revision."""
    _require_editable(plan)


def _require_editable(plan: Plan) -> None:
    if plan.state == PlanState.ACCEPTED:
        # An accepted plan changes only through a revision (planlink.plans.revisions).
        raise StateError(
            "แผนนี้ได้รับความเห็นชอบแล้ว แก้ไขโครงการโดยตรงไม่ได้ "
            "ให้จัดทำการปรับปรุงแผน (ทบทวน เพิ่มเติม เปลี่ยนแปลง หรือ แก้ไข ครั้งที่ …/ปี) "
            "แล้วเสนอผู้มีอำนาจอนุมัติ ที่หน้า “การปรับปรุงแผน” ของแผนนี้",
            "the plan is accepted: its projects change only through a plan revision "
            "(review, addition, change or correction) approved by the competent authority; "
            "see the plan's revisions page",
            plan_id=plan.pk,
            revisions=f"/api/v1/plans/{plan.pk}/revisions",
        )
    if not plan.is_editable:
        raise StateError(
            f"แผนอยู่ในสถานะ '{PlanState(plan.state).label}' แก้ไขไม่ได้",
            f"the plan is {plan.state} and read-only",
        )


@overload
def _decimal(
    value: Any, field_th: str, field_en: str, *, required: Literal[True], limit: Decimal = ...
) -> Decimal: ...
@overload
def _decimal(
    value: Any, field_th: str, field_en: str, *, required: bool = False, limit: Decimal = ...
) -> Decimal | None: ...
def _decimal(
    value: Any,
    field_th: str,
    field_en: str,
    *,
    required: bool = False,
    limit: Decimal = Decimal("1e14"),
) -> Decimal | None:
    """A baht amount: commas allowed, never negative, to the satang; refused in Thai."""
    if value is None or value == "":
        if required:
            raise DomainError(f"ต้องระบุ{field_th}", f"{field_en} is required")
        return None
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError) as error:
        raise DomainError(f"{field_th}ต้องเป็นตัวเลข", f"{field_en} must be a number") from error
    if not number.is_finite():
        raise DomainError(f"{field_th}ต้องเป็นตัวเลข", f"{field_en} must be a number")
    if number < 0:
        raise DomainError(f"{field_th}ต้องไม่ติดลบ", f"{field_en} must not be negative")
    if number >= limit:
        raise DomainError(f"{field_th}มากเกินไป", f"{field_en} is too large")
    return number.quantize(Decimal("0.01"))


def _text(value: Any, limit: int, field_th: str, field_en: str, *, required: bool = False) -> str:
    text = ("" if value is None else str(value)).strip()
    if required and not text:
        raise DomainError(f"ต้องระบุ{field_th}", f"{field_en} is required")
    if len(text) > limit:
        raise DomainError(
            f"{field_th}ยาวเกิน {limit:,} ตัวอักษร", f"{field_en} is longer than {limit:,} characters"
        )
    return text


PROJECT_TEXT_FIELDS = {
    "title": (MAX_TITLE, "ชื่อโครงการ", "title", True),
    "rationale": (MAX_TEXT, "ปัญหาและเหตุผล", "rationale", False),
    "objective": (MAX_TEXT, "วัตถุประสงค์", "objective", False),
    "target_unit": (60, "หน่วยนับเป้าหมาย", "target unit", False),
    "kpi": (500, "ตัวชี้วัด", "KPI", False),
    "expected_result": (500, "ผลที่คาดว่าจะได้รับ", "expected result", False),
    "responsible_unit": (250, "หน่วยงานรับผิดชอบ", "responsible unit", False),
}


def clean_project_fields(plan: Plan, data: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    """Validate project input (UI, API, Excel import share this); return model field values."""
    cleaned: dict[str, Any] = {}
    for name, (limit, th, en, required) in PROJECT_TEXT_FIELDS.items():
        if name in data or (required and not partial):
            cleaned[name] = _text(data.get(name), limit, th, en, required=required)
    if "budget" in data or not partial:
        cleaned["budget"] = _decimal(data.get("budget", 0) or 0, "งบประมาณ", "budget") or Decimal(
            "0"
        )
    if "target_quantity" in data:
        cleaned["target_quantity"] = _decimal(
            data["target_quantity"], "จำนวนเป้าหมาย", "target quantity", limit=Decimal("1e12")
        )
    if "duration_months" in data and data["duration_months"] not in (None, ""):
        try:
            months = int(str(data["duration_months"]).strip())
        except ValueError as error:
            raise DomainError("ระยะเวลาต้องเป็นจำนวนเดือน", "duration must be whole months") from error
        if not 0 < months <= 120:
            raise DomainError("ระยะเวลาต้องอยู่ระหว่าง 1–120 เดือน", "duration must be 1–120 months")
        cleaned["duration_months"] = months
    if "mode" in data or not partial:
        mode = data.get("mode") or Mode.SUPPORT
        if mode not in Mode.values:
            raise DomainError(f"ไม่รู้จักวิธีดำเนินการ '{mode}'", f"unknown mode '{mode}'")
        cleaned["mode"] = mode
    if "capacity_level" in data or not partial:
        level = data.get("capacity_level") or CapacityLevel.LAO
        if level not in CapacityLevel.values:
            raise DomainError(
                f"ไม่รู้จักระดับขีดความสามารถ '{level}'", f"unknown capacity level '{level}'"
            )
        cleaned["capacity_level"] = level
    if "priority" in data and data["priority"] not in (None, ""):
        try:
            priority = int(str(data["priority"]).strip())
        except ValueError as error:
            raise DomainError(
                "ลำดับความสำคัญต้องเป็นตัวเลข", "priority must be a whole number"
            ) from error
        if not 1 <= priority <= 10_000:
            raise DomainError("ลำดับความสำคัญต้องอยู่ระหว่าง 1–10,000", "priority must be 1–10,000")
        cleaned["priority"] = priority
    if "households" in data and data["households"] not in (None, ""):
        try:
            households = int(str(data["households"]).replace(",", "").strip())
        except ValueError as error:
            raise DomainError(
                "จำนวนครัวเรือนต้องเป็นตัวเลข", "households must be a whole number"
            ) from error
        if not 0 <= households <= 1_000_000:
            raise DomainError(
                "จำนวนครัวเรือนต้องอยู่ระหว่าง 0–1,000,000", "households must be 0–1,000,000"
            )
        cleaned["households"] = households
    if "issue" in data or "issue_code" in data:
        cleaned["issue"] = resolve_issue(plan, data.get("issue_code", data.get("issue")))
    if "strategy_number" in data:
        cleaned["strategy"] = resolve_strategy(plan, data["strategy_number"])
    return cleaned


def plan_province_code(plan: Plan) -> str:
    return plan.scope_code[:2]


def resolve_issue(plan: Plan, code: Any) -> Issue | None:
    if isinstance(code, Issue):
        code = code.code
    if code in (None, ""):
        return None
    issue = Issue.objects.filter(
        province_id=plan_province_code(plan), cycle_id=plan.cycle_id, code=str(code).strip()
    ).first()
    if issue is None:
        raise DomainError(f"ไม่พบประเด็นรหัส '{code}' ในกรอบของจังหวัด", f"unknown issue code '{code}'")
    return issue


def resolve_strategy(plan: Plan, number: Any) -> Strategy | None:
    if number in (None, ""):
        return None
    strategy = Strategy.objects.filter(
        province_id=plan_province_code(plan), cycle_id=plan.cycle_id, number=int(number)
    ).first()
    if strategy is None:
        raise DomainError(f"ไม่พบยุทธศาสตร์ที่ {number} ของจังหวัด", f"unknown strategy {number}")
    return strategy


def _check_locations(plan: Plan, areas: Iterable[Area]) -> list[Area]:
    areas = list(areas)
    scope = plan.scope_code
    for area in areas:
        if (
            scope
            and not area.code.startswith(scope)
            and not (plan.owner_lao_id and area.code.startswith(scope[:2]))
        ):
            raise DomainError(
                f"{area.display_name} อยู่นอกพื้นที่ของเจ้าของแผน",
                f"{area.code} is outside the plan owner's area",
            )
    return areas


@transaction.atomic
def project_create(
    *,
    plan: Plan,
    actor: Actor,
    data: dict[str, Any],
    areas: Iterable[Area] | None = None,
    budget_years: dict[int, Any] | None = None,
    indicator_codes: Iterable[str] = (),
) -> Project:
    _require_editable(plan)
    fields = clean_project_fields(plan, data, partial=False)
    locations = _check_locations(
        plan, areas if areas is not None else ([plan.owner_area] if plan.owner_area else [])
    )
    project = Project.objects.create(plan=plan, created_by=acting_user(actor), **fields)
    project.areas.set(locations)
    _set_indicators(project, indicator_codes)
    _set_budget_years(project, budget_years)
    audit_record(
        actor=actor,
        action="project.create",
        obj=project,
        scope_code=plan.scope_code,
        changes={name: ["", value] for name, value in fields.items()},
    )
    return project


def _set_indicators(project: Project, codes: Iterable[str]) -> None:
    codes = [code for code in codes if code]
    if not codes:
        return
    from planlink.evidence.models import Indicator

    found = list(Indicator.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {indicator.code for indicator in found})
    if missing:
        raise DomainError(
            f"ไม่พบตัวชี้วัด {', '.join(missing)}", f"unknown indicator(s) {', '.join(missing)}"
        )
    project.indicators.set(found)


def _set_budget_years(project: Project, budget_years: dict[int, Any] | None) -> None:
    if not budget_years:
        return
    plan = project.plan
    rows = []
    for year, amount in sorted(budget_years.items()):
        if plan.span_start and not plan.span_start <= int(year) <= (
            plan.span_end or plan.span_start
        ):
            raise DomainError(f"ปี {year} อยู่นอกช่วงของแผน", f"year {year} is outside the plan's span")
        value = _decimal(amount, f"งบประมาณปี {year}", f"budget for {year}")
        if value is not None:
            rows.append(ProjectBudgetYear(project=project, fiscal_year=int(year), amount=value))
    ProjectBudgetYear.objects.filter(project=project).delete()
    ProjectBudgetYear.objects.bulk_create(rows)
    total = sum((row.amount for row in rows), Decimal("0"))
    Project.objects.filter(pk=project.pk).update(budget=total)
    project.budget = total


@transaction.atomic
def project_update(
    *,
    project: Project,
    actor: Actor,
    data: dict[str, Any],
    expected_version: int,
    areas: Iterable[Area] | None = None,
    budget_years: dict[int, Any] | None = None,
    indicator_codes: Iterable[str] | None = None,
) -> Project:
    """Update with a version check: the second of two concurrent saves gets a conflict."""
    from planlink.plans.carryover import carry_edit_snapshot, carry_note_edit

    _require_editable(project.plan)
    fields = clean_project_fields(project.plan, data, partial=True)
    changes = diff(project, fields)
    carried = carry_edit_snapshot(project)  # a carried proposal: the edit is recorded on it
    updated = Project.objects.filter(pk=project.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        raise ConflictError(
            "มีผู้อื่นบันทึกโครงการนี้ก่อนคุณ โปรดโหลดข้อมูลล่าสุดแล้วแก้ไขอีกครั้ง",
            "someone else saved this project first; reload and edit again",
            current_version=Project.objects.filter(pk=project.pk)
            .values_list("version", flat=True)
            .first(),
        )
    project.refresh_from_db()
    if areas is not None:
        project.areas.set(_check_locations(project.plan, areas))
    if indicator_codes is not None:
        project.indicators.clear()
        _set_indicators(project, indicator_codes)
    _set_budget_years(project, budget_years)
    audit_record(
        actor=actor,
        action="project.update",
        obj=project,
        scope_code=project.plan.scope_code,
        changes=changes,
    )
    carry_note_edit(project, actor, carried, fields_changed=bool(changes))
    return project


@transaction.atomic
def project_delete(*, project: Project, actor: Actor) -> None:
    _require_editable(project.plan)
    if project.referrals_out.exists() or project.referrals_in.exists():
        raise StateError(
            "โครงการมีการส่งต่อแล้ว ลบไม่ได้", "the project has referrals and cannot be deleted"
        )
    audit_record(
        actor=actor,
        action="project.delete",
        obj=project,
        scope_code=project.plan.scope_code,
        changes={"title": [project.title, ""]},
    )
    project.delete()
