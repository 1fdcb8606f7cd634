"""Every web page walked as every role, an outsider of another province, and anonymous.

The URL patterns are read from the site's URLconf: a new page without a row here fails
``test_every_web_page_is_in_the_matrix``. Pages that show protected data answer 404 to who
may not see them (missing and forbidden look the same), 403 to who sees the object but may
not act, and send anonymous visitors to sign in (302). Every refused write leaves the
database as it was; every accepted write is rolled back before the next persona tries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from planlink.accounts.models import Assignment
from planlink.areas.models import LocalGovernment
from planlink.committees.models import CommunityForum, Meeting
from planlink.documents.services import plan_template_download
from planlink.jobs.files import job_output_relative_path, resolve_result_file
from planlink.jobs.models import Job, JobState
from planlink.jobs.services import enqueue
from planlink.plans.models import Plan, PlanKind, Project
from planlink.plans.services import plan_submit
from planlink.referrals.services import referral_send, to_lao
from planlink.supply.models import ItemState, SupplyItem
from tests.api.conftest import snapshot
from tests.carryover.world import carried_need, scenario, two_scenarios
from tests.factories import area_plan, make_project
from tests.revisions.world import revision_world
from tests.supply.helpers import csv_bytes

pytestmark = pytest.mark.django_db

PERSONAS = [
    "village",
    "other_village",
    "tambon",
    "lao",
    "district",
    "province",
    "agency",
    "auditor",
    "outsider",
    "anonymous",
]
SIGNED_IN = [name for name in PERSONAS if name != "anonymous"]

# Who reads what in this world (planlink.accounts.access):
MINE = {"village", "tambon", "district", "province", "auditor"}  # village plan 24010101
THEIRS = {"other_village", "tambon", "district", "province", "auditor"}  # 24010102, submitted
NEED = MINE | {"lao"}  # our need was referred to the LAO
TAMBON_PLAN = {"tambon", "district", "province", "auditor"}
DISTRICT = {"district", "province", "auditor"}  # the district workspace and its jobs
PROVINCE = {"province", "auditor"}
# committees of tambon 240101: its area, the areas below and above it (access.committees)
COMMITTEE_READERS = {"village", "other_village", "tambon", "lao", "district", "province", "auditor"}


def public(status: int = 200) -> dict[str, int]:
    return {name: status for name in PERSONAS}


def signed_in(status: int = 200) -> dict[str, int]:
    return {**{name: status for name in SIGNED_IN}, "anonymous": 302}


def only(allowed: dict[str, int], *, seen_by: set[str] = frozenset()) -> dict[str, int]:
    """Allowed personas get their status; others who see the object 403; the rest 404;
    anonymous visitors are sent to sign in."""
    result = {}
    for name in PERSONAS:
        if name == "anonymous":
            result[name] = 302
        elif name in allowed:
            result[name] = allowed[name]
        elif name in seen_by:
            result[name] = 403
        else:
            result[name] = 404
    return result


def readers(names: set[str]) -> dict[str, int]:
    return only({name: 200 for name in names})


@dataclass
class World:
    people: dict[str, Any]
    mine: Plan
    theirs: Plan
    tambon_plan: Plan
    need: Project
    spare: Project
    tambon_project: Project
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    url_name: str
    path: Callable[[World], str]
    expected: dict[str, int]
    method: str = "GET"
    data: Callable[[World], dict[str, Any]] | None = None

    @property
    def writes(self) -> bool:
        return self.method != "GET"


def _revision_path(world: World) -> str:
    revisions = world.extra["revisions"]
    return f"/plans/{revisions['revised'].pk}/revisions/{revisions['revision'].pk}/"


def _job(world: World) -> int:
    return world.extra["job"].pk


ROWS: dict[str, Row] = {
    # ----- public: the tracker shows counts and sent needs, never people -----
    "tracker": Row("tracker", lambda w: "/tracker/", public()),
    "tracker of an area": Row("tracker_area", lambda w: "/tracker/2401/", public()),
    "tracker need": Row("tracker_need", lambda w: f"/tracker/needs/{w.need.pk}/", public(404)),
    "tracker map": Row("tracker_map_values", lambda w: "/tracker/map.json", public()),
    "tracker map of an area": Row(
        "tracker_map_values_area", lambda w: "/tracker/24/map.json", public()
    ),
    "tracker funnel": Row("tracker_funnel", lambda w: "/tracker/funnel.json", public()),
    "tracker funnel of an area": Row(
        "tracker_funnel_area", lambda w: "/tracker/24/funnel.json", public()
    ),
    "tracker shapes": Row(
        "tracker_district_shapes", lambda w: "/tracker/2401/tambons.geojson", public()
    ),
    "sign in": Row("login", lambda w: "/accounts/login/", {**public(302), "anonymous": 200}),
    "sign out": Row("logout", lambda w: "/accounts/logout/", public(302), method="POST"),
    # ----- signed in: each sees its own -----
    "home": Row("home", lambda w: "/", public()),  # signed out: the welcome page
    "inbox": Row("inbox", lambda w: "/inbox/", signed_in()),
    "start a plan": Row(
        "plan_start",
        lambda w: "/plans/start/",
        only({"village": 302}),
        method="POST",
        data=lambda w: {"assignment": w.extra["assignment"], "kind": PlanKind.VILLAGE},
    ),
    # ----- plans -----
    "plan": Row("plan", lambda w: f"/plans/{w.mine.pk}/", readers(MINE)),
    "new project form": Row(
        "project_new",
        lambda w: f"/plans/{w.mine.pk}/projects/new/",
        only({"village": 200}, seen_by=MINE),
    ),
    "new project": Row(
        "project_new",
        lambda w: f"/plans/{w.mine.pk}/projects/new/",
        only({"village": 302}, seen_by=MINE),
        method="POST",
        data=lambda w: {
            "title": "ส่งเสริมการเลี้ยงไก่ไข่",
            "issue_code": "ECON",
            "budget": "45000",
            "mode": "support",
            "capacity_level": "lao",
        },
    ),
    "submit the plan": Row(
        "plan_submit",
        lambda w: f"/plans/{w.mine.pk}/submit/",
        only({"village": 302}, seen_by=MINE),
        method="POST",
        data=lambda w: {"confirm": "1"},  # the confirmation page's button (issue 15)
    ),
    "the confirmation before sending": Row(
        "plan_submit",
        lambda w: f"/plans/{w.mine.pk}/submit/",
        only({"village": 200}, seen_by=MINE),
    ),
    "accept a plan": Row(
        "plan_review",
        lambda w: f"/plans/{w.theirs.pk}/review-decision/",
        only({"tambon": 302}, seen_by=THEIRS),
        method="POST",
        data=lambda w: {"action": "accept"},
    ),
    "committees of a tambon": Row(
        "committees",
        lambda w: "/committees/240101/",
        readers(COMMITTEE_READERS),
    ),
    "appoint a tambon committee": Row(
        "committees",
        lambda w: "/committees/240101/",
        only({"tambon": 302, "district": 302}, seen_by=COMMITTEE_READERS),
        method="POST",
        data=lambda w: {
            "action": "appoint",
            "kind": "tambon_integration",
            "order_number": "45/2568",
            "order_date": "2025-01-20",
        },
    ),
    "community forums": Row("forum", lambda w: f"/plans/{w.mine.pk}/forum/", readers(MINE)),
    "record a forum": Row(
        "forum",
        lambda w: f"/plans/{w.mine.pk}/forum/",
        only({"village": 302}, seen_by=MINE),
        method="POST",
        data=lambda w: {
            "held_on": "2025-01-18",
            "participants": 58,
            "households": 47,
            "facilitator": "นางวันเพ็ญ พัฒนาชุมชน",
        },
    ),
    "plan documents": Row(
        "plan_documents", lambda w: f"/plans/{w.mine.pk}/documents/", readers(MINE)
    ),
    "plan book": Row("plan_book", lambda w: f"/plans/{w.mine.pk}/book.xlsx", readers(MINE)),
    "plan book in the background": Row(
        "plan_book_job",
        lambda w: f"/plans/{w.mine.pk}/book/job/",
        only({name: 302 for name in MINE}),
        method="POST",
    ),
    "projects as Excel": Row(
        "plan_projects_xlsx", lambda w: f"/plans/{w.mine.pk}/projects.xlsx", readers(MINE)
    ),
    "plan template": Row(
        "plan_template",
        lambda w: f"/plans/{w.mine.pk}/template.xlsx",
        only({"village": 200}, seen_by=MINE),
    ),
    "plan import": Row(
        "plan_import",
        lambda w: f"/plans/{w.mine.pk}/import/",
        only({"village": 200}, seen_by=MINE),
        method="POST",
        data=lambda w: {"file": SimpleUploadedFile("แผน.xlsx", w.extra["template"])},
    ),
    "consolidation review": Row(
        "review", lambda w: f"/plans/{w.tambon_plan.pk}/consolidation/", readers(TAMBON_PLAN)
    ),
    "consolidation action": Row(
        "review_action",
        lambda w: f"/plans/{w.tambon_plan.pk}/consolidation/act/",
        only({"tambon": 302}, seen_by=TAMBON_PLAN),
        method="POST",
        data=lambda w: {"action": "rerank", "project": w.tambon_project.pk, "priority": 2},
    ),
    "send projects": Row(
        "plan_send_projects",
        lambda w: f"/plans/{w.tambon_plan.pk}/send/",
        only({"tambon": 302}, seen_by=TAMBON_PLAN),
        method="POST",
        data=lambda w: {"projects": [w.tambon_project.pk], "target": "district_needs:2401"},
    ),
    # ----- projects -----
    "project": Row("project", lambda w: f"/projects/{w.need.pk}/", readers(NEED)),
    "project edit form": Row(
        "project_edit",
        lambda w: f"/projects/{w.need.pk}/edit/",
        only({"village": 200}, seen_by=NEED),
    ),
    "project edit": Row(
        "project_edit",
        lambda w: f"/projects/{w.spare.pk}/edit/",
        only({"village": 302}, seen_by=MINE),
        method="POST",
        data=lambda w: {
            "title": "ไฟฟ้าส่องสว่างทางสาธารณะหมู่ที่ 1",
            "issue_code": "INFRA",
            "budget": "120000",
            "mode": "support",
            "capacity_level": "lao",
            "version": w.spare.version,
        },
    ),
    "project delete": Row(
        "project_delete",
        lambda w: f"/projects/{w.spare.pk}/delete/",
        only({"village": 302}, seen_by=MINE),
        method="POST",
    ),
    "project public title": Row(
        "project_public_title",
        lambda w: f"/projects/{w.need.pk}/public-title/",
        only({"tambon": 302, "district": 302, "province": 302}, seen_by=NEED),
        method="POST",
        data=lambda w: {"public_title": "ก่อสร้างระบบประปาหมู่บ้าน"},
    ),
    # ----- referrals -----
    "decide a referral": Row(
        "referral_decide",
        lambda w: f"/referrals/{w.extra['referral'].pk}/decide/",
        only({"lao": 302}, seen_by=NEED),
        method="POST",
        data=lambda w: {"action": "return", "reason": "ซ้ำกับโครงการในแผนพัฒนาท้องถิ่น"},
    ),
    "run the consolidation": Row(
        "consolidation_run",
        lambda w: "/consolidate/tambon/240101/",
        only({"tambon": 302}),
        method="POST",
    ),
    # ----- area workspaces -----
    "district workspace": Row("district", lambda w: "/district/2401/", readers(DISTRICT)),
    "province workspace": Row("province", lambda w: "/province/24/", readers(PROVINCE)),
    "strategic frame": Row("frame", lambda w: "/province/24/frame/", readers(PROVINCE)),
    "strategic frame edit": Row(
        "frame",
        lambda w: "/province/24/frame/",
        only({"province": 302}, seen_by=PROVINCE),
        method="POST",
        data=lambda w: {
            "issue-code": "TOURISM",
            "issue-name_th": "การท่องเที่ยวชุมชน",
            "issue-strategy_number": 1,
            "issue-order": 20,
        },
    ),
    # the cluster of province 24 (กลุ่มจังหวัดภาคตะวันออก 1): its member provinces' officers read
    # it, its cluster officer alone edits its frame (issue 17)
    "cluster page": Row("cluster", lambda w: "/clusters/14/", readers(PROVINCE)),
    "cluster step": Row(
        "cluster_run", lambda w: "/clusters/14/run/", only({}, seen_by=PROVINCE), method="POST"
    ),
    "cluster map": Row("cluster_map_values", lambda w: "/clusters/14/map.json", readers(PROVINCE)),
    "cluster frame edit": Row(
        "cluster_frame",
        lambda w: "/clusters/14/frame/",
        only({}, seen_by=PROVINCE),
        method="POST",
        data=lambda w: {"issue": "", "cluster_wide": "on"},
    ),
    "agency answers": Row(
        "province_agency_referrals", lambda w: "/province/24/agencies/", readers(PROVINCE)
    ),
    # ----- supply: funded items (planlink.accounts.access.supply) -----
    "funded items": Row("supply", lambda w: "/supply/?cycle=2570", signed_in()),
    "funded items upload": Row(
        "supply_upload",
        lambda w: "/supply/upload/",
        only({"lao": 200, "province": 200, "agency": 200}, seen_by=set(SIGNED_IN)),
        method="POST",
        data=lambda w: {
            "file": SimpleUploadedFile("รายการงบประมาณ.csv", w.extra["funded_items"]),
            "cycle": "2570",
            "dry_run": "1",
        },
    ),
    "funded items review": Row("supply_review", lambda w: "/supply/review/", signed_in()),
    "funded item decision": Row(
        "supply_decide",
        lambda w: f"/supply/{w.extra['supply_item'].pk}/decide/",
        only({"province": 302, "agency": 302}, seen_by={"tambon", "district", "auditor"}),
        method="POST",
        data=lambda w: {"action": "reject", "reason": "ไม่ใช่ฝายเดียวกับที่ตำบลเสนอ"},
    ),
    # ----- the audit trail (issue 15): auditors read it; owners read their objects' history -----
    "audit trail": Row(
        "audit", lambda w: "/audit/", only({"auditor": 200}, seen_by=set(SIGNED_IN))
    ),
    "audit trail filtered": Row(
        "audit",
        lambda w: "/audit/?area=2401&kind=plans.plan&person=village1&date_from=1/10/2569",
        only({"auditor": 200}, seen_by=set(SIGNED_IN)),
    ),
    "a plan's history": Row(
        "audit_object",
        lambda w: f"/audit/plans.plan/{w.mine.pk}/",
        only({"village": 200, "auditor": 200}, seen_by=MINE),
    ),
    "a project's history": Row(
        "audit_object",
        lambda w: f"/audit/plans.project/{w.need.pk}/",
        only({"village": 200, "auditor": 200}, seen_by=NEED),
    ),
    # ----- carry-over and the budget what-if (issue 18) -----
    "carried needs of a tambon": Row(
        "carry_over",
        lambda w: "/carry-over/?area=240101",
        readers({"tambon", "district", "province", "auditor"}),
    ),
    "carry needs over": Row(
        "carry_over_run",
        lambda w: "/carry-over/run/",
        only(
            {"tambon": 302, "district": 302, "province": 302},
            seen_by={"auditor"},
        ),
        method="POST",
        data=lambda w: {"area": "240101", "from": "2570", "to": "2572"},
    ),
    "confirm a carried need": Row(
        "carry_over_decide",
        lambda w: f"/carry-over/{carried_need(w.spare, w.need)}/decide/",
        only({"village": 302}, seen_by=MINE),
        method="POST",
        data=lambda w: {"action": "confirm"},
    ),
    "budget what-if": Row(
        "whatif", lambda w: "/whatif/?area=24&cycle=2570&lao=1000000", readers(PROVINCE)
    ),
    "save a what-if": Row(
        "whatif_save",
        lambda w: "/whatif/save/",
        only({"province": 302}, seen_by={"auditor"}),
        method="POST",
        data=lambda w: {"area": "24", "cycle": "2570", "lao": "1000000", "name": "งบ อปท."},
    ),
    "a saved what-if": Row(
        "whatif_scenario", lambda w: f"/whatif/{scenario()}/", readers(PROVINCE)
    ),
    "two what-ifs compared": Row(
        "whatif_compare", lambda w: f"/whatif/compare/?{two_scenarios()}", readers(PROVINCE)
    ),
    "a what-if as Excel": Row(
        "whatif_scenario_xlsx", lambda w: f"/whatif/{scenario()}.xlsx", readers(PROVINCE)
    ),
    # ----- plan revisions: read with the plan, written by its owner (access.revisions) -----
    "plan revisions": Row(
        "plan_revisions",
        lambda w: f"/plans/{w.extra['revisions']['accepted'].pk}/revisions/",
        readers(MINE),
    ),
    "start a plan revision": Row(
        "plan_revisions",
        lambda w: f"/plans/{w.extra['revisions']['accepted'].pk}/revisions/",
        only({"village": 302}, seen_by=MINE),
        method="POST",
        data=lambda w: {"kind": "addition", "year": "2569"},
    ),
    "a plan revision": Row(
        "plan_revision",
        lambda w: _revision_path(w),
        readers(MINE),
    ),
    "add to a plan revision": Row(
        "plan_revision",
        lambda w: _revision_path(w),
        only({"village": 302}, seen_by=MINE),
        method="POST",
        data=lambda w: {"action": "add", "title": "ซ่อมแซมศาลาประชาคมหมู่บ้าน"},
    ),
    # ----- jobs: follow the object they were made from (the district needs plan) -----
    "job page": Row("job", lambda w: f"/work/jobs/{_job(w)}/", readers(DISTRICT)),
    "job status": Row("jobs:status", lambda w: f"/jobs/{_job(w)}/status/", readers(DISTRICT)),
    "job progress": Row("jobs:progress", lambda w: f"/jobs/{_job(w)}/progress/", readers(DISTRICT)),
    "job result": Row("jobs:result", lambda w: f"/jobs/{_job(w)}/result/", readers(DISTRICT)),
}

# Not web pages of PlanLink: the Django admin, the language switch, the JSON API (its own
# matrix in tests/api/test_api_authorization_matrix.py).
OUTSIDE = ("admin/", "i18n/", "api/v1/")


def _patterns(resolver: URLResolver, prefix: str = "", namespace: str = "") -> list[tuple]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            route = prefix + str(entry.pattern)
            if route.startswith(OUTSIDE):
                continue
            space = entry.namespace or namespace
            found += _patterns(entry, route, space)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            found.append((name, prefix + str(entry.pattern)))
    return found


def test_every_web_page_is_in_the_matrix():
    """A page added to the URLconf without a row here fails this test."""
    pages = {name for name, _ in _patterns(get_resolver())}
    covered = {row.url_name for row in ROWS.values()}
    assert pages - covered == set(), "web pages without a matrix row"
    assert covered - pages == set(), "matrix rows for pages that no longer exist"


@pytest.fixture
def world(people, settings, tmp_path) -> World:
    settings.DATA_DIR = tmp_path
    mine = area_plan(PlanKind.VILLAGE, "24010101")
    theirs = area_plan(PlanKind.VILLAGE, "24010102")
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    area_plan(PlanKind.VILLAGE, "50010101")
    need = make_project(mine, "ก่อสร้างประปาหมู่บ้าน", issue_code="WATER")
    spare = make_project(mine, "ไฟฟ้าส่องสว่างทางสาธารณะ", issue_code="INFRA")
    make_project(theirs, "ขุดลอกคลองส่งน้ำ", issue_code="WATER")
    tambon_project = make_project(
        tambon_plan, "ก่อสร้างฝายชะลอน้ำขนาดใหญ่", issue_code="WATER", capacity_level="agency"
    )
    plan_submit(plan=theirs, actor=None)
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    referral = referral_send(project=need, target=to_lao(lao), actor=None)
    district_plan = area_plan(PlanKind.DISTRICT_NEEDS, "2401")
    area_plan(PlanKind.PROVINCIAL_DEVELOPMENT, "24")
    job = enqueue(
        "documents.plan_book",
        arguments={
            "plan_id": district_plan.pk,
            "file_format": "pdf",
            "user_id": people["district"].pk,
        },
        created_by=people["district"],
        scope_code=district_plan.scope_code,
    )
    relative = job_output_relative_path(job.pk, "แผนอำเภอ.pdf")
    path = resolve_result_file(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 synthetic")
    Job.objects.filter(pk=job.pk).update(
        state=JobState.SUCCEEDED, progress=100, result_file=relative, result={}
    )
    template = plan_template_download(user=None, plan_id=mine.pk, system=True).content
    supply_item = SupplyItem.objects.create(
        source="budget-act",
        key="ref:70-RID-0002",
        ref="70-RID-0002",
        cycle_id=2570,
        title="ขุดลอกคลองสาธารณะตำบลหน้าเมือง",
        amount=Decimal("850000"),
        agency_id="RID",
        area_code="240101",
        province_code="24",
        state=ItemState.PROPOSED,
        matched_project=tambon_project,
    )
    funded_items = csv_bytes(
        [
            [
                "70-RID-0001",
                "ก่อสร้างฝายชะลอน้ำ ตำบลหน้าเมือง อำเภอเมืองฉะเชิงเทรา จังหวัดฉะเชิงเทรา",
                "1,200,000",
                "กรมชลประทาน",
                "กระทรวงเกษตรและสหกรณ์",
                "2570",
                "240101",
            ]
        ]
    )
    return World(
        people=people,
        mine=Plan.objects.get(pk=mine.pk),
        theirs=Plan.objects.get(pk=theirs.pk),
        tambon_plan=tambon_plan,
        need=need,
        spare=Project.objects.get(pk=spare.pk),
        tambon_project=tambon_project,
        extra={
            "referral": referral,
            "job": job,
            "template": template,
            "assignment": Assignment.objects.get(user=people["village"]).pk,
            "supply_item": supply_item,
            "funded_items": funded_items,
            "revisions": revision_world(),
        },
    )


def full_snapshot() -> dict[str, Any]:
    return {
        **snapshot(),
        "supply": sorted(SupplyItem.objects.values_list("pk", "state", "matched_project_id")),
        "jobs": sorted(Job.objects.values_list("pk", "state")),
        "forums": CommunityForum.objects.count(),
        "meetings": Meeting.objects.count(),
        "plans_count": Plan.objects.count(),
    }


def _client(world: World, persona: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="th")
    if persona != "anonymous":
        client.force_login(world.people[persona])
    return client


@pytest.mark.parametrize("name", list(ROWS))
def test_each_persona_gets_the_expected_status(name: str, world: World) -> None:
    row = ROWS[name]
    outcomes: dict[str, int] = {}
    for persona in PERSONAS:
        client = _client(world, persona)
        before = full_snapshot()
        with transaction.atomic():
            if row.writes:
                response = client.post(row.path(world), row.data(world) if row.data else {})
            else:
                response = client.get(row.path(world))
            after = full_snapshot()
            transaction.set_rollback(True)
        outcomes[persona] = response.status_code
        if persona == "anonymous" and response.status_code == 302 and row.expected[persona] == 302:
            if row.url_name not in ("logout", "login"):
                assert response["Location"].startswith("/accounts/login/"), name
        if row.writes and (response.status_code >= 400 or persona not in _allowed(row)):
            assert after == before, f"{persona}: a refused {name} changed the database"
    assert outcomes == row.expected


def _allowed(row: Row) -> set[str]:
    """Personas whose write is accepted (a 2xx/3xx that is not the sign-in redirect)."""
    return {
        name
        for name, status in row.expected.items()
        if name != "anonymous" and status < 400 and row.url_name not in ("plan_start", "logout")
    }


def test_a_refused_page_never_names_the_hidden_object(world: World) -> None:
    """404 for the outsider looks like a missing page: no plan title, no project title."""
    client = _client(world, "outsider")
    for path in (f"/plans/{world.mine.pk}/", f"/projects/{world.need.pk}/"):
        page = client.get(path).content.decode()
        assert world.mine.title not in page
        assert world.need.title not in page


@pytest.mark.parametrize("persona", ["village", "tambon", "lao", "agency", "outsider"])
def test_the_job_ids_of_an_area_above_cannot_be_walked(world: World, persona: str) -> None:
    """Sequential ids do not help: every id around the district's job answers 404."""
    client = _client(world, persona)
    job_id = _job(world)
    for candidate in range(job_id - 2, job_id + 3):
        assert client.get(f"/jobs/{candidate}/result/").status_code == 404
