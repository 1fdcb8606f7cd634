"""A plan and its projects: read, edit (owner), submit (owner), accept or return (reviewer).

The village committee's plan form lives here (it must work on a 360-px phone):
add and edit projects with mode, priority and evidence, submit, and later see
what happened to each project (``lineage.outcomes_for``).
"""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from planlink.accounts.access import access_for, access_plan, access_project
from planlink.committees.selectors import forums_in
from planlink.core.errors import DomainError, PermissionDenied
from planlink.plans.carryover import carried_into
from planlink.plans.models import Mode, Plan, PlanKind, PlanState
from planlink.plans.revisions import (
    describe_item,
    plan_revisions,
    project_revision_history,
    withdrawn_project_ids,
)
from planlink.plans.rules import SELF_RELIANCE_SHARE, plan_problems
from planlink.plans.services import (
    plan_accept,
    plan_return,
    plan_submit,
    project_create,
    project_delete,
    project_update,
)
from planlink.referrals.lineage import outcomes_for, trace
from planlink.web.forms import ProjectForm, ReasonForm
from planlink.web.selectors import CONSOLIDATED_KINDS, display_path
from planlink.web.views.common import domain_view, error_text, page


def plan_projects(plan: Plan) -> list:
    """The plan's projects with issue and strategy, and how many sources each merged."""
    return list(
        plan.projects.select_related("issue", "strategy")
        .annotate(source_count=Count("referrals_in", distinct=True))
        .order_by("issue__order", "issue__code", "priority", "id")
    )


@domain_view
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    access = access_for(request.user)
    projects = plan_projects(plan)
    fates = outcomes_for([project.pk for project in projects]) if projects else {}
    withdrawn = withdrawn_project_ids(plan)  # by an approved revision: listed, not counted
    active = [project for project in projects if project.pk not in withdrawn]
    self_count = sum(1 for project in active if project.mode == Mode.SELF)
    sources = []
    if plan.kind != PlanKind.VILLAGE:
        sources = list(
            access.referrals()
            .filter(to_plan=plan)
            .select_related("project__plan", "result_project")
            .order_by("decision", "id")[:500]
        )
    return page(
        request,
        "web/plan_detail.html",
        "home",
        plan=plan,
        projects=projects,
        fates=fates,
        problems=plan_problems(plan),
        can_edit=access.can_edit_plan(plan),
        owns=access.owns_plan(plan),
        consolidated=plan.kind in CONSOLIDATED_KINDS,
        can_review=access.can_review_plan(plan) and plan.state == PlanState.SUBMITTED,
        self_count=self_count,
        self_share=(Decimal(self_count) / Decimal(len(active))) if active else None,
        self_required=SELF_RELIANCE_SHARE,
        total_budget=sum((project.budget for project in active), Decimal("0")),
        active_count=len(active),
        withdrawn=withdrawn,
        sources=sources,
        forums=list(forums_in(plan.scope_code, plan_id=plan.pk)[:20])
        if plan.kind == PlanKind.VILLAGE
        else [],
        return_form=ReasonForm(),
        plan_revisions=list(plan_revisions(plan)),  # การปรับปรุงแผน (docs/revisions.md)
        carried=carried_into(plan),  # proposals carried from last year (docs/carryover.md)
        is_synthetic=plan.synthetic,
    )


@domain_view
def project_new(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id, for_write=True)
    error = None
    form = ProjectForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            project_create(
                plan=plan,
                actor=request.user,
                data=form.service_data(),
                indicator_codes=form.indicator_codes(),
            )
        except DomainError as caught:
            error = caught
        else:
            messages.success(request, _("บันทึกโครงการแล้ว"))
            if "add_another" in request.POST:
                return redirect("project_new", plan_id=plan.pk)
            return redirect("plan", plan_id=plan.pk)
    return page(
        request,
        "web/project_form.html",
        "home",
        plan=plan,
        form=form,
        error=error,
        error_message=error_text(error) if error else "",
        is_synthetic=plan.synthetic,
    )


