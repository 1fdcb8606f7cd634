"""Every API endpoint walked as every role, anonymous and an outsider.

Each row names the status each persona must get. Reads the caller may not see
answer 404 (missing and forbidden look the same); visible objects the caller
may not change answer 403; no credentials answer 401. Every refused write
leaves the database exactly as it was (rows, states, versions, audit trail);
every accepted write is rolled back before the next persona tries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction

from tests.api.conftest import PERSONAS, World, snapshot
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


@dataclass(frozen=True)
class Row:
    method: str
    path: Callable[[World], str]
    expected: dict[str, int]
    body: Callable[[World], Any] | None = None

    @property
    def writes(self) -> bool:
        return self.method != "GET"


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
}


def test_every_route_of_the_api_is_in_the_matrix():
    from planlink.api.api import api

    # Other engineers' routers (evidence, committees, documents) have their own tests.
    ours = {"/areas", "/cycles", "/strategies", "/plans", "/projects", "/referrals"}
    ours |= {"/funding-requests", "/audit"}
    documented = {
        (method, "/api/v1" + prefix + path.replace("{int:", "{"))
        for prefix, router in api._routers
        if prefix in ours
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
        ("POST", "/api/v1/projects/{project_id}/referrals"),
        ("GET", "/api/v1/referrals"),
        ("GET", "/api/v1/referrals/{referral_id}"),
        ("POST", "/api/v1/referrals/{referral_id}/decide"),
        ("GET", "/api/v1/funding-requests"),
        ("POST", "/api/v1/funding-requests"),
        ("GET", "/api/v1/funding-requests/{request_id}"),
        ("POST", "/api/v1/funding-requests/{request_id}/decide"),
        ("GET", "/api/v1/audit"),
    }
    assert documented == covered
    assert len(ROWS) >= len(covered)


@pytest.mark.parametrize("name", list(ROWS))
def test_each_persona_gets_the_expected_status(name: str, world: World, api) -> None:
    row = ROWS[name]
    world.extra["spare"] = make_project(world.mine, "ไฟฟ้าส่องสว่างทางสาธารณะ", issue_code="INFRA")
    outcomes: dict[str, int] = {}
    for persona in PERSONAS:
        before = snapshot()
        with transaction.atomic():
            response = api.call(
                row.method,
                row.path(world),
                as_=persona,
                body=row.body(world) if row.body else ({} if row.writes else None),
            )
            after = snapshot()
            transaction.set_rollback(True)
        outcomes[persona] = response.status_code
        if response.status_code >= 400:
            body = response.json()
            assert body["code"] == ERROR_CODES[response.status_code], (persona, body)
            assert body["message_th"], (persona, body)
            if row.writes:
                assert after == before, f"{persona}: a refused {name} changed the database"
        elif row.writes:
            assert after["audit"] > before["audit"], f"{persona}: {name} wrote no audit entry"
    assert outcomes == row.expected
