"""The provincial cluster's page (งานของกลุ่มจังหวัด, issue 17) and its strategic frame.

What the provinces sent to the cluster's development plan and its review, the cluster's
annual action plan, the projects sent to line agencies and their answers, the funnel
(roll-ups: ``C05`` rows), the member provinces, and the cluster's frame — whose
cluster-wide issues the cluster officer (the lead province) marks. Read by the cluster
officer and the officers of its member provinces (``accounts.access.clusters``).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from planlink.accounts.access import (
    access_cluster,
    access_cluster_issue_for_write,
    access_for,
    can_edit_cluster_frame,
    cluster_boards,
    require_can_edit_cluster_frame,
)
from planlink.areas.models import Area
from planlink.consolidation.cluster import CLUSTER_KINDS
from planlink.core.errors import DomainError
from planlink.jobs.services import enqueue
from planlink.plans.cluster_frame import cluster_frame_ensure_default, cluster_issue_update
from planlink.plans.models import ClusterIssue, PlanKind
from planlink.referrals.models import Decision, Referral, TargetKind
from planlink.rollups.selectors import area_measures, funnel
from planlink.web.views.common import domain_view, error_text, page
from planlink.web.workspace import current_cycle


def _provinces(cluster: Any, cycle_id: int | None) -> list[dict[str, Any]]:
    rows = []
    for area in Area.objects.filter(level=Area.Level.PROVINCE, cluster=cluster).order_by("code"):
        measures = area_measures(area.code, cycle_id) if cycle_id else {}
        rows.append(
            {
                "area": area,
                "needs": measures.get("needs_raised", 0),
                "province_projects": measures.get("province_projects", 0),
                "sent_to_agencies": measures.get("sent_to_agencies", 0),
                "latitude": area.latitude,
                "longitude": area.longitude,
            }
        )
    return rows


@domain_view
def cluster_page(request: HttpRequest, number: int) -> HttpResponse:
    cluster = access_cluster(request.user, number)
    cycle = current_cycle(request)
    context: dict[str, Any] = {
        "cluster": cluster,
        "provinces": _provinces(cluster, cycle.pk if cycle else None),
        "can_edit_frame": can_edit_cluster_frame(request.user, cluster),
        "cycle_year": str(cycle.pk) if cycle else "",
        # ก.บ.ก., recorded like the other committees at the cluster's lead province
        "boards": cluster_boards(request.user, cluster)
        .select_related("area")
        .order_by("scope_code"),
    }
    if cycle is not None:
        access = access_for(request.user)
        plans = {
            plan.kind: plan
            for plan in access.plans().filter(
                scope_code=cluster.code, cycle_id=cycle.pk, kind__in=CLUSTER_KINDS
            )
        }
        development = plans.get(PlanKind.CLUSTER)
        sent = (
            access.referrals()
            .filter(project__plan__scope_code=cluster.code, project__plan__cycle_id=cycle.pk)
            .filter(target_kind=TargetKind.AGENCY)
            .select_related("project__issue", "to_agency")
            .order_by("to_agency_id", "decision", "id")
        )
        incoming = (
            Referral.objects.filter(target_key=f"plan:{development.pk}")
            if development is not None
            else Referral.objects.none()
        )
        context.update(
            development=development,
            action=plans.get(PlanKind.CLUSTER_ACTION),
            development_projects=development.projects.count() if development else 0,
            incoming=incoming.count(),
            incoming_pending=incoming.filter(decision=Decision.PENDING).count(),
            incoming_provinces=sorted(
                {code[:2] for code in incoming.values_list("project__plan__scope_code", flat=True)}
            ),
            can_review=development is not None and access.owns_plan(development),
            page_obj=Paginator(sent, 50).get_page(request.GET.get("page")),
            query=f"cycle={cycle.pk}",
            figures=funnel(cluster.code, cycle.pk),
            frame=list(ClusterIssue.objects.filter(cluster=cluster, cycle=cycle)),
            is_synthetic=any(plan.synthetic for plan in plans.values()),
        )
    return page(request, "web/cluster.html", "cluster", **context)


@domain_view
def cluster_map_values(request: HttpRequest, number: int) -> JsonResponse:
    """``{metric: {province code: value}}`` of the cluster's provinces, for its map."""
    cluster = access_cluster(request.user, number)
    cycle = current_cycle(request, shown=False)
    rows = _provinces(cluster, cycle.pk if cycle else None)
    return JsonResponse(
        {
            metric: {row["area"].code: row[metric] for row in rows}
            for metric in ("needs", "province_projects", "sent_to_agencies")
        }
    )


@require_POST
@domain_view
def cluster_run(request: HttpRequest, number: int) -> HttpResponse:
    """Run the cluster step as a background job (the cluster officer): the engine proposes."""
    cluster = access_cluster(request.user, number)
    require_can_edit_cluster_frame(request.user, cluster)
    cycle = current_cycle(request, shown=False)
    if cycle is None:
        return redirect("cluster", number=cluster.number)
    job = enqueue(
        "consolidate.cluster",
        arguments={
            "cluster_number": cluster.number,
            "fiscal_year": cycle.fiscal_year,
            "actor_id": request.user.pk,
        },
        created_by=request.user,
        scope_code=cluster.code,
    )
    return redirect("job", job_id=job.pk)


@require_POST
@domain_view
def cluster_frame(request: HttpRequest, number: int) -> HttpResponse:
    """Mark an issue of the cluster's frame cluster-wide (or not); make the default frame."""
    cluster = access_cluster(request.user, number)
    require_can_edit_cluster_frame(request.user, cluster)
    cycle = current_cycle(request, shown=False)
    target = redirect("cluster", number=cluster.number)
    if cycle is None:
        return target
    if not ClusterIssue.objects.filter(cluster=cluster, cycle=cycle).exists():
        cluster_frame_ensure_default(cluster=cluster, cycle=cycle)
    issue_id = request.POST.get("issue", "")
    if issue_id.isdigit():
        issue = access_cluster_issue_for_write(request.user, int(issue_id))
        try:
            cluster_issue_update(
                issue=issue,
                actor=request.user,
                cluster_wide=request.POST.get("cluster_wide") == "on",
                name_th=request.POST.get("name_th"),
            )
        except DomainError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("บันทึกกรอบของกลุ่มจังหวัดแล้ว"))
    target["Location"] += f"?cycle={cycle.pk}"
    return target
