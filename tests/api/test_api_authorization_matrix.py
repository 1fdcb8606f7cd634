"""Every API endpoint walked as every role, anonymous and an outsider.

Each row names the status each persona must get. Reads the caller may not see
answer 404 (missing and forbidden look the same); visible objects the caller
may not change answer 403; no credentials answer 401. Every refused write
leaves the database exactly as it was (rows, states, versions, audit trail);
every accepted write is rolled back before the next persona tries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from planlink.committees.models import CommitteeKind
from planlink.committees.services import forum_record, meeting_record, member_add
from tests.api.conftest import PERSONAS, World, snapshot
from tests.carryover.world import carried_need
from tests.committees.builders import appoint
from tests.committees.builders import snapshot as committee_snapshot
from tests.factories import make_project

pytestmark = pytest.mark.django_db

EVERYONE = {name: 200 for name in PERSONAS}
ERROR_CODES = {401: "unauthenticated", 403: "forbidden", 404: "not_found"}
SIGNED_IN = {**EVERYONE, "anonymous": 401}


def only(allowed: dict[str, int], *, seen_by: set[str], refused: int = 403) -> dict[str, int]:
    """Allowed personas get their status; others who see the object 403; the rest 404."""
    result = {}
    for name in PERSONAS:
        if name == "anonymous":
            result[name] = 401
        elif name in allowed:
            result[name] = allowed[name]
        elif name in seen_by:
            result[name] = refused
        else:
            result[name] = 404
    return result


def readers(names: set[str]) -> dict[str, int]:
    return only({name: 200 for name in names}, seen_by=set())


# Who can read what in the world of conftest.py (see planlink.accounts.access):
MINE_READERS = {"village", "tambon", "district", "province", "auditor", "administrator"}
THEIRS_READERS = {"other_village", "tambon", "district", "province", "auditor", "administrator"}
NEED_READERS = MINE_READERS | {"lao"}  # the need was referred to the LAO
REFERRAL_READERS = NEED_READERS
FUNDING_READERS = MINE_READERS | {"agency"}  # the request is addressed to RID
NOBODY_BUT_ADMIN = {"administrator": 200}
# The ศอช.ต. of tambon 240101: read by its area, the areas below and above it, the LAO of
# its district and national roles (committee_read_q); managed by the tambon officer and the
# district officer, who keeps the tambons' ศอช.ต./ก.บ.ต. orders current (seeds/001 §๒).
COMMITTEE_READERS = {
    "village",
    "other_village",
    "tambon",
    "lao",
    "district",
    "province",
    "auditor",
    "administrator",
}
# Tambon Forms cover an area inside the reporter's own (can_report_on).
REPORTERS_240101 = {"tambon", "lao", "district", "province", "auditor", "administrator"}
# No survey is loaded in this world: every signed-in user gets the same "no figures" 404
# (the figures are aggregates per area, never households; docs/evidence.md).
EVIDENCE = {**{name: 404 for name in PERSONAS}, "anonymous": 401}


def committee_world(world: World) -> None:
    """The ศอช.ต. of tambon 240101 with a member and a meeting; a forum on our village plan."""
    admin = world.people["administrator"]
    committee = appoint(admin, CommitteeKind.TAMBON_CENTRE, "240101", number="7/2568")
    world.extra["committee"] = committee
    world.extra["member"] = member_add(
        actor=admin, committee=committee, full_name="นายประเสริฐ ใจงาม", position="chair"
    )
    world.extra["meeting"] = meeting_record(
        actor=admin,
        committee=committee,
        data={"held_on": dt.date(2025, 2, 3), "purpose": "make_plan", "attendance": 19},
    )
    world.extra["forum"] = forum_record(
        actor=world.people["village"],
        plan=world.mine,
        data={
            "held_on": dt.date(2025, 1, 18),
            "participants": 58,
            "households": 47,
            "facilitator": "นางวันเพ็ญ พัฒนาชุมชน",
        },
    )


def funded_items_file(world: World) -> bytes:
    """One funded item of the Royal Irrigation Department in tambon 240101 (a dry run)."""
    from tests.supply.helpers import csv_bytes

    return csv_bytes(
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


def supply_world(world: World) -> None:
    """A funded RID item in tambon 240101 proposed as the answer to the tambon's project."""
    from decimal import Decimal

    from planlink.supply.models import ItemState, SupplyItem

    world.extra["supply_item"] = SupplyItem.objects.create(
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
        matched_project=world.tambon_project,
    )


