"""Each change on the auditor's screen reads as Thai: the action and field names, and values
as names (choice labels, the issue, the plan a project went to, baht, B.E. dates) — with
English through the locale when the English switch is on."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from planlink.accounts.models import Role
from planlink.audit.models import AuditEntry
from planlink.audit.services import audit_entries_for, audit_record
from planlink.cycles.models import Milestone
from planlink.cycles.services import milestone_update
from planlink.plans.models import PlanKind
from planlink.plans.services import plan_submit, project_create, project_update
from planlink.referrals.services import referral_decide, referral_send, to_plan
from planlink.web.audit_display import change_lines, trail_rows
from tests.factories import area_plan, assign, village

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(reference_data):
    village("24010101", "บ้านหน้าเมือง")
    somsri = assign(Role.VILLAGE_COMMITTEE, area="24010101", username="somsri")
    somsri.first_name, somsri.last_name = "สมศรี", "ใจดี"
    somsri.save()
    tambon_officer = assign(Role.TAMBON_OFFICER, area="240101", username="tambon")
    plan = area_plan(PlanKind.VILLAGE, "24010101")
    project = project_create(
        plan=plan,
        actor=somsri,
        data={
            "title": "ธนาคารขยะชุมชน",
            "budget": "45000",
            "issue_code": "ENV",
            "mode": "support",
            "capacity_level": "lao",
        },
    )
    project_update(
        project=project,
        actor=somsri,
        data={"budget": "52500.50", "mode": "joint", "issue_code": "ECON"},
        expected_version=project.version,
    )
    plan_submit(plan=plan, actor=somsri)
    tambon = area_plan(PlanKind.TAMBON, "240101")
    referral = referral_send(project=project, target=to_plan(tambon), actor=somsri)
    referral_decide(
        referral=referral, actor=tambon_officer, decision="returned", reason="ซ้ำกับโครงการของ อบต."
    )
    return {"plan": plan, "project": project, "tambon": tambon, "referral": referral}


def lines_of(entry: AuditEntry) -> dict[str, tuple[str, str]]:
    return {line.label: (line.before, line.after) for line in change_lines(entry)}


def test_an_edit_shows_each_field_before_and_after_in_thai(story):
    entry = audit_entries_for(story["project"]).get(action="project.update")
    lines = lines_of(entry)
    assert lines["งบประมาณ (บาท)"] == ("45,000.00", "52,500.50")
    assert lines["วิธีดำเนินการ"] == ("ขอรับการสนับสนุน", "ทำร่วม")
    before, after = lines["ประเด็นการพัฒนา"]
    assert before.startswith("ENV ")
    assert after.startswith("ECON ")
    assert "สิ่งแวดล้อม" in before or "ทรัพยากร" in before  # the Thai name, not its id
    assert not any(value.isdigit() for value in (before, after))


def test_a_new_project_shows_its_values_after_nothing(story):
    entry = audit_entries_for(story["project"]).get(action="project.create")
    lines = lines_of(entry)
    assert lines["ชื่อ"] == ("–", "ธนาคารขยะชุมชน")
    assert lines["ผู้มีศักยภาพดำเนินการ"] == ("–", "อปท.")


def test_the_plan_state_and_the_receiver_are_named(story):
    submitted = audit_entries_for(story["plan"]).get(action="plan.submitted")
    assert lines_of(submitted)["สถานะ"] == ("ร่าง", "ส่งแล้ว")
    sent = audit_entries_for(story["referral"]).get(action="referral.send")
    assert lines_of(sent)["ปลายทาง"] == ("–", story["tambon"].title)
    assert lines_of(sent)["โครงการ"] == ("–", "ธนาคารขยะชุมชน")
    returned = audit_entries_for(story["referral"]).get(action="referral.returned")
    assert lines_of(returned)["ผลการพิจารณา"] == ("รอพิจารณา", "ส่งคืนแล้ว")
    assert lines_of(returned)["เหตุผล"] == ("–", "ซ้ำกับโครงการของ อบต.")


def test_rows_name_the_action_the_object_the_area_and_the_person(story):
    entries = list(AuditEntry.objects.select_related("actor").order_by("id"))
    rows = {row.entry.action: row for row in trail_rows(entries)}
    update = rows["project.update"]
    assert update.action == "แก้ไขโครงการ"
    assert update.kind == "โครงการ"
    assert update.object_name == "ธนาคารขยะชุมชน"
    assert update.object_url == f"/projects/{story['project'].pk}/"
    assert update.history_url == f"/audit/plans.project/{story['project'].pk}/"
    assert update.area == "บ้านหน้าเมือง"
    assert update.actor == "สมศรี ใจดี (somsri)"
    assert rows["plan.submitted"].action == "ส่งแผน"
    assert rows["referral.returned"].action == "พิจารณาการส่งต่อ: ส่งคืนแล้ว"
    assert rows["referral.returned"].object_name == "ธนาคารขยะชุมชน"
    assert rows["referral.returned"].object_url == f"/projects/{story['project'].pk}/"
    assert rows["plan.create"].actor == "ระบบ (system)"


def test_a_deleted_project_keeps_its_title(story, reference_data):
    from planlink.plans.services import project_delete
    from tests.factories import make_project

    plan = area_plan(PlanKind.VILLAGE, "24010102")
    gone = make_project(plan, title="ซ่อมศาลาประชาคม")
    gone_id = gone.pk
    project_delete(project=gone, actor=None)
    entry = AuditEntry.objects.get(object_type="plans.project", object_id=str(gone_id))
    (row,) = trail_rows([entry])
    assert row.action == "ลบโครงการ"
    assert row.object_name == "ซ่อมศาลาประชาคม"
    assert row.object_url == ""
    assert row.history_url == ""  # a deleted project has no page, nor a history page
    assert lines_of(entry)["ชื่อ"] == ("ซ่อมศาลาประชาคม", "–")


def test_calendar_dates_are_shown_in_be(story):
    milestone = Milestone.objects.order_by("order").first()
    import datetime as dt

    milestone_update(
        milestone=milestone, actor=None, start=dt.date(2026, 10, 1), deadline=dt.date(2026, 12, 15)
    )
    entry = AuditEntry.objects.filter(action="milestone.update").latest("id")
    assert lines_of(entry)["วันครบกำหนด"][1] == "15 ธันวาคม 2569"
    assert lines_of(entry)["วันเริ่ม"][1] == "1 ตุลาคม 2569"


def test_unknown_fields_and_values_are_shown_as_recorded(story):
    entry = audit_record(
        actor=None,
        action="something.new",
        obj=story["plan"],
        changes={"colour": ["แดง", "เขียว"], "count": 3},
    )
    (row,) = trail_rows([entry])
    assert row.action == "something.new"
    assert lines_of(entry) == {"colour": ("แดง", "เขียว"), "count": ("–", "3")}


def test_english_switch_translates_labels_and_choices(story):
    entry = audit_entries_for(story["project"]).get(action="project.update")
    with translation.override("en"):
        lines = lines_of(entry)
        (row,) = trail_rows([entry])
    assert lines["Budget (baht)"] == ("45,000.00", "52,500.50")
    assert lines["How it will be done"] == ("With outside support", "Jointly")
    assert lines["Development issue"][1].startswith("ECON ")
    assert row.action == "Edit the project"
    assert row.kind == "Projects"


def test_a_field_recorded_empty_on_both_sides_is_left_out(story):
    submitted = audit_entries_for(story["plan"]).get(action="plan.submitted")
    assert submitted.changes["returned_reason"] == ["", ""]
    assert "เหตุผลที่ส่งคืน" not in lines_of(submitted)


def test_a_consolidation_steps_counts_read_as_thai(story):
    entry = audit_record(
        actor=None,
        action="consolidation.cluster",
        obj=story["tambon"],
        changes={
            "incoming": 110,
            "route_agency": 12,
            "route_district": 3,  # no route label: the level's name
            "cluster_funded": 4,
            "pao_included": 2,
            "forwarded_provincial_lao_committee": 1,
        },
    )
    (row,) = trail_rows([entry])
    assert row.action == "รวมแผนระดับกลุ่มจังหวัด"
    assert lines_of(entry) == {
        "ความต้องการที่รับเข้ามา": ("–", "110"),
        "เส้นทาง: ส่งส่วนราชการ": ("–", "12"),
        "เส้นทาง: อำเภอ/เขต": ("–", "3"),
        "กลุ่มจังหวัด · ได้รับงบประมาณ": ("–", "4"),
        "อบจ. · บรรจุในแผน": ("–", "2"),
        "ส่งต่อ: คณะกรรมการประสานแผนพัฒนาท้องถิ่นระดับจังหวัด": ("–", "1"),
    }
    with translation.override("en"):
        english = {line.label for line in change_lines(entry)}
    assert "Needs received" in english
    assert not any(re.search("[\u0e00-\u0e7f]", text) for text in english), english
