"""A project withdrawn by an approved revision (ถอนออกจากแผนแล้ว) is out of its plan everywhere:
the engine neither collects nor ranks it, the what-if does not fund it, the roll-ups and the
tracker do not count it as a need, and ``rollups verify`` stays clean (synthetic plans)."""

from __future__ import annotations

import pytest
from django.utils import timezone

from planlink.consolidation.ranking import rank_plan
from planlink.consolidation.steps import collect_village_needs
from planlink.consolidation.whatif import candidate_needs
from planlink.plans.models import PlanKind, Project
from planlink.plans.revisions import (
    revision_approve,
    revision_create,
    revision_withdraw_project,
)
from planlink.plans.services import plan_accept, plan_submit
from planlink.referrals.models import Referral
from planlink.rollups.fill import refresh_province
from planlink.rollups.selectors import area_measures
from planlink.rollups.verify import rollups_verify
from planlink.tracker.selectors import tracker_story
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db

YEAR = 2570


def _withdraw(plan, project: Project, keep: Project) -> None:
    plan_submit(plan=plan, actor=None)
    plan_accept(plan=plan, actor=None)
    revision = revision_create(plan=plan, actor=None, kind="review", year=2570)
    revision_withdraw_project(
        revision=revision,
        actor=None,
        project=project,
        reason="ซ้ำกับโครงการขุดลอกคลองของหมู่บ้าน",
        link_kind="duplicate_of",
        linked_project=keep,
    )
    revision_approve(
        revision=revision,
        actor=None,
        approved_on=timezone.localdate(),
        approver_name="ประธานคณะกรรมการหมู่บ้าน",
    )


def test_a_withdrawn_village_need_is_not_counted_collected_or_ranked(reference_data):
    plan = area_plan(PlanKind.VILLAGE, "24010101", YEAR, synthetic=True)
    road = make_project(plan, "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 1")
    canal = make_project(plan, "ขุดลอกคลองสาธารณะ หมู่ที่ 1", issue_code="WATER")
    twin = make_project(plan, "ขุดลอกคลองสาธารณะหมู่ 1 (ซ้ำ)", issue_code="WATER")
    _withdraw(plan, twin, canal)

    # The engine: ranks two, collects two into the tambon plan.
    assert rank_plan(plan) == 2
    twin.refresh_from_db()
    tambon = area_plan(PlanKind.TAMBON, "240101", YEAR, synthetic=True)
    assert collect_village_needs(tambon) == 2
    assert not Referral.objects.filter(project=twin).exists()
    assert set(Referral.objects.values_list("project_id", flat=True)) == {road.pk, canal.pk}

    # The roll-ups: two needs raised and public, and they agree with the ledger.
    refresh_province(YEAR, "24")
    for code in ("24010101", "240101"):
        measures = area_measures(code, YEAR)
        assert measures["needs_raised"] == 2, code
        assert measures["public_needs"] == 2, code
    for code in ("24010101", "240101", "2401", "24", ""):
        assert rollups_verify(area_code=code, cycle_id=YEAR) == [], code

    # The tracker: the village's and the tambon's tables leave it out, and so does the
    # district's funnel read from the roll-ups.
    for code in ("24010101", "240101"):
        story = tracker_story(code, YEAR)
        assert story.stages["raised"] == 2, code
        assert twin.pk not in {row.pk for row in story.needs or []}
    assert tracker_story("2401", YEAR).stages["raised"] == 2


def test_a_withdrawn_tambon_project_is_not_ranked_nor_funded_in_the_whatif(reference_data):
    plan = area_plan(PlanKind.TAMBON, "240101", YEAR, synthetic=True)
    kept = make_project(plan, "ขุดลอกคลองสาธารณะ ตำบลหน้าเมือง", issue_code="WATER")
    merged = make_project(plan, "ขุดลอกคลองส่งน้ำ ตำบลหน้าเมือง", issue_code="WATER")
    _withdraw(plan, merged, kept)

    assert rank_plan(plan) == 1
    kept.refresh_from_db()
    assert kept.priority == 1
    assert [need.pk for need in candidate_needs("240101", YEAR)] == [kept.pk]
    refresh_province(YEAR, "24")
    assert area_measures("240101", YEAR)["tambon_projects"] == 1
    assert rollups_verify(area_code="240101", cycle_id=YEAR) == []