def revision_world(world: World) -> None:
    """Two accepted plans of our village, one with a draft revision (tests/revisions/world.py)."""
    from tests.revisions.world import revision_world as accepted_plans

    world.extra.update(accepted_plans())


def revision_path(world: World, tail: str = "") -> str:
    return f"/plans/{world.extra['revised'].pk}/revisions/{world.extra['revision'].pk}{tail}"


def full_snapshot() -> dict[str, Any]:
    """The API world's tables and the committees' (audit counted once, without tokens)."""
    committees = {f"committees.{key}": value for key, value in committee_snapshot().items()}
    committees.pop("committees.audit")
    return {**snapshot(), **committees}


@dataclass(frozen=True)
class Row:
    method: str
    path: Callable[[World], str]
    expected: dict[str, int]
    body: Callable[[World], Any] | None = None
    upload: Callable[[World], bytes] | None = None  # a multipart file instead of JSON

    @property
    def writes(self) -> bool:
        return self.method != "GET"


def unchanged_template(world: World) -> bytes:
    """Our village plan's Excel template exactly as downloaded: importing it changes nothing."""
    from planlink.documents.services import plan_template_download

    return plan_template_download(user=None, plan_id=world.mine.pk, system=True).content


def plan_book_job(world: World) -> int:
    """A finished background PDF of our village plan, started by the village (its file on disk)."""
    from planlink.jobs.files import job_output_relative_path, resolve_result_file
    from planlink.jobs.models import Job, JobState

    job = Job.objects.create(
        kind="documents.plan_book",
        arguments={"plan_id": world.mine.pk, "file_format": "pdf", "user_id": 0},
        state=JobState.SUCCEEDED,
        progress=100,
        created_by=world.people["village"],
        scope_code=world.mine.scope_code,
    )
    job.result_file = job_output_relative_path(job.pk, "plan.pdf")
    path = resolve_result_file(job.result_file)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7 test")
    job.save(update_fields=["result_file"])
    return job.pk


