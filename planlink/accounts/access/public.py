"""What anyone may read without signing in: the public tracker's needs and their fates.

Part of :mod:`planlink.accounts.access` (moved from ``web/dashboards.py`` in issue 11).
The public sees village needs of plans that were *sent* (submitted or accepted) — never a
draft or a returned plan, never the name of a person — and counts and sums of everything.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from planlink.areas.models import prefix_range
from planlink.plans.models import PlanKind, PlanState, Project

PUBLIC_PLAN_STATES = [PlanState.SUBMITTED, PlanState.ACCEPTED]


def public_project_q() -> Q:
    """A filter on Project: the projects of plans the public may see."""
    return Q(plan__state__in=PUBLIC_PLAN_STATES)


def public_needs(area_code: str, cycle_id: int) -> QuerySet[Project]:
    """Village needs the public may see inside ``area_code`` ("" for the country)."""
    return Project.objects.filter(
        public_project_q(),
        prefix_range("plan__scope_code", area_code),
        plan__kind=PlanKind.VILLAGE,
        plan__cycle_id=cycle_id,
    )


def access_public_need(project_id: int) -> Project:
    """One need as the public tracker shows it; ``NotFound`` for drafts and other plans."""
    from planlink.core.errors import NotFound

    project = (
        Project.objects.filter(public_project_q())
        .select_related("plan__owner_area", "issue")
        .filter(pk=project_id)
        .first()
    )
    if project is None:
        raise NotFound("ความต้องการ", "need")
    return project


# Who may set the title the public sees (``Project.public_title``): the officers of the areas
# the need belongs to — tambon, district and provincial officers whose area contains the plan
# — and administrators; never the village that typed the title, an auditor or an agency.
PUBLIC_TITLE_ROLES = ("tambon_officer", "district_officer", "provincial_officer")


def can_set_public_title(user: object, project: Project) -> bool:
    from planlink.accounts.access.core import access_for
    from planlink.accounts.models import Role

    scope = project.plan.scope_code
    for grant in access_for(user).grants:
        if grant.role == Role.ADMINISTRATOR and (
            grant.national or scope.startswith(grant.area_code or "\0")
        ):
            return True
        if (
            grant.role in PUBLIC_TITLE_ROLES
            and grant.area_code
            and scope.startswith(grant.area_code)
        ):
            return True
    return False


def access_project_for_public_title(user: object, project_id: int) -> Project:
    """A project whose public title ``user`` may set; ``NotFound`` when it is not readable,
    ``PermissionDenied`` when it is readable but not theirs to rename for the public."""
    from planlink.accounts.access.core import access_project
    from planlink.core.errors import PermissionDenied

    project = access_project(user, project_id)
    if not can_set_public_title(user, project):
        raise PermissionDenied(
            "เฉพาะเจ้าหน้าที่ตำบล อำเภอ หรือจังหวัดของพื้นที่นี้ที่ตั้งชื่อที่เปิดเผยได้",
            "only the officers of this area may set the public title",
        )
    return project
