"""``GET /whatif`` — the budget what-if (issue 18): which needs the envelopes would fund.

``?area=24&cycle=2570&envelope=lao=500000000&envelope=RID=5e7[&needs=true]`` answers the
summary (``funded``, ``funded_baht``, ``left_out``, ``left_out_baht``,
``tambons_without_funded_need``, ``households_covered`` and more), by issue and by tambon,
and with ``needs`` every need with its source or the reason it was left out. A GET: it
writes nothing (saving scenarios is on the web page and ``planlink whatif --save``).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from planlink.accounts.access.carryover import access_whatif_area
from planlink.api.auth import caller
from planlink.api.filters import AREA_CODE
from planlink.api.schemas import ERRORS, FiscalYear
from planlink.consolidation.whatif import parse_envelope, whatif
from planlink.core.errors import DomainError

router = Router()


class WhatIfQuery(Schema):
    area: str = Field(..., pattern=AREA_CODE, description="DOPA code (province, district …)")
    cycle: FiscalYear = Field(description="fiscal year B.E.")
    envelope: list[str] = Field(
        default_factory=list,
        description="SOURCE=BAHT, repeated; lao, pao, province, cluster, agency or an agency code",
    )
    issue_order: str = Field("", max_length=200, description="issue codes first, comma-separated")
    needs: bool = Field(False, description="list every need")


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value if isinstance(value, (int, float, str, bool)) or value is None else str(value)


@router.get("", response={200: dict, **ERRORS}, summary="Budget what-if (writes nothing)")
def whatif_get(request: HttpRequest, query: Query[WhatIfQuery]) -> dict[str, Any]:
    access_whatif_area(caller(request), query.area)
    envelopes: dict[str, Any] = {}
    for text in query.envelope[:30]:
        source, amount = parse_envelope(text)
        if source in envelopes:
            raise DomainError(f"ระบุแหล่ง {source} ซ้ำ", f"source {source} given twice")
        envelopes[source] = amount
    order = [code.strip() for code in query.issue_order.split(",") if code.strip()]
    result = whatif(area_code=query.area, cycle=query.cycle, envelopes=envelopes, issue_order=order)
    answer: dict[str, Any] = {
        **result.summary(),
        "by_issue": _plain(result.by_issue()),
        "by_tambon": _plain(result.by_tambon()),
    }
    if query.needs:
        answer["needs"] = [need.as_dict() for need in result.needs]
    return answer