ROWS: dict[str, Row] = {
    "areas list": Row("GET", lambda w: "/areas?within=2401&level=tambon", EVERYONE),
    "area detail": Row("GET", lambda w: "/areas/24", EVERYONE),
    "cycles list": Row("GET", lambda w: "/cycles", EVERYONE),
    "cycle detail": Row("GET", lambda w: "/cycles/2570", EVERYONE),
    "milestone change": Row(
        "PATCH",
        lambda w: "/cycles/2570/milestones/village_plan",
        only(NOBODY_BUT_ADMIN, seen_by=set(PERSONAS)),
        lambda w: {"start": "2025-01-01", "deadline": "2025-03-15"},
    ),
    "late units": Row(
        "GET",
        lambda w: "/cycles/2570/late?milestone=village_plan&area=2401",
        # who reads the whole district: it, the province above, national roles (issue 11)
        readers({"district", "province", "auditor", "administrator"}),
    ),
    "strategies list": Row("GET", lambda w: "/strategies?province=24&cycle=2570", SIGNED_IN),
    "strategy create": Row(
        "POST",
        lambda w: "/strategies",
        only({"province": 201, "administrator": 201}, seen_by=set(PERSONAS)),
        lambda w: {"province": "24", "cycle": 2570, "number": 6, "name_th": "การท่องเที่ยวเชิงเกษตร"},
    ),
    "strategy rename": Row(
        "PATCH",
        lambda w: f"/strategies/{w.strategy.pk}",
        only({"province": 200, "administrator": 200}, seen_by=set(PERSONAS)),
        lambda w: {"name_th": "เศรษฐกิจฐานรากและรายได้ครัวเรือน"},
    ),
    "plans list": Row("GET", lambda w: "/plans?cycle=2570", SIGNED_IN),
    "plan create": Row(
        "POST",
        lambda w: "/plans",
        only({"district": 201, "administrator": 201}, seen_by=set(PERSONAS)),
        lambda w: {"kind": "district_development", "cycle": 2570, "owner_area": "2401"},
    ),
    "plan detail": Row("GET", lambda w: f"/plans/{w.mine.pk}", readers(MINE_READERS)),
    "plan submit": Row(
        "POST",
        lambda w: f"/plans/{w.mine.pk}/submit",
        only({"village": 200, "administrator": 200}, seen_by=MINE_READERS),
    ),
    "plan accept": Row(
        "POST",
        lambda w: f"/plans/{w.theirs.pk}/accept",
        only({"tambon": 200, "administrator": 200}, seen_by=THEIRS_READERS),
    ),
    "plan return": Row(
        "POST",
        lambda w: f"/plans/{w.theirs.pk}/return",
        only({"tambon": 200, "administrator": 200}, seen_by=THEIRS_READERS),
        lambda w: {"reason": "ขาดรายละเอียดงบประมาณและพื้นที่ดำเนินการ"},
    ),
    "plan projects": Row("GET", lambda w: f"/plans/{w.mine.pk}/projects", readers(MINE_READERS)),
    "project create": Row(
        "POST",
        lambda w: f"/plans/{w.mine.pk}/projects",
        only({"village": 201, "administrator": 201}, seen_by=MINE_READERS),
        lambda w: {"title": "ส่งเสริมอาชีพเลี้ยงไก่ไข่", "issue_code": "ECON", "budget": "45000"},
    ),
    "projects list": Row("GET", lambda w: "/projects?cycle=2570", SIGNED_IN),
    "project detail": Row("GET", lambda w: f"/projects/{w.need.pk}", readers(NEED_READERS)),
    "project change": Row(
        "PATCH",
        lambda w: f"/projects/{w.need.pk}",
        only({"village": 200, "administrator": 200}, seen_by=NEED_READERS),
        lambda w: {"version": 1, "title": "ก่อสร้างระบบประปาหมู่บ้านแบบบาดาล"},
    ),
    "project delete": Row(
        "DELETE",
        lambda w: f"/projects/{w.extra['spare'].pk}",
        only({"village": 204, "administrator": 204}, seen_by=MINE_READERS),
    ),
    "project trace": Row("GET", lambda w: f"/projects/{w.need.pk}/trace", readers(NEED_READERS)),
    "project public title": Row(
        "PUT",
        lambda w: f"/projects/{w.need.pk}/public-title",
        only(
            {"tambon": 200, "district": 200, "province": 200, "administrator": 200},
            seen_by=NEED_READERS,
        ),
        lambda w: {"public_title": "ก่อสร้างระบบประปาหมู่บ้าน"},
    ),
    "project send": Row(
        "POST",
        lambda w: f"/projects/{w.need.pk}/referrals",
        only({"village": 201, "administrator": 201}, seen_by=NEED_READERS),
        lambda w: {"target": "tambon:240101", "reason": "เสนอเข้าแผนพัฒนาตำบล"},
    ),
    "referrals list": Row("GET", lambda w: "/referrals", SIGNED_IN),
    "referral inbox": Row("GET", lambda w: "/referrals?incoming=true", SIGNED_IN),
    "referral detail": Row(
        "GET", lambda w: f"/referrals/{w.referral.pk}", readers(REFERRAL_READERS)
    ),
    "referral decide": Row(
        "POST",
        lambda w: f"/referrals/{w.referral.pk}/decide",
        only({"lao": 200, "administrator": 200}, seen_by=REFERRAL_READERS),
        lambda w: {"decision": "returned", "reason": "ซ้ำกับโครงการในแผนพัฒนาท้องถิ่น"},
    ),
    "funding list": Row("GET", lambda w: "/funding-requests", SIGNED_IN),
    "funding detail": Row(
        "GET", lambda w: f"/funding-requests/{w.funding.pk}", readers(FUNDING_READERS)
    ),
    "funding create": Row(
        "POST",
        lambda w: "/funding-requests",
        only({"village": 201, "administrator": 201}, seen_by=NEED_READERS),
        lambda w: {
            "project_id": w.need.pk,
            "source": "lao",
            "source_lao": w.people["lao_code"],
            "fiscal_year": 2571,
            "requested": "50000",
        },
    ),
    "funding decide": Row(
        "POST",
        lambda w: f"/funding-requests/{w.funding.pk}/decide",
        only({"agency": 200, "administrator": 200}, seen_by=FUNDING_READERS),
        lambda w: {"status": "approved", "approved": "200000.00"},
    ),
    "audit of a plan": Row(
        "GET",
        lambda w: f"/audit?object_type=plans.plan&object_id={w.mine.pk}",
        only(
            {"village": 200, "auditor": 200, "administrator": 200},
            seen_by=MINE_READERS,
        ),
    ),
    "whole audit trail": Row(
        "GET",
        lambda w: "/audit",
        only({"auditor": 200, "administrator": 200}, seen_by=set(PERSONAS)),
    ),
    # ----- committees, meetings, forums (planlink.accounts.access.committees) -----
    "committees list": Row("GET", lambda w: "/committees?scope=240101", SIGNED_IN),
    "committee appoint": Row(
        "POST",
        lambda w: "/committees",
        only({"tambon": 201, "district": 201, "administrator": 201}, seen_by=set(PERSONAS)),
        lambda w: {
            "kind": "tambon_integration",
            "area_code": "240101",
            "order_number": "45/2568",
            "order_date": "2025-01-20",
        },
    ),
    "committee detail": Row(
        "GET", lambda w: f"/committees/{w.extra['committee'].pk}", readers(COMMITTEE_READERS)
    ),
    "committee change": Row(
        "PATCH",
        lambda w: f"/committees/{w.extra['committee'].pk}",
        only({"tambon": 200, "district": 200, "administrator": 200}, seen_by=COMMITTEE_READERS),
        lambda w: {"note": "ปรับปรุงองค์ประกอบตามหนังสือสั่งการ"},
    ),
    "committee members": Row(
        "GET",
        lambda w: f"/committees/{w.extra['committee'].pk}/members",
        readers(COMMITTEE_READERS),
    ),
    "member add": Row(
        "POST",
        lambda w: f"/committees/{w.extra['committee'].pk}/members",
        only({"tambon": 201, "district": 201, "administrator": 201}, seen_by=COMMITTEE_READERS),
        lambda w: {"full_name": "นางสาวมาลี ศรีสุข", "position": "member"},
    ),
    "member remove": Row(
        "DELETE",
        lambda w: f"/committees/members/{w.extra['member'].pk}",
        only({"tambon": 200, "district": 200, "administrator": 200}, seen_by=COMMITTEE_READERS),
    ),
    "meetings list": Row("GET", lambda w: "/committees/meetings?scope=240101", SIGNED_IN),
    "meeting record": Row(
        "POST",
        lambda w: f"/committees/{w.extra['committee'].pk}/meetings",
        only({"tambon": 201, "district": 201, "administrator": 201}, seen_by=COMMITTEE_READERS),
        lambda w: {"held_on": "2025-02-10", "purpose": "make_plan", "attendance": 21},
    ),
    "meeting change": Row(
        "PATCH",
        lambda w: f"/committees/meetings/{w.extra['meeting'].pk}",
        only({"tambon": 200, "district": 200, "administrator": 200}, seen_by=COMMITTEE_READERS),
        lambda w: {"attendance": 23},
    ),
    "forums list": Row("GET", lambda w: "/committees/forums", SIGNED_IN),
    "forum record": Row(
        "POST",
        lambda w: "/committees/forums",
        only({"village": 201, "administrator": 201}, seen_by=MINE_READERS),
        lambda w: {
            "plan_id": w.mine.pk,
            "held_on": "2025-01-25",
            "participants": 64,
            "households": 52,
            "facilitator": "นายสมศักดิ์ พัฒนากร",
        },
    ),
    "forum change": Row(
        "PATCH",
        lambda w: f"/committees/forums/{w.extra['forum'].pk}",
        only({"village": 200, "administrator": 200}, seen_by=MINE_READERS),
        lambda w: {"participants": 70},
    ),
    "district performance": Row(
        "GET",
        lambda w: "/committees/performance?district=2401&cycle=2570",
        only(
            {name: 200 for name in ("district", "province", "auditor", "administrator")},
            seen_by=set(),
        ),
    ),
    # ----- documents (documents.services, through planlink.accounts.access) -----
    "plan book": Row("GET", lambda w: f"/documents/plans/{w.mine.pk}.xlsx", readers(MINE_READERS)),
    "tambon form": Row(
        "GET",
        lambda w: "/documents/reports/form1?area=240101&cycle=2570&format=xlsx",
        readers(REPORTERS_240101),
    ),
    "projects export": Row("GET", lambda w: "/documents/projects.xlsx?cycle=2570", SIGNED_IN),
    "document job": Row(
        "GET", lambda w: f"/documents/jobs/{plan_book_job(w)}", readers(MINE_READERS)
    ),
    "document job file": Row(
        "GET", lambda w: f"/documents/jobs/{plan_book_job(w)}/file", readers(MINE_READERS)
    ),
    "plan template": Row(
        "GET",
        lambda w: f"/documents/templates/plans/{w.mine.pk}.xlsx",
        only({"village": 200, "administrator": 200}, seen_by=MINE_READERS),
    ),
    "plan import": Row(
        "POST",
        lambda w: "/documents/imports/plans",
        only({"village": 200, "administrator": 200}, seen_by=MINE_READERS),
        upload=unchanged_template,
    ),
    # ----- carry-over and the budget what-if (issue 18; planlink.accounts.access.carryover) -----
    "carried needs": Row(
        "GET",
        lambda w: "/carry-overs?to=2572&area=240101",
        readers({"tambon", "district", "province", "auditor", "administrator"}),
    ),
    "carry needs over": Row(
        "POST",
        lambda w: "/carry-overs/run",
        only(
            {"tambon": 200, "district": 200, "province": 200, "administrator": 200},
            seen_by={"auditor"},
        ),
        lambda w: {"from": 2570, "to": 2572, "area": "240101"},
    ),
    "a carried need confirmed": Row(
        "POST",
        lambda w: f"/carry-overs/{carried_need(w.extra['spare'], w.need)}/decision",
        only(
            {"village": 200, "administrator": 200},
            seen_by={"tambon", "district", "province", "auditor"},
        ),
        lambda w: {"action": "confirm"},
    ),
    "budget what-if": Row(
        "GET",
        lambda w: "/whatif?area=24&cycle=2570&envelope=lao=1000000&envelope=RID=5e5",
        readers({"province", "auditor", "administrator"}),
    ),
    # ----- supply: funded items (planlink.accounts.access.supply) -----
    "supply list": Row("GET", lambda w: "/supply?cycle=2570", SIGNED_IN),
    "supply measure": Row("GET", lambda w: "/supply/measure?cycle=2570", SIGNED_IN),
    "supply import": Row(
        "POST",
        lambda w: "/supply/imports",
        only(
            {name: 200 for name in ("lao", "province", "agency", "administrator")},
            seen_by=set(PERSONAS),
        ),
        upload=funded_items_file,
    ),
    "supply match": Row(
        "POST",
        lambda w: f"/supply/{w.extra['supply_item'].pk}/match",
        only(
            {"province": 200, "agency": 200, "administrator": 200},
            seen_by={"tambon", "district", "auditor"},
        ),
        lambda w: {"action": "reject", "reason": "ไม่ใช่ฝายเดียวกับที่ตำบลเสนอ"},
    ),
    "supply match confirming the proposed need by id": Row(
        "POST",
        lambda w: f"/supply/{w.extra['supply_item'].pk}/match",
        only(
            {"province": 200, "agency": 200, "administrator": 200},
            seen_by={"tambon", "district", "auditor"},
        ),
        lambda w: {"action": "confirm", "project_id": w.tambon_project.pk},
    ),
    # ----- evidence (survey aggregates, no households: public to signed-in users) -----
    "area evidence": Row("GET", lambda w: "/evidence/24", EVIDENCE),
    # ----- plan revisions (planlink.accounts.access.revisions: read with the plan, owner writes)
    "revisions list": Row(
        "GET", lambda w: f"/plans/{w.extra['accepted'].pk}/revisions", readers(MINE_READERS)
    ),
    "revision create": Row(
        "POST",
        lambda w: f"/plans/{w.extra['accepted'].pk}/revisions",
        only({"village": 201, "administrator": 201}, seen_by=MINE_READERS),
        lambda w: {
            "kind": "addition",
            "year": 2569,
            "items": [{"action": "add", "project": {"title": "ขุดบ่อน้ำตื้นสาธารณะ"}}],
        },
    ),
    "revision detail": Row("GET", lambda w: revision_path(w), readers(MINE_READERS)),
    "revision item": Row(
        "POST",
        lambda w: revision_path(w, "/items"),
        only({"village": 201, "administrator": 201}, seen_by=MINE_READERS),
        lambda w: {"action": "add", "project": {"title": "ซ่อมแซมศาลาประชาคมหมู่บ้าน"}},
    ),
    "revision approve": Row(
        "POST",
        lambda w: revision_path(w, "/approve"),
        only({"village": 200, "administrator": 200}, seen_by=MINE_READERS),
        lambda w: {  # the plan was accepted today: approved the same day
            "approved_on": timezone.localdate().isoformat(),
            "approver_name": "นายประเสริฐ ใจงาม ผู้ใหญ่บ้าน",
        },
    ),
    "project revisions": Row(
        "GET", lambda w: f"/projects/{w.need.pk}/revisions", readers(NEED_READERS)
    ),
}


