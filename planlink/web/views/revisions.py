"""การปรับปรุงแผน — the revisions of an accepted plan: history, drafting, approval.

Thin over :mod:`planlink.plans.revisions` (the rules) and
:mod:`planlink.accounts.access.revisions` (who reads and writes). Every action is a POST with
``action`` (start, add, change, move, withdraw, remove, approve) answered by a redirect back
with a message; a refusal shows the domain's Thai message and writes nothing.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from planlink.accounts.access import (
    access_for,
    access_meeting,
    access_plan,
    access_referral,
    access_revision,
    access_revision_item,
    can_revise_plan,
    meetings_visible,
    require_plan_reviser,
)
from planlink.core.errors import DomainError
from planlink.core.thai import be_year
from planlink.documents.revision_parts import current_forms, revision_approval_text
from planlink.plans.models import Plan, PlanKind, PlanState, Project
from planlink.plans.revision_models import LinkKind, PlanRevision, RevisionKind, RevisionState
from planlink.plans.revisions import (
    REVISION_FORMS,
    describe_item,
    plan_revisions,
    revision_add_project,
    revision_approve,
    revision_change_project,
    revision_create,
    revision_move_project,
    revision_remove_item,
    revision_withdraw_project,
    withdrawn_project_ids,
)
from planlink.web.views.common import domain_view, error_text, page

CHANGE_FIELDS = ("title", "objective", "kpi", "expected_result", "responsible_unit")


def _int(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat((value or "").strip())
    except ValueError as error:
        raise DomainError("ต้องระบุวันที่อนุมัติให้ถูกต้อง", "a valid approval date is required") from error


def _years(plan: Plan) -> list[int]:
    if plan.span_start:
        return list(range(plan.span_start, (plan.span_end or plan.span_start) + 1))
    return [plan.cycle_id]


def _budget_years(request: HttpRequest) -> dict[str, str] | None:
    year = request.POST.get("budget_year", "").strip()
    amount = request.POST.get("budget_amount", "").strip()
    if not amount:
        return None
    if not year:
        raise DomainError("ระบุปีงบประมาณของจำนวนเงิน", "give the fiscal year of the amount")
    return {year: amount}


def _project(plan: Plan, value: Any, what: str = "โครงการ") -> Project:
    project = Project.objects.select_related("plan").filter(pk=_int(value) or 0, plan=plan).first()
    if project is None:
        raise DomainError(f"เลือก{what}ของแผนนี้", "choose a project of this plan")
    return project


# ------------------------------------------------------------------------------ pages


@domain_view
def plan_revision_list(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan's revisions; its owner starts one (POST action=start)."""
    plan = access_plan(request.user, plan_id)
    if request.method == "POST":
        require_plan_reviser(request.user, plan)
        try:
            revision = revision_create(
                plan=plan,
                actor=request.user,
                kind=request.POST.get("kind", ""),
                year=_int(request.POST.get("year")),
                number=_int(request.POST.get("number")),
                reason=request.POST.get("reason", ""),
            )
        except DomainError as error:
            messages.error(request, error_text(error))
            return redirect("plan_revisions", plan_id=plan.pk)
        messages.success(request, _("เริ่มร่างการปรับปรุงแผนแล้ว"))
        return redirect("plan_revision", plan_id=plan.pk, revision_id=revision.pk)
    revisions = list(plan_revisions(plan))
    can_revise = can_revise_plan(request.user, plan)
    return page(
        request,
        "web/plan_revisions.html",
        "home",
        plan=plan,
        revisions=revisions,
        approvals={revision.pk: revision_approval_text(revision) for revision in revisions},
        can_revise=can_revise,
        can_start=can_revise
        and plan.state == PlanState.ACCEPTED
        and not any(revision.state == RevisionState.DRAFT for revision in revisions),
        kinds=[(value, pgettext("revision kind", label)) for value, label in RevisionKind.choices],
        this_year=be_year(timezone.localdate()),
        is_synthetic=plan.synthetic,
    )


@domain_view
def plan_revision_detail(request: HttpRequest, plan_id: int, revision_id: int) -> HttpResponse:
    """One revision: its items and approval; on a draft, the owner adds items and approves."""
    revision = access_revision(request.user, revision_id, plan_id=plan_id)
    plan = revision.plan
    if request.method == "POST":
        require_plan_reviser(request.user, plan)
        try:
            done = _act(request, revision)
        except DomainError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, done)
        return redirect("plan_revision", plan_id=plan.pk, revision_id=revision.pk)
    revision = plan_revisions(plan).get(pk=revision.pk)
    draft = revision.state == RevisionState.DRAFT
    can_revise = can_revise_plan(request.user, plan) and draft
    withdrawn = withdrawn_project_ids(plan)
    projects = [
        project
        for project in Project.objects.filter(plan=plan).order_by("issue__order", "priority", "id")
        if project.pk not in withdrawn
    ]
    items = list(revision.items.all())
    return page(
        request,
        "web/plan_revision.html",
        "home",
        plan=plan,
        revision=revision,
        items=[(item, describe_item(item)) for item in items],
        approval=revision_approval_text(revision),
        can_revise=can_revise,
        projects=projects,
        forms=REVISION_FORMS if plan.kind == PlanKind.LOCAL_DEVELOPMENT else (),
        other_plans=list(
            access_for(request.user)
            .plans()
            .filter(
                owner_area_id=plan.owner_area_id,
                owner_lao_id=plan.owner_lao_id,
                owner_agency_id=plan.owner_agency_id,
                owner_cluster_id=plan.owner_cluster_id,
            )
            .exclude(pk=plan.pk)
            .order_by("-cycle_id", "kind")
        )
        if can_revise
        else [],
        years=_years(plan),
        link_kinds=[(value, pgettext("revision link", label)) for value, label in LinkKind.choices],
        meetings=list(
            meetings_visible(request.user)
            .filter(scope_code__startswith=plan.scope_code[:2])
            .select_related("committee")
            .order_by("-held_on")[:50]
        )
        if can_revise and plan.scope_code
        else [],
        referrals=_pending_referrals(request, plan) if can_revise else [],
        today=timezone.localdate().isoformat(),
        is_synthetic=plan.synthetic,
    )


