"""Reads on referrals and funding requests shared by the web pages, the API and documents.

Access comes first (``planlink.accounts.access``: ``access_for(user).referrals()``,
``.funding_requests()``); these functions narrow what the caller may already read, the
same way for every door.
"""

from __future__ import annotations

from django.db.models import QuerySet

from planlink.plans.selectors import area_q
from planlink.referrals.models import FundingRequest, Referral


def filter_referrals(
    referrals: QuerySet[Referral],
    *,
    decision: str | None = None,
    cycle: int | None = None,
    area: str | None = None,
    project: int | None = None,
) -> QuerySet[Referral]:
    """Narrow referrals by decision, the sending plan's fiscal year (B.E.), an area code
    prefix (the sending plan or the receiving body inside it) and the project."""
    if decision:
        referrals = referrals.filter(decision=decision)
    if cycle:
        referrals = referrals.filter(project__plan__cycle_id=cycle)
    if area:
        referrals = referrals.filter(area_q(area) | area_q(area, "project__plan__scope_code"))
    if project:
        referrals = referrals.filter(project_id=project)
    return referrals


def filter_funding_requests(
    requests: QuerySet[FundingRequest],
    *,
    cycle: int | None = None,
    fiscal_year: int | None = None,
    area: str | None = None,
    status: str | None = None,
    project: int | None = None,
) -> QuerySet[FundingRequest]:
    """Narrow funding requests by the plan's cycle, the budget year asked for (B.E.), an
    area code prefix of the project's plan, the status and the project."""
    if cycle:
        requests = requests.filter(project__plan__cycle_id=cycle)
    if fiscal_year:
        requests = requests.filter(fiscal_year=fiscal_year)
    if area:
        requests = requests.filter(area_q(area))
    if status:
        requests = requests.filter(status=status)
    if project:
        requests = requests.filter(project_id=project)
    return requests
