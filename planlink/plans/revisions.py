"""Plan revisions: how an accepted plan changes (การทบทวน/เพิ่มเติม/เปลี่ยนแปลง/แก้ไขแผน).

Once a plan is accepted its projects are never edited in place (``plans.services`` refuses
with a message pointing here). A revision is drafted on the accepted plan with a kind and a
number per year — "เพิ่มเติม ครั้งที่ 5/2567", the markers real LAO plan books carry
(docs/reference/FORMS.md §2) — and a reason (เหตุผลความจำเป็น, FORMS.md §3); its items name
the projects it adds, changes (field by field), moves to another form (ผ.02 → ผ.02/2, "ไป
ประสาน 02/2", FORMS.md §5) or to another plan of the same owner, or withdraws, with a link
when a withdrawn project duplicates ("ซ้ำลำดับที่ 63") or was merged into ("รวมกับลำดับที่ 2")
another. Nothing touches the plan until the revision is approved: ``revision_approve``
records who approved it, when, under which announcement and which committee meeting, and
applies every item in one transaction, each change checked against the project's version
and recorded as ``{field: [before, after]}``. A refusal anywhere leaves nothing applied.

Why plans are revised, and the kinds: the circulars ask each level to review (ทบทวน) its
plan to keep it current with the plans above (docs/reference/seeds/000 §2.4, the district
plan "ฉบับทบทวน"; seeds/003 §2 and seeds/004, the LAO plan "จัดทำและทบทวน"), and the
provincial committee may ask that a project's area or period be changed
(seeds/004 §1.1.1, "การเปลี่ยนแปลงพื้นที่และห้วงเวลาดำเนินการ"). See docs/revisions.md.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import F, Max, Q, QuerySet
from django.utils import timezone

from planlink.areas.models import Area
from planlink.audit.services import audit_record
from planlink.core.errors import ConflictError, DomainError, StateError
from planlink.core.thai import be_year
from planlink.core.types import acting_user
from planlink.plans.models import Plan, PlanState, Project, ProjectBudgetYear
from planlink.plans.revision_models import (
    ItemAction,
    LinkKind,
    PlanRevision,
    RevisionItem,
    RevisionKind,
    RevisionState,
)
from planlink.plans.services import (
    _check_locations,
    _set_budget_years,
    _text,
    clean_project_fields,
)

if TYPE_CHECKING:
    from planlink.committees.models import Meeting
    from planlink.core.types import Actor
    from planlink.referrals.models import Referral

__all__ = [
    "FIELD_LABELS",
    "REVISION_FORMS",
    "describe_item",
    "diff_preview",
    "form_placements",
    "plan_revisions",
    "project_revision_history",
    "revision_add_project",
    "revision_approve",
    "revision_change_project",
    "revision_create",
    "revision_marks",
    "revision_move_project",
    "revision_remove_item",
    "revision_withdraw_project",
    "withdrawn_project_ids",
]

# The DLA project forms of a local development plan (docs/reference/FORMS.md §3–5);
# planlink.documents.lao_forms prints them under the same names.
REVISION_FORMS = ("ผ.02", "ผ.02/1", "ผ.02/2")
# Input keys a revision may set on a project, besides clean_project_fields' own.
EXTRA_KEYS = {"budget_years", "area_codes", "referral_id"}
PROJECT_KEYS = {
    "title",
    "rationale",
    "objective",
    "target_unit",
    "kpi",
    "expected_result",
    "responsible_unit",
    "budget",
    "target_quantity",
    "duration_months",
    "mode",
    "capacity_level",
    "priority",
    "households",
    "issue_code",
    "strategy_number",
}


# How a revision names the fields it changes (the column headings of แบบ ผ.02).
FIELD_LABELS = {
    "title": "ชื่อโครงการ",
    "rationale": "ปัญหาและเหตุผล",
    "objective": "วัตถุประสงค์",
    "target_quantity": "เป้าหมาย (จำนวน)",
    "target_unit": "หน่วยนับเป้าหมาย",
    "budget": "งบประมาณรวม (บาท)",
    "budget_years": "งบประมาณรายปี (บาท)",
    "duration_months": "ระยะเวลา (เดือน)",
    "issue": "ประเด็นการพัฒนา",
    "strategy": "ยุทธศาสตร์",
    "mode": "วิธีดำเนินการ",
    "capacity_level": "ผู้มีศักยภาพดำเนินการ",
    "priority": "ลำดับความสำคัญ",
    "kpi": "ตัวชี้วัด (KPI)",
    "expected_result": "ผลที่คาดว่าจะได้รับ",
    "responsible_unit": "หน่วยงานรับผิดชอบหลัก",
    "households": "ครัวเรือน",
    "areas": "พื้นที่ดำเนินการ",
    "form": "แบบ",
    "plan": "แผน",
    "withdrawn": "ถอนออกจากแผน",
}


def _value_text(value: Any, name: str = "") -> str:
    if value in (None, "", [], {}):
        return "-"
    if name in {"budget", "target_quantity"}:
        return _money_text(value)
    if isinstance(value, dict):
        return ", ".join(f"{year}: {_money_text(amount)}" for year, amount in value.items())
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    return str(value)


def _money_text(amount: Any) -> str:
    try:
        return f"{Decimal(str(amount)):,.2f}"
    except ArithmeticError:
        return str(amount)


def describe_item(item: RevisionItem) -> str:
    """One line of Thai describing what an item does (plan books and pages print it)."""
    if item.action == ItemAction.WITHDRAW:
        text = "ถอนออกจากแผน"
        if item.link_kind and item.linked_project is not None:
            text += f" ({LinkKind(item.link_kind).label}โครงการ “{item.linked_project.title}”)"
        return text
    if item.action == ItemAction.MOVE:
        parts = []
        if item.to_form:
            parts.append(f"ย้ายจากแบบ {item.from_form or '-'} ไปแบบ {item.to_form}")
        if item.to_plan is not None:
            parts.append(f"ย้ายไป{item.to_plan.title}")
        return "; ".join(parts)
    changes = item.changes or {}
    if item.action == ItemAction.ADD:
        shown = [name for name in ("budget_years", "budget", "issue") if name in changes]
        return (
            "; ".join(
                f"{FIELD_LABELS.get(name, name)} {_value_text(changes[name][1], name)}"
                for name in shown
            )
            or "เพิ่มโครงการใหม่"
        )
    return "; ".join(
        f"{FIELD_LABELS.get(name, name)}: "
        f"{_value_text(pair[0], name)} → {_value_text(pair[1], name)}"
        for name, pair in changes.items()
    )


# ------------------------------------------------------------------------------ reads


def plan_revisions(plan: Plan) -> QuerySet[PlanRevision]:
    """The plan's revisions, approved first in the order they were approved, then drafts."""
    return (
        PlanRevision.objects.filter(plan=plan)
        .select_related("meeting__committee", "approved_by", "created_by")
        .prefetch_related("items__project", "items__linked_project", "items__to_plan")
        .order_by(F("approved_at").asc(nulls_last=True), "id")
    )


