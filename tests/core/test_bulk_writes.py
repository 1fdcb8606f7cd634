"""The engine's set-based writes (planlink.core.bulk) store exactly what the ORM would."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from planlink.core.bulk import insert_dicts, insert_rows, update_rows
from planlink.plans.models import PlanKind, Project
from planlink.referrals.models import Referral
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(reference_data):
    return area_plan(PlanKind.TAMBON, "240101")


def test_insert_dicts_fills_defaults_and_keeps_thai_text(plan):
    count = insert_dicts(
        Project,
        [
            {"plan_id": plan.pk, "title": "ก่อสร้างถนน คสล. หมู่ที่ ๕", "engine_key": "INFRA:1"},
            {
                "plan_id": plan.pk,
                "title": "ขุดลอกคลองสาธารณะ",
                "budget": Decimal("1250000.50"),
                "target_quantity": None,
                "engine_key": "WATER:2",
            },
        ],
    )
    assert count == 2
    road, canal = Project.objects.filter(plan=plan).order_by("engine_key")
    assert road.title == "ก่อสร้างถนน คสล. หมู่ที่ ๕"
    assert road.budget == Decimal("0")
    assert road.mode == "support"
    assert road.version == 1
    assert road.created_at is not None
    assert road.updated_at is not None
    assert canal.budget == Decimal("1250000.50")
    assert canal.target_quantity is None


def test_insert_dicts_refuses_an_unknown_field(plan):
    with pytest.raises(ValueError, match="no field"):
        insert_dicts(Project, [{"plan_id": plan.pk, "title": "x", "colour": "แดง"}])
    assert not Project.objects.filter(plan=plan).exists()


def test_update_rows_sets_each_row_its_own_values(plan):
    first = make_project(plan, "ก่อสร้างถนนลูกรัง")
    second = make_project(plan, "ซ่อมแซมฝายน้ำล้น")
    untouched = make_project(plan, "ส่งเสริมอาชีพทอผ้า")
    update_rows(
        Project,
        ("proposed_route", "engine_note", "evidence_score", "priority"),
        [("up", "อันดับ 1 ของประเด็น", 12.5, 1, first.pk), ("tambon", "", None, None, second.pk)],
    )
    first.refresh_from_db()
    second.refresh_from_db()
    untouched.refresh_from_db()
    assert (first.proposed_route, first.engine_note, first.evidence_score, first.priority) == (
        "up",
        "อันดับ 1 ของประเด็น",
        12.5,
        1,
    )
    assert (second.proposed_route, second.evidence_score, second.priority) == ("tambon", None, None)
    assert untouched.proposed_route == ""


def test_insert_rows_with_nulls_foreign_keys_and_times(plan):
    project = make_project(plan, "จัดซื้อถังขยะ")
    now = timezone.now()
    insert_rows(
        Referral,
        (
            "project",
            "target_kind",
            "target_key",
            "scope_code",
            "to_plan",
            "to_lao",
            "to_agency",
            "to_area",
            "proposed_by_engine",
            "engine_reason",
            "created_by",
            "previous",
            "decision",
            "reason",
            "funding_source",
            "created_at",
            "decided_automatically",
        ),
        [
            (
                project.pk,
                "plan",
                f"plan:{plan.pk}",
                plan.scope_code,
                plan.pk,
                None,
                None,
                None,
                True,
                "รวบรวมจากแผนหมู่บ้าน",
                None,
                None,
                "pending",
                "",
                "",
                now,
                False,
            )
        ],
    )
    referral = Referral.objects.get(project=project)
    assert referral.to_plan_id == plan.pk
    assert referral.to_lao_id is None
    assert referral.engine_reason == "รวบรวมจากแผนหมู่บ้าน"
    assert referral.created_at == now


def test_empty_batches_write_nothing(plan):
    assert insert_rows(Project, ("plan", "title"), []) == 0
    assert update_rows(Project, ("title",), []) == 0
    assert insert_dicts(Project, []) == 0
