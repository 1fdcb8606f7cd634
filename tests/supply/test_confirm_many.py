"""Confirming many proposals at once (``match_confirm_many``) leaves the ledger that confirming
them one by one (``match_confirm``, in id order) leaves: the same referral decisions, funding
requests, items, audit rows and lineage outcomes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction

from planlink.audit.models import AuditEntry
from planlink.referrals.lineage import outcomes_for
from planlink.referrals.models import Decision, FundingRequest, Referral
from planlink.supply.models import ItemState, SupplyItem
from planlink.supply.services import match_confirm, match_confirm_many
from tests.supply.test_match import _import, demand  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    pass


ROWS = [
    ["S1", "ก่อสร้างอาคารเรียน โรงเรียนบ้านสะเตง ตำบลสะเตง อำเภอเมืองยะลา จังหวัดยะลา",
     "5,200,000", "OBEC", "", "2570", ""],
    ["S2", "ก่อสร้างอาคารเรียน โรงเรียนบ้านท่าสาป ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา",
     "4,100,000", "OBEC", "", "2570", ""],
    ["W9", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 9 ตำบลท่าสาป อำเภอเมืองยะลา จังหวัดยะลา",
     "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
    ["W7", "ขุดเจาะบ่อน้ำบาดาลเพื่อการเกษตร หมู่ที่ 7 ต.ท่าสาป อ.เมืองยะลา จ.ยะลา",
     "450,000", "กรมทรัพยากรน้ำบาดาล", "", "2570", ""],
]  # fmt: skip


def _ledger(projects: list[int]) -> dict[str, object]:
    requests = {
        r.pk: (r.project_id, r.source, r.status, r.requested, r.approved, r.source_agency_id)
        for r in FundingRequest.objects.all()
    }
    return {
        "referrals": list(
            Referral.objects.order_by("pk").values_list(
                "pk", "decision", "amount", "fiscal_year", "funding_source", "reason",
                "component_id", "decided_by_id", "decided_automatically",
            )
        ),
        "items": [
            (
                item.ref, item.state, item.matched_project_id, item.matched_component_id,
                item.funded_referral_id, requests.get(item.funding_request_id),
                item.decided_by_id, item.decided_at is not None,
            )
            for item in SupplyItem.objects.order_by("pk")
        ],
        "requests": sorted(requests.values(), key=str),
        "audit": [
            (e.action, e.object_type, e.object_id, e.scope_code, e.changes)
            for e in AuditEntry.objects.filter(action__in=("referral.funded", "supply.confirm"))
            .order_by("pk")
        ],
        "outcomes": outcomes_for(projects),
    }  # fmt: skip


def _one_by_one_then_undo(ordered: list[SupplyItem], projects: list[int]) -> dict[str, object]:
    """Confirm one by one in id order, read the ledger, roll it all back."""
    seen: dict[str, object] = {}
    try:
        with transaction.atomic():
            for item in ordered:
                if item.state == ItemState.PROPOSED:
                    match_confirm(item=item, actor=None)
            seen.update(_ledger(projects))
            raise _Undo
    except _Undo:
        pass
    assert seen
    assert not Referral.objects.filter(decision=Decision.FUNDED).exists()
    return seen


def test_confirming_many_at_once_leaves_the_ledger_one_by_one_leaves(demand):  # noqa: F811
    items = _import(ROWS)
    assert [items[ref].state for ref in ("S1", "S2", "W9", "W7")] == [
        ItemState.PROPOSED, ItemState.PROPOSED, ItemState.PROPOSED, ItemState.UNMATCHED,
    ]  # fmt: skip
    projects = [
        *(p.pk for pair in demand["wells"].values() for p in pair),
        demand["district_well"].pk,
        *(p.pk for p in demand["schools"].values()),
    ]
    ordered = list(SupplyItem.objects.order_by("pk"))
    one_by_one = _one_by_one_then_undo(ordered, projects)

    confirmed = match_confirm_many(items=list(reversed(ordered)), actor=None)

    assert [item.ref for item in confirmed] == ["S1", "S2", "W9"]
    assert _ledger(projects) == one_by_one
    funded = Referral.objects.filter(decision=Decision.FUNDED).order_by("pk")
    assert [(r.project_id, r.amount) for r in funded] == [
        (demand["schools"]["สะเตง"].pk, Decimal("5200000.00")),
        (demand["schools"]["ท่าสาป"].pk, Decimal("4100000.00")),
    ]
    assert outcomes_for([demand["wells"][9][0].pk])[demand["wells"][9][0].pk] == "funded"
    # A second call finds nothing proposed: nothing is decided twice.
    assert match_confirm_many(items=ordered, actor=None) == []
    assert Referral.objects.filter(decision=Decision.FUNDED).count() == 2
