"""The district and provincial workspaces (งานของอำเภอ / งานของจังหวัด) and the frame editor.

District: the needs plan with provincial-strategy alignment, forwarding to the
province, the local-plan coordination committee list towards the อบจ., the
tambon plans, and the district's performance counts (แบบรายงานผลการดำเนินงาน).
Province: the strategic frame, the provincial plan, referrals to agencies and
their answers, the provincial committee list, and the funnel dashboard.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from planlink.accounts.access import (
    access_area_workspace,
    access_for,
    area_plan,
    area_plans,
    area_sent_referrals,
    require_workspace_reader,
)
from planlink.areas.models import Area
from planlink.committees.performance import COUNTS
from planlink.committees.selectors import performance_counts
from planlink.core.errors import DomainError, NotFound, PermissionDenied
from planlink.plans.frame import frame_ensure_default
from planlink.plans.models import Issue, Plan, PlanKind, Strategy
from planlink.plans.rules import check_strategy_alignment
from planlink.plans.strategies import issue_delete, issue_save, strategy_delete, strategy_save
from planlink.referrals.models import Referral, TargetKind
from planlink.web import dashboards, selectors
from planlink.web.caching import area_figures, kept_for_user
from planlink.web.forms import IssueForm, StrategyForm
from planlink.web.views.common import domain_view, error_text, page
from planlink.web.views.tracker import area_dashboard, synthetic_in
from planlink.web.workspace import current_cycle, may_own


def _area(request: HttpRequest, code: str, level: str) -> Area:
    return access_area_workspace(request.user, code, level)


def _committee_list(request: HttpRequest, kind: str, area: Area) -> list[Referral]:
    # The committee's own list, narrowed in SQL (not the whole inbox read and filtered).
    return selectors.inbox(access_for(request.user), target_key=f"{kind}:{area.code}")


@domain_view
def district(request: HttpRequest, code: str) -> HttpResponse:
    # Kept per user after the access check (caching.kept_for_user: issue 16's load target);
    # the area itself is read only when the page is rendered.
    require_workspace_reader(request.user, code)
    return kept_for_user(
        request, lambda: _district_page(request, _area(request, code, Area.Level.DISTRICT))
    )


def _district_page(request: HttpRequest, area: Area) -> HttpResponse:
    cycle = current_cycle(request)
    context: dict = {"area": area, "strategies": {}}
    if cycle is not None:
        needs_plan = area_plan(request.user, area, cycle.pk, PlanKind.DISTRICT_NEEDS)
        committee = _committee_list(request, TargetKind.DISTRICT_LAO_COMMITTEE, area)
        try:
            performance = performance_counts(area.code, cycle)
        except DomainError:
            performance = None
        context.update(
            needs_plan=needs_plan,
            needs_project_count=needs_plan.projects.count() if needs_plan else 0,
            unaligned=check_strategy_alignment(needs_plan) if needs_plan else [],
            can_run=may_own(request, PlanKind.DISTRICT_NEEDS, area, cycle),
            committee=committee,
            tambon_plans=_every_unit(
                area,
                Area.Level.TAMBON,
                area_plans(request.user, area.code, cycle.pk, PlanKind.TAMBON),
            ),
            performance=performance,
            performance_rows=[
                (key, label, performance["counts"][key] if performance else 0)
                for key, label in COUNTS
            ],
            performance_gaps=_gaps(performance),
        )
        context.update(
            area_figures(  # read from the roll-ups: kept by their version, after the access check
                area.code,
                cycle,
                lambda: {
                    "tambon_states": dashboards.plan_states_below(
                        area.code, cycle.pk, PlanKind.TAMBON
                    ),
                    "is_synthetic": synthetic_in(area.code, cycle.pk),
                },
                part="district",
            )
        )
        context.update(area_dashboard(request, area.code, cycle))
    return page(request, "web/district.html", "district", **context)


def _every_unit(area: Area, level: str, plans: QuerySet[Plan]) -> list[dict[str, Any]]:
    """Every unit of ``level`` inside the area with its plan, or none ("ยังไม่มีแผน")."""
    by_unit = {plan.owner_area_id: plan for plan in plans.order_by("scope_code")}
    return [
        {"area": unit, "plan": by_unit.get(unit.code)}
        for unit in Area.objects.within(area.code).filter(level=level).order_by("code")
    ]


def _gaps(performance: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Per tambon, what it lacks for counts (1)–(5) and the components of (3), in Thai."""
    if not performance:
        return []
    labels = dict(COUNTS)
    components = performance["components_th"]
    rows = []
    for row in performance["details"]:
        missing = [labels[key] for key, _label in COUNTS if not row[key]]
        if missing:
            rows.append(
                {
                    **row,
                    "missing": missing,
                    "components": [components[key] for key in row["missing_components"]],
                }
            )
    return rows