def project_revision_history(project: Project) -> list[RevisionItem]:
    """Every item of an approved revision that concerns ``project``: its own items, and those
    of other projects withdrawn as its duplicates or merged into it."""
    return list(
        RevisionItem.objects.filter(
            Q(project=project) | Q(linked_project=project),
            revision__state=RevisionState.APPROVED,
        )
        .select_related("revision__plan", "project", "linked_project", "to_plan", "from_plan")
        .order_by("revision__approved_at", "revision_id", "order", "id")
    )


def _approved_items(plan: Plan, action: str) -> QuerySet[RevisionItem]:
    return RevisionItem.objects.filter(
        revision__plan=plan, revision__state=RevisionState.APPROVED, action=action
    )


def withdrawn_project_ids(plan: Plan) -> set[int]:
    """The plan's projects an approved revision withdrew (they stay, for their lineage)."""
    return set(
        _approved_items(plan, ItemAction.WITHDRAW)
        .filter(project__plan=plan)
        .values_list("project_id", flat=True)
    )


def form_placements(plan: Plan) -> dict[int, str]:
    """The form an approved revision last moved each project to (``{project_id: "ผ.02/2"}``)."""
    placements: dict[int, str] = {}
    for project_id, form in (
        _approved_items(plan, ItemAction.MOVE)
        .exclude(to_form="")
        .filter(project__plan=plan)
        .order_by("revision__approved_at", "revision_id", "order", "id")
        .values_list("project_id", "to_form")
    ):
        placements[project_id] = form
    return placements


