"""เรื่องเข้า — what was sent to the user's unit, and the receiver's decisions.

One inbox serves the LAO planner (บัญชีประสานโครงการ: include in the local
development plan for a year, return with a reason, or mark beyond capacity),
the district and provincial officers (needs plans, coordination committees)
and the agency officer (include in the budget request, then funded or not).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts.access import access_for, access_plan, access_referral
from planlink.core.errors import DomainError
from planlink.plans.models import Plan, ProjectComponent
from planlink.referrals import routing
from planlink.referrals.models import Decision, Referral, TargetKind
from planlink.referrals.services import projects_send_to, referral_decide, referral_include
from planlink.web import selectors
from planlink.web.forms import DecideForm, SendForm
from planlink.web.views.common import domain_view, error_text, page


@domain_view
def inbox(request: HttpRequest) -> HttpResponse:
    access = access_for(request.user)
    pending = selectors.inbox(access)
    awaiting_funding = selectors.awaiting_funding_result(access)
    strategies = selectors.strategies_for(pending)
    return page(
        request,
        "web/inbox.html",
        "inbox",
        pending=pending,
        awaiting_funding=awaiting_funding,
        strategies=strategies,
        is_synthetic=any(r.project.plan.synthetic for r in pending + awaiting_funding),
    )


@require_POST
@domain_view
def referral_decision(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Record one decision; a refusal shows its reason and changes nothing."""
    referral = access_referral(request.user, referral_id, for_decision=True)
    form = DecideForm(request.POST)
    back = request.POST.get("next") or ""
    if not form.is_valid():
        messages.error(request, _("ข้อมูลไม่ครบ โปรดตรวจสอบ"))
        return _back(back)
    data = form.cleaned_data
    action = data["action"]
    try:
        component = _component(referral, data.get("component"), action)
        if action == "include":
            if not routing.can_include(referral):
                raise DomainError("บรรจุในแผนไม่ได้", "cannot be included")
            referral_include(
                referral=referral,
                actor=request.user,
                plan=routing.receiving_plan(referral, request.user),
                strategy_number=data.get("strategy_number"),
                fiscal_year=data.get("fiscal_year"),
                reason=data.get("reason") or "",
            )
            if referral.target_kind == TargetKind.AGENCY:
                messages.success(request, _("บรรจุในคำของบประมาณแล้ว"))
            else:
                messages.success(request, _("บรรจุในแผนแล้ว"))
        elif action == "return":
            referral_decide(
                referral=referral,
                actor=request.user,
                decision=Decision.RETURNED,
                reason=data.get("reason") or "",
                component=component,
            )
            messages.success(request, _("ส่งคืนแล้ว"))
        elif action == "forward":
            referral_decide(
                referral=referral,
                actor=request.user,
                decision=Decision.FORWARDED,
                reason=data.get("reason") or "",
                forward_to=routing.forward_target(referral, request.user),
                component=component,
            )
            messages.success(request, _("ส่งต่อแล้ว"))
        elif action == "funded":
            referral_decide(
                referral=referral,
                actor=request.user,
                decision=Decision.FUNDED,
                amount=data.get("amount"),
                fiscal_year=data.get("fiscal_year"),
                funding_source=_receiver_label(referral),
                reason=data.get("reason") or "",
                component=component,
            )
            messages.success(request, _("บันทึกการได้รับงบประมาณแล้ว"))
        else:
            referral_decide(
                referral=referral,
                actor=request.user,
                decision=Decision.NOT_FUNDED,
                reason=data.get("reason") or "",
                component=component,
            )
            messages.success(request, _("บันทึกผลแล้ว"))
    except DomainError as error:
        messages.error(request, error_text(error))
    return _back(back)


def _component(
    referral: Referral, component_id: int | None, action: str
) -> ProjectComponent | None:
    """The one place of a grouped project a decision names (as the API's ``component_id``);
    none: the whole project. Inclusion copies the whole project, so it names no place."""
    if component_id is None:
        return None
    if action == "include":
        raise DomainError(
            "การบรรจุในแผนใช้กับทั้งโครงการ ไม่เลือกเฉพาะพื้นที่",
            "inclusion takes the whole project; name no place",
        )
    component = ProjectComponent.objects.filter(
        pk=component_id, project_id=referral.project_id
    ).first()
    if component is None:
        raise DomainError(
            "พื้นที่ที่เลือกไม่ใช่องค์ประกอบของโครงการนี้",
            "the place chosen is not a component of this project",
        )
    return component


def _receiver_label(referral) -> str:  # noqa: ANN001
    if referral.to_agency_id:
        return referral.to_agency.name_th
    if referral.to_lao_id:
        return referral.to_lao.full_name_th
    return referral.target_key


def _back(url: str) -> HttpResponse:
    if url.startswith("/") and not url.startswith("//"):
        return redirect(url)
    return redirect("inbox")


@require_POST
@domain_view
def plan_send_projects(request: HttpRequest, plan_id: int) -> HttpResponse:
    """ส่งต่อโครงการ — the plan's owner sends chosen projects to one receiver."""
    plan: Plan = access_plan(request.user, plan_id, for_write=True)
    projects = {project.pk: project for project in plan.projects.all()}
    form = SendForm(
        request.POST,
        projects=[(pk, project.title) for pk, project in projects.items()],
        targets=routing.send_choices(plan),
    )
    back = request.POST.get("next") or ""
    if not form.is_valid():
        messages.error(request, _("โปรดเลือกโครงการและผู้รับ"))
        return _back(back) if back else redirect("plan", plan_id=plan.pk)
    try:
        sent = projects_send_to(
            plan=plan,
            projects=[projects[pk] for pk in form.cleaned_data["projects"]],
            name=form.cleaned_data["target"],
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("ส่งต่อแล้ว %(count)d โครงการ") % {"count": len(sent)})
    return _back(back) if back else redirect("plan", plan_id=plan.pk)
