"""A need referred to an LAO whose local development plan is accepted goes in through a
revision: including it directly is refused (pointing to a revision); an *add* item naming the
referral copies the need and, once approved, records the referral as included into the new
project. Synthetic test data."""

from __future__ import annotations

import datetime as dt

import pytest

from planlink.core.errors import DomainError, StateError
from planlink.plans.models import PlanKind, Project
from planlink.plans.revisions import revision_add_project, revision_approve, revision_create
from planlink.referrals.models import Decision
from planlink.referrals.services import referral_include, referral_send, to_lao
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(plan, lao):
    village_plan = area_plan(PlanKind.VILLAGE, "24010101")
    need = make_project(village_plan, "ก่อสร้างถังเก็บน้ำฝนประจำหมู่บ้าน", issue_code="WATER")
    return referral_send(project=need, target=to_lao(lao), actor=None)


def test_including_a_referred_need_into_an_accepted_plan_is_refused(plan, people, referral):
    with pytest.raises(StateError, match="ให้จัดทำการปรับปรุงแผน"):
        referral_include(referral=referral, actor=people["lao"], plan=plan)
    referral.refresh_from_db()
    assert referral.decision == Decision.PENDING
    assert Project.objects.filter(plan=plan).count() == 3


def test_an_addition_takes_the_referred_need_in_and_decides_the_referral(plan, people, referral):
    lao = people["lao"]
    revision = revision_create(plan=plan, actor=lao, kind="addition", year=2567)
    item = revision_add_project(
        revision=revision, actor=lao, data={"budget_years": {"2569": "120000"}}, referral=referral
    )
    assert item.changes["title"] == ["", "ก่อสร้างถังเก็บน้ำฝนประจำหมู่บ้าน"]
    with pytest.raises(DomainError, match="อยู่ในการปรับปรุงแผนครั้งนี้แล้ว"):
        revision_add_project(revision=revision, actor=lao, data={}, referral=referral)
    referral.refresh_from_db()
    assert referral.decision == Decision.PENDING  # nothing decided before approval
    revision_approve(
        revision=revision, actor=lao, approved_on=dt.date(2024, 8, 1), approver_name="นายก อบต."
    )
    referral.refresh_from_db()
    item.refresh_from_db()
    assert referral.decision == Decision.INCLUDED
    assert referral.result_project_id == item.project_id
    assert referral.reason == "บรรจุในแผนโดยเพิ่มเติม ครั้งที่ 1/2567"
    added = Project.objects.get(pk=item.project_id)
    assert (added.plan_id, added.budget) == (plan.pk, 120000)


def test_a_referral_to_another_body_is_refused(plan, people, lao):
    from planlink.areas.models import Agency
    from planlink.referrals.services import to_agency

    village_plan = area_plan(PlanKind.VILLAGE, "24010101")
    need = make_project(village_plan, "ขุดลอกคลองส่งน้ำ", issue_code="WATER")
    elsewhere = referral_send(
        project=need, target=to_agency(Agency.objects.get(code="RID")), actor=None
    )
    revision = revision_create(plan=plan, actor=people["lao"], kind="addition", year=2567)
    with pytest.raises(DomainError, match="ไม่ได้ส่งถึงเจ้าของแผน"):
        revision_add_project(revision=revision, actor=people["lao"], data={}, referral=elsewhere)
    assert revision.items.count() == 0


def test_the_api_adds_a_referred_need_by_its_referral_id(plan, people, referral, client):
    import json

    client.force_login(people["lao"])
    response = client.post(
        f"/api/v1/plans/{plan.pk}/revisions",
        data=json.dumps(
            {
                "kind": "addition",
                "year": 2567,
                "items": [{"action": "add", "referral_id": referral.pk}],
                "approval": {"approved_on": "2024-08-01", "approver_name": "นายก อบต."},
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    referral.refresh_from_db()
    assert referral.decision == Decision.INCLUDED
    assert referral.result_project_id == response.json()["items"][0]["project_id"]
    # The district reads the referral but does not receive it: it may not include it.
    client.force_login(people["district"])
    other = client.post(
        f"/api/v1/plans/{plan.pk}/revisions",
        data=json.dumps({"kind": "addition", "year": 2568, "items": []}),
        content_type="application/json",
    )
    assert other.status_code == 403


def test_the_web_takes_a_referred_need_in_through_a_revision(plan, people, referral, client):
    from planlink.plans.revision_models import PlanRevision

    client.force_login(people["lao"])
    client.post(f"/plans/{plan.pk}/revisions/", {"kind": "addition", "year": "2567"})
    revision = PlanRevision.objects.get(plan=plan)
    url = f"/plans/{plan.pk}/revisions/{revision.pk}/"
    assert "ก่อสร้างถังเก็บน้ำฝนประจำหมู่บ้าน" in client.get(url).content.decode()
    client.post(
        url,
        {"action": "include", "referral": referral.pk, "budget_year": "2569", "budget_amount": "1"},
    )
    client.post(
        url,
        {"action": "approve", "approver_name": "นายก อบต.", "approved_on": "2024-08-01"},
    )
    referral.refresh_from_db()
    assert referral.decision == Decision.INCLUDED
    assert referral.result_project.plan_id == plan.pk
