"""The grants of a user and the reads of plans, projects, referrals and funding requests.

Part of :mod:`planlink.accounts.access`, the only road to protected objects.
Views, the API, exports and the engine call these functions; none of them
writes its own permission logic. Rules (issue "planning domain", §9):

* area roles read everything inside their area (a DOPA code-prefix range):
  a district officer reads the whole district;
* a village committee reads and edits only its own village's plan;
* an LAO planner reads its LAO's plans and what was referred to its LAO;
* an agency officer reads its agency's requests and what was referred to it;
* auditors read, administrators read and write, within their scope;
* a provincial cluster's plans (scope ``C05``, issue 17) are owned by its cluster officer
  (role ``cluster_officer``, the lead province's officer) and read by the officers of its
  member provinces; the officers of another cluster's provinces never read them.

Missing and forbidden look the same from outside: ``access_*`` raise
:class:`~planlink.core.errors.NotFound` for both.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

# Django's, not functools': on Python 3.11 functools.cached_property holds one lock per
# class, so every request thread of a process waited for another's grants query (issue 16).
from django.utils.functional import cached_property

from planlink.accounts.models import Assignment, Role
from planlink.areas.models import cluster_code, prefix_range
from planlink.core.compiled import compiled_rows
from planlink.core.errors import NotFound, PermissionDenied
from planlink.plans.models import Plan, PlanKind, Project
from planlink.referrals.models import FundingRequest, Referral, TargetKind

NOTHING = Q(pk__in=[])

OWNED_KINDS: dict[str, set[str]] = {
    Role.VILLAGE_COMMITTEE: {PlanKind.VILLAGE},
    Role.TAMBON_OFFICER: {PlanKind.TAMBON},
    Role.DISTRICT_OFFICER: {
        PlanKind.DISTRICT_DEVELOPMENT,
        PlanKind.DISTRICT_NEEDS,
        PlanKind.DISTRICT_ACTION,
    },
    Role.PROVINCIAL_OFFICER: {PlanKind.PROVINCIAL_DEVELOPMENT, PlanKind.PROVINCIAL_ACTION},
    Role.CLUSTER_OFFICER: {PlanKind.CLUSTER, PlanKind.CLUSTER_ACTION},
}

# Who accepts or returns a submitted plan: the level above its owner.
REVIEWER_ROLE: dict[str, tuple[str, int]] = {
    PlanKind.VILLAGE: (Role.TAMBON_OFFICER, 6),
    PlanKind.TAMBON: (Role.DISTRICT_OFFICER, 4),
    PlanKind.LOCAL_DEVELOPMENT: (Role.DISTRICT_OFFICER, 4),
    PlanKind.DISTRICT_DEVELOPMENT: (Role.PROVINCIAL_OFFICER, 2),
    PlanKind.DISTRICT_NEEDS: (Role.PROVINCIAL_OFFICER, 2),
    PlanKind.DISTRICT_ACTION: (Role.PROVINCIAL_OFFICER, 2),
}


@dataclass(frozen=True)
class Grant:
    role: str
    area_code: str | None = None
    lao_code: str | None = None
    lao_district: str | None = None
    agency_code: str | None = None
    national: bool = False
    # The provincial cluster (``C05``) whose plans the grant reads: a cluster officer's own
    # cluster, or the cluster of a provincial officer's province (issue 17).
    cluster_code: str | None = None

    @property
    def writes(self) -> bool:
        return self.role != Role.AUDITOR


class Access:
    """The grants of one user, computed once per request."""

    def __init__(self, user: Any) -> None:
        self.user = user

    @cached_property
    def grants(self) -> list[Grant]:
        if not getattr(self.user, "is_authenticated", False):
            return []
        # Plain values from a statement compiled once per process: every signed-in request
        # reads them, and compiling the joins cost more than running them (issue 16).
        # (The sign-in backend reads them with the user, in the same statement.)
        rows = compiled_rows("accounts.grants", _grant_rows, (-424242,), (self.user.pk,))
        return grants_from_rows(rows, is_superuser=getattr(self.user, "is_superuser", False))

    @cached_property
    def target_keys(self) -> set[str]:
        """Referral targets this user receives for (``lao:…``, ``agency:…``, committees)."""
        keys: set[str] = set()
        for grant in self.grants:
            if grant.lao_code:
                keys.add(f"lao:{grant.lao_code}")
            if grant.agency_code:
                keys.add(f"agency:{grant.agency_code}")
            if grant.role == Role.DISTRICT_OFFICER and grant.area_code:
                keys.add(f"{TargetKind.DISTRICT_LAO_COMMITTEE}:{grant.area_code}")
            if grant.role == Role.PROVINCIAL_OFFICER and grant.area_code:
                keys.add(f"{TargetKind.PROVINCIAL_LAO_COMMITTEE}:{grant.area_code}")
        return keys

    @property
    def is_national(self) -> bool:
        return any(grant.national for grant in self.grants)

    # ----- reading -----------------------------------------------------------------
    def plan_q(self, prefix: str = "") -> Q:
        """A filter on Plan (``prefix`` for related lookups, e.g. ``"plan__"``)."""
        query = NOTHING
        for grant in self.grants:
            if grant.national:
                return Q()
            if grant.role == Role.VILLAGE_COMMITTEE:
                query |= Q(**{f"{prefix}owner_area_id": grant.area_code})
            elif grant.area_code:
                query |= prefix_range(f"{prefix}scope_code", grant.area_code)
            if grant.lao_code:
                query |= Q(**{f"{prefix}owner_lao_id": grant.lao_code})
            if grant.agency_code:
                query |= Q(**{f"{prefix}owner_agency_id": grant.agency_code})
            if grant.cluster_code:
                query |= Q(**{f"{prefix}scope_code": grant.cluster_code})
        return query

    def project_q(self) -> Q:
        query = self.plan_q("plan__")
        if self.target_keys:
            query |= Q(referrals_out__target_key__in=self.target_keys)
        return query

    def referral_q(self) -> Q:
        query = self.plan_q("project__plan__")
        for grant in self.grants:
            if grant.area_code and grant.role != Role.VILLAGE_COMMITTEE:
                query |= prefix_range("scope_code", grant.area_code)
            if grant.cluster_code:  # what the provinces sent to their cluster's plans
                query |= Q(scope_code=grant.cluster_code)
        if self.target_keys:
            query |= Q(target_key__in=self.target_keys)
        return query

    def funding_q(self) -> Q:
        query = self.plan_q("project__plan__")
        for grant in self.grants:
            if grant.agency_code:
                query |= Q(source_agency_id=grant.agency_code)
            if grant.lao_code:
                query |= Q(source_lao_id=grant.lao_code)
        return query

    def plans(self) -> QuerySet[Plan]:
        return Plan.objects.filter(self.plan_q())

    def projects(self) -> QuerySet[Project]:
        return Project.objects.filter(pk__in=Project.objects.filter(self.project_q()).values("pk"))

    def referrals(self) -> QuerySet[Referral]:
        return Referral.objects.filter(
            pk__in=Referral.objects.filter(self.referral_q()).values("pk")
        )

    def funding_requests(self) -> QuerySet[FundingRequest]:
        return FundingRequest.objects.filter(
            pk__in=FundingRequest.objects.filter(self.funding_q()).values("pk")
        )

    def covers_area(self, code: str) -> bool:
        """Does the user read *everything* inside area ``code`` (the area is theirs or below)?

        The test for whole-area reads — who is late, an area's jobs, dashboards of the
        area — where ``can_read_area``'s "above or below" would let a village committee
        read its whole district (issue 11).
        """
        if not code:
            return self.is_national
        for grant in self.grants:
            if grant.national:
                return True
            if grant.area_code and code.startswith(grant.area_code):
                return True
            if grant.cluster_code and code == grant.cluster_code:  # a cluster's (issue 17)
                return True
        return False

    def can_read_area(self, code: str) -> bool:
        """Is the area on the user's path (theirs, above it or below it)? For navigation and
        the committees of the areas around a user — never for reading an area's contents."""
        for grant in self.grants:
            if grant.national:
                return True
            if grant.area_code and (
                code.startswith(grant.area_code) or grant.area_code.startswith(code)
            ):
                return True
            if grant.lao_district and (
                code.startswith(grant.lao_district) or grant.lao_district.startswith(code)
            ):
                return True
        return False

    # ----- writing -----------------------------------------------------------------
    def owns_plan(self, plan: Plan) -> bool:
        """The user belongs to the plan's owner (regardless of the plan's state)."""
        for grant in self.grants:
            if not grant.writes:
                continue
            if grant.role == Role.ADMINISTRATOR and (
                grant.national or plan.scope_code.startswith(grant.area_code or "\0")
            ):
                return True
            if grant.role in OWNED_KINDS and plan.kind in OWNED_KINDS[grant.role]:
                if plan.owner_area_id and plan.owner_area_id == grant.area_code:
                    return True
                if grant.role == Role.CLUSTER_OFFICER and plan.scope_code == grant.cluster_code:
                    return True
            if grant.lao_code and plan.owner_lao_id == grant.lao_code:
                return True
            if grant.agency_code and plan.owner_agency_id == grant.agency_code:
                return True
        return False

    def can_edit_plan(self, plan: Plan) -> bool:
        return plan.is_editable and self.owns_plan(plan)

    def can_review_plan(self, plan: Plan) -> bool:
        for grant in self.grants:
            if grant.role == Role.ADMINISTRATOR and grant.national:
                return True
            role, length = REVIEWER_ROLE.get(plan.kind, (Role.ADMINISTRATOR, 0))
            if length and grant.role == role and plan.scope_code[:length] == grant.area_code:
                return True
        return False

    def can_decide_referral(self, referral: Referral) -> bool:
        for grant in self.grants:
            if not grant.writes:
                continue
            if grant.role == Role.ADMINISTRATOR and grant.national:
                return True
        if referral.target_key in self.target_keys:
            return True
        if referral.to_plan is not None:
            return self.owns_plan(referral.to_plan)
        return False

    def can_read_cluster(self, code: str) -> bool:
        """May the user read cluster ``code``'s plans and page (its officer, the officers of
        its member provinces, national roles)? Never another cluster's provinces."""
        return any(grant.national or grant.cluster_code == code for grant in self.grants)

    def can_edit_cluster_frame(self, code: str) -> bool:
        """The cluster's frame is written by its cluster officer (the lead province)."""
        return any(
            (grant.role == Role.ADMINISTRATOR and grant.national)
            or (grant.role == Role.CLUSTER_OFFICER and grant.cluster_code == code)
            for grant in self.grants
        )

    def can_edit_frame(self, province_code: str) -> bool:
        return any(
            (grant.role == Role.ADMINISTRATOR and grant.national)
            or (grant.role == Role.PROVINCIAL_OFFICER and grant.area_code == province_code)
            for grant in self.grants
        )


