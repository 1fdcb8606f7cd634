"""ตรวจสอบการรวมแผน — the officer's review of the consolidation engine's proposals.

Used by the tambon officer (ศอช.ต./CDD) on the tambon plan, and the same screen
serves the district needs plan and the provincial plan: proposed merges with the
engine's reasons, accept / split / reject, re-rank within an issue, choose the
top 1–2 per issue (docs/reference/seeds/002 §5), the LAO coordination list, and submit.
"""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts.access import access_for, access_plan, access_project, access_referral
from planlink.areas.models import Area
from planlink.consolidation.review import (
    project_rerank,
    proposal_accept,
    proposal_groups,
    proposal_reject,
    proposal_split,
    proposals_choose_top,
    review_submit,
)
from planlink.core.errors import DomainError, NotFound
from planlink.jobs.services import enqueue
from planlink.plans.models import PlanKind, Route
from planlink.referrals import routing
from planlink.web.views.common import domain_view, error_text, page
from planlink.web.workspace import current_cycle, may_own

REVIEWED_KINDS: dict[str, str] = {
    PlanKind.TAMBON: "tambon",
    PlanKind.DISTRICT_NEEDS: "district",
    PlanKind.PROVINCIAL_DEVELOPMENT: "province",
}
LEVEL_PLAN_KIND = {level: kind for kind, level in REVIEWED_KINDS.items()}
LEVEL_LENGTH = {"tambon": 6, "district": 4, "province": 2}


@domain_view
def review(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = access_plan(request.user, plan_id)
    if plan.kind not in REVIEWED_KINDS:
        raise NotFound("การรวมแผน", "consolidation review")
    access = access_for(request.user)
    groups = proposal_groups(plan)
    # district and provincial plans show each project's strategy: one query for all of them
    prefetch_related_objects([group["project"] for group in groups], "strategy")
    by_issue = [
        (issue, list(items))
        for issue, items in groupby(groups, key=lambda group: group["project"].issue)
    ]
    return page(
        request,
        "web/review.html",
        "home",
        plan=plan,
        by_issue=by_issue,
        pending_total=sum(group["pending"] for group in groups),
        coordination=[g["project"] for g in groups if g["project"].proposed_route == Route.LAO],
        chosen=[g["project"] for g in groups if g["project"].proposed_route == Route.UP],
        can_change=access.owns_plan(plan) and plan.is_editable,
        send_choices=routing.send_choices(plan) if access.owns_plan(plan) else [],
        level=REVIEWED_KINDS[plan.kind],
        is_synthetic=plan.synthetic,
    )


@require_POST
@domain_view
def review_action(request: HttpRequest, plan_id: int) -> HttpResponse:
    """One officer action on the review screen; a refusal is shown and nothing changes."""
    plan = access_plan(request.user, plan_id, for_write=True)
    action = request.POST.get("action", "")
    try:
        if action == "accept":
            project = access_project(
                request.user, _int(request.POST.get("project")), for_write=True
            )
            _same_plan(project.plan_id, plan.pk)
            count = proposal_accept(tambon_project=project, actor=request.user)
            messages.success(request, _("ยืนยันการรวมแล้ว %(count)d รายการ") % {"count": count})
        elif action in ("split", "reject"):
            referral = access_referral(
                request.user, _int(request.POST.get("referral")), for_decision=True
            )
            _same_plan(referral.to_plan_id, plan.pk)
            if action == "split":
                proposal_split(referral=referral, actor=request.user)
                messages.success(request, _("แยกเป็นโครงการของตัวเองแล้ว"))
            else:
                proposal_reject(
                    referral=referral, actor=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("ส่งคืนความต้องการนี้แล้ว"))
        elif action == "rerank":
            project = access_project(
                request.user, _int(request.POST.get("project")), for_write=True
            )
            _same_plan(project.plan_id, plan.pk)
            project_rerank(
                project=project, actor=request.user, priority=_int(request.POST.get("priority"))
            )
            messages.success(request, _("จัดลำดับใหม่แล้ว"))
        elif action == "choose":
            chosen = [_int(value) for value in request.POST.getlist("chosen")]
            proposals_choose_top(plan=plan, actor=request.user, project_ids=chosen)
            messages.success(request, _("บันทึกโครงการที่เสนอระดับที่สูงขึ้นแล้ว"))
        elif action == "submit":
            sent = review_submit(plan=plan, actor=request.user)
            messages.success(
                request, _("ส่งแผนแล้ว และส่งต่อ %(count)d โครงการ") % {"count": sent.get("sent", 0)}
            )
        else:
            raise DomainError("ไม่รู้จักคำสั่ง", "unknown action")
    except DomainError as error:
        messages.error(request, error_text(error))
    return redirect("review", plan_id=plan.pk)


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
