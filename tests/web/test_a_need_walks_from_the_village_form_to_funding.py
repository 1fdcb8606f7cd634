"""One need, through every role's page, by the same POSTs the browser makes (no JavaScript)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planlink.plans.models import Plan, PlanKind, PlanState, Project
from planlink.referrals.models import Decision, Referral
from tests.factories import FISCAL_YEAR

pytestmark = pytest.mark.django_db

NEED = "ขุดลอกคลองหนองบัวเพื่อการเกษตร"


def _review_plan(client, level: str, code: str, on_commit) -> Plan:
    with on_commit(execute=True):  # the inline job runs when the request's transaction commits
        response = client.post(f"/consolidate/{level}/{code}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/work/jobs/")
    job_page = client.get(response["Location"])
    assert job_page.status_code == 200
    kind = {"tambon": PlanKind.TAMBON, "district": PlanKind.DISTRICT_NEEDS}.get(
        level, PlanKind.PROVINCIAL_DEVELOPMENT
    )
    return Plan.objects.get(kind=kind, owner_area_id=code, cycle_id=FISCAL_YEAR)


def _accept_and_submit(client, plan: Plan, title: str) -> None:
    page = client.get(f"/plans/{plan.pk}/consolidation/")
    assert page.status_code == 200
    assert title in page.content.decode()
    project = Project.objects.get(plan=plan, title__contains="ขุดลอกคลองหนองบัว")
    response = client.post(
        f"/plans/{plan.pk}/consolidation/act/", {"action": "accept", "project": project.pk}
    )
    assert response.status_code == 302
    response = client.post(
        f"/plans/{plan.pk}/consolidation/act/", {"action": "submit", "confirm": "1"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED


def test_a_village_need_reaches_funding_and_the_public_tracker_shows_it(
    people, signed_in, client, inline_jobs, django_capture_on_commit_callbacks
):
    on_commit = django_capture_on_commit_callbacks
    village = signed_in(people["village"])
    village.post("/plans/start/", {"assignment": _assignment(people["village"]), "kind": "village"})
    plan = Plan.objects.get(kind=PlanKind.VILLAGE, owner_area_id="24010101")
    response = village.post(
        f"/plans/{plan.pk}/projects/new/",
        {
            "title": NEED,
            "issue_code": "WATER",
            "mode": "support",
            "capacity_level": "agency",
            "priority": "1",
            "budget": "500,000",
            "rationale": "น้ำไม่พอทำนาปรัง 120 ครัวเรือน",
        },
    )
    assert response.status_code == 302
    assert village.post(f"/plans/{plan.pk}/submit/", {"confirm": "1"}).status_code == 302
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED

    tambon = signed_in(people["tambon"])
    tambon_plan = _review_plan(tambon, "tambon", "240101", on_commit)
    _accept_and_submit(tambon, tambon_plan, NEED)

    district = signed_in(people["district"])
    assert district.get("/district/2401/").status_code == 200
    district_plan = _review_plan(district, "district", "2401", on_commit)
    _accept_and_submit(district, district_plan, NEED)

    province = signed_in(people["province"])
    province_plan = _review_plan(province, "province", "24", on_commit)
    _accept_and_submit(province, province_plan, NEED)

    to_agency = Referral.objects.get(target_key="agency:RID", decision=Decision.PENDING)
    agency = signed_in(people["agency"])
    inbox = agency.get("/inbox/").content.decode()
    assert NEED in inbox
    agency.post(f"/referrals/{to_agency.pk}/decide/", {"action": "include", "fiscal_year": ""})
    to_agency.refresh_from_db()
    assert to_agency.decision == Decision.INCLUDED
    assert to_agency.result_project.plan.kind == PlanKind.AGENCY_REQUEST
    agency.post(
        f"/referrals/{to_agency.pk}/decide/",
        {"action": "funded", "amount": "450000", "fiscal_year": str(FISCAL_YEAR)},
    )
    to_agency.refresh_from_db()
    assert (to_agency.decision, to_agency.amount) == (Decision.FUNDED, Decimal("450000.00"))

    village_page = village.get(f"/plans/{plan.pk}/").content.decode()
    assert "ได้รับงบประมาณ" in village_page

    need = Project.objects.get(plan=plan, title=NEED)
    public = client.get("/tracker/24010101/").content.decode()
    assert NEED in public
    need_page = client.get(f"/tracker/needs/{need.pk}/").content.decode()
    assert "ได้รับงบประมาณ" in need_page
    assert "450,000.00" in need_page
    assert "กรมชลประทาน" in need_page


def _assignment(user) -> int:
    return user.assignments.get().pk
