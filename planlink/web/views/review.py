"""ตรวจสอบการรวมแผน — the officer's review of the consolidation engine's proposals.

Used by the tambon officer (ศอช.ต./CDD) on the tambon plan, and the same screen
serves the district needs plan and the provincial plan: proposed merges with the
engine's reasons, accept / split / reject, re-rank within an issue, choose the
top 1–2 per issue (docs/reference/seeds/002 §5), the LAO coordination list, and submit.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts.access import (
    access_for,
    access_plan,
    access_project,
    access_referral,
    area_plans,
)
from planlink.areas.models import Area
from planlink.consolidation.review import (
    MAX_UP_PER_ISSUE,
    UndecidedProposals,
    pending_proposals,
    project_rerank,
    project_send_up,
    proposal_accept,
    proposal_groups,
    proposal_reject,
    proposal_split,
    proposals_choose_top,
    review_submit,
)
from planlink.core.errors import DomainError, NotFound
from planlink.jobs.services import enqueue
from planlink.plans.models import (
    Issue,
    Plan,
    PlanKind,
    PlanState,
    Project,
    ProjectComponent,
    Route,
)
from planlink.referrals import routing
from planlink.web.views.common import domain_view, error_text, page
from planlink.web.workspace import current_cycle, may_own

REVIEWED_KINDS: dict[str, str] = {
    PlanKind.TAMBON: "tambon",
    PlanKind.DISTRICT_NEEDS: "district",
    PlanKind.PROVINCIAL_DEVELOPMENT: "province",
    PlanKind.CLUSTER: "cluster",  # the ก.บ.ก. reviews what the provinces sent (issue 17)
}
LEVEL_PLAN_KIND = {level: kind for kind, level in REVIEWED_KINDS.items()}
LEVEL_LENGTH = {"tambon": 6, "district": 4, "province": 2}


PAGE_SIZE = 50
SHOWS = {
    "all": "ทั้งหมด",
    "undecided": "รอพิจารณา",
    "decided": "พิจารณาแล้ว",
    "up": "เสนอระดับที่สูงขึ้น",
}
LOWER_KIND: dict[str, str] = {
    PlanKind.TAMBON: PlanKind.VILLAGE,
    PlanKind.DISTRICT_NEEDS: PlanKind.TAMBON,
    PlanKind.PROVINCIAL_DEVELOPMENT: PlanKind.DISTRICT_NEEDS,
}
AREA_CODE = re.compile(r"(?<!\d)\d{6}(?:\d{2})?(?!\d)")
UPPER_CODE = re.compile(r"\b[A-Z][A-Z0-9_]{1,19}\b")


def _reviewed_plan(request: HttpRequest, plan_id: int, *, for_write: bool = False) -> Plan:
    plan = access_plan(request.user, plan_id, for_write=for_write)
    if plan.kind not in REVIEWED_KINDS:
        raise NotFound("การรวมแผน", "consolidation review")
    return plan


def _filters(data: Any) -> dict[str, str]:
    """The slice of the screen: ``issue`` (an id, ``none`` or ``all``), ``show``, ``page``."""
    show = data.get("show", "")
    issue = data.get("issue", "")
    page_number = data.get("page", "")
    return {
        "issue": issue if issue in ("all", "none") or issue.isdigit() else "",
        "show": show if show in SHOWS else "all",
        "page": page_number if page_number.isdigit() else "1",
    }


def _query(filters: dict[str, str], **changes: str) -> str:
    values = {**filters, **changes}
    if values.get("show") == "all":
        values.pop("show")
    if values.get("page") == "1":
        values.pop("page")
    return urlencode({key: value for key, value in values.items() if value})


def _issue_counts(plan: Plan) -> list[dict[str, Any]]:
    """Per issue of the plan: projects, undecided projects, projects chosen for the level above."""
    rows = {
        row["issue_id"]: row
        for row in plan.projects.order_by()
        .values("issue_id")
        .annotate(total=Count("pk"), up=Count("pk", filter=Q(proposed_route=Route.UP)))
    }
    undecided = dict(
        pending_proposals(plan)
        .filter(proposed_result_project__isnull=False)
        .order_by()
        .values("proposed_result_project__issue_id")
        .annotate(count=Count("proposed_result_project", distinct=True))
        .values_list("proposed_result_project__issue_id", "count")
    )
    issues = {issue.pk: issue for issue in Issue.objects.filter(pk__in=[k for k in rows if k])}
    ordered = sorted(
        rows, key=lambda key: (key is None, getattr(issues.get(key), "order", 0), key or 0)
    )
    return [
        {
            "key": str(key) if key is not None else "none",
            "issue": issues.get(key) if key is not None else None,
            "total": rows[key]["total"],
            "up": rows[key]["up"],
            "undecided": undecided.get(key, 0),
            "full": rows[key]["up"] >= MAX_UP_PER_ISSUE,
        }
        for key in ordered
    ]


def _slice(plan: Plan, filters: dict[str, str], counts: list[dict[str, Any]]) -> QuerySet:
    projects = plan.projects.select_related("issue", "strategy").order_by(
        "issue__order", "issue_id", "priority", "pk"
    )
    issue = filters["issue"]
    if issue == "none":
        projects = projects.filter(issue__isnull=True)
    elif issue.isdigit():
        projects = projects.filter(issue_id=int(issue))
    undecided_ids = pending_proposals(plan).values("proposed_result_project_id")
    if filters["show"] == "undecided":
        projects = projects.filter(pk__in=undecided_ids)
    elif filters["show"] == "decided":
        projects = projects.exclude(pk__in=undecided_ids)
    elif filters["show"] == "up":
        projects = projects.filter(proposed_route=Route.UP)
    return projects


def _first_issue(counts: list[dict[str, Any]]) -> str:
    """The screen opens on the first issue with something to decide (else the first)."""
    if len(counts) <= 1:
        return "all"
    waiting = next((row for row in counts if row["undecided"]), counts[0])
    return waiting["key"]


def _code_names(plan: Plan, groups: list[dict[str, Any]]) -> dict[str, str]:
    """Names for the codes an engine reason or note may carry: areas and the frame's issues."""
    codes: set[str] = set()
    words: set[str] = set()
    for group in groups:
        for text in (group["reason"], group["project"].engine_note or ""):
            codes.update(AREA_CODE.findall(text))
            words.update(UPPER_CODE.findall(text))
    names: dict[str, str] = {}
    if codes:
        names.update(Area.objects.filter(code__in=codes).values_list("code", "name_th"))
    if words:
        issue = groups[0]["project"].issue if groups else None
        frame = Issue.objects.filter(code__in=words)
        if issue is not None:
            frame = frame.filter(province_id=issue.province_id, cycle_id=issue.cycle_id)
        names.update(frame.values_list("code", "name_th"))
    return names


