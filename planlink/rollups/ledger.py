"""Recount an area's roll-up measures straight from the ledger — the check behind
``planlink rollups verify`` and the tests. Written independently of the SQL in
:mod:`planlink.rollups.fill` (ORM queries, a need's fate by ``referrals.lineage``), so a
mistake in one shows up as a difference. Slow on purpose: never used by a page.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum, Value
from django.db.models.functions import Coalesce

from planlink.areas.models import Area, prefix_range
from planlink.plans.models import Mode, PlanKind, Project, ProjectComponent
from planlink.plans.revision_models import withdrawn_exists
from planlink.referrals.lineage import outcomes_for
from planlink.referrals.models import Decision, FundingRequest, FundingStatus, Referral, TargetKind
from planlink.rollups.models import ALL_ISSUES, BAHT_MEASURES, MEASURES, NO_ISSUE

PUBLIC = ["submitted", "accepted"]
INTO_TAMBON = Q(
    project__plan__kind=PlanKind.VILLAGE,
    to_plan__kind=PlanKind.TAMBON,
    decision__in=[Decision.MERGED, Decision.INCLUDED],
)


def _zero() -> dict[str, Any]:
    return {name: (Decimal(0) if name in BAHT_MEASURES else 0) for name in MEASURES}


def recount(area_code: str, cycle_id: int) -> dict[str, dict[str, Any]]:
    """``{issue code: {measure: value}}`` inside ``area_code`` ("" the nation), with the
    every-issue row under ``"*"``. Issue codes: the project's issue, ``""`` for none."""
    rows: dict[str, dict[str, Any]] = defaultdict(_zero)
    issue = Coalesce("issue__code", Value(""))

    def add(issue_code: str, **values: Any) -> None:
        row = rows[issue_code or NO_ISSUE]
        for name, value in values.items():
            row[name] += value or 0

    # A project an approved revision withdrew is out of its plan (docs/revisions.md).
    projects = Project.objects.filter(
        ~withdrawn_exists(), prefix_range("plan__scope_code", area_code), plan__cycle_id=cycle_id
    )
    village = Q(plan__kind=PlanKind.VILLAGE)
    public = village & Q(plan__state__in=PUBLIC)
    for values in (
        projects.annotate(code=issue)
        .values("code")
        .annotate(
            needs_raised=Count("pk", filter=village),
            needs_budget=Sum("budget", filter=village),
            public_needs=Count("pk", filter=public),
            public_needs_budget=Sum("budget", filter=public),
            kept_by_villages=Count("pk", filter=village & Q(mode=Mode.SELF)),
            tambon_projects=Count("pk", filter=Q(plan__kind=PlanKind.TAMBON)),
            district_projects=Count("pk", filter=Q(plan__kind=PlanKind.DISTRICT_NEEDS)),
            province_projects=Count("pk", filter=Q(plan__kind=PlanKind.PROVINCIAL_DEVELOPMENT)),
            cluster_projects=Count("pk", filter=Q(plan__kind=PlanKind.CLUSTER)),
        )
    ):
        add(values.pop("code"), **values)

    public_ids = dict(projects.filter(public).annotate(code=issue).values_list("pk", "code"))
    for pk, fate in outcomes_for(list(public_ids)).items():
        if fate == "funded":
            add(public_ids[pk], public_needs_funded=1)

    # Shared-need components (issue 12).
    components = ProjectComponent.objects.filter(
        prefix_range("project__plan__scope_code", area_code),
        project__plan__cycle_id=cycle_id,
        project__plan__kind=PlanKind.TAMBON,
    )
    for code, groups, places in (
        components.annotate(code=Coalesce("project__issue__code", Value("")))
        .values("code")
        .annotate(groups=Count("project", distinct=True), places=Count("pk"))
        .values_list("code", "groups", "places")
    ):
        add(code, shared_need_groups=groups, shared_need_components=places)

    referrals = Referral.objects.filter(
        prefix_range("project__plan__scope_code", area_code), project__plan__cycle_id=cycle_id
    )
    agency = Q(target_kind=TargetKind.AGENCY)
    included = agency & (
        Q(decision=Decision.FUNDED)
        | Q(decision=Decision.INCLUDED)
        | Q(result_project__isnull=False)
    )
    funded = Q(decision=Decision.FUNDED)
    for values in (
        referrals.annotate(code=Coalesce("project__issue__code", Value("")))
        .values("code")
        .annotate(
            collected_by_tambons=Count("pk", filter=INTO_TAMBON & ~withdrawn_exists("project_id")),
            lao_coordination_items=Count(
                "pk", filter=Q(target_kind=TargetKind.LAO, project__plan__kind=PlanKind.TAMBON)
            ),
            sent_to_districts=Count(
                "pk",
                filter=Q(
                    project__plan__kind=PlanKind.TAMBON, to_plan__kind=PlanKind.DISTRICT_NEEDS
                ),
            ),
            sent_to_provinces=Count(
                "pk",
                filter=Q(
                    project__plan__kind=PlanKind.DISTRICT_NEEDS,
                    to_plan__kind=PlanKind.PROVINCIAL_DEVELOPMENT,
                ),
            ),
            pao_items=Count("pk", filter=Q(target_kind=TargetKind.PAO)),
            sent_to_agencies=Count("pk", filter=agency),
            sent_to_agencies_baht=Sum("project__budget", filter=agency),
            agency_requests=Count("pk", filter=included),
            agency_requests_baht=Sum("project__budget", filter=included),
            agency_funded=Count("pk", filter=agency & funded),
            agency_funded_baht=Sum("amount", filter=agency & funded),
            funded_referrals_baht=Sum("amount", filter=funded),
        )
    ):
        add(values.pop("code"), **values)

    _duplicates(referrals, add)

    for code, source, count, baht in (
        FundingRequest.objects.filter(
            prefix_range("project__plan__scope_code", area_code),
            project__plan__cycle_id=cycle_id,
            status=FundingStatus.APPROVED,
        )
        .annotate(code=Coalesce("project__issue__code", Value("")))
        .values("code", "source")
        .annotate(n=Count("pk"), baht=Sum("approved"))
        .values_list("code", "source", "n", "baht")
    ):
        add(code, **{f"funded_{source}": count, f"funded_{source}_baht": baht})

    villages = (
        Area.objects.within(area_code)
        .filter(level=Area.Level.VILLAGE, plans__cycle_id=cycle_id, plans__kind=PlanKind.VILLAGE)
        .distinct()
        .count()
    )
    add(NO_ISSUE, village_plans=villages)

    from planlink.rollups import supply_measures

    for code, values in supply_measures.recount(area_code, cycle_id).items():
        add(code, **values)

    everything = _zero()
    for row in rows.values():
        for name in MEASURES:
            everything[name] += row[name]
    rows[ALL_ISSUES] = everything
    return dict(rows)


def _duplicates(referrals: Any, add: Any) -> None:
    """A village need merged into a place of a tambon project that an earlier need already
    reached is a duplicate (sources − receiving places, counted source by source)."""
    mine = list(
        referrals.filter(INTO_TAMBON)
        .annotate(code=Coalesce("project__issue__code", Value("")))
        .values_list("pk", "result_project_id", "result_component_id", "code")
    )
    receivers = {result for _, result, _, _ in mine if result is not None}
    first: dict[tuple[int, Any], int] = {}
    for pk, result, component in Referral.objects.filter(
        INTO_TAMBON, result_project_id__in=receivers
    ).values_list("pk", "result_project_id", "result_component_id"):
        key = (result, component)
        first[key] = min(first.get(key, pk), pk)
    for pk, result, component, code in mine:
        if result is not None and first.get((result, component), pk) < pk:
            add(code, duplicates_merged=1)
