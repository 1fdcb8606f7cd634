"""Sign-in and each role's home (หน้าแรก): what is due, what arrived to decide, own plans."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts.access import access_for
from planlink.accounts.models import Assignment
from planlink.areas.models import Area
from planlink.core.errors import DomainError, NotFound
from planlink.plans.models import Plan, PlanKind
from planlink.plans.services import plan_create, plan_scope_code
from planlink.web import selectors
from planlink.web.forms import StartPlanForm
from planlink.web.views import audit
from planlink.web.views.common import domain_view, error_text, page
from planlink.web.workspace import Workspace, current_cycle, workspace_context


class SignInView(auth_views.LoginView):
    """เข้าสู่ระบบ — Django's sign-in with the PlanLink page."""

    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):  # noqa: ANN201 - Django signature
        context = super().get_context_data(**kwargs)
        context.update(workspace_context(self.request, "login"))
        return context


def home(request: HttpRequest) -> HttpResponse:
    """Signed out: what PlanLink is, sign in, the public tracker. Signed in: the role's home."""
    if not request.user.is_authenticated:
        return render(request, "web/welcome.html", workspace_context(request, "home"))
    workspace = Workspace(request)
    access = workspace.access
    assignments = workspace.assignments
    cycle = current_cycle(request)  # the home shows one year: the year switcher
    plans = selectors.own_plans(access, assignments, cycle)
    today = timezone.localdate()
    return page(
        request,
        "web/home.html",
        "home",
        plans=plans,
        due=selectors.due_items(assignments, cycle, plans, today),
        arrived=selectors.inbox(access, limit=20),
        awaiting_funding=len(selectors.awaiting_funding_result(access)),
        startable=selectors.startable(assignments, plans, cycle),
        assignments=assignments,
        today=today,
        is_synthetic=any(plan.synthetic for plan in plans),
        audit_home=audit.auditor_home(request.user),
    )


@require_POST
@domain_view
def plan_start(request: HttpRequest) -> HttpResponse:
    """Start the unit's own plan for the cycle shown (``plan_create``)."""
    form = StartPlanForm(request.POST)
    workspace = Workspace(request)
    cycle = workspace.cycle
    if not form.is_valid() or cycle is None:
        raise NotFound("แผน", "plan")
    assignment = next(
        (a for a in workspace.assignments if a.pk == form.cleaned_data["assignment"]), None
    )
    kind = form.cleaned_data["kind"]
    if assignment is None or kind not in PlanKind.values:
        raise NotFound("หน่วยงาน", "unit")
    owner = _owner_for(assignment, kind)
    candidate = Plan(kind=kind, cycle=cycle, **owner)
    candidate.scope_code = plan_scope_code(candidate)
    if not access_for(request.user).owns_plan(candidate):
        raise NotFound("หน่วยงาน", "unit")
    try:
        plan = plan_create(
            actor=request.user,
            kind=kind,
            cycle=cycle,
            synthetic=bool(getattr(owner.get("owner_area"), "synthetic", False)),
            **owner,
        )
    except DomainError as error:
        messages.error(request, error_text(error))
        return redirect("home")
    messages.success(request, _("เริ่มแผนแล้ว"))
    return redirect("plan", plan_id=plan.pk)


def _owner_for(assignment: Assignment, kind: str) -> dict:
    if assignment.local_government_id:
        return {"owner_lao": assignment.local_government}
    if assignment.agency_id:
        return {"owner_agency": assignment.agency}
    area: Area | None = assignment.area
    return {"owner_area": area}
