"""The funnel: how many needs were raised, merged, kept, sent on, included and funded.

``duplicates_merged`` counts true duplicates only (the same work on the same object in the
same place); ``shared_need_groups`` the tambon projects grouping one need of several places,
each place a component (``shared_need_components``) with its own fate (issue 12).

Counted from the database (never from an engine's memory), in the manner of the
manual's FY2559 figures (docs/reference/PROCESS.md "How success is measured"). Used by
``planlink demo``, the dashboards and the API.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from planlink.areas.models import prefix_range
from planlink.plans.models import Mode, PlanKind, Project, ProjectComponent
from planlink.referrals.models import Decision, FundingRequest, FundingStatus, Referral, TargetKind


def _projects(kind: str, cycle: int, area: str) -> QuerySet[Project]:
    return Project.objects.filter(
        prefix_range("plan__scope_code", area), plan__kind=kind, plan__cycle_id=cycle
    )


def _referrals(cycle: int, area: str) -> QuerySet[Referral]:
    return Referral.objects.filter(
        prefix_range("project__plan__scope_code", area), project__plan__cycle_id=cycle
    )


def funnel(area_code: str, cycle: int) -> dict[str, Any]:
    village_projects = _projects(PlanKind.VILLAGE, cycle, area_code)
    into_tambon = _referrals(cycle, area_code).filter(
        project__plan__kind=PlanKind.VILLAGE,
        to_plan__kind=PlanKind.TAMBON,
        decision__in=[Decision.MERGED, Decision.INCLUDED],
    )
    merged_sources = into_tambon.count()
    # One need per place: a source merged into a grouped project's component is a need of
    # its own place (a shared need), not a duplicate (issue 12).
    receiving = into_tambon.values("result_project", "result_component").distinct().count()
    components = ProjectComponent.objects.filter(
        prefix_range("project__plan__scope_code", area_code),
        project__plan__kind=PlanKind.TAMBON,
        project__plan__cycle_id=cycle,
    )
    shared = components.aggregate(groups=Count("project", distinct=True), places=Count("pk"))
    agency = _referrals(cycle, area_code).filter(target_kind=TargetKind.AGENCY)
    agency_included = agency.filter(
        Q(decision=Decision.FUNDED)
        | Q(decision=Decision.INCLUDED)
        | Q(result_project__isnull=False)
    )
    agency_funded = agency.filter(decision=Decision.FUNDED)
    approved = FundingRequest.objects.filter(
        prefix_range("project__plan__scope_code", area_code),
        project__plan__cycle_id=cycle,
        status=FundingStatus.APPROVED,
    )
    by_source = {
        row["source"]: (row["n"], row["baht"] or Decimal(0))
        for row in approved.values("source").annotate(n=Count("pk"), baht=Sum("approved"))
    }
    agency_baht = agency_funded.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    funded_count = agency_funded.count() + sum(n for n, _ in by_source.values())
    funded_baht = agency_baht + sum((b for _, b in by_source.values()), Decimal(0))
    sent_baht = agency.aggregate(total=Sum("project__budget"))["total"] or Decimal(0)
    included_baht = agency_included.aggregate(total=Sum("project__budget"))["total"] or Decimal(0)
    from planlink.areas.models import Area

    villages = (
        Area.objects.within(area_code)
        .filter(level=Area.Level.VILLAGE, plans__cycle_id=cycle, plans__kind=PlanKind.VILLAGE)
        .distinct()
        .count()
    )
    return {
        "cycle": cycle,
        "area": area_code,
        "villages": villages,
        "village_projects": village_projects.count(),
        "village_budget_baht": str(
            village_projects.aggregate(total=Sum("budget"))["total"] or Decimal(0)
        ),
        "kept_by_villages": village_projects.filter(mode=Mode.SELF).count(),
        "collected_by_tambons": merged_sources,
        "duplicates_merged": merged_sources - receiving,
        "shared_need_groups": shared["groups"] or 0,
        "shared_need_components": shared["places"] or 0,
        "tambon_projects": _projects(PlanKind.TAMBON, cycle, area_code).count(),
        "lao_coordination_items": _referrals(cycle, area_code)
        .filter(target_kind=TargetKind.LAO, project__plan__kind=PlanKind.TAMBON)
        .count(),
        "sent_to_districts": _referrals(cycle, area_code)
        .filter(project__plan__kind=PlanKind.TAMBON, to_plan__kind=PlanKind.DISTRICT_NEEDS)
        .count(),
        "district_projects": _projects(PlanKind.DISTRICT_NEEDS, cycle, area_code).count(),
        "pao_items": _referrals(cycle, area_code).filter(target_kind=TargetKind.PAO).count(),
        "province_projects": _projects(PlanKind.PROVINCIAL_DEVELOPMENT, cycle, area_code).count(),
        # A cluster's plans have the cluster's code (C05): counted in the cluster and the nation.
        "cluster_projects": _projects(PlanKind.CLUSTER, cycle, area_code).count(),
        "sent_to_agencies": agency.count(),
        "sent_to_agencies_baht": str(sent_baht),
        "agency_requests": agency_included.count(),
        "agency_requests_baht": str(included_baht),
        "agency_funded": agency_funded.count(),
        "agency_funded_baht": str(agency_baht),
        "funded_by_source": {
            source: {"projects": n, "baht": str(b)} for source, (n, b) in sorted(by_source.items())
        },
        "funded_projects": funded_count,
        "funded_baht": str(funded_baht),
    }