@domain_view
def project_edit(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access_project(request.user, project_id, for_write=True)
    plan = project.plan
    error = None
    if request.method == "POST":
        form = ProjectForm(request.POST, plan=plan)
        if form.is_valid():
            try:
                project_update(
                    project=project,
                    actor=request.user,
                    data=form.service_data(),
                    expected_version=form.cleaned_data.get("version") or 0,
                    indicator_codes=form.indicator_codes(),
                )
            except DomainError as caught:
                error = caught
            else:
                messages.success(request, _("บันทึกการแก้ไขแล้ว"))
                return redirect("plan", plan_id=plan.pk)
    else:
        form = ProjectForm(initial=ProjectForm.initial_for(project), plan=plan)
    return page(
        request,
        "web/project_form.html",
        "home",
        plan=plan,
        project=project,
        form=form,
        error=error,
        error_message=error_text(error) if error else "",
        is_synthetic=plan.synthetic,
    )


@require_POST
@domain_view
def project_remove(request: HttpRequest, project_id: int) -> HttpResponse:
    project = access_project(request.user, project_id, for_write=True)
    plan_id = project.plan_id
    try:
        project_delete(project=project, actor=request.user)
    except DomainError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("ลบโครงการแล้ว"))
    return redirect("plan", plan_id=plan_id)


@require_http_methods(["GET", "POST"])
@domain_view
def plan_send(request: HttpRequest, plan_id: int) -> HttpResponse:
    """ส่งแผน — the owner submits its plan to the level above, after a confirmation page.

    A GET (the plan page's "ส่งแผน" button) or a POST without ``confirm`` answers the
    confirmation step (what will be sent, what it means); only its "ยืนยันส่งแผน" submits.
    Works without JavaScript.
    """
    plan = access_plan(request.user, plan_id, for_write=True)
    if request.method == "GET" or request.POST.get("confirm") != "1":
        projects = plan_projects(plan)
        return page(
            request,
            "web/plan_submit_confirm.html",
            "home",
            plan=plan,
            project_count=len(projects),
            total_budget=sum((project.budget or Decimal(0) for project in projects), Decimal(0)),
            problems=plan_problems(plan),
            is_synthetic=plan.synthetic,
        )
    try:
        plan_submit(plan=plan, actor=request.user)
    except DomainError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("ส่งแผนแล้ว"))
    return redirect("plan", plan_id=plan.pk)


@require_POST
@domain_view
def plan_review(request: HttpRequest, plan_id: int) -> HttpResponse:
    """รับแผน / ส่งคืน — the level above accepts a submitted plan or returns it with a reason."""
    plan = access_plan(request.user, plan_id)
    if not access_for(request.user).can_review_plan(plan):
        raise PermissionDenied("คุณไม่ใช่ผู้พิจารณาแผนนี้", "you do not review this plan")
    try:
        if request.POST.get("action") == "accept":
            plan_accept(plan=plan, actor=request.user)
            messages.success(request, _("รับแผนแล้ว"))
        else:
            form = ReasonForm(request.POST)
            plan_return(
                plan=plan,
                actor=request.user,
                reason=form.data.get("reason", "") if form.is_valid() else "",
            )
            messages.success(request, _("ส่งคืนแผนแล้ว"))
    except DomainError as error:
        messages.error(request, error_text(error))
    back = request.POST.get("next", "")
    if back and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("plan", plan_id=plan.pk)


@domain_view
def project_detail(request: HttpRequest, project_id: int) -> HttpResponse:
    """One need's path: where it came from, where it went, and its fate."""
    project = access_project(request.user, project_id)
    path = display_path(trace(project))
    return page(
        request,
        "web/project_detail.html",
        "home",
        project=project,
        plan=project.plan,
        path=path,
        can_edit=access_for(request.user).can_edit_plan(project.plan),
        project_history=[(item, describe_item(item)) for item in project_revision_history(project)],
        is_synthetic=project.plan.synthetic,
    )
