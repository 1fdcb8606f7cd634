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
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from planlink.accounts.access import access_public_need
from planlink.areas.models import Area, prefix_range
from planlink.areas.selectors import area_path
from planlink.core.errors import NotFound
from planlink.core.privacy import mask_personal
from planlink.plans.carryover import carry_info
from planlink.plans.models import Plan
from planlink.plans.public_title import public_title_of
from planlink.referrals.lineage import trace
from planlink.tracker.selectors import issue_chart, public_path, tracker_story
from planlink.web import dashboards
from planlink.web.caching import area_figures, public_conditional_current
from planlink.web.selectors import display_path
from planlink.web.workspace import current_cycle, workspace_context

NEEDS_PER_PAGE = 50
DASHBOARD_PARTIAL = "web/partials/area_dashboard.html"


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


def _map_context(request: HttpRequest, area_code: str, cycle: Any) -> dict[str, Any]:
    """The choropleth's settings: the metric asked for, the shapes and the values' address."""
    metric = request.GET.get("metric", "needs")
    if metric not in dashboards.METRICS:
        metric = "needs"
    values_url = reverse(
        "tracker_map_values_area" if area_code else "tracker_map_values",
        args=[area_code] if area_code else [],
    )
    return {
        "metric": metric,
        "geo_url": _geo_url(area_code),
        "metric_labels": dashboards.metric_labels(),
        "href_base": reverse("tracker"),
        "href_template": reverse("tracker") + "{code}/",
        "values_url": f"{values_url}?cycle={cycle.pk}" if cycle is not None else values_url,
    }


def area_dashboard(request: HttpRequest, area_code: str, cycle: Any) -> dict[str, Any]:
    """Context of ``web/partials/area_dashboard.html`` on the signed-in district and province
    pages: the tracker's need funnel (``tracker_story``, the same numbers as the public page),
    the baht asked and funded per issue, the map, the areas below with their needs, lateness
    and จปฐ., and — for officers — the path of projects through the levels.

    Call it after the access check: the figures depend on the area, the cycle, the roll-ups'
    version and the language only (never on who asks), so the server keeps them per process
    (``caching.area_figures``)."""
    context = _map_context(request, area_code, cycle)
    if cycle is None:
        context["children"] = dashboards.children(area_code) if len(area_code) < 8 else []
        return context
    context.update(area_figures(area_code, cycle, lambda: _area_figures(area_code, cycle)))
    # The partial's HTML too: it holds nothing of the user (no form, no name, no token).
    fragment = {**context, "cycle": cycle}
    context["area_dashboard_html"] = mark_safe(  # noqa: S308 — our own template's output
        area_figures(
            area_code,
            cycle,
            lambda: render_to_string(DASHBOARD_PARTIAL, fragment),
            part=f"html:{context['metric']}",
        )
    )
    return context


def _area_figures(area_code: str, cycle: Any) -> dict[str, Any]:
    story = tracker_story(area_code, cycle.pk, with_funded=False)
    stages = story.funnel()
    values = dashboards.map_values(area_code, cycle.pk, timezone.localdate())
    return {
        "story": story,
        "children": [child.area for child in story.children],
        "funnel": stages,
        "funnel_spec": {
            "type": "funnel",
            "data": [{"name": str(s["name"]), "value": s["value"]} for s in stages],
        },
        "funnel_summary": _(
            "หมู่บ้านเสนอ %(raised)s ความต้องการ รวบรวมเข้าแผนตำบล %(collected)s ได้รับงบประมาณ %(funded)s"
        )
        % {key: f"{value:,}" for key, value in story.stages.items()},
        "budget_chart": _plain(dashboards.budget_by_issue(area_code, cycle.pk)),
        "project_path": [
            {"key": row["key"], "name": str(row["name"]), "value": row["value"]}
            for row in dashboards.project_path(area_code, cycle.pk)
        ],
        "child_rows": child_rows(story, values),
    }


def child_rows(story: Any, values: dict[str, Any]) -> list[dict[str, Any]]:
    """The table of the areas one level below: the story's needs with lateness and จปฐ."""
    return [
        {
            "area": child.area,
            "needs": child.needs,
            "collected": child.collected,
            "funded": child.funded,
            "funded_share": child.funded_share,
            "late": int(values["late"].get(child.area.code, 0)),
            "unmet": values["unmet"].get(child.area.code),
        }
        for child in story.children
    ]


def _plain(spec: dict[str, Any]) -> dict[str, Any]:
    """Lazy translations → str, so ``json_script`` can write the chart spec."""
    return json.loads(json.dumps(spec, default=str, ensure_ascii=False))


