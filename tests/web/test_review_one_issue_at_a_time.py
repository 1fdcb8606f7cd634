"""The review screen shows one issue (or a slice) with counts per issue, acts in place over
htmx, shows the 2-per-issue rule before it is broken, and refuses to submit a plan whose
proposals are undecided (issue 15, build item 1)."""

from __future__ import annotations

import pytest

from planlink.plans.models import Issue, Plan, PlanKind, PlanState, Route
from planlink.referrals.models import Decision, Referral
from tests.consolidation.engine_world import three_villages
from tests.web.review_world import demo_like_tambon

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def consolidate(client, capture, code="240101"):
    with capture(execute=True):
        client.post(f"/consolidate/tambon/{code}/")
    return Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id=code)


@pytest.fixture
def small(people, signed_in, inline_jobs, django_capture_on_commit_callbacks):
    three_villages()
    client = signed_in(people["tambon"])
    return client, consolidate(client, django_capture_on_commit_callbacks)


def test_the_demo_like_tambon_opens_on_one_issue_under_120_kb(
    people, signed_in, inline_jobs, django_capture_on_commit_callbacks
):
    demo_like_tambon()
    client = signed_in(people["tambon"])
    plan = consolidate(client, django_capture_on_commit_callbacks)
    assert Referral.objects.filter(to_plan=plan).count() == 170
    whole = client.get(f"/plans/{plan.pk}/consolidation/?issue=all").content
    first = client.get(f"/plans/{plan.pk}/consolidation/").content
    assert len(first) < 120 * 1024, len(first)
    assert len(first) < len(whole)
    page = first.decode()
    # one issue is shown, every issue is listed with its counts
    water = Issue.objects.get(province_id="24", cycle_id=plan.cycle_id, code="WATER")
    assert f'href="?issue={water.pk}"' in page
    assert "รอพิจารณา" in page
    assert "เสนอขึ้น" in page
    shown = {
        plan.projects.get(pk=int(chunk.split('"', 1)[0])).issue_id
        for chunk in page.split('review-card" id="project-')[1:]
    }
    assert len(shown) == 1


def test_a_long_list_is_paged(
    people, signed_in, inline_jobs, django_capture_on_commit_callbacks, monkeypatch
):
    from planlink.web.views import review

    assert review.PAGE_SIZE == 50
    monkeypatch.setattr(review, "PAGE_SIZE", 5)
    demo_like_tambon()
    client = signed_in(people["tambon"])
    plan = consolidate(client, django_capture_on_commit_callbacks)
    total = plan.projects.count()
    assert total > 10
    pages = [
        client.get(f"/plans/{plan.pk}/consolidation/?issue=all&page={number}").content.decode()
        for number in (1, 2)
    ]
    assert [page.count('class="card review-card"') for page in pages] == [5, 5]
    assert f"หน้า 1 จาก {(total + 4) // 5}" in pages[0]
    assert pages[0].split("review-card")[1] != pages[1].split("review-card")[1]


