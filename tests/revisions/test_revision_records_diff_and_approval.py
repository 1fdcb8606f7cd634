"""A revision records its diff and its approval; nothing changes before it is approved.

Acceptance of issue 18 item 1 (docs/revisions.md). The LAO plan is synthetic test data.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F

from planlink.committees.models import CommitteeKind
from planlink.committees.services import meeting_record
from planlink.core.errors import ConflictError, DomainError, StateError
from planlink.plans.models import Project
from planlink.plans.revision_models import ItemAction, LinkKind, RevisionState
from planlink.plans.revisions import (
    form_placements,
    plan_revisions,
    project_revision_history,
    revision_add_project,
    revision_approve,
    revision_change_project,
    revision_create,
    revision_marks,
    revision_move_project,
    revision_withdraw_project,
    withdrawn_project_ids,
)
from tests.committees.builders import appoint
from tests.revisions.conftest import projects_of, snapshot

pytestmark = pytest.mark.django_db

APPROVER = "นายสมชาย ใจดี นายกองค์การบริหารส่วนตำบล"


def district_meeting(admin):
    committee = appoint(admin, CommitteeKind.DISTRICT_LAO_COORDINATION, "2401", number="5/2567")
    return meeting_record(
        actor=admin,
        committee=committee,
        data={"held_on": dt.date(2024, 7, 10), "purpose": "make_plan", "attendance": 17},
    )


def test_a_revision_records_its_diff_items_and_approval(plan, people):
    lao = people["lao"]
    road, canal, duplicate = (
        projects_of(plan)[title]
        for title in (
            "ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3",
            "ขุดลอกคลองสาธารณะ หมู่ที่ 5",
            "ขุดลอกคลองสาธารณะหมู่ที่ 5 (ซ้ำ)",
        )
    )
    revision = revision_create(
        plan=plan, actor=lao, kind="addition", year=2567, reason="ประชาคมเสนอความต้องการเพิ่ม"
    )
    assert revision.label == "เพิ่มเติม ครั้งที่ 1/2567"
    revision_add_project(
        revision=revision,
        actor=lao,
        data={
            "title": "ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ หมู่ที่ 7",
            "issue_code": "INFRA",
            "budget_years": {"2569": "150000"},
        },
        reason="ราษฎรร้องเรียนเรื่องความปลอดภัยในเวลากลางคืน",
    )
    change = revision_change_project(
        revision=revision,
        actor=lao,
        project=road,
        data={"kpi": "ถนนยาว 600 เมตร", "budget_years": {"2567": "500000", "2568": "450000"}},
    )
    revision_move_project(
        revision=revision, actor=lao, project=canal, from_form="ผ.02", to_form="ผ.02/2"
    )
    revision_withdraw_project(
        revision=revision,
        actor=lao,
        project=duplicate,
        reason="ซ้ำกับโครงการขุดลอกคลองสาธารณะ หมู่ที่ 5",
        link_kind=LinkKind.DUPLICATE_OF,
        linked_project=canal,
    )
    # The preview shows the diff, field by field, but the plan is untouched until approval.
    assert change.changes["kpi"] == ["ถนนยาว 400 เมตร", "ถนนยาว 600 เมตร"]
    assert change.changes["budget_years"] == [
        {"2567": "500000.00", "2568": "300000.00"},
        {"2567": "500000.00", "2568": "450000.00"},
    ]
    road.refresh_from_db()
    assert (road.kpi, road.version, road.budget) == ("ถนนยาว 400 เมตร", 1, 800000)
    assert withdrawn_project_ids(plan) == set()
    assert Project.objects.filter(plan=plan).count() == 3

    meeting = district_meeting(people["admin"])
    approved = revision_approve(
        revision=revision,
        actor=lao,
        approved_on=dt.date(2024, 7, 15),
        approver_name=APPROVER,
        approval_reference="ประกาศ อบต. ลงวันที่ 15 กรกฎาคม 2567",
        meeting=meeting,
    )
    assert approved.state == RevisionState.APPROVED
    assert (approved.approver_name, approved.approved_on) == (APPROVER, dt.date(2024, 7, 15))
    assert approved.meeting == meeting
    assert approved.approved_by == lao
    assert approved.approved_at is not None

    road.refresh_from_db()
    assert (road.kpi, road.version, road.budget) == ("ถนนยาว 600 เมตร", 2, 950000)
    items = {item.action: item for item in approved.items.all()}
    assert items[ItemAction.CHANGE].changes["kpi"] == ["ถนนยาว 400 เมตร", "ถนนยาว 600 เมตร"]
    assert items[ItemAction.CHANGE].changes["budget"] == ["800000.00", "950000.00"]
    added = items[ItemAction.ADD].project
    assert added is not None
    assert added.plan_id == plan.pk
    assert (added.title, added.budget) == ("ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ หมู่ที่ 7", 150000)
    assert items[ItemAction.ADD].changes["title"] == ["", "ติดตั้งไฟฟ้าส่องสว่างทางสาธารณะ หมู่ที่ 7"]
    assert withdrawn_project_ids(plan) == {duplicate.pk}
    assert form_placements(plan) == {canal.pk: "ผ.02/2"}
    assert revision_marks(plan) == {
        added.pk: ["เพิ่มเติม ครั้งที่ 1/2567"],
        road.pk: ["เพิ่มเติม ครั้งที่ 1/2567"],
        canal.pk: ["เพิ่มเติม ครั้งที่ 1/2567"],
    }
    # The canal's history shows its move and the duplicate withdrawn into it.
    history = project_revision_history(canal)
    assert [(item.action, item.project_id) for item in history] == [
        (ItemAction.MOVE, canal.pk),
        (ItemAction.WITHDRAW, duplicate.pk),
    ]
    assert [revision.label for revision in plan_revisions(plan)] == ["เพิ่มเติม ครั้งที่ 1/2567"]


def test_numbers_count_per_kind_and_year_and_a_taken_number_is_refused(plan, people):
    lao = people["lao"]
    first = revision_create(plan=plan, actor=lao, kind="addition", year=2567)
    revision_change_project(
        revision=first,
        actor=lao,
        project=projects_of(plan)["ขุดลอกคลองสาธารณะ หมู่ที่ 5"],
        data={"objective": "เพื่อการระบายน้ำในฤดูฝน"},
    )
    with pytest.raises(StateError, match="ร่างเพิ่มเติม ครั้งที่ 1/2567"):
        revision_create(plan=plan, actor=lao, kind="change", year=2567)
    revision_approve(
        revision=first, actor=lao, approved_on=dt.date(2024, 8, 1), approver_name=APPROVER
    )
    second = revision_create(plan=plan, actor=lao, kind="addition", year=2567)
    assert second.label == "เพิ่มเติม ครั้งที่ 2/2567"
    second.delete()
    with pytest.raises(DomainError, match="มีเพิ่มเติม ครั้งที่ 1/2567 ของแผนนี้แล้ว"):
        revision_create(plan=plan, actor=lao, kind="addition", year=2567, number=1)
    change = revision_create(plan=plan, actor=lao, kind="change", year=2568, number=3)
    assert change.label == "เปลี่ยนแปลง ครั้งที่ 3/2568"


def test_approval_is_all_or_nothing(plan, people):
    lao = people["lao"]
    road = projects_of(plan)["ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"]
    revision = revision_create(plan=plan, actor=lao, kind="change", year=2567)
    revision_add_project(
        revision=revision, actor=lao, data={"title": "ซ่อมแซมศาลาประชาคม", "budget": "90000"}
    )
    revision_change_project(
        revision=revision, actor=lao, project=road, data={"title": "ก่อสร้างถนน คสล. หมู่ที่ 3"}
    )
    Project.objects.filter(pk=road.pk).update(version=F("version") + 1)  # changed meanwhile
    before = snapshot(plan)
    with pytest.raises(ConflictError, match="ถูกเปลี่ยนหลังจากบันทึกรายการนี้"):
        revision_approve(
            revision=revision, actor=lao, approved_on=dt.date(2024, 7, 1), approver_name=APPROVER
        )
    assert snapshot(plan) == before
    revision.refresh_from_db()
    assert revision.state == RevisionState.DRAFT


@pytest.mark.parametrize(
    ("approval", "message"),
    [
        ({"approver_name": "", "approved_on": dt.date(2024, 7, 1)}, "ต้องระบุผู้อนุมัติ"),
        ({"approver_name": APPROVER, "approved_on": dt.date(2099, 1, 1)}, "วันในอนาคต"),
        ({"approver_name": APPROVER, "approved_on": dt.date(2024, 1, 1)}, "ก่อนวันที่รับแผน"),
    ],
)
def test_an_approval_without_who_or_with_a_wrong_date_is_refused(plan, people, approval, message):
    lao = people["lao"]
    revision = revision_create(plan=plan, actor=lao, kind="correction", year=2567)
    revision_change_project(
        revision=revision,
        actor=lao,
        project=projects_of(plan)["ขุดลอกคลองสาธารณะ หมู่ที่ 5"],
        data={"responsible_unit": "กองช่าง"},
    )
    before = snapshot(plan)
    with pytest.raises(DomainError, match=message):
        revision_approve(revision=revision, actor=lao, **approval)
    assert snapshot(plan) == before


def test_an_empty_revision_and_a_change_that_changes_nothing_are_refused(plan, people):
    lao = people["lao"]
    revision = revision_create(plan=plan, actor=lao, kind="review", year=2567)
    assert revision.label == "ทบทวน ครั้งที่ 1/2567"
    with pytest.raises(DomainError, match="ยังไม่มีรายการโครงการ"):
        revision_approve(
            revision=revision, actor=lao, approved_on=dt.date(2024, 7, 1), approver_name=APPROVER
        )
    road = projects_of(plan)["ก่อสร้างถนนคอนกรีตเสริมเหล็ก หมู่ที่ 3"]
    with pytest.raises(DomainError, match="ไม่ต่างจากโครงการ"):
        revision_change_project(
            revision=revision, actor=lao, project=road, data={"kpi": "ถนนยาว 400 เมตร"}
        )
    with pytest.raises(DomainError, match="งบประมาณปี 2568ต้องไม่ติดลบ"):
        revision_change_project(
            revision=revision, actor=lao, project=road, data={"budget_years": {"2568": "-5"}}
        )
    with pytest.raises(DomainError, match="ปี 2575 อยู่นอกช่วงของแผน"):
        revision_change_project(
            revision=revision, actor=lao, project=road, data={"budget_years": {"2575": "5"}}
        )
    with pytest.raises(DomainError, match="ต้องระบุเหตุผลที่ถอนโครงการ"):
        revision_withdraw_project(revision=revision, actor=lao, project=road, reason=" ")
    with pytest.raises(DomainError, match="ไม่รู้จักแบบ"):
        revision_move_project(revision=revision, actor=lao, project=road, to_form="ผ.09")
    assert revision.items.count() == 0


def test_a_revision_is_only_for_an_accepted_plan(lao, people):
    from tests.revisions.conftest import new_lao_plan

    draft = new_lao_plan(lao, accept=False)
    with pytest.raises(StateError, match="แก้ไขในแผนได้โดยตรง"):
        revision_create(plan=draft, actor=people["lao"], kind="addition", year=2567)
    with pytest.raises(DomainError, match="ไม่รู้จักประเภทการปรับปรุงแผน"):
        revision_create(plan=draft, actor=people["lao"], kind="amend", year=2567)