# The columns a :class:`Grant` is made of, from an assignment (``GRANT_COLUMNS``) or from a
# user through their assignments (``USER_GRANT_COLUMNS``: the sign-in backend's one statement).
GRANT_COLUMNS = (
    "role",
    "area_id",
    "local_government_id",
    "local_government__district_id",
    "local_government__province_id",
    "agency_id",
    "national",
    "cluster__number",
    "area__cluster__number",
)
USER_GRANT_COLUMNS = tuple(f"assignments__{column}" for column in GRANT_COLUMNS)


def _grant_rows(user_id: int) -> QuerySet[Assignment]:
    """The grant columns of the assignments of ``user_id``."""
    return Assignment.objects.filter(user_id=user_id).values_list(*GRANT_COLUMNS)


def grants_from_rows(rows: Iterable[Sequence[Any]], *, is_superuser: bool) -> list[Grant]:
    """The grants of the rows of :data:`GRANT_COLUMNS` (a row of ``None``: no assignment, as a
    user's left join gives it)."""
    grants = []
    for role, area, lao, lao_district, lao_province, agency, national, own, of_area in rows:
        if role is None:
            continue
        # A provincial officer reads the plans of their province's cluster too (issue 17).
        number = own if own is not None or role != Role.PROVINCIAL_OFFICER else of_area
        grants.append(
            Grant(
                role=role,
                area_code=area,
                lao_code=lao,
                lao_district=(lao_district or lao_province) if lao else None,
                agency_code=agency,
                national=bool(national),
                cluster_code=cluster_code(number) if number is not None else None,
            )
        )
    if is_superuser:
        grants.append(Grant(role=Role.ADMINISTRATOR, national=True))
    return grants