def test_accepting_over_htmx_answers_with_the_card_and_the_counts(small):
    client, plan = small
    water = plan.projects.get(issue__code="WATER")
    response = client.post(
        f"/plans/{plan.pk}/consolidation/act/",
        {"action": "accept", "project": water.pk, "issue": str(water.issue_id)},
        **HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert response["HX-Retarget"] == f"#project-{water.pk}"
    assert 'id="review-counts" hx-swap-oob="true"' in body
    assert "ยืนยันการรวมแล้ว 3 รายการ" in body
    assert not Referral.objects.filter(proposed_result_project=water, decision=Decision.PENDING)


def test_the_undecided_slice_lists_only_projects_with_pending_sources(small):
    client, plan = small
    water = plan.projects.get(issue__code="WATER")
    client.post(f"/plans/{plan.pk}/consolidation/act/", {"action": "accept", "project": water.pk})
    page = client.get(f"/plans/{plan.pk}/consolidation/?issue=all&show=undecided").content.decode()
    assert f'id="project-{water.pk}"' not in page
    decided = client.get(f"/plans/{plan.pk}/consolidation/?issue=all&show=decided").content.decode()
    assert f'id="project-{water.pk}"' in decided


def test_a_third_project_of_an_issue_cannot_be_ticked_and_the_page_says_why(small):
    client, plan = small
    infra = list(plan.projects.filter(issue__code="INFRA"))
    for project in infra:
        client.post(
            f"/plans/{plan.pk}/consolidation/act/",
            {"action": "up", "project": project.pk, "up": "1"},
            **HTMX,
        )
    chosen = plan.projects.filter(issue__code="INFRA", proposed_route=Route.UP).count()
    assert chosen == min(2, len(infra))
    # split two dredging sources: WATER then has three projects, two of them ticked
    for title in ("ขุดลอกคลองหนองบัว หมู่ที่ ๓", "โครงการขุดลอกคลองหนองบัว ม.2"):
        referral = Referral.objects.get(project__title=title, to_plan=plan)
        client.post(
            f"/plans/{plan.pk}/consolidation/act/",
            {"action": "split", "referral": referral.pk},
        )
    water = list(plan.projects.filter(issue__code="WATER").order_by("pk"))
    assert len(water) == 3
    for project in water[:2]:
        client.post(
            f"/plans/{plan.pk}/consolidation/act/",
            {"action": "up", "project": project.pk, "up": "1"},
        )
    page = client.get(f"/plans/{plan.pk}/consolidation/?issue={water[0].issue_id}").content.decode()
    third = page.split(f'id="project-{water[2].pk}"', 1)[1].split("</article>", 1)[0]
    assert f'id="up-{water[2].pk}" disabled' in third
    assert "ประเด็นนี้เลือกครบ 2 โครงการแล้ว" in third
    response = client.post(
        f"/plans/{plan.pk}/consolidation/act/",
        {"action": "up", "project": water[2].pk, "up": "1"},
        **HTMX,
    )
    assert "เลือกได้ไม่เกิน 2 โครงการ" in response.content.decode()
    water[2].refresh_from_db()
    assert water[2].proposed_route != Route.UP
    assert plan.projects.filter(issue__code="WATER", proposed_route=Route.UP).count() == 2


def test_a_plan_with_undecided_proposals_is_not_submitted(small):
    client, plan = small
    pending = Referral.objects.filter(to_plan=plan, decision=Decision.PENDING).count()
    assert pending
    response = client.post(
        f"/plans/{plan.pk}/consolidation/act/", {"action": "submit"}, follow=True
    )
    page = response.content.decode()
    assert f"ยังมีข้อเสนอรอพิจารณา {pending:,} รายการ" in page
    assert "show=undecided" in response.redirect_chain[-1][0]
    assert "ดูรายการที่รอพิจารณา" in page
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT


def test_returning_the_rest_needs_a_reason_then_submits(small):
    client, plan = small
    client.post(
        f"/plans/{plan.pk}/consolidation/act/",
        {"action": "submit", "return_rest": "1", "reason": "  "},
    )
    plan.refresh_from_db()
    assert plan.state == PlanState.DRAFT
    client.post(
        f"/plans/{plan.pk}/consolidation/act/",
        {
            "action": "submit",
            "return_rest": "1",
            "reason": "ไม่ทันการประชุม ก.บ.ต. ปีนี้",
            "confirm": "1",
        },
    )
    plan.refresh_from_db()
    assert plan.state == PlanState.SUBMITTED
    assert not Referral.objects.filter(to_plan=plan, decision=Decision.PENDING).exists()
    assert Referral.objects.filter(
        to_plan=plan, decision=Decision.RETURNED, reason="ไม่ทันการประชุม ก.บ.ต. ปีนี้"
    ).exists()


def test_submitted_village_plans_are_listed_with_accept_and_return(small):
    client, plan = small
    page = client.get(f"/plans/{plan.pk}/consolidation/").content.decode()
    village = Plan.objects.get(kind=PlanKind.VILLAGE, owner_area_id="24010101")
    assert f'action="/plans/{village.pk}/review-decision/"' in page
    response = client.post(
        f"/plans/{village.pk}/review-decision/",
        {"action": "accept", "next": f"/plans/{plan.pk}/consolidation/"},
    )
    assert response["Location"] == f"/plans/{plan.pk}/consolidation/"
    village.refresh_from_db()
    assert village.state == PlanState.ACCEPTED
    # an outside "next" is not followed
    other = Plan.objects.get(kind=PlanKind.VILLAGE, owner_area_id="24010102")
    response = client.post(
        f"/plans/{other.pk}/review-decision/",
        {"action": "accept", "next": "https://example.com/"},
    )
    assert response["Location"] == f"/plans/{other.pk}/"
