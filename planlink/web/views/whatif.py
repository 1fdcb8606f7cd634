"""Budget what-if (issue 18) for provincial officers: envelopes in, funded and left-out
needs out, by area, issue and survey evidence; scenarios saved, compared, exported to Excel.

Thin: the answer is ``planlink.consolidation.whatif``; the workbook ``documents.whatif``;
who may ask and save ``planlink.accounts.access.carryover``. Asking writes nothing.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from planlink.accounts.access.carryover import (
    WHATIF_READERS,
    access_whatif_area,
    can_save_whatif,
    default_area,
    require_scenario_reader,
    whatif_area_q,
)
from planlink.consolidation.models import WhatIfScenario
from planlink.consolidation.whatif import (
    SOURCE_LABELS,
    SOURCES,
    WhatIf,
    normalise_source,
    parse_baht,
    scenario_compare,
    scenario_save,
    whatif,
)
from planlink.core.errors import DomainError, NotFound
from planlink.documents.whatif import whatif_xlsx
from planlink.web.views.common import domain_view, error_text, page
from planlink.web.workspace import Workspace

NAMED_ROWS = 3
SHOWN_NEEDS = 300
FIGURE_LABELS = {
    "funded": _("ได้รับงบ (โครงการ)"),
    "funded_baht": _("ได้รับงบ (บาท)"),
    "left_out": _("ไม่ได้รับงบ (โครงการ)"),
    "left_out_baht": _("ไม่ได้รับงบ (บาท)"),
    "tambons_without_funded_need": _("ตำบลที่ไม่มีโครงการได้รับงบ"),
    "households_covered": _("ครัวเรือนไม่ผ่านเกณฑ์ จปฐ. ที่โครงการได้รับงบครอบคลุม"),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _envelopes(data: QueryDict) -> dict[str, Decimal]:
    """The envelopes of the form: one field per source, and named agencies (code + amount)."""
    amounts: dict[str, Decimal] = {}
    for source in SOURCES:
        value = (data.get(source) or "").strip()
        if value:
            amounts[source] = parse_baht(value, SOURCE_LABELS[source])
    for index in range(1, NAMED_ROWS + 1):
        code = (data.get(f"agency_code_{index}") or "").strip()
        value = (data.get(f"agency_amount_{index}") or "").strip()
        if code and value:
            source = normalise_source(code)
            if source in amounts:
                raise DomainError(f"ระบุส่วนราชการ {code} ซ้ำ", f"agency {code} given twice")
            amounts[source] = parse_baht(value, code)
    return amounts


def _question(request: HttpRequest, data: QueryDict) -> tuple[str, int | None]:
    area = (data.get("area") or "").strip() or default_area(request.user, WHATIF_READERS)
    cycle_text = (data.get("cycle") or "").strip()
    if cycle_text.isdigit():
        cycle: int | None = int(cycle_text)
    else:
        current = Workspace(request).cycle
        cycle = current.pk if current else None
    return area, cycle


def _form_values(data: QueryDict) -> dict[str, str]:
    keys = [*SOURCES] + [
        f"agency_{part}_{index}"
        for index in range(1, NAMED_ROWS + 1)
        for part in ("code", "amount")
    ]
    return {key: (data.get(key) or "").strip() for key in keys}


def _result_context(result: WhatIf) -> dict[str, Any]:
    return {
        "result": result,
        "summary": result.summary(),
        "by_issue": result.by_issue(),
        "by_tambon": result.by_tambon(),
        "funded_needs": result.funded[:SHOWN_NEEDS],
        "left_needs": result.left_out[:SHOWN_NEEDS],
        "shown_limit": SHOWN_NEEDS,
    }


def _base(request: HttpRequest, area: str, cycle: int | None, **extra: Any) -> dict[str, Any]:
    scenarios = WhatIfScenario.objects.filter(whatif_area_q(request.user))
    if area:
        scenarios = scenarios.filter(area_code__startswith=area[:2])
    return {
        "area": area,
        "cycle_year": cycle,
        "sources": [(source, SOURCE_LABELS[source]) for source in SOURCES],
        "named_rows": [
            (
                index,
                extra.get("values", {}).get(f"agency_code_{index}", ""),
                extra.get("values", {}).get(f"agency_amount_{index}", ""),
            )
            for index in range(1, NAMED_ROWS + 1)
        ],
        "scenarios": scenarios[:50],
        "can_save": can_save_whatif(request.user, area) if area else False,
        **extra,
    }


@domain_view
def whatif_page(request: HttpRequest) -> HttpResponse:
    area, cycle = _question(request, request.GET)
    if area:
        access_whatif_area(request.user, area)
    values = _form_values(request.GET)
    context = _base(request, area, cycle, values=values)
    if not area or cycle is None or not any(values.values()):
        return page(request, "web/whatif.html", "whatif", **context)
    try:
        result = whatif(area_code=area, cycle=cycle, envelopes=_envelopes(request.GET))
    except NotFound:
        raise
    except DomainError as error:
        return page(
            request, "web/whatif.html", "whatif", status=error.status,
            error=error_text(error), **context,
        )  # fmt: skip
    if request.GET.get("format") == "xlsx":
        response = HttpResponse(whatif_xlsx(result), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="whatif-{area}-{cycle}.xlsx"'
        return response
    query = request.GET.urlencode()
    return page(
        request, "web/whatif.html", "whatif", query=query, **context, **_result_context(result)
    )


@require_POST
@domain_view
def whatif_save(request: HttpRequest) -> HttpResponse:
    area, cycle = _question(request, request.POST)
    access_whatif_area(request.user, area, for_save=True)
    values = _form_values(request.POST)
    try:
        if cycle is None:
            raise DomainError("โปรดระบุปีงบประมาณ", "give the fiscal year")
        result = whatif(area_code=area, cycle=cycle, envelopes=_envelopes(request.POST))
        scenario = scenario_save(
            result=result, name=request.POST.get("name") or "", actor=request.user
        )
    except NotFound:
        raise
    except DomainError as error:
        return page(
            request, "web/whatif.html", "whatif", status=error.status, error=error_text(error),
            **_base(request, area, cycle, values=values),
        )  # fmt: skip
    return redirect("whatif_scenario", scenario_id=scenario.pk)


def _scenario(request: HttpRequest, scenario_id: int) -> WhatIfScenario:
    scenario = WhatIfScenario.objects.filter(pk=scenario_id).first()
    if scenario is None:
        raise NotFound("สถานการณ์", "scenario")
    require_scenario_reader(request.user, scenario.area_code)
    return scenario


def _scenario_query(scenario: WhatIfScenario) -> str:
    query: dict[str, str] = {"area": scenario.area_code, "cycle": str(scenario.cycle_id)}
    index = 0
    for source, amount in scenario.envelopes.items():
        if source.startswith("agency:"):
            index += 1
            query[f"agency_code_{index}"] = source.split(":", 1)[1]
            query[f"agency_amount_{index}"] = amount
        else:
            query[source] = amount
    return urlencode(query)


@domain_view
def whatif_scenario(request: HttpRequest, scenario_id: int) -> HttpResponse:
    scenario = _scenario(request, scenario_id)
    others = WhatIfScenario.objects.filter(whatif_area_q(request.user)).exclude(pk=scenario.pk)
    return page(
        request, "web/whatif_scenario.html", "whatif", scenario=scenario,
        rerun=f"{reverse('whatif')}?{_scenario_query(scenario)}",
        others=others.filter(area_code__startswith=scenario.area_code[:2])[:50],
        envelope_labels={
            source: SOURCE_LABELS.get(source, source.split(":", 1)[-1])
            for source in scenario.envelopes
        },
    )  # fmt: skip


@domain_view
def whatif_compare(request: HttpRequest) -> HttpResponse:
    first_id = request.GET.get("a") or ""
    second_id = request.GET.get("b") or ""
    if not (first_id.isdigit() and second_id.isdigit()):
        raise NotFound("สถานการณ์", "scenario")
    first = _scenario(request, int(first_id))
    second = _scenario(request, int(second_id))
    comparison = scenario_compare(first, second)
    for row in comparison["figures"]:
        row["label"] = FIGURE_LABELS.get(row["key"], row["key"])
    return page(request, "web/whatif_compare.html", "whatif", comparison=comparison)


@domain_view
def whatif_scenario_xlsx(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """The saved scenario's question asked again on today's data, as a workbook."""
    scenario = _scenario(request, scenario_id)
    result = whatif(
        area_code=scenario.area_code, cycle=scenario.cycle_id, envelopes=scenario.envelopes
    )
    response = HttpResponse(whatif_xlsx(result, title=scenario.name), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="whatif-scenario-{scenario.pk}.xlsx"'
    return response
