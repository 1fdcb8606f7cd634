"""The tambon review: the engine's merge of the same dredging need from three villages is shown
with its reason; the officer splits, returns, re-ranks and chooses the top per issue."""

from __future__ import annotations

import pytest

from planlink.plans.models import Plan, PlanKind, Route
from planlink.referrals.models import Decision, Referral
from tests.consolidation.engine_world import three_villages

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(people, signed_in, inline_jobs, django_capture_on_commit_callbacks):
    three_villages()
    client = signed_in(people["tambon"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/consolidate/tambon/240101/")
    plan = Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id="240101")
    return client, plan


def dredging(plan):
    return plan.projects.get(issue__code="WATER")


def act(client, plan, **data):
    return client.post(f"/plans/{plan.pk}/consolidation/act/", data, follow=True)


def test_the_merge_is_shown_with_its_sources_and_reason(review):
    client, plan = review
    page = client.get(f"/plans/{plan.pk}/consolidation/?issue=all").content.decode()
    merged = dredging(plan)
    sources = Referral.objects.filter(proposed_result_project=merged)
    assert sources.count() == 3
    assert "ที่มา 3 ความต้องการ" in page
    assert "โครงการขุดลอกคลองหนองบัว ม.2" in page
    # the engine's reason names the villages and the issue in Thai, not by their codes
    reason = sources.first().engine_reason
    assert "24010103" in reason
    assert "WATER" in reason
    card = page.split(f'id="project-{merged.pk}"', 1)[1].split("</article>", 1)[0]
    shown = card.split("เหตุผลของระบบ", 1)[1].split("</p>", 1)[0]
    assert "24010103" not in shown
    assert "WATER" not in shown
    assert merged.issue.name_th in shown
    assert "คำที่ตรงกัน: ขุดลอก คลอง หนอง บัว" in shown


def test_splitting_one_source_gives_it_a_project_of_its_own(review):
    client, plan = review
    merged = dredging(plan)
    third = Referral.objects.get(project__title="ขุดลอกคลองหนองบัว หมู่ที่ ๓")
    act(client, plan, action="split", referral=third.pk)
    third.refresh_from_db()
    assert third.decision == Decision.INCLUDED
    assert third.result_project.title == "ขุดลอกคลองหนองบัว หมู่ที่ ๓"
    assert third.result_project_id != merged.pk
    assert plan.projects.filter(issue__code="WATER").count() == 2


def test_returning_a_source_needs_a_reason(review):
    client, plan = review
    second = Referral.objects.get(project__title="โครงการขุดลอกคลองหนองบัว ม.2")
    page = act(client, plan, action="reject", referral=second.pk, reason="").content.decode()
    assert "ต้องระบุเหตุผล" in page
    second.refresh_from_db()
    assert second.decision == Decision.PENDING
    act(client, plan, action="reject", referral=second.pk, reason="ซ้ำกับงบกรมชลประทานปี 2569")
    second.refresh_from_db()
    assert (second.decision, second.reason) == (Decision.RETURNED, "ซ้ำกับงบกรมชลประทานปี 2569")


def test_choosing_three_projects_of_one_issue_is_refused(review):
    client, plan = review
    infra = list(plan.projects.filter(issue__code="INFRA").values_list("pk", flat=True))
    water = dredging(plan)
    act(
        client,
        plan,
        action="split",
        referral=Referral.objects.get(project__title="ขุดลอกคลองหนองบัว หมู่ที่ ๓").pk,
    )
    act(
        client,
        plan,
        action="split",
        referral=Referral.objects.get(project__title="โครงการขุดลอกคลองหนองบัว ม.2").pk,
    )
    water_ids = list(plan.projects.filter(issue__code="WATER").values_list("pk", flat=True))
    assert len(water_ids) == 3
    page = act(client, plan, action="choose", chosen=water_ids).content.decode()
    assert "เลือกได้ไม่เกิน 2 โครงการ" in page
    act(client, plan, action="choose", chosen=[water.pk, *infra[:1]])
    water.refresh_from_db()
    assert water.proposed_route == Route.UP


def test_re_ranking_moves_a_project_within_its_issue(review):
    client, plan = review
    for title in ("ขุดลอกคลองหนองบัว หมู่ที่ ๓", "โครงการขุดลอกคลองหนองบัว ม.2"):
        act(client, plan, action="split", referral=Referral.objects.get(project__title=title).pk)
    last = plan.projects.filter(issue__code="WATER").order_by("-priority", "-pk").first()
    act(client, plan, action="rerank", project=last.pk, priority="1")
    last.refresh_from_db()
    assert (last.priority, last.priority_locked) == (1, True)
    ranks = sorted(plan.projects.filter(issue__code="WATER").values_list("priority", flat=True))
    assert ranks == [1, 2, 3]


def test_another_tambon_cannot_see_or_act_on_this_review(review, people, signed_in):
    _, plan = review
    outsider = signed_in(people["outsider"])
    assert outsider.get(f"/plans/{plan.pk}/consolidation/").status_code == 404
    assert (
        outsider.post(f"/plans/{plan.pk}/consolidation/act/", {"action": "submit"}).status_code
        == 404
    )
    district = signed_in(people["district"])
    assert district.get(f"/plans/{plan.pk}/consolidation/").status_code == 200
    assert (
        district.post(f"/plans/{plan.pk}/consolidation/act/", {"action": "submit"}).status_code
        == 403
    )
    plan.refresh_from_db()
    assert plan.state == "draft"
