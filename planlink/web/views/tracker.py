"""ติดตามความต้องการ — the public tracker at ``/tracker/`` (no sign-in, no personal data).

Province → district → tambon → village, each with the funnel, a map of the areas
below, and the needs raised there with their fate. Only plans that were
submitted or accepted are public (a village's draft is not); who decided and the
free-text reasons are never shown (they may name people).
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.staticfiles import finders
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from planlink.accounts.access import access_public_need, public_needs
from planlink.areas.models import Area, prefix_range
from planlink.areas.selectors import area_path
from planlink.core.errors import NotFound
from planlink.plans.carryover import carry_info
from planlink.plans.models import Plan
from planlink.referrals.lineage import outcomes_for, trace
from planlink.rollups.selectors import area_measures as rollup_measures
from planlink.web import dashboards
from planlink.web.caching import public_conditional
from planlink.web.selectors import display_path
from planlink.web.workspace import current_cycle, workspace_context

NEEDS_PER_PAGE = 50


def _geo_url(area_code: str) -> str | None:
    if not area_code:
        return static("geo/provinces.geojson")
    if len(area_code) == 2:
        return static(f"geo/districts/{area_code}.geojson")
    if len(area_code) == 4:
        return reverse("tracker_district_shapes", args=[area_code])
    return None


@require_GET
@cache_control(max_age=86400, public=True)
def district_shapes(request: HttpRequest, area_code: str) -> JsonResponse:
    """The tambons of one district, cut from the vendored per-province file (about 10 KB
    instead of the province's 120 KB, and the map zooms to the district)."""
    if len(area_code) != 4 or not area_code.isdigit():
        raise Http404("not a district code")
    path = finders.find(f"geo/tambons/{area_code[:2]}.geojson")
    if path is None:
        raise Http404("no shapes for this province")
    with open(path, encoding="utf-8") as handle:
        collection = json.load(handle)
    collection["features"] = [
        feature
        for feature in collection.get("features", [])
        if str(feature.get("properties", {}).get("code", "")).startswith(area_code)
    ]
    return JsonResponse(collection, content_type="application/geo+json")


def synthetic_in(area_code: str, cycle_id: int | None) -> bool:
    plans = Plan.objects.filter(prefix_range("scope_code", area_code), synthetic=True)
    if cycle_id:
        plans = plans.filter(cycle_id=cycle_id)
    return plans.exists()


def area_dashboard(request: HttpRequest, area_code: str, cycle: Any) -> dict[str, Any]:
    """Context of ``web/partials/area_dashboard.html`` (funnel, budget chart, map, table)."""
    metric = request.GET.get("metric", "needs")
    if metric not in dashboards.METRICS:
        metric = "needs"
    children = dashboards.children(area_code) if len(area_code) < 8 else []
    values_url = reverse(
        "tracker_map_values_area" if area_code else "tracker_map_values",
        args=[area_code] if area_code else [],
    )
    context: dict[str, Any] = {
        "metric": metric,
        "geo_url": _geo_url(area_code),
        "metric_labels": dashboards.metric_labels(),
        "href_base": reverse("tracker"),
        "href_template": reverse("tracker") + "{code}/",
        "values_url": f"{values_url}?cycle={cycle.pk}" if cycle is not None else values_url,
        "children": children,
    }
    if cycle is None:
        return context
    values = dashboards.map_values(area_code, cycle.pk, timezone.localdate())
    stages = dashboards.funnel_stages(area_code, cycle.pk)
    context.update(
        funnel=stages,
        funnel_spec={
            "type": "funnel",
            "data": [{"name": str(s["name"]), "value": s["value"]} for s in stages],
        },
        funnel_summary=_("หมู่บ้านเสนอ %(raised)s ความต้องการ ได้รับงบประมาณ %(funded)s โครงการ")
        % {"raised": f"{stages[0]['value']:,}", "funded": f"{stages[-1]['value']:,}"},
        budget_chart=_plain(dashboards.budget_by_issue(area_code, cycle.pk)),
        child_rows=[
            {
                "area": child,
                "needs": int(values["needs"].get(child.code, 0)),
                "funded_share": values["funded_share"].get(child.code),
                "late": int(values["late"].get(child.code, 0)),
                "unmet": values["unmet"].get(child.code),
            }
            for child in children
        ],
    )
    return context


def _plain(spec: dict[str, Any]) -> dict[str, Any]:
    """Lazy translations → str, so ``json_script`` can write the chart spec."""
    return json.loads(json.dumps(spec, default=str, ensure_ascii=False))


@require_GET
def tracker(request: HttpRequest, area_code: str = "") -> HttpResponse:
    area = get_object_or_404(Area, code=area_code) if area_code else None
    cycle = current_cycle(request)
    return public_conditional(
        request,
        cycle.pk if cycle is not None else None,
        lambda: _tracker_page(request, area_code, area, cycle),
        page=True,
    )


def _tracker_page(
    request: HttpRequest, area_code: str, area: Area | None, cycle: Any
) -> HttpResponse:
    context = workspace_context(request, "tracker")
    context.update(
        area=area,
        path=area_path(area_code) if area_code else [],
        is_synthetic=(area is not None and area.synthetic)
        or (cycle is not None and synthetic_in(area_code, cycle.pk)),
        **area_dashboard(request, area_code, cycle),
    )
    if cycle is not None and len(area_code) >= 6:
        needs = (
            public_needs(area_code, cycle.pk)
            .select_related("issue", "plan__owner_area")
            .order_by("plan__scope_code", "issue__order", "priority", "id")
        )
        paginator = Paginator(needs, NEEDS_PER_PAGE)
        # The number of public needs is in the roll-ups: no COUNT over the ledger per request.
        paginator.count = rollup_measures(area_code, cycle.pk)["public_needs"]
        page_obj = paginator.get_page(request.GET.get("page"))
        context["needs_page"] = page_obj
        context["fates"] = outcomes_for([project.pk for project in page_obj])
        context["pagination_query"] = f"cycle={cycle.pk}"
    if cycle is not None and area_code:  # what was funded here (issue 13)
        from planlink.rollups.selectors import funded_items
        from planlink.supply.selectors import funded_in_area

        context["funded_here"] = funded_in_area(cycle.pk, area_code)
        # The totals are in the roll-ups (the list above is at most 200 rows).
        context["funded_total"] = funded_items(area_code, cycle.pk)
    return render(request, "web/tracker.html", context)


@require_GET
def tracker_need(request: HttpRequest, project_id: int) -> HttpResponse:
    """One need's path and fate, for the public."""
    try:
        project = access_public_need(project_id)
    except NotFound:
        raise Http404("not public") from None
    path = display_path(trace(project), public=True)
    context = workspace_context(request, "tracker")
    area_code = project.plan.scope_code
    context.update(
        project=project,
        path=path,
        area_path=area_path(area_code) if area_code else [],
        is_synthetic=project.plan.synthetic,
        carry=carry_info(project),
    )
    return render(request, "web/tracker_need.html", context)


@require_GET
def tracker_map_values(request: HttpRequest, area_code: str = "") -> HttpResponse:
    """``{metric: {code: value}}`` for the choropleth of the areas below ``area_code``."""
    if area_code and not Area.objects.filter(code=area_code).exists():
        raise Http404("no such area")
    cycle = current_cycle(request)

    def build() -> HttpResponse:
        values = (
            dashboards.map_values(area_code, cycle.pk, timezone.localdate())
            if cycle is not None
            else {metric: {} for metric in dashboards.METRICS}
        )
        return JsonResponse(values)

    return public_conditional(request, cycle.pk if cycle else None, build, page=False)


@require_GET
def tracker_funnel(request: HttpRequest, area_code: str = "") -> HttpResponse:
    cycle = current_cycle(request)

    def build() -> HttpResponse:
        stages = dashboards.funnel_stages(area_code, cycle.pk) if cycle is not None else []
        return JsonResponse(
            {"type": "funnel", "data": [{"name": s["name"], "value": s["value"]} for s in stages]},
            json_dumps_params={"ensure_ascii": False},
        )

    return public_conditional(request, cycle.pk if cycle else None, build, page=False)