def revision_marks(plan: Plan) -> dict[int, list[str]]:
    """``{project_id: ["เพิ่มเติม ครั้งที่ 5/2567", …]}`` — the labels a plan book prints on the
    row of each project an approved revision added, changed or moved."""
    marks: dict[int, list[str]] = {}
    items = (
        RevisionItem.objects.filter(
            revision__plan=plan,
            revision__state=RevisionState.APPROVED,
            action__in=[ItemAction.ADD, ItemAction.CHANGE, ItemAction.MOVE],
            project__plan=plan,
        )
        .select_related("revision")
        .order_by("revision__approved_at", "revision_id", "order", "id")
    )
    for item in items:
        assert item.project_id is not None
        labels = marks.setdefault(item.project_id, [])
        if item.revision.label not in labels:
            labels.append(item.revision.label)
    return marks


# ------------------------------------------------------------------------------ helpers


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _shown(value: Any) -> Any:
    """A field value as a revision records it: issues by code, strategies by number."""
    from planlink.plans.models import Issue, Strategy

    if isinstance(value, Issue):
        return value.code
    if isinstance(value, Strategy):
        return value.number
    return _plain(value)


def _require_draft(revision: PlanRevision) -> None:
    if revision.state != RevisionState.DRAFT:
        raise StateError(
            f"{revision.label} อนุมัติแล้ว เปลี่ยนรายการไม่ได้ ให้จัดทำการปรับปรุงแผนครั้งใหม่",
            f"{revision.label} is approved; start a new revision",
        )


def _require_project_of(revision: PlanRevision, project: Project) -> None:
    if project.plan_id != revision.plan_id:
        raise DomainError(
            f"โครงการ “{project.title}” ไม่อยู่ในแผนที่กำลังปรับปรุง",
            f"project {project.pk} is not in the plan being revised",
        )
    if project.pk in withdrawn_project_ids(revision.plan):
        raise StateError(
            f"โครงการ “{project.title}” ถูกถอนออกจากแผนแล้ว", f"project {project.pk} was withdrawn"
        )
    if revision.items.filter(project=project).exclude(action=ItemAction.ADD).exists():
        raise DomainError(
            f"โครงการ “{project.title}” มีรายการอยู่ในการปรับปรุงแผนครั้งนี้แล้ว",
            f"project {project.pk} already has an item in this revision",
        )


def _next_order(revision: PlanRevision) -> int:
    return (revision.items.aggregate(top=Max("order"))["top"] or 0) + 1