@require_GET
def tracker(request: HttpRequest, area_code: str = "") -> HttpResponse:
    def build() -> HttpResponse:  # not called for a copy the server or the browser holds
        area = get_object_or_404(Area, code=area_code) if area_code else None
        return _tracker_page(request, area_code, area, current_cycle(request))

    return public_conditional_current(request, build, page=True)


def _tracker_page(
    request: HttpRequest, area_code: str, area: Area | None, cycle: Any
) -> HttpResponse:
    context = workspace_context(request, "tracker")
    context.update(
        area=area,
        path=area_path(area_code) if area_code else [],
        is_synthetic=(area is not None and area.synthetic)
        or (cycle is not None and synthetic_in(area_code, cycle.pk)),
        **story_dashboard(request, area_code, cycle),
    )
    return render(request, "web/tracker.html", context)


def story_dashboard(request: HttpRequest, area_code: str, cycle: Any) -> dict[str, Any]:
    """The tracker page's funnel, chart and tables — all from ``tracker_story`` (one story:
    the funnel equals the sums of the tables)."""
    context = _map_context(request, area_code, cycle)
    if cycle is None:
        return context
    story = tracker_story(area_code, cycle.pk)
    stages = story.funnel()
    values = dashboards.map_values(area_code, cycle.pk, timezone.localdate())
    context.update(
        story=story,
        funnel=stages,
        funnel_spec={
            "type": "funnel",
            "data": [{"name": str(s["name"]), "value": s["value"]} for s in stages],
        },
        funnel_summary=_(
            "หมู่บ้านเสนอ %(raised)s ความต้องการ รวบรวมเข้าแผนตำบล %(collected)s ได้รับงบประมาณ %(funded)s"
        )
        % {key: f"{value:,}" for key, value in story.stages.items()},
        budget_chart=_plain(issue_chart(story)),
        chart_caption=_("ความต้องการรายประเด็น (โครงการ)"),
        chart_summary=_(
            "แท่งแรกคือความต้องการที่หมู่บ้านเสนอ แท่งที่สองคือความต้องการที่ได้รับงบประมาณ แยกตามประเด็นการพัฒนา"
        ),
        child_rows=child_rows(story, values),
        funded_here=story.funded_list,
        funded_total=story.funded_items,
    )
    if story.needs is not None:
        page_obj = Paginator(story.needs, NEEDS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(
            needs_page=page_obj,
            outcome_counts=[
                {"status": key, "count": count} for key, count in story.outcomes.items() if count
            ],
            pagination_query=f"cycle={cycle.pk}",
        )
    return context


@require_GET
def tracker_need(request: HttpRequest, project_id: int) -> HttpResponse:
    """One need's path and fate, for the public."""
    try:
        project = access_public_need(project_id)
    except NotFound:
        raise Http404("not public") from None
    traced = trace(project)
    reason = mask_personal(traced["outcome"].get("reason", ""))
    path = public_path(display_path(traced, public=True))
    context = workspace_context(request, "tracker")
    area_code = project.plan.scope_code
    context.update(
        project=project,
        public_title=public_title_of(project),
        closed_by=traced["outcome"].get("closed_by", ""),
        closed_reason=reason,
        path=path,
        area_path=area_path(area_code) if area_code else [],
        is_synthetic=project.plan.synthetic,
        carry=_masked_carry(carry_info(project)),
    )
    return render(request, "web/tracker_need.html", context)


def _masked_carry(carry: dict[str, Any] | None) -> dict[str, Any] | None:
    """The carry-over's free-text reason (an expired or dropped need) masked for the public."""
    if carry and isinstance(carry.get("carried_to"), dict) and carry["carried_to"].get("reason"):
        carry["carried_to"] = {
            **carry["carried_to"],
            "reason": mask_personal(carry["carried_to"]["reason"]),
        }
    return carry


@require_GET
def tracker_map_values(request: HttpRequest, area_code: str = "") -> HttpResponse:
    """``{metric: {code: value}}`` for the choropleth of the areas below ``area_code``."""

    def build() -> HttpResponse:
        if area_code and not Area.objects.filter(code=area_code).exists():
            raise Http404("no such area")
        cycle = current_cycle(request)
        values = (
            dashboards.map_values(area_code, cycle.pk, timezone.localdate())
            if cycle is not None
            else {metric: {} for metric in dashboards.METRICS}
        )
        return JsonResponse(values)

    return public_conditional_current(request, build, page=False)


@require_GET
def tracker_funnel(request: HttpRequest, area_code: str = "") -> HttpResponse:
    def build() -> HttpResponse:
        cycle = current_cycle(request)
        stages = tracker_story(area_code, cycle.pk).funnel() if cycle is not None else []
        return JsonResponse(
            {"type": "funnel", "data": [{"name": s["name"], "value": s["value"]} for s in stages]},
            json_dumps_params={"ensure_ascii": False},
        )

    return public_conditional_current(request, build, page=False)
