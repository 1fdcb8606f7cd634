"""The API test world: personas with tokens, plans at two levels, a referral, a funding request.

Chachoengsao (24): village 24010101 (ours) and 24010102 (submitted, awaiting the
tambon), the tambon plan of 240101, and a village plan in Chiang Mai (5001)
that only the outsider's district and national roles see.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from planlink.accounts.models import Role
from planlink.accounts.tokens import token_create
from planlink.areas.models import Agency, LocalGovernment
from planlink.audit.models import AuditEntry
from planlink.cycles.models import Milestone
from planlink.plans.models import Plan, PlanKind, Project, ProjectBudgetYear, Strategy
from planlink.plans.services import plan_submit
from planlink.referrals.models import FundingRequest, Referral
from planlink.referrals.services import funding_request_create, referral_send, to_lao
from tests.factories import area_plan, assign, frame, make_project, personas

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
    "administrator",
    "anonymous",
]


@dataclass
class World:
    people: dict[str, Any]
    tokens: dict[str, str]
    mine: Plan
    theirs: Plan
    tambon_plan: Plan
    elsewhere: Plan
    need: Project
    their_need: Project
    tambon_project: Project
    far_need: Project
    referral: Referral
    funding: FundingRequest
    strategy: Strategy
    extra: dict[str, Any] = field(default_factory=dict)


class Api:
    """A thin JSON client: ``api.get("/plans", as_="village")``."""

    def __init__(self, client: Client, tokens: dict[str, str]) -> None:
        self.client = client
        self.tokens = tokens

    def call(self, method: str, path: str, *, as_: str = "anonymous", body: Any = None) -> Any:
        headers = {}
        token = self.tokens.get(as_)
        if token:
            headers["Authorization"] = f"Bearer {token}"
        kwargs: dict[str, Any] = {"headers": headers}
        if body is not None:
            kwargs["data"] = json.dumps(body)
            kwargs["content_type"] = "application/json"
        return getattr(self.client, method.lower())(f"/api/v1{path}", **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("POST", path, body=body if body is not None else {}, **kwargs)

    def patch(self, path: str, body: Any, **kwargs: Any) -> Any:
        return self.call("PATCH", path, body=body, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.call("DELETE", path, **kwargs)


def snapshot() -> dict[str, Any]:
    """Everything a write could touch, in a comparable form."""
    return {
        "plans": sorted(Plan.objects.values_list("pk", "state", "title", "returned_reason")),
        "projects": sorted(Project.objects.values_list("pk", "version", "title", "budget")),
        "referrals": sorted(Referral.objects.values_list("pk", "decision", "reason")),
        "funding": sorted(FundingRequest.objects.values_list("pk", "status", "approved")),
        "strategies": sorted(Strategy.objects.values_list("pk", "name_th")),
        "milestones": sorted(Milestone.objects.values_list("pk", "start", "deadline")),
        "locations": sorted(Project.areas.through.objects.values_list("project_id", "area_id")),
        "budget_years": sorted(ProjectBudgetYear.objects.values_list("project_id", "amount")),
        "audit": AuditEntry.objects.exclude(object_type="accounts.apitoken").count(),
    }


@pytest.fixture
def world(reference_data) -> World:
    people: dict[str, Any] = personas()
    people["administrator"] = assign(Role.ADMINISTRATOR, national=True, username="admin")
    frame("50")
    mine = area_plan(PlanKind.VILLAGE, "24010101")
    theirs = area_plan(PlanKind.VILLAGE, "24010102")
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    elsewhere = area_plan(PlanKind.VILLAGE, "50010101")
    need = make_project(mine, "ก่อสร้างประปาหมู่บ้าน", issue_code="WATER")
    their_need = make_project(theirs, "ขุดลอกคลองส่งน้ำ", issue_code="WATER")
    tambon_project = make_project(tambon_plan, "ขุดลอกคลองสาธารณะตำบลหน้าเมือง", issue_code="WATER")
    far_need = make_project(elsewhere, "ซ่อมแซมถนนลูกรัง", issue_code="INFRA")
    plan_submit(plan=theirs, actor=None)
    lao = LocalGovernment.objects.get(code=people["lao_code"])
    referral = referral_send(project=need, target=to_lao(lao), actor=None)
    funding = funding_request_create(
        project=need,
        actor=None,
        source="agency",
        fiscal_year=2570,
        requested=Decimal("250000"),
        source_agency=Agency.objects.get(code="RID"),
    )
    strategy = Strategy.objects.get(province_id="24", cycle_id=2570, number=1)
    tokens = {
        name: token_create(user=people[name], name="ทดสอบ")[1]
        for name in PERSONAS
        if name != "anonymous"
    }
    return World(
        people=people,
        tokens=tokens,
        mine=Plan.objects.get(pk=mine.pk),
        theirs=Plan.objects.get(pk=theirs.pk),
        tambon_plan=tambon_plan,
        elsewhere=elsewhere,
        need=need,
        their_need=their_need,
        tambon_project=tambon_project,
        far_need=far_need,
        referral=referral,
        funding=funding,
        strategy=strategy,
    )


@pytest.fixture
def api(world: World, client: Client) -> Api:
    return Api(client, world.tokens)