def _project_data(data: dict[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - PROJECT_KEYS - EXTRA_KEYS)
    if unknown:
        raise DomainError(
            f"ไม่รู้จักข้อมูลโครงการ: {', '.join(unknown)}", f"unknown field(s): {', '.join(unknown)}"
        )
    return {key: value for key, value in data.items() if key in PROJECT_KEYS}


def _budget_years(plan: Plan, data: dict[str, Any]) -> dict[int, Any] | None:
    years = data.get("budget_years")
    if years in (None, {}):
        return None
    if not isinstance(years, dict):
        raise DomainError("งบประมาณรายปีต้องระบุเป็น ปี: จำนวนเงิน", "budget_years is {year: amount}")
    try:
        return {int(year): amount for year, amount in years.items()}
    except (TypeError, ValueError) as error:
        raise DomainError("ปีงบประมาณต้องเป็นตัวเลข พ.ศ.", "budget years are B.E. numbers") from error


def _areas(plan: Plan, data: dict[str, Any]) -> list[Area] | None:
    codes = data.get("area_codes")
    if codes is None:
        return None
    codes = [str(code).strip() for code in codes if str(code).strip()]
    found = Area.objects.in_bulk(codes)
    missing = sorted(set(codes) - set(found))
    if missing:
        raise DomainError(
            f"ไม่พบพื้นที่รหัส {', '.join(missing)}", f"unknown area(s) {', '.join(missing)}"
        )
    return _check_locations(plan, [found[code] for code in codes])


def _budget_year_values(project: Project) -> dict[str, str]:
    return {
        str(year): str(amount)
        for year, amount in ProjectBudgetYear.objects.filter(project=project)
        .order_by("fiscal_year")
        .values_list("fiscal_year", "amount")
    }


def _preview_change(project: Project, data: dict[str, Any]) -> dict[str, list[Any]]:
    plan = project.plan
    fields = clean_project_fields(plan, _project_data(data), partial=True)
    changes = {name: [_shown(old), _shown(new)] for name, (old, new) in _pairs(project, fields)}
    years = _budget_years(plan, data)
    if years is not None:
        from planlink.plans.services import _decimal

        after = {
            str(year): str(_decimal(amount, f"งบประมาณปี {year}", f"budget for {year}"))
            for year, amount in sorted(years.items())
            if amount not in (None, "")
        }
        for year in after:
            if plan.span_start and not plan.span_start <= int(year) <= (
                plan.span_end or plan.span_start
            ):
                raise DomainError(
                    f"ปี {year} อยู่นอกช่วงของแผน", f"year {year} is outside the plan's span"
                )
        before = _budget_year_values(project)
        if before != after:
            changes["budget_years"] = [before, after]
    if "area_codes" in data:
        areas = _areas(plan, data) or []
        before_codes = sorted(project.areas.values_list("code", flat=True))
        after_codes = sorted(area.code for area in areas)
        if before_codes != after_codes:
            changes["areas"] = [before_codes, after_codes]
    return changes


def _pairs(project: Project, fields: dict[str, Any]) -> Iterable[tuple[str, tuple[Any, Any]]]:
    for name, value in fields.items():
        old = getattr(project, name)
        if old != value:
            yield name, (old, value)


# ------------------------------------------------------------------------------ drafting


@transaction.atomic
def revision_create(
    *,
    plan: Plan,
    actor: Actor,
    kind: str,
    year: int | None = None,
    number: int | None = None,
    reason: str = "",
) -> PlanRevision:
    """Draft a revision of an accepted plan; ``number`` defaults to the next of its kind/year."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if kind not in RevisionKind.values:
        raise DomainError(
            f"ไม่รู้จักประเภทการปรับปรุงแผน '{kind}' (ทบทวน เพิ่มเติม เปลี่ยนแปลง หรือ แก้ไข)",
            f"unknown revision kind '{kind}' (review, addition, change, correction)",
        )
    if plan.state != PlanState.ACCEPTED:
        raise StateError(
            f"แผนอยู่ในสถานะ '{PlanState(plan.state).label}' ยังไม่ได้รับความเห็นชอบ "
            "จึงแก้ไขในแผนได้โดยตรง ไม่ต้องจัดทำการปรับปรุงแผน",
            f"the plan is {plan.state}, not accepted: edit it directly, no revision is needed",
        )
    draft = plan.revisions.filter(state=RevisionState.DRAFT).first()
    if draft is not None:
        raise StateError(
            f"แผนนี้มีร่าง{draft.label} ที่ยังไม่ได้อนุมัติ ให้อนุมัติหรือเพิ่มรายการในร่างนั้นก่อน",
            f"the plan has a draft revision ({draft.pk}) not yet approved",
            revision_id=draft.pk,
        )
    year = int(year) if year else be_year(timezone.localdate())
    if not 2500 <= year <= 2700:
        raise DomainError("ปีของการปรับปรุงแผนต้องเป็นปี พ.ศ.", "the revision year is a B.E. year")
    taken = set(
        PlanRevision.objects.filter(plan=plan, kind=kind, year=year).values_list(
            "number", flat=True
        )
    )
    if number is None:
        number = max(taken, default=0) + 1
    elif not 1 <= int(number) <= 999:
        raise DomainError("ครั้งที่ต้องอยู่ระหว่าง 1–999", "the revision number must be 1–999")
    elif int(number) in taken:
        raise DomainError(
            f"มี{RevisionKind(kind).label} ครั้งที่ {number}/{year} ของแผนนี้แล้ว",
            f"{kind} {number}/{year} already exists for this plan",
        )
    revision = PlanRevision.objects.create(
        plan=plan,
        kind=kind,
        year=year,
        number=int(number),
        reason=_text(reason, 5000, "เหตุผลความจำเป็น", "reason"),
        created_by=acting_user(actor),
    )
    audit_record(
        actor=actor,
        action="plan.revision.create",
        obj=revision,
        scope_code=plan.scope_code,
        changes={"label": ["", revision.label], "plan": ["", plan.pk]},
    )
    return revision


def _item(revision: PlanRevision, actor: Actor, **fields: Any) -> RevisionItem:
    item = RevisionItem.objects.create(revision=revision, order=_next_order(revision), **fields)
    audit_record(
        actor=actor,
        action=f"plan.revision.item.{item.action}",
        obj=revision,
        scope_code=revision.plan.scope_code,
        changes={"item": ["", item.pk], "project": ["", item.project_id]},
    )
    return item


def _referral_for(plan: Plan, revision: PlanRevision, referral: Referral) -> None:
    """A pending referral addressed to this plan's owner, not yet in this revision."""
    from planlink.referrals.models import Decision

    if referral.decision != Decision.PENDING:
        raise StateError(
            f"รายการส่งต่อนี้ '{referral.get_decision_display()}' แล้ว",
            f"the referral is already {referral.decision}",
        )
    addressed = (
        (referral.to_plan_id is not None and referral.to_plan_id == plan.pk)
        or (referral.to_lao_id is not None and referral.to_lao_id == plan.owner_lao_id)
        or (referral.to_agency_id is not None and referral.to_agency_id == plan.owner_agency_id)
    )
    if not addressed:
        raise DomainError(
            "รายการส่งต่อนี้ไม่ได้ส่งถึงเจ้าของแผนที่กำลังปรับปรุง",
            "the referral is not addressed to this plan's owner",
        )
    if revision.items.filter(data__referral_id=referral.pk).exists():
        raise DomainError(
            "รายการส่งต่อนี้อยู่ในการปรับปรุงแผนครั้งนี้แล้ว", "the referral is already in this revision"
        )


@transaction.atomic
def revision_add_project(
    *,
    revision: PlanRevision,
    actor: Actor,
    data: dict[str, Any],
    reason: str = "",
    referral: Referral | None = None,
) -> RevisionItem:
    """เพิ่มโครงการ — checked now with the same rules as a new project, created on approval.

    ``referral``: a need referred to the plan's owner (an LAO's inbox); the added project is
    copied from it where ``data`` says nothing, and approving the revision records the referral
    as included (บรรจุในแผน) into the new project — the way an accepted plan takes in a need.
    """
    _require_draft(revision)
    plan = revision.plan
    if referral is not None:
        from planlink.referrals.services import _copy_data

        _referral_for(plan, revision, referral)
        source = Project.objects.select_related("issue").get(pk=referral.project_id)
        data = {**_copy_data(source, plan), **data, "referral_id": referral.pk}
    fields = clean_project_fields(plan, _project_data(data), partial=False)
    _areas(plan, data)
    years = _budget_years(plan, data)
    preview: dict[str, list[Any]] = {name: ["", _shown(value)] for name, value in fields.items()}
    if years:
        preview["budget_years"] = [{}, _plain({str(k): v for k, v in years.items()})]
    return _item(
        revision,
        actor,
        action=ItemAction.ADD,
        data=_plain(data),
        changes=preview,
        reason=_text(reason, 2000, "เหตุผล", "reason"),
    )


@transaction.atomic
def revision_change_project(
    *,
    revision: PlanRevision,
    actor: Actor,
    project: Project,
    data: dict[str, Any],
    expected_version: int | None = None,
    reason: str = "",
) -> RevisionItem:
    """เปลี่ยนแปลง/แก้ไขโครงการ — the new values; the diff is shown now and recorded on approval."""
    _require_draft(revision)
    _require_project_of(revision, project)
    changes = _preview_change(project, data)
    if not changes:
        raise DomainError(
            f"ข้อมูลที่เสนอไม่ต่างจากโครงการ “{project.title}” เดิม",
            "the proposed values equal the project's; nothing would change",
        )
    return _item(
        revision,
        actor,
        action=ItemAction.CHANGE,
        project=project,
        data=_plain(data),
        changes=changes,
        expected_version=expected_version or project.version,
        reason=_text(reason, 2000, "เหตุผล", "reason"),
    )


@transaction.atomic
def revision_move_project(
    *,
    revision: PlanRevision,
    actor: Actor,
    project: Project,
    to_form: str = "",
    to_plan: Plan | None = None,
    from_form: str = "",
    reason: str = "",
) -> RevisionItem:
    """ย้ายโครงการ — to another form of the plan (ผ.02 → ผ.02/2) or another plan of its owner."""
    _require_draft(revision)
    _require_project_of(revision, project)
    plan = revision.plan
    to_form = (to_form or "").strip()
    if not to_form and to_plan is None:
        raise DomainError(
            "ระบุแบบ (เช่น ผ.02/2) หรือแผนที่จะย้ายโครงการไป", "give the form or the plan to move to"
        )
    if to_form and to_form not in REVISION_FORMS:
        raise DomainError(
            f"ไม่รู้จักแบบ '{to_form}' (ใช้ {', '.join(REVISION_FORMS)})", f"unknown form '{to_form}'"
        )
    if to_form and from_form and to_form == from_form:
        raise DomainError(f"โครงการอยู่ในแบบ {to_form} อยู่แล้ว", f"the project is already in {to_form}")
    if to_plan is not None:
        if to_plan.pk == plan.pk:
            raise DomainError("แผนปลายทางคือแผนเดิม", "the target plan is this plan")
        same_owner = (
            to_plan.owner_area_id == plan.owner_area_id
            and to_plan.owner_lao_id == plan.owner_lao_id
            and to_plan.owner_agency_id == plan.owner_agency_id
            and to_plan.owner_cluster_id == plan.owner_cluster_id
        )
        if not same_owner:
            raise DomainError(
                "ย้ายโครงการได้เฉพาะไปยังแผนอื่นของเจ้าของแผนเดียวกัน (ส่งให้หน่วยอื่นให้ใช้การส่งต่อโครงการ)",
                "a project moves only to another plan of the same owner; "
                "send it to another body as a referral",
            )
    return _item(
        revision,
        actor,
        action=ItemAction.MOVE,
        project=project,
        from_form=(from_form or "").strip()[:10],
        to_form=to_form,
        from_plan=plan if to_plan is not None else None,
        to_plan=to_plan,
        changes={
            **({"form": [from_form or "", to_form]} if to_form else {}),
            **({"plan": [plan.pk, to_plan.pk]} if to_plan is not None else {}),
        },
        expected_version=project.version,
        reason=_text(reason, 2000, "เหตุผล", "reason"),
    )


@transaction.atomic
def revision_withdraw_project(
    *,
    revision: PlanRevision,
    actor: Actor,
    project: Project,
    reason: str,
    link_kind: str = "",
    linked_project: Project | None = None,
) -> RevisionItem:
    """ถอนโครงการ — with a reason; ``duplicate_of``/``merged_into`` name the project it joins."""
    _require_draft(revision)
    _require_project_of(revision, project)
    reason = _text(reason, 2000, "เหตุผลที่ถอนโครงการ", "reason", required=True)
    if bool(link_kind) != (linked_project is not None):
        raise DomainError(
            "ระบุทั้งชนิดของความเชื่อมโยง (ซ้ำกับ/รวมกับ) และโครงการที่เชื่อมโยง",
            "give both link_kind and the linked project",
        )
    if link_kind and link_kind not in LinkKind.values:
        raise DomainError(f"ไม่รู้จักความเชื่อมโยง '{link_kind}'", f"unknown link kind '{link_kind}'")
    if linked_project is not None:
        if linked_project.pk == project.pk:
            raise DomainError("โครงการเชื่อมโยงกับตัวเองไม่ได้", "a project cannot link to itself")
        if linked_project.plan_id != project.plan_id:
            raise DomainError(
                "โครงการที่ซ้ำหรือรวมกันต้องอยู่ในแผนเดียวกัน",
                "the duplicate or merged-into project must be in the same plan",
            )
        if linked_project.pk in withdrawn_project_ids(revision.plan):
            raise DomainError(
                f"โครงการ “{linked_project.title}” ถูกถอนไปแล้ว รวมเข้าไม่ได้",
                "the linked project was withdrawn",
            )
    return _item(
        revision,
        actor,
        action=ItemAction.WITHDRAW,
        project=project,
        link_kind=link_kind,
        linked_project=linked_project,
        changes={"withdrawn": [False, True]},
        expected_version=project.version,
        reason=reason,
    )


@transaction.atomic
def revision_remove_item(*, item: RevisionItem, actor: Actor) -> None:
    """Take an item out of a draft revision."""
    revision = item.revision
    _require_draft(revision)
    audit_record(
        actor=actor,
        action="plan.revision.item.remove",
        obj=revision,
        scope_code=revision.plan.scope_code,
        changes={"item": [item.pk, ""]},
    )
    item.delete()


# ------------------------------------------------------------------------------ approval


def _check_version(project: Project, expected: int | None) -> Project:
    current = Project.objects.select_for_update().select_related("plan").get(pk=project.pk)
    if expected is not None and current.version != expected:
        raise ConflictError(
            f"โครงการ “{current.title}” ถูกเปลี่ยนหลังจากบันทึกรายการนี้ "
            "โปรดนำรายการออกแล้วเสนอใหม่ตามข้อมูลล่าสุด",
            f"project {current.pk} changed since the item was recorded; re-propose it",
            project_id=current.pk,
            current_version=current.version,
        )
    return current


def _apply_add(item: RevisionItem, plan: Plan, actor: Actor) -> None:
    data = dict(item.data)
    fields = clean_project_fields(plan, _project_data(data), partial=False)
    areas = _areas(plan, data)
    project = Project.objects.create(plan=plan, created_by=acting_user(actor), **fields)
    project.areas.set(
        areas if areas is not None else ([plan.owner_area] if plan.owner_area else [])
    )
    _set_budget_years(project, _budget_years(plan, data))
    item.project = project
    item.changes = {name: ["", _shown(value)] for name, value in fields.items()}
    if data.get("budget_years"):
        item.changes["budget_years"] = [{}, _budget_year_values(project)]
        item.changes["budget"] = ["", str(project.budget)]
    item.save(update_fields=["project", "changes"])
    if data.get("referral_id"):
        from planlink.referrals.models import Decision, Referral
        from planlink.referrals.services import referral_decide

        referral_decide(
            referral=Referral.objects.get(pk=data["referral_id"]),
            actor=actor,
            decision=Decision.INCLUDED,
            result_project=project,
            reason=f"บรรจุในแผนโดย{item.revision.label}",
        )
    audit_record(
        actor=actor,
        action="project.create",
        obj=project,
        scope_code=plan.scope_code,
        changes=item.changes,
        message=item.revision.label,
    )


def _apply_change(item: RevisionItem, plan: Plan, actor: Actor) -> None:
    assert item.project is not None
    project = _check_version(item.project, item.expected_version)
    data = dict(item.data)
    changes = _preview_change(project, data)
    fields = clean_project_fields(plan, _project_data(data), partial=True)
    if not changes:
        raise DomainError(
            f"โครงการ “{project.title}” ตรงกับข้อมูลที่เสนออยู่แล้ว ไม่มีอะไรเปลี่ยน",
            f"project {project.pk} already has the proposed values",
        )
    budget_before = project.budget
    Project.objects.filter(pk=project.pk).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    project.refresh_from_db()
    areas = _areas(plan, data)
    if areas is not None:
        project.areas.set(areas)
    _set_budget_years(project, _budget_years(plan, data))
    if "budget_years" in changes and project.budget != budget_before:
        changes["budget"] = [str(budget_before), str(project.budget)]
    item.changes = changes
    item.save(update_fields=["changes"])
    audit_record(
        actor=actor,
        action="project.update",
        obj=project,
        scope_code=plan.scope_code,
        changes=changes,
        message=item.revision.label,
    )


def _apply_move(item: RevisionItem, plan: Plan, actor: Actor) -> None:
    assert item.project is not None
    project = _check_version(item.project, item.expected_version)
    update: dict[str, Any] = {"version": F("version") + 1, "updated_at": timezone.now()}
    if item.to_plan_id:
        update["plan_id"] = item.to_plan_id
    Project.objects.filter(pk=project.pk).update(**update)
    audit_record(
        actor=actor,
        action="project.move",
        obj=project,
        scope_code=plan.scope_code,
        changes=item.changes,
        message=item.revision.label,
    )


def _apply_withdraw(item: RevisionItem, plan: Plan, actor: Actor) -> None:
    assert item.project is not None
    project = _check_version(item.project, item.expected_version)
    if item.linked_project_id and item.linked_project_id in withdrawn_project_ids(plan):
        raise DomainError(
            "โครงการที่ซ้ำหรือรวมกันถูกถอนไปแล้ว", "the linked project was withdrawn meanwhile"
        )
    Project.objects.filter(pk=project.pk).update(
        version=F("version") + 1, updated_at=timezone.now()
    )
    audit_record(
        actor=actor,
        action="project.withdraw",
        obj=project,
        scope_code=plan.scope_code,
        changes={
            "withdrawn": [False, True],
            **({item.link_kind: ["", item.linked_project_id]} if item.link_kind else {}),
        },
        message=item.revision.label,
    )


APPLY = {
    ItemAction.ADD: _apply_add,
    ItemAction.CHANGE: _apply_change,
    ItemAction.MOVE: _apply_move,
    ItemAction.WITHDRAW: _apply_withdraw,
}


@transaction.atomic
def revision_approve(
    *,
    revision: PlanRevision,
    actor: Actor,
    approved_on: datetime.date,
    approver_name: str,
    approval_reference: str = "",
    meeting: Meeting | None = None,
) -> PlanRevision:
    """อนุมัติ — record the approval and apply every item, all or nothing."""
    revision = PlanRevision.objects.select_for_update().select_related("plan").get(pk=revision.pk)
    _require_draft(revision)
    plan = Plan.objects.select_for_update().get(pk=revision.plan_id)
    if plan.state != PlanState.ACCEPTED:
        raise StateError(
            "แผนไม่ได้อยู่ในสถานะรับแล้ว อนุมัติการปรับปรุงแผนไม่ได้",
            "the plan is no longer accepted; the revision cannot be approved",
        )
    approver_name = _text(approver_name, 250, "ผู้อนุมัติ", "approver", required=True)
    approval_reference = _text(approval_reference, 250, "เลขที่ประกาศ/หนังสืออนุมัติ", "reference")
    if not isinstance(approved_on, datetime.date):
        raise DomainError("ต้องระบุวันที่อนุมัติ", "the approval date is required")
    if approved_on > timezone.localdate():
        raise DomainError("วันที่อนุมัติเป็นวันในอนาคตไม่ได้", "the approval date is in the future")
    accepted_on = timezone.localtime(plan.accepted_at).date() if plan.accepted_at else None
    if accepted_on and approved_on < accepted_on:
        raise DomainError(
            "วันที่อนุมัติต้องไม่ก่อนวันที่รับแผน", "the approval date is before the plan was accepted"
        )
    if meeting is not None and meeting.scope_code[:2] != plan.scope_code[:2]:
        raise DomainError(
            "การประชุมที่อ้างถึงเป็นของคณะกรรมการในจังหวัดอื่น",
            "the meeting belongs to a committee of another province",
        )
    items = list(revision.items.select_related("project", "to_plan").order_by("order", "id"))
    if not items:
        raise DomainError("การปรับปรุงแผนยังไม่มีรายการโครงการ อนุมัติไม่ได้", "the revision has no items")
    for item in items:
        APPLY[ItemAction(item.action)](item, plan, actor)
    PlanRevision.objects.filter(pk=revision.pk).update(
        state=RevisionState.APPROVED,
        approved_on=approved_on,
        approver_name=approver_name,
        approval_reference=approval_reference,
        meeting=meeting,
        approved_by=acting_user(actor),
        approved_at=timezone.now(),
    )
    revision.refresh_from_db()
    Plan.objects.filter(pk=plan.pk).update(updated_at=timezone.now())
    audit_record(
        actor=actor,
        action="plan.revision.approve",
        obj=revision,
        scope_code=plan.scope_code,
        changes={
            "state": [RevisionState.DRAFT, RevisionState.APPROVED],
            "approved_on": ["", approved_on.isoformat()],
            "approver_name": ["", approver_name],
            "items": ["", len(items)],
        },
        message=revision.label,
    )
    return revision


def diff_preview(project: Project, data: dict[str, Any]) -> dict[str, list[Any]]:
    """What a change item would record for ``project`` (for forms showing the diff first)."""
    return _preview_change(project, data)
