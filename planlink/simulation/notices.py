"""The line agencies' supply notices (งบประมาณที่ได้รับจัดสรร), simulated, and their matching.

A real agency tells the province which of its projects the budget act funded, in its
own wording. ``agency_supply_notices`` writes those notices for the projects an agency
funds in the simulation; ``match_notices`` finds, for every notice, the included
referral of the same agency it names, and records the funding on it.
"""

from __future__ import annotations

import random
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from planlink.areas.models import Area
from planlink.consolidation.grouping import matcher
from planlink.consolidation.models import SupplyNotice
from planlink.cycles.models import PlanningCycle
from planlink.referrals.models import Decision, Referral, TargetKind
from planlink.simulation.draws import project_keys

MATCH_THRESHOLD = 0.55


def notice_title(title: str, rng: random.Random, province: Area) -> str:
    """How an agency writes the same project in its own list (different wording)."""
    base = title.split(" (รวม")[0]
    forms = [f"โครงการ{base} จังหวัด{province.name_th}", f"{base} จ.{province.name_th}", base]
    return rng.choice(forms)[:300]


def agency_supply_notices(
    funded: list[tuple[str, Decimal, str, random.Random]], province: Area, cycle: PlanningCycle
) -> int:
    """Write one supply notice per funded project: (agency code, budget, title, its lot).

    The amount allocated is 75–100% of the budget asked, rounded to the baht.
    """
    notices = []
    for agency, budget, title, rng in funded:
        amount = (Decimal(budget) * Decimal(str(round(rng.uniform(0.75, 1.0), 2)))).quantize(
            Decimal("1"), rounding=ROUND_HALF_UP
        )
        notices.append(
            SupplyNotice(
                agency_id=agency,
                province=province,
                cycle=cycle,
                synthetic=True,
                title=notice_title(title, rng, province),
                amount=amount,
            )
        )
    SupplyNotice.objects.bulk_create(notices, batch_size=1000)
    return len(notices)


def match_notices(province_code: str, cycle: PlanningCycle) -> int:
    """Match supply notices to the included referrals of the same agency in the province."""
    notices = list(
        SupplyNotice.objects.filter(province_id=province_code, cycle=cycle, matched_referral=None)
        .select_related("agency")
        .order_by("pk")
    )
    if not notices:
        return 0
    rows = list(
        Referral.objects.filter(
            target_kind=TargetKind.AGENCY,
            decision=Decision.INCLUDED,
            project__plan__scope_code=province_code,
            project__plan__cycle=cycle,
        )
        .order_by()
        .values_list("pk", "to_agency_id", "project__title", "project_id")
    )
    # Candidates in the order of their projects' stable keys, so that of two equally
    # good candidates the same one wins whatever ids the rows were given.
    keys = project_keys(row[3] for row in rows)
    candidates: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for rid, agency, title, _project in sorted(rows, key=lambda row: keys[row[3]]):
        candidates[agency].append((rid, title))
    used: set[int] = set()
    matched = 0
    for notice in notices:
        best, best_score = None, 0.0
        for rid, title in candidates.get(notice.agency_id, []):
            if rid in used:
                continue
            score = matcher().score(notice.title, title)
            if score > best_score:
                best, best_score = rid, score
        if best is not None and best_score >= MATCH_THRESHOLD:
            used.add(best)
            notice.matched_referral_id = best
            notice.match_score = round(best_score, 3)
            notice.match_reason = f"ชื่อโครงการตรงกัน {best_score:.0%}"
            Referral.objects.filter(pk=best).update(
                decision=Decision.FUNDED,
                amount=notice.amount,
                fiscal_year=cycle.pk,
                funding_source=notice.agency.name_th,
                decided_at=timezone.now(),
                decided_automatically=True,
            )
            matched += 1
    SupplyNotice.objects.bulk_update(notices, ["matched_referral", "match_score", "match_reason"])
    return matched
