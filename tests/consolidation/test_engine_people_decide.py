"""The engine proposes; people decide — and a re-run never undoes them."""

import pytest

from planlink.consolidation.review import (
    project_rerank,
    proposal_accept,
    proposal_reject,
    proposal_split,
    proposals_choose_top,
)
from planlink.consolidation.services import consolidate_tambon
from planlink.core.errors import DomainError
from planlink.plans.models import Plan, PlanKind, Project
from planlink.referrals.models import Referral
from tests.consolidation.engine_world import three_villages, village_plan
from tests.factories import UserFactory, cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(reference_data):
    three_villages()
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    return Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id="240101"), UserFactory(
        username="tambon_officer"
    )


def test_an_accepted_merge_survives_a_rerun_with_new_input(reviewed):
    plan, officer = reviewed
    dredging = plan.projects.get(issue__code="WATER")
    assert proposal_accept(tambon_project=dredging, actor=officer) == 3
    village_plan(
        "24010104", [("ขุดลอกคลองหนองบัว หมู่ที่ 4", "WATER", "agency", "support", 1, 40, 200000)]
    )
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    decided = Referral.objects.filter(result_project=dredging, decision="merged")
    assert decided.count() == 3
    assert set(decided.values_list("decided_by__username", flat=True)) == {"tambon_officer"}
    newcomer = Referral.objects.get(project__title="ขุดลอกคลองหนองบัว หมู่ที่ 4")
    assert (newcomer.decision, newcomer.proposed_result_project_id) == ("pending", dredging.pk)
    assert plan.projects.filter(issue__code="WATER").count() == 1


def test_a_split_source_stays_split_after_a_rerun(reviewed):
    plan, officer = reviewed
    source = Referral.objects.get(project__title="ขุดลอกคลองหนองบัว หมู่ที่ ๓")
    own = proposal_split(referral=source, actor=officer)
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    source.refresh_from_db()
    assert (source.decision, source.result_project_id) == ("included", own.pk)
    merged = plan.projects.get(issue__code="WATER", engine_key__startswith="WATER:")
    assert sorted(
        Referral.objects.filter(proposed_result_project=merged, decision="pending").values_list(
            "project__title", flat=True
        )
    ) == [
        "ขุดลอกคลองหนองบัว หมู่ที่ 1",
        "โครงการขุดลอกคลองหนองบัว ม.2",
    ]


def test_a_rejected_need_is_not_collected_again(reviewed):
    _, officer = reviewed
    source = Referral.objects.get(project__title="ฝึกอบรมอาชีพจักสานผักตบชวา")
    proposal_reject(referral=source, actor=officer, reason="กลุ่มอาชีพดำเนินการเองได้")
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    rows = Referral.objects.filter(project__title="ฝึกอบรมอาชีพจักสานผักตบชวา")
    assert list(rows.values_list("decision", "reason")) == [("returned", "กลุ่มอาชีพดำเนินการเองได้")]


def test_a_rank_set_by_hand_is_kept(reviewed):
    plan, officer = reviewed
    roads = plan.projects.filter(issue__code="INFRA").order_by("priority")
    second = roads.last()
    project_rerank(project=second, actor=officer, priority=1)
    consolidate_tambon(tambon_code="240101", cycle=cycle())
    assert Project.objects.get(pk=second.pk).priority == 1


def test_choosing_more_than_two_per_issue_is_refused(reviewed):
    plan, officer = reviewed
    water = plan.projects.get(issue__code="WATER")
    extra = [
        Project.objects.create(plan=plan, title=f"ฝายแห่งที่ {n}", issue=water.issue) for n in (1, 2)
    ]
    with pytest.raises(DomainError, match="เลือกได้ไม่เกิน 2 โครงการ"):
        proposals_choose_top(
            plan=plan, actor=officer, project_ids=[water.pk] + [p.pk for p in extra]
        )
    assert Project.objects.get(pk=water.pk).proposed_route == "up"