@domain_view
def province(request: HttpRequest, code: str) -> HttpResponse:
    require_workspace_reader(request.user, code)
    return kept_for_user(
        request, lambda: _province_page(request, _area(request, code, Area.Level.PROVINCE))
    )


def _province_page(request: HttpRequest, area: Area) -> HttpResponse:
    cycle = current_cycle(request)
    context: dict = {"area": area, "strategies": {}}
    if cycle is not None:
        plan = area_plan(request.user, area, cycle.pk, PlanKind.PROVINCIAL_DEVELOPMENT)
        context.update(
            plan=plan,
            plan_project_count=plan.projects.count() if plan else 0,
            can_run=may_own(request, PlanKind.PROVINCIAL_DEVELOPMENT, area, cycle),
            can_edit_frame=access_for(request.user).can_edit_frame(area.code),
            committee=_committee_list(request, TargetKind.PROVINCIAL_LAO_COMMITTEE, area),
            district_plans=_every_unit(
                area,
                Area.Level.DISTRICT,
                area_plans(request.user, area.code, cycle.pk, PlanKind.DISTRICT_NEEDS),
            ),
        )
        context.update(
            area_figures(  # read from the roll-ups: kept by their version, after the access check
                area.code,
                cycle,
                lambda: {
                    "agency_answers": dashboards.agency_answers(area.code, cycle.pk),
                    "district_states": dashboards.plan_states_below(
                        area.code, cycle.pk, PlanKind.DISTRICT_NEEDS
                    ),
                    "is_synthetic": synthetic_in(area.code, cycle.pk),
                },
                part="province",
            )
        )
        context.update(area_dashboard(request, area.code, cycle))
    return page(request, "web/province.html", "province", **context)


@domain_view
def agency_referrals(request: HttpRequest, code: str) -> HttpResponse:
    """Every project the province sent to line agencies, with each agency's answer (paged)."""
    area = _area(request, code, Area.Level.PROVINCE)
    cycle = current_cycle(request)
    if cycle is None:
        raise NotFound("รอบการวางแผน", "planning cycle")
    referrals = (
        area_sent_referrals(request.user, area.code, cycle.pk, TargetKind.AGENCY)
        .select_related("project__issue", "to_agency")
        .order_by("to_agency_id", "decision", "id")
    )
    agency = request.GET.get("agency", "")
    if agency:
        referrals = referrals.filter(to_agency_id=agency)
    page_obj = Paginator(referrals, 50).get_page(request.GET.get("page"))
    return page(
        request,
        "web/agency_referrals.html",
        "province",
        area=area,
        page_obj=page_obj,
        agency=agency,
        query=f"cycle={cycle.pk}" + (f"&agency={agency}" if agency else ""),
        is_synthetic=synthetic_in(area.code, cycle.pk),
    )


def _frame_row(request: HttpRequest, area: Area, cycle: Any, kind: str) -> dict[str, Any]:
    """The row named by ``?edit_strategy=N`` / ``?edit_issue=CODE``, to prefill its form."""
    if kind == "s" and request.GET.get("edit_strategy", "").isdigit():
        strategy = Strategy.objects.filter(
            province=area, cycle=cycle, number=int(request.GET["edit_strategy"])
        ).first()
        if strategy is not None:
            return {
                "number": strategy.number,
                "name_th": strategy.name_th,
                "name_en": strategy.name_en,
            }
    if kind == "i" and request.GET.get("edit_issue"):
        issue = (
            Issue.objects.filter(province=area, cycle=cycle, code=request.GET["edit_issue"])
            .select_related("strategy")
            .first()
        )
        if issue is not None:
            return {
                "code": issue.code,
                "name_th": issue.name_th,
                "name_en": issue.name_en,
                "strategy_number": issue.strategy.number if issue.strategy else None,
                "order": issue.order,
            }
    return {}


