"""A grouped project (the same road asked for by หมู่ 3 and หมู่ 7: a shared need, issue 12) on
the web: the review lists each place with its own budget, households and sources, and the
receiver decides for one place from the inbox, as the API's ``component_id`` does."""

from __future__ import annotations

import pytest

from planlink.areas.models import Agency
from planlink.consolidation.merge import accept_pending
from planlink.plans.models import ProjectComponent
from planlink.referrals.lineage import outcomes_for
from planlink.referrals.models import Decision
from planlink.referrals.services import referral_send, to_agency
from tests.consolidation.components_world import consolidate, roads_of_two_villages
from tests.factories import FISCAL_YEAR

pytestmark = pytest.mark.django_db


@pytest.fixture
def road(people):
    needs = roads_of_two_villages()
    plan = consolidate()
    project = plan.projects.get(issue__code="INFRA")
    return needs, plan, project


def card_of(page: str, project_id: int) -> str:
    return page.split(f'id="project-{project_id}"', 1)[1].split("</article>", 1)[0]


def test_the_review_card_lists_each_place_with_its_own_budget(road, people, signed_in):
    _, plan, project = road
    page = signed_in(people["tambon"]).get(f"/plans/{plan.pk}/consolidation/?issue=all")
    assert page.status_code == 200
    card = card_of(page.content.decode(), project.pk)
    places = list(project.components.select_related("area").order_by("order"))
    assert [place.area_id for place in places] == ["24010103", "24010107"]
    assert "โครงการรวม 2 พื้นที่" in card
    for place in places:
        row = card.split(f'id="component-{place.pk}"', 1)[1].split("</tr>", 1)[0]
        assert place.area.display_name in row
        assert f"{place.budget:,.2f}" in row
    # หมู่ 3 asked twice (a duplicate, merged into its place), หมู่ 7 once
    assert [place.sources_count for place in places] == [2, 1]


def test_a_project_of_one_place_shows_no_places_table(road, people, signed_in):
    _, plan, _ = road
    school = plan.projects.get(issue__code="EDU")
    page = signed_in(people["tambon"]).get(f"/plans/{plan.pk}/consolidation/?issue=all")
    assert "โครงการรวม" not in card_of(page.content.decode(), school.pk)


def test_the_agency_funds_one_village_s_road_from_its_inbox(road, people, signed_in):
    needs, plan, project = road
    accept_pending(plan)
    referral = referral_send(
        project=project, target=to_agency(Agency.objects.get(code="RID")), actor=None
    )
    client = signed_in(people["agency"])
    inbox = client.get("/inbox/").content.decode()
    village7 = project.components.get(area_id="24010107")
    assert f'id="component-{referral.pk}"' in inbox
    assert f'<option value="{village7.pk}">' in inbox
    assert "Only this place" in signed_in(people["agency"], "en").get("/inbox/").content.decode()
    client.post(
        f"/referrals/{referral.pk}/decide/",
        {
            "action": "funded",
            "amount": "500000",
            "fiscal_year": str(FISCAL_YEAR),
            "component": str(village7.pk),
        },
    )
    referral.refresh_from_db()
    assert (referral.decision, referral.component_id) == (Decision.FUNDED, village7.pk)
    fates = outcomes_for([needs["m3"].pk, needs["m7"].pk])
    assert fates == {needs["m3"].pk: "in_progress", needs["m7"].pk: "funded"}


def test_a_place_of_another_project_is_refused_in_thai_and_nothing_changes(road, people, signed_in):
    needs, plan, project = road
    accept_pending(plan)
    referral = referral_send(
        project=project, target=to_agency(Agency.objects.get(code="RID")), actor=None
    )
    elsewhere = ProjectComponent.objects.exclude(project=project).first()
    wrong = elsewhere.pk if elsewhere else 999_999
    page = signed_in(people["agency"]).post(
        f"/referrals/{referral.pk}/decide/",
        {"action": "funded", "amount": "500000", "fiscal_year": str(FISCAL_YEAR),
         "component": str(wrong)},
        follow=True,
    )  # fmt: skip
    assert "พื้นที่ที่เลือกไม่ใช่องค์ประกอบของโครงการนี้" in page.content.decode()
    referral.refresh_from_db()
    assert referral.decision == Decision.PENDING
    assert outcomes_for([needs["m7"].pk]) == {needs["m7"].pk: "in_progress"}
