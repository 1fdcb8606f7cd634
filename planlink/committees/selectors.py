"""Reads on committees, meetings and forums. Callers narrow by access first
(:mod:`planlink.accounts.access`); these selectors narrow by area and kind."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Max, QuerySet, Sum

from planlink.areas.models import prefix_range
from planlink.committees.models import Committee, CommitteeKind, CommunityForum, Meeting
from planlink.committees.performance import performance_counts

__all__ = [
    "committees_in",
    "forum_summary",
    "forums_in",
    "meetings_in",
    "performance_counts",
]


def committees_in(
    scope_code: str, kind: str | None = None, *, queryset: QuerySet[Committee] | None = None
) -> QuerySet[Committee]:
    """Committees serving ``scope_code`` or any area below it, optionally of one kind.

    ``queryset`` is the caller's access-narrowed starting set (default: every committee).
    """
    committees = Committee.objects.all() if queryset is None else queryset
    if scope_code:
        committees = committees.filter(prefix_range("scope_code", scope_code))
    if kind:
        if kind not in CommitteeKind.values:
            return committees.none()
        committees = committees.filter(kind=kind)
    # Meta.ordering does not apply to aggregating queries: order explicitly.
    return (
        committees.select_related("area", "cycle")
        .annotate(
            member_count=Count("members", distinct=True),
            meeting_count=Count("meetings", distinct=True),
        )
        .order_by("scope_code", "kind", "id")
    )


def meetings_in(
    scope_code: str,
    *,
    committee_id: int | None = None,
    purpose: str | None = None,
    queryset: QuerySet[Meeting] | None = None,
) -> QuerySet[Meeting]:
    meetings = Meeting.objects.all() if queryset is None else queryset
    if scope_code:
        meetings = meetings.filter(prefix_range("scope_code", scope_code))
    if committee_id is not None:
        meetings = meetings.filter(committee_id=committee_id)
    if purpose:
        meetings = meetings.filter(purpose=purpose)
    return meetings.select_related("committee").order_by("-held_on", "-id")


def forums_in(
    scope_code: str,
    *,
    plan_id: int | None = None,
    queryset: QuerySet[CommunityForum] | None = None,
) -> QuerySet[CommunityForum]:
    forums = CommunityForum.objects.all() if queryset is None else queryset
    if scope_code:
        forums = forums.filter(prefix_range("scope_code", scope_code))
    if plan_id is not None:
        forums = forums.filter(plan_id=plan_id)
    return forums.select_related("plan", "village").order_by("-held_on", "-id")


def forum_summary(plan: Any) -> dict[str, Any]:
    """The เวทีประชาคม held on one village plan: how many, how many people and households
    in all, the latest date, and the forums themselves (newest first)."""
    forums = CommunityForum.objects.filter(plan=plan)
    totals = forums.aggregate(
        participants=Sum("participants"), households=Sum("households"), latest=Max("held_on")
    )
    return {
        "count": forums.count(),
        "participants": totals["participants"] or 0,
        "households": totals["households"] or 0,
        "latest": totals["latest"],
        "forums": list(forums.order_by("-held_on", "-id")),
    }