def _frame_delete(request: HttpRequest, area: Area, cycle: Any) -> HttpResponse:
    """ลบ a strategy or an issue of the frame; a refusal (still in use) says why."""
    back = redirect(f"{request.path}?cycle={cycle.pk}")
    number = request.POST.get("delete_strategy", "")
    if number:
        strategy = Strategy.objects.filter(
            province=area, cycle=cycle, number=int(number) if number.isdigit() else 0
        ).first()
        if strategy is None:
            raise NotFound("ยุทธศาสตร์", "strategy")
        strategy_delete(strategy=strategy, actor=request.user)
        messages.success(request, _("ลบยุทธศาสตร์ที่ %(number)s แล้ว") % {"number": number})
        return back
    code = request.POST.get("delete_issue", "")
    issue = Issue.objects.filter(province=area, cycle=cycle, code=code).first()
    if issue is None:
        raise NotFound("ประเด็น", "issue")
    issue_delete(issue=issue, actor=request.user)
    messages.success(request, _("ลบประเด็น %(code)s แล้ว") % {"code": code})
    return back


@domain_view
def frame_editor(request: HttpRequest, code: str) -> HttpResponse:
    """กรอบยุทธศาสตร์และประเด็นการพัฒนาของจังหวัด — read by the province, edited by its officers."""
    area = _area(request, code, Area.Level.PROVINCE)
    cycle = current_cycle(request)
    if cycle is None:
        raise NotFound("รอบการวางแผน", "planning cycle")
    can_edit = access_for(request.user).can_edit_frame(area.code)
    strategy_form = StrategyForm(prefix="strategy", initial=_frame_row(request, area, cycle, "s"))
    issue_form = IssueForm(prefix="issue", initial=_frame_row(request, area, cycle, "i"))
    error = ""
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("คุณไม่มีสิทธิ์แก้ไขกรอบของจังหวัดนี้", "you may not edit this frame")
        try:
            if "default" in request.POST:
                frame_ensure_default(province=area, cycle=cycle)
                messages.success(request, _("สร้างกรอบตั้งต้นแล้ว"))
                return redirect(f"{request.path}?cycle={cycle.pk}")
            if "delete_strategy" in request.POST or "delete_issue" in request.POST:
                return _frame_delete(request, area, cycle)
            if "strategy-number" in request.POST:
                strategy_form = StrategyForm(request.POST, prefix="strategy")
                if strategy_form.is_valid():
                    strategy_save(
                        actor=request.user, province=area, cycle=cycle, **strategy_form.cleaned_data
                    )
                    messages.success(request, _("บันทึกยุทธศาสตร์แล้ว"))
                    return redirect(f"{request.path}?cycle={cycle.pk}")
            else:
                issue_form = IssueForm(request.POST, prefix="issue")
                if issue_form.is_valid():
                    issue_save(
                        actor=request.user, province=area, cycle=cycle, **issue_form.cleaned_data
                    )
                    messages.success(request, _("บันทึกประเด็นแล้ว"))
                    return redirect(f"{request.path}?cycle={cycle.pk}")
        except DomainError as caught:
            error = error_text(caught)
    strategies = list(Strategy.objects.filter(province=area, cycle=cycle).order_by("number"))
    issues = list(
        Issue.objects.filter(province=area, cycle=cycle)
        .select_related("strategy")
        .order_by("order", "code")
    )
    return page(
        request,
        "web/frame.html",
        "province",
        area=area,
        strategies=strategies,
        issues=issues,
        can_edit=can_edit,
        strategy_form=strategy_form,
        issue_form=issue_form,
        error_message=error,
    )
