"""The line agencies' supply notices (งบประมาณที่ได้รับจัดสรร), simulated, and their matching.

A real agency tells the province which of its projects the budget act funded, in its
own wording. ``agency_supply_notices`` writes those notices for the projects an agency
funds in the simulation as a funded-items file and imports it through ``planlink.supply``
(located, matched place first, confirmed by a simulated officer: the funding is recorded
on the included referral it names); ``match_notices`` counts the notices that funded a need.
"""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

from planlink.areas.models import Area
from planlink.cycles.models import PlanningCycle


def notice_title(title: str, rng: random.Random, province: Area) -> str:
    """How an agency writes the same project in its own list (different wording)."""
    base = title.split(" (รวม")[0]
    forms = [f"โครงการ{base} จังหวัด{province.name_th}", f"{base} จ.{province.name_th}", base]
    return rng.choice(forms)[:300]


def agency_supply_notices(
    funded: list[tuple[str, Decimal, str, random.Random]], province: Area, cycle: PlanningCycle
) -> int:
    """Write one supply notice per funded project: (agency code, budget, title, its lot).

    The amount allocated is 75–100% of the budget asked, rounded to the baht. The notices
    are written as a funded-items CSV and imported the real way (``planlink.supply``, issue
    13): each is located from its text, matched place first, and the simulated provincial
    officer confirms the proposals, which records the funding on the agency's referral.
    """
    from planlink.supply.simulated import import_simulated_notices

    notices = []
    for agency, budget, title, rng in funded:
        amount = (Decimal(budget) * Decimal(str(round(rng.uniform(0.75, 1.0), 2)))).quantize(
            Decimal("1"), rounding=ROUND_HALF_UP
        )
        notices.append((agency, amount, notice_title(title, rng, province)))
    return import_simulated_notices(notices, province, cycle)["agency_notices"]


def match_notices(province_code: str, cycle: PlanningCycle) -> int:
    """How many of the province's simulated agency notices funded a referred need (their
    matches are confirmed as they are imported: ``agency_supply_notices``)."""
    from planlink.supply.models import ItemState, Source, SupplyItem

    return SupplyItem.objects.filter(
        source=Source.AGENCY_NOTICE,
        cycle=cycle,
        province_code=province_code,
        state=ItemState.CONFIRMED,
        synthetic=True,
    ).count()