def access_with_grants(user: Any, grants: list[Grant]) -> Access:
    """``user``'s access with the grants already read (the sign-in backend reads them with
    the user); :func:`access_for` returns it for the rest of the request."""
    access = Access(user)
    access.__dict__["grants"] = grants  # what the cached property would hold
    user._planlink_access = access
    return access


def access_for(user: Any) -> Access:
    cached = getattr(user, "_planlink_access", None)
    if cached is None:
        cached = Access(user)
        try:
            user._planlink_access = cached
        except AttributeError:  # AnonymousUser allows attributes; be safe anyway
            pass
    return cached


def access_plan(user: Any, plan_id: int, *, for_write: bool = False) -> Plan:
    access = access_for(user)
    plan = access.plans().filter(pk=plan_id).first()
    if plan is None:
        raise NotFound("แผน", "plan")
    if for_write and not access.owns_plan(plan):
        raise PermissionDenied("คุณไม่มีสิทธิ์แก้ไขแผนนี้", "you may not change this plan")
    return plan


def access_project(user: Any, project_id: int, *, for_write: bool = False) -> Project:
    access = access_for(user)
    project = access.projects().select_related("plan").filter(pk=project_id).first()
    if project is None:
        raise NotFound("โครงการ", "project")
    if for_write and not access.owns_plan(project.plan):
        raise PermissionDenied("คุณไม่มีสิทธิ์แก้ไขโครงการนี้", "you may not change this project")
    return project


def access_referral(user: Any, referral_id: int, *, for_decision: bool = False) -> Referral:
    access = access_for(user)
    referral = (
        access.referrals().select_related("project__plan", "to_plan").filter(pk=referral_id).first()
    )
    if referral is None:
        raise NotFound("รายการส่งต่อ", "referral")
    if for_decision and not access.can_decide_referral(referral):
        raise PermissionDenied("คุณไม่ใช่ผู้รับเรื่องนี้", "you are not the receiver of this referral")
    return referral


def access_funding_request(user: Any, request_id: int) -> FundingRequest:
    found = (
        access_for(user)
        .funding_requests()
        .select_related("project__plan")
        .filter(pk=request_id)
        .first()
    )
    if found is None:
        raise NotFound("คำขอรับงบประมาณ", "funding request")
    return found
