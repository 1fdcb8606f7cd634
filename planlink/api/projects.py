"""``/projects`` — projects across plans, edits with a version check, lineage, sending on."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status
from pydantic import Field

from planlink.accounts.access import access_for, access_project
from planlink.accounts.access.public import access_project_for_public_title
from planlink.api.auth import caller
from planlink.api.filters import ProjectFilters, filter_projects
from planlink.api.project_schemas import ProjectOut, ProjectPatch, project_input, project_queryset
from planlink.api.referrals import ReferralOut, referral_queryset
from planlink.api.schemas import ERRORS, ObjectId, Pages
from planlink.plans.models import Project
from planlink.plans.public_title import project_set_public_title
from planlink.plans.services import project_delete, project_update
from planlink.referrals.lineage import trace
from planlink.referrals.models import Referral
from planlink.referrals.services import referral_send_to

router = Router()


@router.get("", response={200: list[ProjectOut], **ERRORS}, summary="Projects you may read")
@paginate(Pages)
def project_list(request: HttpRequest, filters: Query[ProjectFilters]):  # noqa: ANN201
    projects = filter_projects(access_for(caller(request)).projects(), filters)
    return project_queryset(projects).order_by("-plan__cycle_id", "plan_id", "priority", "id")


def _one(project_id: int) -> Project:
    return project_queryset(Project.objects.filter(pk=project_id)).get()


@router.get("/{project_id}", response={200: ProjectOut, **ERRORS}, summary="One project")
def project_detail(request: HttpRequest, project_id: ObjectId) -> Project:
    return _one(access_project(caller(request), project_id).pk)


@router.patch(
    "/{project_id}",
    response={200: ProjectOut, **ERRORS},
    summary="Change a project (send the version you read)",
)
def project_patch(request: HttpRequest, project_id: ObjectId, body: ProjectPatch) -> Project:
    project = access_project(caller(request), project_id, for_write=True)
    data, areas, budget_years = project_input(body)
    project_update(
        project=project,
        actor=caller(request),
        data=data,
        expected_version=body.version,
        areas=areas,
        budget_years=budget_years,
    )
    return _one(project.pk)


class PublicTitleIn(Schema):
    public_title: str = Field(
        "",
        max_length=300,
        description=(
            "what the public tracker shows for this need; empty: the title with personal "
            "names, phone and ID numbers masked. Refused when it names a person itself."
        ),
    )


@router.put(
    "/{project_id}/public-title",
    response={200: ProjectOut, **ERRORS},
    summary="Set the title the public tracker shows (officers of the area)",
)
def project_public_title_put(
    request: HttpRequest, project_id: ObjectId, body: PublicTitleIn
) -> Project:
    project = access_project_for_public_title(caller(request), project_id)
    project_set_public_title(project=project, title=body.public_title, actor=caller(request))
    return _one(project.pk)


@router.delete(
    "/{project_id}", response={204: None, **ERRORS}, summary="Delete a project (draft plans)"
)
def project_remove(request: HttpRequest, project_id: ObjectId) -> Status:
    project = access_project(caller(request), project_id, for_write=True)
    project_delete(project=project, actor=caller(request))
    return Status(204, None)


class TracePlanOut(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    state: str
    scope_code: str
    synthetic: bool


class TraceNodeOut(Schema):
    id: int
    title: str
    budget: str
    mode: str
    plan: TracePlanOut


class TraceComponentOut(Schema):
    """One place of a grouped project (issue 12)."""

    id: int
    project: int
    key: str = Field(description="the place: area code [| segment]")
    place: str
    title: str
    budget: str
    households: int | None


class TraceEdgeOut(Schema):
    id: int
    from_project: int
    to_project: int | None
    component: TraceComponentOut | None = Field(
        None, description="the referral concerns only this place of from_project"
    )
    to_component: TraceComponentOut | None = Field(
        None, description="the place of to_project this source became"
    )
    target_kind: str
    target_key: str
    decision: str
    decision_label: str
    reason: str
    engine_reason: str
    decided_at: str | None
    decided_by: str | None
    decided_automatically: bool
    amount: str | None
    funding_source: str
    fiscal_year: int | None


class TraceFundingOut(Schema):
    id: int
    project: int
    source: str
    source_label: str
    fiscal_year: int
    requested: str
    approved: str | None
    status: str


class TraceOutcomeOut(Schema):
    status: str = Field(description="funded | in_progress | not_funded | self | not_sent")
    label_th: str
    label_en: str
    amount: str | None = None
    sources: list[str] | None = None
    fiscal_years: list[int] | None = None
    reason: str | None = None


class TracePlaceOut(TraceComponentOut):
    outcome: TraceOutcomeOut


class TraceOut(Schema):
    project: TraceNodeOut
    components: list[TracePlaceOut] = Field(
        default_factory=list,
        description="a grouped project's places, each with its own outcome (issue 12)",
    )
    ancestors: list[TraceNodeOut]
    descendants: list[TraceNodeOut]
    referrals: list[TraceEdgeOut]
    funding_requests: list[TraceFundingOut]
    outcome: TraceOutcomeOut


@router.get(
    "/{project_id}/trace",
    response={200: TraceOut, **ERRORS},
    summary="Where the need came from and where it went",
)
def project_trace(request: HttpRequest, project_id: ObjectId) -> dict:
    return trace(access_project(caller(request), project_id))


class ReferralSendIn(Schema):
    target: str = Field(
        description=(
            "a receiver the project may go to from its plan (docs/api.md, Targets): "
            "tambon:<tambon> | district_needs:<district> | provincial_development:<province> | "
            "provincial_action:<province> | lao:<DLA code> | agency:<code> | "
            "district_lao_committee:<district> | provincial_lao_committee:<province>; "
            "plan:<id> (v1) when it names one of those plans"
        ),
        max_length=60,
    )
    reason: str = Field("", max_length=2000, description="why it is sent")


@router.post(
    "/{project_id}/referrals",
    response={201: ReferralOut, **ERRORS},
    summary="Send the project on (ส่งต่อ)",
)
def project_referral_post(
    request: HttpRequest, project_id: ObjectId, body: ReferralSendIn
) -> Status:
    project = access_project(caller(request), project_id, for_write=True)
    referral = referral_send_to(
        project=project, name=body.target, actor=caller(request), reason=body.reason
    )
    return Status(201, referral_queryset(Referral.objects.filter(pk=referral.pk)).get())