def thai_text(text: str, names: dict[str, str]) -> str:
    """A reason with area and issue codes replaced by their Thai names."""
    if not text or not names:
        return text
    text = AREA_CODE.sub(lambda found: names.get(found.group(0), found.group(0)), text)
    return UPPER_CODE.sub(lambda found: names.get(found.group(0), found.group(0)), text)


def _decorate(plan: Plan, groups: list[dict[str, Any]], counts: list[dict[str, Any]]) -> None:
    names = _code_names(plan, groups)
    full = {row["key"] for row in counts if row["full"]}
    for group in groups:
        project = group["project"]
        group["reason_text"] = thai_text(group["reason"], names)
        group["note_text"] = thai_text(project.engine_note or "", names)
        key = str(project.issue_id) if project.issue_id is not None else "none"
        group["issue_full"] = key in full and project.proposed_route != Route.UP


def _attach_components(groups: list[dict[str, Any]]) -> None:
    """Each project's places (components) with their own budget, households and sources: a
    grouped project (a shared need of several villages, issue 12) lists every place."""
    by_project: dict[int, list[ProjectComponent]] = defaultdict(list)
    for component in (
        ProjectComponent.objects.filter(project_id__in=[g["project"].pk for g in groups])
        .select_related("area")
        .order_by("project_id", "order", "pk")
    ):
        by_project[component.project_id].append(component)
    for group in groups:
        group["components"] = by_project.get(group["project"].pk, [])


def _context(request: HttpRequest, plan: Plan, filters: dict[str, str]) -> dict[str, Any]:
    access = access_for(request.user)
    counts = _issue_counts(plan)
    if not filters["issue"]:
        filters = {**filters, "issue": _first_issue(counts)}
    paginator = Paginator(_slice(plan, filters, counts), PAGE_SIZE)
    page_obj = paginator.get_page(filters["page"])
    groups = proposal_groups(plan, page_obj.object_list)
    _decorate(plan, groups, counts)
    _attach_components(groups)
    owns = access.owns_plan(plan)
    pending_total = pending_proposals(plan).count()
    return {
        "plan": plan,
        "counts": counts,
        "current": next((row for row in counts if row["key"] == filters["issue"]), None),
        "groups": groups,
        "page_obj": page_obj,
        "filters": filters,
        "shows": [(key, _(label)) for key, label in SHOWS.items()],
        "query": _query(filters),
        "list_query": _query(filters, page="1"),
        "pending_total": pending_total,
        "undecided_query": _query(filters, issue="all", show="undecided", page="1"),
        "project_total": sum(row["total"] for row in counts),
        "up_total": sum(row["up"] for row in counts),
        "coordination_count": plan.projects.filter(proposed_route=Route.LAO).count(),
        "can_change": owns and plan.is_editable,
        "send_choices": routing.send_choices(plan) if owns else [],
        "level": REVIEWED_KINDS[plan.kind],
        "max_up": MAX_UP_PER_ISSUE,
        "lower": _lower_plans(request, plan),
        "is_synthetic": plan.synthetic,
    }