def _pending_referrals(request: HttpRequest, plan: Plan) -> list[Any]:
    """Needs referred to the plan's owner and still pending: what an addition may take in."""
    addressed = Q(to_plan=plan)
    if plan.owner_lao_id:
        addressed |= Q(to_lao_id=plan.owner_lao_id)
    if plan.owner_agency_id:
        addressed |= Q(to_agency_id=plan.owner_agency_id)
    return list(
        access_for(request.user)
        .referrals()
        .filter(addressed, decision="pending")
        .select_related("project__plan")
        .order_by("id")[:200]
    )


def _act(request: HttpRequest, revision: PlanRevision) -> str:
    data = request.POST
    action = data.get("action", "")
    plan = revision.plan
    user: Any = request.user
    reason = data.get("reason", "")
    if action == "include":
        referral = access_referral(user, _int(data.get("referral")) or 0, for_decision=True)
        years = _budget_years(request)
        revision_add_project(
            revision=revision,
            actor=user,
            data={"budget_years": years} if years else {},
            reason=reason,
            referral=referral,
        )
        return _("เพิ่มรายการ: รับความต้องการที่ส่งมาเข้าแผน")
    if action == "add":
        values: dict[str, Any] = {
            name: data.get(name, "") for name in CHANGE_FIELDS if data.get(name, "").strip()
        }
        values["title"] = data.get("title", "")
        if data.get("issue_code"):
            values["issue_code"] = data["issue_code"]
        years = _budget_years(request)
        if years:
            values["budget_years"] = years
        revision_add_project(revision=revision, actor=user, data=values, reason=reason)
        return _("เพิ่มรายการ: เพิ่มโครงการ")
    if action == "change":
        project = _project(plan, data.get("project"))
        values = {name: data[name] for name in CHANGE_FIELDS if data.get(name, "").strip()}
        years = _budget_years(request)
        if years:
            current = {
                str(year): str(amount)
                for year, amount in project.budget_years.values_list("fiscal_year", "amount")
            }
            values["budget_years"] = {**current, **years}
        revision_change_project(
            revision=revision,
            actor=user,
            project=project,
            data=values,
            expected_version=project.version,
            reason=reason,
        )
        return _("เพิ่มรายการ: เปลี่ยนแปลงโครงการ")
    if action == "move":
        project = _project(plan, data.get("project"))
        to_plan = None
        if _int(data.get("to_plan")):
            to_plan = access_plan(user, _int(data.get("to_plan")) or 0, for_write=True)
        to_form = data.get("to_form", "")
        revision_move_project(
            revision=revision,
            actor=user,
            project=project,
            to_form=to_form,
            to_plan=to_plan,
            from_form=current_forms(plan).get(project.pk, "") if to_form else "",
            reason=reason,
        )
        return _("เพิ่มรายการ: ย้ายโครงการ")
    if action == "withdraw":
        project = _project(plan, data.get("project"))
        linked = None
        if data.get("link_kind"):
            linked = _project(plan, data.get("linked_project"), "โครงการที่ซ้ำหรือรวมกัน")
        revision_withdraw_project(
            revision=revision,
            actor=user,
            project=project,
            reason=reason,
            link_kind=data.get("link_kind", ""),
            linked_project=linked,
        )
        return _("เพิ่มรายการ: ถอนโครงการ")
    if action == "remove":
        item = access_revision_item(user, _int(data.get("item")) or 0, for_write=True)
        if item.revision_id != revision.pk:
            raise DomainError("รายการนี้ไม่อยู่ในการปรับปรุงแผนครั้งนี้", "not an item of this revision")
        revision_remove_item(item=item, actor=user)
        return _("นำรายการออกแล้ว")
    if action == "approve":
        meeting = None
        if _int(data.get("meeting")):
            meeting = access_meeting(user, _int(data.get("meeting")) or 0)
        revision_approve(
            revision=revision,
            actor=user,
            approved_on=_date(data.get("approved_on", "")),
            approver_name=data.get("approver_name", ""),
            approval_reference=data.get("approval_reference", ""),
            meeting=meeting,
        )
        return _("บันทึกการอนุมัติและปรับปรุงแผนแล้ว")
    raise DomainError("ไม่รู้จักคำสั่ง", "unknown action")
