"""The demo's agency notices go through the real import path (issue 13, build 6).

The simulation decides which projects agencies fund; this module writes those notices as
a funded-items CSV in the import format (``รายการ, จำนวนเงิน, หน่วยรับงบประมาณ, กระทรวง,
ปีงบประมาณ, area_code``), imports it with :func:`planlink.supply.imports.import_supply`
(located from the text, matched place first) and lets a simulated provincial officer
confirm every proposal, so ``make demo`` exercises the same code as a real file.
Everything it writes is labelled synthetic.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING

from planlink.areas.models import Agency, Area
from planlink.cycles.models import PlanningCycle
from planlink.supply.imports import import_supply
from planlink.supply.models import ItemState, Source, SupplyItem
from planlink.supply.services import confirm_all

if TYPE_CHECKING:
    from planlink.core.types import Actor

HEADER = ["รายการ", "จำนวนเงิน", "หน่วยรับงบประมาณ", "กระทรวง", "ปีงบประมาณ", "area_code"]


def notices_csv(
    notices: Iterable[tuple[str, Decimal, str]], province: Area, cycle: PlanningCycle
) -> bytes:
    """(agency code, amount, title as the agency writes it) → CSV bytes in the import format.

    A title that does not name the province carries the province code instead (an agency's
    notice to one province names the province in its heading).
    """
    notices = list(notices)
    agencies = {
        code: (name, ministry)
        for code, name, ministry in Agency.objects.filter(
            code__in={code for code, _, _ in notices}
        ).values_list("code", "name_th", "ministry_th")
    }
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    names_province = re.compile(rf"(?:จังหวัด|จ\.)\s?{re.escape(province.name_th)}")
    for code, amount, title in notices:
        name, ministry = agencies.get(code, (code, ""))
        area = "" if names_province.search(title) else province.code
        writer.writerow([title, f"{amount:,.2f}", name, ministry, cycle.pk, area])
    return buffer.getvalue().encode("utf-8-sig")


def import_simulated_notices(
    notices: Iterable[tuple[str, Decimal, str]],
    province: Area,
    cycle: PlanningCycle,
    *,
    actor: Actor = None,
) -> dict[str, int]:
    """Import the simulated notices of one province and confirm every proposal (simulated)."""
    data = notices_csv(notices, province, cycle)
    if data.count(b"\n") <= 1:
        return {"agency_notices": 0, "agency_funded": 0}
    report = import_supply(
        data,
        cycle_year=cycle.pk,
        source=Source.AGENCY_NOTICE,
        file_name=f"agency-notices-{cycle.pk}-{province.code}.csv",
        actor=actor,
        synthetic=True,
    )
    if not report.get("import_id"):  # imported before (a re-run): nothing new to decide
        return {"agency_notices": report["rows"], "agency_funded": 0}
    items = list(
        SupplyItem.objects.filter(batch_id=report["import_id"], state=ItemState.PROPOSED)
        .select_related("agency", "lao", "matched_project", "matched_component")
        .order_by("pk")
    )
    return {"agency_notices": report["rows"], "agency_funded": confirm_all(items, actor=actor)}