def test_every_route_of_the_api_is_in_the_matrix():
    """Every router, every operation: a new endpoint without a row here fails."""
    from planlink.api.api import api

    documented = {
        (method, "/api/v1" + prefix + path.replace("{int:", "{"))
        for prefix, router in api._routers
        for path, view in router.path_operations.items()
        for operation in view.operations
        for method in operation.methods
    }
    covered = {
        ("GET", "/api/v1/areas"),
        ("GET", "/api/v1/areas/{code}"),
        ("GET", "/api/v1/cycles"),
        ("GET", "/api/v1/cycles/{year}"),
        ("PATCH", "/api/v1/cycles/{year}/milestones/{step}"),
        ("GET", "/api/v1/cycles/{year}/late"),
        ("GET", "/api/v1/strategies"),
        ("POST", "/api/v1/strategies"),
        ("PATCH", "/api/v1/strategies/{strategy_id}"),
        ("GET", "/api/v1/plans"),
        ("POST", "/api/v1/plans"),
        ("GET", "/api/v1/plans/{plan_id}"),
        ("POST", "/api/v1/plans/{plan_id}/submit"),
        ("POST", "/api/v1/plans/{plan_id}/accept"),
        ("POST", "/api/v1/plans/{plan_id}/return"),
        ("GET", "/api/v1/plans/{plan_id}/projects"),
        ("POST", "/api/v1/plans/{plan_id}/projects"),
        ("GET", "/api/v1/projects"),
        ("GET", "/api/v1/projects/{project_id}"),
        ("PATCH", "/api/v1/projects/{project_id}"),
        ("DELETE", "/api/v1/projects/{project_id}"),
        ("GET", "/api/v1/projects/{project_id}/trace"),
        ("PUT", "/api/v1/projects/{project_id}/public-title"),
        ("POST", "/api/v1/projects/{project_id}/referrals"),
        ("GET", "/api/v1/referrals"),
        ("GET", "/api/v1/referrals/{referral_id}"),
        ("POST", "/api/v1/referrals/{referral_id}/decide"),
        ("GET", "/api/v1/funding-requests"),
        ("POST", "/api/v1/funding-requests"),
        ("GET", "/api/v1/funding-requests/{request_id}"),
        ("POST", "/api/v1/funding-requests/{request_id}/decide"),
        ("GET", "/api/v1/audit"),
        ("GET", "/api/v1/committees"),
        ("POST", "/api/v1/committees"),
        ("GET", "/api/v1/committees/{committee_id}"),
        ("PATCH", "/api/v1/committees/{committee_id}"),
        ("GET", "/api/v1/committees/{committee_id}/members"),
        ("POST", "/api/v1/committees/{committee_id}/members"),
        ("DELETE", "/api/v1/committees/members/{member_id}"),
        ("GET", "/api/v1/committees/meetings"),
        ("POST", "/api/v1/committees/{committee_id}/meetings"),
        ("PATCH", "/api/v1/committees/meetings/{meeting_id}"),
        ("GET", "/api/v1/committees/forums"),
        ("POST", "/api/v1/committees/forums"),
        ("PATCH", "/api/v1/committees/forums/{forum_id}"),
        ("GET", "/api/v1/committees/performance"),
        ("GET", "/api/v1/documents/plans/{plan_id}.{file_format}"),
        ("GET", "/api/v1/documents/reports/{form}"),
        ("GET", "/api/v1/documents/projects.xlsx"),
        ("GET", "/api/v1/documents/templates/plans/{plan_id}.xlsx"),
        ("POST", "/api/v1/documents/imports/plans"),
        ("GET", "/api/v1/documents/jobs/{job_id}"),
        ("GET", "/api/v1/documents/jobs/{job_id}/file"),
        ("GET", "/api/v1/evidence/{area_code}"),
        ("GET", "/api/v1/carry-overs"),
        ("POST", "/api/v1/carry-overs/run"),
        ("POST", "/api/v1/carry-overs/{carry_id}/decision"),
        ("GET", "/api/v1/whatif"),
        ("GET", "/api/v1/supply"),
        ("GET", "/api/v1/supply/measure"),
        ("POST", "/api/v1/supply/imports"),
        ("POST", "/api/v1/supply/{item_id}/match"),
        ("GET", "/api/v1/plans/{plan_id}/revisions"),
        ("POST", "/api/v1/plans/{plan_id}/revisions"),
        ("GET", "/api/v1/plans/{plan_id}/revisions/{revision_id}"),
        ("POST", "/api/v1/plans/{plan_id}/revisions/{revision_id}/items"),
        ("POST", "/api/v1/plans/{plan_id}/revisions/{revision_id}/approve"),
        ("GET", "/api/v1/projects/{project_id}/revisions"),
    }
    assert documented == covered
    assert len(ROWS) >= len(covered)