def _lower_plans(request: HttpRequest, plan: Plan) -> dict[str, Any]:
    """The plans sent up to this one (village plans for the tambon …), to accept or return."""
    if plan.owner_area_id is None or plan.kind not in LOWER_KIND:
        return {"submitted": [], "states": {}}
    lower = area_plans(request.user, plan.owner_area_id, plan.cycle_id, LOWER_KIND[plan.kind])
    access = access_for(request.user)
    submitted = [
        item
        for item in lower.filter(state=PlanState.SUBMITTED)
        .select_related("owner_area")
        .order_by("scope_code")[:PAGE_SIZE]
        if access.can_review_plan(item)
    ]
    states = dict(
        lower.order_by().values("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    return {"submitted": submitted, "states": states, "kind": LOWER_KIND[plan.kind]}


@domain_view
def review(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _reviewed_plan(request, plan_id)
    return page(
        request, "web/review.html", "home", **_context(request, plan, _filters(request.GET))
    )


ACTIONS = {"accept", "split", "reject", "rerank", "up", "choose", "submit"}


def _submit_confirmation(request: HttpRequest, plan: Plan, return_rest: bool) -> HttpResponse:
    """The confirmation step before a reviewed plan is sent (a plain form, no JavaScript):
    what goes to the LAO, what goes up, what is returned. Undecided proposals are refused
    first, as ``review_submit`` would (nothing is written here)."""
    undecided = pending_proposals(plan).count()
    reason = request.POST.get("reason", "").strip() if return_rest else ""
    if undecided and not return_rest:
        raise UndecidedProposals(undecided)
    if undecided and not reason:
        raise DomainError("ต้องระบุเหตุผลที่ส่งคืนข้อเสนอที่เหลือ", "a reason is required to return the rest")
    return page(
        request,
        "web/review_submit_confirm.html",
        "home",
        plan=plan,
        undecided=undecided,
        reason=reason,
        coordination_count=plan.projects.filter(proposed_route=Route.LAO).count(),
        up_total=plan.projects.filter(proposed_route=Route.UP).count(),
        project_count=plan.projects.count(),
        is_synthetic=plan.synthetic,
    )


@require_POST
@domain_view
def review_action(request: HttpRequest, plan_id: int) -> HttpResponse:
    """One officer action on the review screen; a refusal is shown and nothing changes.

    From htmx (``HX-Request``) the answer is the changed card (or the list, after a re-rank
    or a split) with the counts swapped out of band: the page neither reloads nor scrolls."""
    plan = _reviewed_plan(request, plan_id, for_write=True)
    action = request.POST.get("action", "")
    filters = _filters(request.POST)
    htmx = request.headers.get("HX-Request") == "true"
    project: Project | None = None
    error = ""
    done = ""
    try:
        if action == "accept":
            project = _own_project(request, plan)
            count = proposal_accept(tambon_project=project, actor=request.user)
            done = _("ยืนยันการรวมแล้ว %(count)d รายการ") % {"count": count}
        elif action in ("split", "reject"):
            referral = access_referral(
                request.user, _int(request.POST.get("referral")), for_decision=True
            )
            _same_plan(referral.to_plan_id, plan.pk)
            project = referral.proposed_result_project
            if action == "split":
                proposal_split(referral=referral, actor=request.user)
                done = _("แยกเป็นโครงการของตัวเองแล้ว")
            else:
                proposal_reject(
                    referral=referral, actor=request.user, reason=request.POST.get("reason", "")
                )
                done = _("ส่งคืนความต้องการนี้แล้ว")
        elif action == "rerank":
            project = _own_project(request, plan)
            project_rerank(
                project=project, actor=request.user, priority=_int(request.POST.get("priority"))
            )
            done = _("จัดลำดับใหม่แล้ว")
        elif action == "up":
            project = _own_project(request, plan)
            wanted = request.POST.get("up") == "1"
            project_send_up(project=project, actor=request.user, up=wanted)
            done = _("เลือกเสนอระดับที่สูงขึ้นแล้ว") if wanted else _("ยกเลิกการเสนอระดับที่สูงขึ้นแล้ว")
        elif action == "choose":
            chosen = [_int(value) for value in request.POST.getlist("chosen")]
            proposals_choose_top(plan=plan, actor=request.user, project_ids=chosen)
            done = _("บันทึกโครงการที่เสนอระดับที่สูงขึ้นแล้ว")
        elif action == "submit":
            return_rest = request.POST.get("return_rest") == "1"
            if request.POST.get("confirm") != "1":  # ส่งแผน asks for confirmation first
                return _submit_confirmation(request, plan, return_rest)
            sent = review_submit(
                plan=plan,
                actor=request.user,
                return_rest_reason=request.POST.get("reason", "") if return_rest else None,
            )
            messages.success(
                request, _("ส่งแผนแล้ว และส่งต่อ %(count)d โครงการ") % {"count": sent.get("sent", 0)}
            )
            return redirect("plan", plan_id=plan.pk)
        else:
            raise DomainError("ไม่รู้จักคำสั่ง", "unknown action")
    except UndecidedProposals as refusal:
        error = error_text(refusal)
        if not htmx:
            messages.error(request, error)
            url = reverse("review", args=[plan.pk])
            return redirect(f"{url}?{_query(filters, issue='all', show='undecided')}#submit")
    except DomainError as refusal:
        error = error_text(refusal)
    if not htmx:
        if error:
            messages.error(request, error)
        else:
            messages.success(request, done)
        url = reverse("review", args=[plan.pk])
        anchor = f"#project-{project.pk}" if project is not None else ""
        return redirect(f"{url}?{_query(filters)}{anchor}")
    return _fragment(request, plan, filters, action, project, done=done, error=error)


def _own_project(request: HttpRequest, plan: Plan) -> Project:
    project = access_project(request.user, _int(request.POST.get("project")), for_write=True)
    _same_plan(project.plan_id, plan.pk)
    return project


def _fragment(
    request: HttpRequest,
    plan: Plan,
    filters: dict[str, str],
    action: str,
    project: Project | None,
    *,
    done: str,
    error: str,
) -> HttpResponse:
    """The htmx answer: the changed card(s) or the page's list, plus the counts out of band."""
    plan.refresh_from_db()
    context = _context(request, plan, filters)
    context.update(done=done, error=error)
    if action in ("rerank", "split") or project is None:
        context["swap"] = "list"
    else:
        key = project.issue_id
        context["swap"] = "cards"
        context["target_id"] = project.pk
        context["cards"] = [g for g in context["groups"] if g["project"].issue_id == key]
        if not any(g["project"].pk == project.pk for g in context["cards"]):
            # the card left the slice (another page): answer with the list instead
            context["swap"] = "list"
    response = render(request, "web/partials/review_fragment.html", context)
    if context["swap"] == "list":
        response["HX-Retarget"] = "#review-list"
    else:
        response["HX-Retarget"] = (
            f"#project-{project.pk}" if project is not None else "#review-list"
        )
    response["HX-Reswap"] = "outerHTML"
    patch_cache_control(response, private=True, no_cache=True)
    return response


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        raise DomainError("ข้อมูลไม่ถูกต้อง", "invalid input") from None


def _same_plan(found: int | None, expected: int) -> None:
    if found != expected:
        raise NotFound("รายการ", "item")


@require_POST
@domain_view
def consolidation_run(request: HttpRequest, level: str, area_code: str) -> HttpResponse:
    """Run the engine for one tambon, district or province as a background job."""
    if level not in LEVEL_LENGTH or len(area_code) != LEVEL_LENGTH[level]:
        raise NotFound("พื้นที่", "area")
    area = get_object_or_404(Area, code=area_code)
    cycle = current_cycle(request)
    if cycle is None or not may_own(request, LEVEL_PLAN_KIND[level], area, cycle):
        raise NotFound("พื้นที่", "area")
    job = enqueue(
        "web.consolidate",
        arguments={
            "level": level,
            "area_code": area.code,
            "fiscal_year": cycle.fiscal_year,
            "actor_id": request.user.pk,
            "review_plan_kind": LEVEL_PLAN_KIND[level],
        },
        created_by=request.user,
        scope_code=area.code,
    )
    return redirect("job", job_id=job.pk)
