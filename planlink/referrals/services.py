"""Writes on the referral ledger and on funding requests."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from planlink.areas.models import Agency, Area, LocalGovernment
from planlink.audit.services import audit_record
from planlink.core.errors import DomainError, PermissionDenied, StateError
from planlink.core.types import acting_user
from planlink.plans.models import Plan, Project, ProjectComponent
from planlink.plans.services import _decimal, project_create
from planlink.referrals.components import recompute_from_sources
from planlink.referrals.models import (
    LIVE_FUNDING_STATUSES,
    OPEN_DECISIONS,
    Decision,
    FundingRequest,
    FundingSource,
    FundingStatus,
    Referral,
    TargetKind,
)

if TYPE_CHECKING:
    from planlink.core.types import Actor


@dataclass(frozen=True)
class Target:
    """Where a referral goes; build with the ``to_*`` helpers below."""

    kind: str
    key: str
    scope_code: str
    plan: Plan | None = None
    lao: LocalGovernment | None = None
    agency: Agency | None = None
    area: Area | None = None
    label: str = ""


def to_plan(plan: Plan) -> Target:
    return Target(TargetKind.PLAN, f"plan:{plan.pk}", plan.scope_code, plan=plan, label=plan.title)


def to_lao(lao: LocalGovernment) -> Target:
    kind = TargetKind.PAO if lao.kind == LocalGovernment.Kind.PAO else TargetKind.LAO
    return Target(kind, f"lao:{lao.code}", lao.area_code, lao=lao, label=lao.full_name_th)


def to_agency(agency: Agency) -> Target:
    return Target(
        TargetKind.AGENCY, f"agency:{agency.code}", "", agency=agency, label=agency.name_th
    )


def to_committee(kind: str, area: Area) -> Target:
    if kind not in (TargetKind.DISTRICT_LAO_COMMITTEE, TargetKind.PROVINCIAL_LAO_COMMITTEE):
        raise DomainError("ไม่รู้จักคณะกรรมการ", f"unknown committee kind {kind}")
    return Target(
        kind,
        f"{kind}:{area.code}",
        area.code,
        area=area,
        label=f"{TargetKind(kind).label} {area.display_name}",
    )


def _target_fields(target: Target) -> dict[str, Any]:
    return {
        "target_kind": target.kind,
        "target_key": target.key,
        "scope_code": target.scope_code,
        "to_plan": target.plan,
        "to_lao": target.lao,
        "to_agency": target.agency,
        "to_area": target.area,
    }


@transaction.atomic
def referral_send(
    *,
    project: Project,
    target: Target,
    actor: Actor,
    reason: str = "",
    proposed_by_engine: bool = False,
    engine_reason: str = "",
    previous: Referral | None = None,
) -> Referral:
    """Send ``project`` to ``target`` (or forward it onward from ``previous``).

    A person (``actor`` a user, signed in or not) must be able to act on the source — own
    the project's plan, or be the receiver of ``previous`` when forwarding — and the target
    must be a legal route for the project (``planlink.referrals.routing.check_route``: level,
    capacity, the circulars' routes). Refusals raise ``PermissionDenied``/``DomainError``
    (Thai and English) and write nothing. ``actor=None`` is the system (the engine's own
    routes are proposed by ``consolidation/routing.py``; fixtures).
    """
    if target.plan is not None and target.plan.pk == project.plan_id:
        raise DomainError(
            "ส่งโครงการไปยังแผนของตัวเองไม่ได้", "a project cannot be sent to its own plan"
        )
    if actor is not None:
        _check_sender(project=project, target=target, actor=actor, previous=previous)
    live = Referral.objects.filter(
        project=project,
        target_key=target.key,
        decision__in=OPEN_DECISIONS,
    ).first()
    if live is not None:
        raise DomainError(
            f"โครงการนี้ส่งไปยัง {target.label} แล้ว (รายการที่ {live.pk}, {live.get_decision_display()})",
            f"this project was already sent to {target.key} (referral {live.pk})",
            referral_id=live.pk,
        )
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                project=project,
                previous=previous,
                reason=reason[:2000],
                proposed_by_engine=proposed_by_engine,
                engine_reason=engine_reason,
                created_by=acting_user(actor),
                **_target_fields(target),
            )
    except IntegrityError as error:
        raise DomainError("โครงการนี้ส่งไปยังปลายทางนี้แล้ว", "already sent to this target") from error
    audit_record(
        actor=actor,
        action="referral.send",
        obj=referral,
        scope_code=referral.scope_code,
        changes={"project": project.pk, "target": target.key},
    )
    return referral


def _check_sender(
    *, project: Project, target: Target, actor: Actor, previous: Referral | None
) -> None:
    """Access on both ends: the sender acts on the source; the target is a legal route.

    Acting on the source: owning its plan, or reviewing it — the level above collects the
    needs of the plans it reviews (the ศอช.ต. from village plans, docs/reference/seeds/002 §5; the province
    from district needs plans, docs/reference/seeds/003 §5).
    """
    from planlink.accounts.access import access_for
    from planlink.referrals.routing import check_route

    access = access_for(actor)
    if previous is None:
        if not (access.owns_plan(project.plan) or access.can_review_plan(project.plan)):
            raise PermissionDenied(
                "คุณไม่มีสิทธิ์ส่งต่อโครงการของแผนนี้", "you may not send projects of this plan on"
            )
    elif not access.can_decide_referral(previous):
        raise PermissionDenied("คุณไม่ใช่ผู้รับเรื่องนี้", "you are not the receiver of this referral")
    check_route(project, target, previous=previous)


@transaction.atomic
def referral_send_to(*, project: Project, name: str, actor: Actor, reason: str = "") -> Referral:
    """Send ``project`` to the receiver named ``name`` (``district_needs:2401``, ``lao:…``,
    ``plan:<id>``; see ``planlink.referrals.routing``). One transaction: a receiving plan made
    for the send disappears with a refusal."""
    from planlink.referrals.routing import resolve_target

    target = resolve_target(project.plan, name, actor=actor)
    return referral_send(project=project, target=target, actor=actor, reason=reason)


@transaction.atomic
def projects_send_to(
    *, plan: Plan, projects: Iterable[Project], name: str, actor: Actor
) -> list[Referral]:
    """ส่งต่อ — send several projects of ``plan`` to the receiver named ``name``; all or nothing."""
    from planlink.referrals.routing import resolve_target

    target = resolve_target(plan, name, actor=actor)
    sent = []
    for project in projects:
        if project.plan_id != plan.pk:
            raise DomainError("โครงการไม่ได้อยู่ในแผนนี้", "the project is not in this plan")
        sent.append(referral_send(project=project, target=target, actor=actor))
    return sent


ALLOWED_DECISIONS: dict[str, set[str]] = {
    Decision.PENDING: {
        Decision.INCLUDED,
        Decision.MERGED,
        Decision.RETURNED,
        Decision.FORWARDED,
        Decision.FUNDED,
        Decision.NOT_FUNDED,
    },
    Decision.INCLUDED: {Decision.FUNDED, Decision.NOT_FUNDED},
    Decision.MERGED: set(),
    Decision.RETURNED: set(),
    Decision.FORWARDED: set(),
    Decision.FUNDED: set(),
    Decision.NOT_FUNDED: set(),
}


@transaction.atomic
def referral_decide(
    *,
    referral: Referral,
    actor: Actor,
    decision: str,
    result_project: Project | None = None,
    reason: str = "",
    amount: Any = None,
    funding_source: str = "",
    fiscal_year: int | None = None,
    forward_to: Target | None = None,
    automatic: bool = False,
    component: ProjectComponent | None = None,
) -> Referral:
    """Record the receiver's decision; ``forwarded`` also creates the next referral.

    ``component``: the decision concerns only that place of a grouped project (a funding
    decision for one village's road funds that village only; issue 12). Moving a source
    into, or out of, an engine-made project recomputes that project's figures.
    """
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if decision not in Decision.values:
        raise DomainError(f"ไม่รู้จักผลการพิจารณา '{decision}'", f"unknown decision '{decision}'")
    if decision not in ALLOWED_DECISIONS[referral.decision]:
        raise StateError(
            f"รายการนี้ '{referral.get_decision_display()}' แล้ว เปลี่ยนเป็น '{Decision(decision).label}' ไม่ได้",
            f"a referral that is {referral.decision} cannot become {decision}",
        )
    reason = (reason or "").strip()
    if len(reason) > 2000:
        raise DomainError("เหตุผลยาวเกิน 2,000 ตัวอักษร", "the reason is longer than 2,000 characters")
    fields: dict[str, Any] = {
        "decision": decision,
        "decided_at": timezone.now(),
        "decided_automatically": automatic,
        "decided_by": acting_user(actor),
    }
    if decision in (Decision.INCLUDED, Decision.MERGED):
        if result_project is None:
            raise DomainError("ต้องระบุโครงการที่รับเข้า/รวมเข้า", "the receiving project is required")
        if referral.to_plan_id and result_project.plan_id != referral.to_plan_id:
            raise DomainError(
                "โครงการที่รับเข้าต้องอยู่ในแผนปลายทาง", "the receiving project must be in the target plan"
            )
        if result_project.pk == referral.project_id:
            raise DomainError("รับเข้าเป็นโครงการเดิมไม่ได้", "a project cannot be included as itself")
        fields["result_project"] = result_project
        if referral.result_component_id and (
            result_project.pk != referral.proposed_result_project_id
        ):
            fields["result_component"] = None  # a place of another project: recomputed below
    if component is not None:
        if component.project_id != referral.project_id:
            raise DomainError(
                "องค์ประกอบที่ระบุไม่ใช่ของโครงการนี้", "the component is not part of this project"
            )
        fields["component"] = component
    if decision in (Decision.RETURNED, Decision.NOT_FUNDED) and not reason:
        raise DomainError("ต้องระบุเหตุผล", "a reason is required")
    if decision == Decision.FUNDED:
        fields["amount"] = _decimal(amount, "จำนวนเงิน", "amount", required=True)
        if not fiscal_year:
            raise DomainError("ต้องระบุปีงบประมาณ", "the fiscal year is required")
        fields["fiscal_year"] = int(fiscal_year)
        fields["funding_source"] = (funding_source or referral.target_key)[:200]
    if decision == Decision.FORWARDED and forward_to is None:
        raise DomainError("ต้องระบุปลายทางที่ส่งต่อ", "the forwarding target is required")
    fields["reason"] = reason or referral.reason
    previous_decision = referral.decision
    regrouped = _regrouped_projects(referral, decision, result_project)
    for name, value in fields.items():
        setattr(referral, name, value)
    referral.save()
    if regrouped:
        recompute_from_sources(regrouped)
    audit_record(
        actor=actor,
        action=f"referral.{decision}",
        obj=referral,
        scope_code=referral.scope_code,
        changes={"decision": [previous_decision, decision], "reason": reason},
    )
    if decision == Decision.FORWARDED and forward_to is not None:
        referral_send(
            project=referral.project,
            target=forward_to,
            actor=actor,
            previous=referral,
            reason=reason,
            proposed_by_engine=automatic,
        )
    return referral


def _regrouped_projects(
    referral: Referral, decision: str, result_project: Project | None
) -> set[int]:
    """The projects whose sources this decision changes (split, returned, added, forwarded)."""
    if referral.decision != Decision.PENDING or referral.to_plan_id is None:
        return set()
    proposed = referral.proposed_result_project_id
    if decision in (Decision.INCLUDED, Decision.MERGED) and result_project is not None:
        # Accepting a proposal into a project an officer settled adds a source to it too.
        return {pk for pk in (proposed, result_project.pk) if pk}
    return {proposed} if proposed else set()


COPIED_FIELDS = (
    "title",
    "rationale",
    "objective",
    "target_unit",
    "kpi",
    "expected_result",
    "responsible_unit",
    "mode",
    "capacity_level",
)


def _copy_data(source: Project, plan: Plan) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(source, name) for name in COPIED_FIELDS}
    data["budget"] = source.budget
    if source.target_quantity is not None:
        data["target_quantity"] = source.target_quantity
    if source.duration_months:
        data["duration_months"] = source.duration_months
    if source.issue_id and plan.scope_code and source.issue is not None:
        data["issue_code"] = source.issue.code
    return data


@transaction.atomic
def referral_include(
    *,
    referral: Referral,
    actor: Actor,
    plan: Plan,
    strategy_number: int | None = None,
    fiscal_year: int | None = None,
    priority: int | None = None,
    reason: str = "",
) -> Project:
    """บรรจุในแผน — copy the referred project into the receiver's ``plan``, record ``included``.

    One transaction: a refusal anywhere (``project_create``, ``referral_decide``) leaves
    nothing half done. ``fiscal_year`` puts the whole budget in that year (an LAO's "which
    year"); ``strategy_number`` aligns the copy to a provincial strategy (district plans).
    """
    if referral.decision != Decision.PENDING:
        raise DomainError(
            f"รายการนี้ '{referral.get_decision_display()}' แล้ว",
            f"this referral is already {referral.decision}",
        )
    source = Project.objects.select_related("issue", "strategy", "plan").get(pk=referral.project_id)
    data = _copy_data(source, plan)
    if strategy_number:
        data["strategy_number"] = strategy_number
    elif source.strategy is not None and plan.scope_code[:2] == source.plan.scope_code[:2]:
        data["strategy_number"] = source.strategy.number
    if priority:
        data["priority"] = priority
    areas = list(source.areas.all())
    if plan.scope_code:
        areas = [area for area in areas if area.code.startswith(plan.scope_code[:2])]
    copy = project_create(
        plan=plan,
        actor=actor,
        data=data,
        areas=areas,
        budget_years={fiscal_year: source.budget} if fiscal_year else None,
    )
    referral_decide(
        referral=referral,
        actor=actor,
        decision=Decision.INCLUDED,
        result_project=copy,
        reason=reason,
        fiscal_year=fiscal_year,
    )
    return copy


@transaction.atomic
def projects_send(*, projects: Iterable[Project], actor: Actor, target: Target) -> list[Referral]:
    """ส่งต่อ — send several projects to one receiver; all or nothing."""
    return [referral_send(project=project, target=target, actor=actor) for project in projects]


FUNDING_SOURCE_TH = dict(FundingSource.choices)


def _funding_label(request: FundingRequest) -> str:
    if request.source_agency is not None:
        return request.source_agency.name_th
    if request.source_lao is not None:
        return request.source_lao.full_name_th
    return request.source_name or FUNDING_SOURCE_TH.get(request.source, request.source)


@transaction.atomic
def funding_request_create(
    *,
    project: Project,
    actor: Actor,
    source: str,
    fiscal_year: int,
    requested: Any,
    source_agency: Agency | None = None,
    source_lao: LocalGovernment | None = None,
    source_name: str = "",
    synthetic: bool = False,
    component: ProjectComponent | None = None,
) -> FundingRequest:
    """Open a funding request; a second live request for the same fiscal year is refused.

    ``component``: the request is for one place of a grouped project only; each place may
    be requested on its own, never together with a request for the whole project.
    """
    if source not in FundingSource.values:
        raise DomainError(f"ไม่รู้จักแหล่งงบประมาณ '{source}'", f"unknown funding source '{source}'")
    if component is not None and component.project_id != project.pk:
        raise DomainError(
            "องค์ประกอบที่ระบุไม่ใช่ของโครงการนี้", "the component is not part of this project"
        )
    amount = _decimal(requested, "จำนวนเงินที่ขอ", "requested amount", required=True)
    live = FundingRequest.objects.select_related("source_agency", "source_lao").filter(
        project=project, fiscal_year=fiscal_year, status__in=LIVE_FUNDING_STATUSES
    )
    if component is not None:  # the same place, or the whole project, is already requested
        live = live.filter(Q(component__isnull=True) | Q(component=component))
    first = live.first()
    if first is not None:
        raise DomainError(
            f"โครงการนี้ขอรับงบประมาณปี {fiscal_year} จาก{_funding_label(first)} ไว้แล้ว "
            f"(คำขอเลขที่ {first.pk}) ขอซ้ำจากแหล่งอื่นไม่ได้",
            f"this project already has request {first.pk} for FY{fiscal_year} "
            f"from {first.source_agency_id or first.source_lao_id or first.source}",
            first_request_id=first.pk,
        )
    request = FundingRequest(
        project=project,
        source=source,
        source_agency=source_agency,
        source_lao=source_lao,
        source_name=source_name[:250],
        component=component,
        fiscal_year=fiscal_year,
        requested=amount,
        scope_code=project.plan.scope_code,
        synthetic=synthetic,
        created_by=acting_user(actor),
    )
    try:
        with transaction.atomic():
            request.save()
    except IntegrityError as error:
        raise DomainError(
            "โครงการนี้มีคำขอรับงบประมาณปีนี้อยู่แล้ว", "this project already has a live request for the year"
        ) from error
    audit_record(
        actor=actor,
        action="funding.request",
        obj=request,
        scope_code=request.scope_code,
        changes={"source": source, "fiscal_year": fiscal_year, "requested": str(amount)},
    )
    return request


@transaction.atomic
def funding_request_decide(
    *,
    request: FundingRequest,
    actor: Actor,
    status: str,
    approved: Any = None,
    allocated: Any = None,
    reason: str = "",
) -> FundingRequest:
    request = FundingRequest.objects.select_for_update().get(pk=request.pk)
    allowed: dict[str, set[str]] = {
        FundingStatus.OPEN: {
            FundingStatus.APPROVED,
            FundingStatus.REJECTED,
            FundingStatus.WITHDRAWN,
        },
        FundingStatus.APPROVED: {FundingStatus.WITHDRAWN},
    }
    if status not in allowed.get(request.status, set()):
        raise StateError(
            f"เปลี่ยนสถานะคำขอจาก '{FundingStatus(request.status).label}' "
            f"เป็น '{dict(FundingStatus.choices).get(status, status)}' ไม่ได้",
            f"a {request.status} request cannot become {status}",
        )
    previous = request.status
    request.status = status
    request.decided_at = timezone.now()
    request.reason = (reason or "")[:2000]
    if status == FundingStatus.APPROVED:
        request.approved = _decimal(approved, "จำนวนเงินที่อนุมัติ", "approved amount", required=True)
        request.allocated = (
            _decimal(allocated, "จำนวนเงินที่จัดสรร", "allocated amount") or request.approved
        )
    elif status == FundingStatus.REJECTED and not request.reason:
        raise DomainError("ต้องระบุเหตุผลที่ไม่อนุมัติ", "a reason is required")
    request.save()
    audit_record(
        actor=actor,
        action=f"funding.{status}",
        obj=request,
        scope_code=request.scope_code,
        changes={"status": [previous, status], "approved": ["", str(request.approved or "")]},
    )
    return request


def money(value: Decimal | None) -> str:
    return f"{value:,.2f}" if value is not None else ""