def upload(api, row: Row, world: World, persona: str) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    token = api.tokens.get(persona)
    if row.path(world) == "/supply/imports":
        fields = {"cycle": "2570", "dry_run": "true"}
        name = "รายการงบประมาณ.csv"
    else:
        fields = {"plan": str(world.mine.pk)}
        name = "แผนหมู่บ้าน.xlsx"
    return api.client.post(
        f"/api/v1{row.path(world)}",
        {"file": SimpleUploadedFile(name, row.upload(world)), **fields},
        headers={"Authorization": f"Bearer {token}"} if token else {},
    )


@pytest.mark.parametrize("name", list(ROWS))
def test_each_persona_gets_the_expected_status(
    name: str, world: World, api, settings, tmp_path
) -> None:
    row = ROWS[name]
    settings.DATA_DIR = tmp_path
    world.extra["spare"] = make_project(world.mine, "ไฟฟ้าส่องสว่างทางสาธารณะ", issue_code="INFRA")
    committee_world(world)
    supply_world(world)
    revision_world(world)
    outcomes: dict[str, int] = {}
    for persona in PERSONAS:
        before = full_snapshot()
        with transaction.atomic():
            if row.upload is not None:
                response = upload(api, row, world, persona)
            else:
                response = api.call(
                    row.method,
                    row.path(world),
                    as_=persona,
                    body=row.body(world) if row.body else ({} if row.writes else None),
                )
            after = full_snapshot()
            transaction.set_rollback(True)
        outcomes[persona] = response.status_code
        if response.status_code >= 400:
            body = response.json()
            assert body["code"] == ERROR_CODES[response.status_code], (persona, body)
            assert body["message_th"], (persona, body)
            if row.writes:
                assert after == before, f"{persona}: a refused {name} changed the database"
        elif row.upload is not None:
            assert after == before, f"{persona}: an unchanged upload changed the database"
        elif row.writes:
            assert after["audit"] > before["audit"], f"{persona}: {name} wrote no audit entry"
    assert outcomes == row.expected


