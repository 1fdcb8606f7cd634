"""บันทึกการเปลี่ยนแปลง — the auditor's screen and one object's history.

``/audit/`` is the trail inside the reader's auditing scope (auditors and administrators;
``require_audit_reader`` refuses everyone else), filtered by area, person, kind of object
and dates typed in B.E.; htmx swaps the results in place. ``/audit/<kind>/<id>/`` is one
object's history for those ``access_audit_object`` lets read it (its auditors and owners).
Reading and filtering are ``planlink.audit.selectors``; the Thai rows ``web.audit_display``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from planlink.accounts.access import (
    AUDIT_READERS,
    access_audit_object,
    access_for,
    audit_scope_q,
    require_audit_reader,
)
from planlink.areas.models import Area, prefix_range
from planlink.audit.models import AuditEntry
from planlink.audit.selectors import (
    OBJECT_KINDS,
    TrailFilters,
    filter_trail,
    object_trail,
    parse_be_date,
    trail_summary,
)
from planlink.core.errors import DomainError
from planlink.web.audit_display import object_kind_label, trail_rows
from planlink.web.views.common import domain_view, error_text, page
from planlink.web.workspace import workspace_context

PAGE_SIZE = 50  # the ceiling is 100 rows a page
FILTER_NAMES = ("area", "person", "kind", "date_from", "date_to")


def be_text(day: dt.date) -> str:
    """A date as the filter form takes it: ``1/12/2569``."""
    return f"{day.day}/{day.month}/{day.year + 543}"


def _filters(request: HttpRequest) -> tuple[TrailFilters, dict[str, str]]:
    typed = {name: request.GET.get(name, "").strip()[:60] for name in FILTER_NAMES}
    filters = TrailFilters(
        area=typed["area"],
        person=typed["person"],
        object_type=typed["kind"],
        date_from=parse_be_date(typed["date_from"], "วันที่เริ่ม", "first date"),
        date_to=parse_be_date(typed["date_to"], "วันที่สิ้นสุด", "last date"),
    )
    return filters, typed


def _picker_areas(user: Any) -> list[Area]:
    """Areas offered in the area field: the provinces, or the auditor's own areas and districts."""
    grants = [grant for grant in access_for(user).grants if grant.role in AUDIT_READERS]
    if any(grant.national for grant in grants):
        return list(Area.objects.filter(level=Area.Level.PROVINCE).order_by("code"))
    found: list[Area] = []
    for grant in grants:
        if grant.area_code:
            found.extend(
                Area.objects.filter(prefix_range("code", grant.area_code))
                .filter(level__in=[Area.Level.PROVINCE, Area.Level.DISTRICT])
                .order_by("code")
            )
    return found


def _page_of(request: HttpRequest, entries: QuerySet[AuditEntry]) -> Any:
    return Paginator(entries.select_related("actor"), PAGE_SIZE).get_page(request.GET.get("page"))


@domain_view
def audit_trail(request: HttpRequest) -> HttpResponse:
    """The trail in the reader's scope, filtered; htmx gets the results block only."""
    require_audit_reader(request.user)
    scoped = AuditEntry.objects.filter(audit_scope_q(request.user))
    error = ""
    typed = {name: request.GET.get(name, "").strip()[:60] for name in FILTER_NAMES}
    try:
        filters, typed = _filters(request)
        entries = filter_trail(scoped, filters)
    except DomainError as failure:
        error = error_text(failure)
        filters = TrailFilters()
        entries = scoped.none()
    page_obj = _page_of(request, entries)
    area = Area.objects.filter(code=filters.area).first() if filters.area else None
    context = {
        "page_obj": page_obj,
        "rows": trail_rows(list(page_obj.object_list)),
        "typed": typed,
        "filters": filters,
        "filter_area": area,
        "error": error,
        "query": urlencode({name: value for name, value in typed.items() if value}),
    }
    if request.headers.get("HX-Request") == "true":
        response = render(
            request, "web/partials/audit_results.html", workspace_context(request, **context)
        )
        response["Cache-Control"] = "private, no-cache"
        return response
    return page(
        request,
        "web/audit.html",
        "audit",
        kinds=[(key, object_kind_label(key)) for key in OBJECT_KINDS],
        picker_areas=_picker_areas(request.user),
        **context,
    )


@domain_view
def audit_object(request: HttpRequest, object_type: str, object_id: str) -> HttpResponse:
    """One object's whole history (its auditors, administrators and owners)."""
    access_audit_object(request.user, object_type, object_id)
    page_obj = _page_of(request, object_trail(object_type, object_id))
    rows = trail_rows(list(page_obj.object_list))
    return page(
        request,
        "web/audit_object.html",
        "audit",
        page_obj=page_obj,
        rows=rows,
        kind=object_kind_label(object_type),
        name=rows[0].object_name if rows else f"#{object_id}",
        object_url=next((row.object_url for row in rows if row.object_url), ""),
        query="",
    )


def auditor_home(user: Any) -> dict[str, Any] | None:
    """What an auditor's home shows: changes today and this week, the busiest provinces, the
    latest changes, with links into the trail; ``None`` for who does not audit."""
    grants = [grant for grant in access_for(user).grants if grant.role in AUDIT_READERS]
    if not grants:
        return None
    scoped = AuditEntry.objects.filter(audit_scope_q(user))
    summary = trail_summary(scoped)
    today = timezone.localdate()
    names = dict(
        Area.objects.filter(
            code__in=[code for code, _count in summary.busiest_provinces]
        ).values_list("code", "name_th")
    )
    latest = list(scoped.select_related("actor").order_by("-at", "-id")[:5])
    return {
        "summary": summary,
        "provinces": [
            (code, names.get(code, code), count) for code, count in summary.busiest_provinces
        ],
        "latest": trail_rows(latest),
        "province_links": any(grant.national for grant in grants),
        # only audits: the home leaves out "own plans" and "arrived to decide"
        "audit_only": all(grant.role in AUDIT_READERS for grant in access_for(user).grants),
        "today_query": urlencode({"date_from": be_text(today), "date_to": be_text(today)}),
        "week_query": urlencode({"date_from": be_text(today - dt.timedelta(days=6))}),
        "plans_query": urlencode({"kind": "plans.plan"}),
        "projects_query": urlencode({"kind": "plans.project"}),
    }