@pytest.mark.parametrize("need", ["their_need", "far_need"])
def test_a_decider_naming_a_need_it_cannot_read_learns_nothing_and_changes_nothing(
    need: str, world: World, api
) -> None:
    """Confirming a funded item against a need the decider cannot read answers 404 — the
    same as an id that does not exist — with no word of the need's places, and writes
    nothing (before: the RID officer booked its funding on village 24010102's need, and a
    Chiang Mai id answered 400 with the need's village codes)."""
    supply_world(world)
    project = getattr(world, need)
    item = world.extra["supply_item"]
    missing = api.call(
        "POST", f"/supply/{item.pk}/match", as_="agency",
        body={"action": "confirm", "project_id": 999_999_999},
    )  # fmt: skip
    assert missing.status_code == 404
    before = full_snapshot()
    deciders = ["agency"] if need == "their_need" else ["agency", "province"]
    for persona in deciders:
        response = api.call(
            "POST", f"/supply/{item.pk}/match", as_=persona,
            body={"action": "confirm", "project_id": project.pk},
        )  # fmt: skip
        assert response.status_code == 404, (persona, response.json())
        body = response.json()
        assert body["code"] == "not_found"
        assert body["message_th"] == missing.json()["message_th"]
        text = response.content.decode()
        assert project.plan.owner_area_id not in text
        assert "need_places" not in text
        assert full_snapshot() == before, persona
    item.refresh_from_db()
    assert item.state == "proposed"
    assert item.matched_project_id == world.tambon_project.pk


def test_a_decider_may_name_a_need_it_reads_in_the_items_place(world: World, api) -> None:
    """The province reads village 24010102's need: naming it books the funding there."""
    from planlink.referrals.models import FundingRequest

    supply_world(world)
    item = world.extra["supply_item"]
    response = api.call(
        "POST", f"/supply/{item.pk}/match", as_="province",
        body={"action": "confirm", "project_id": world.their_need.pk},
    )  # fmt: skip
    assert response.status_code == 200, response.json()
    item.refresh_from_db()
    assert item.state == "confirmed"
    assert item.matched_project_id == world.their_need.pk
    assert FundingRequest.objects.filter(project=world.their_need).exists()
