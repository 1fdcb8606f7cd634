import datetime as dt

import pytest
from django.utils import timezone

from planlink.audit.services import audit_entries_for
from planlink.committees.models import CommitteeKind, Meeting
from planlink.committees.services import meeting_record, meeting_update
from planlink.core.errors import DomainError, PermissionDenied
from planlink.plans.models import PlanKind
from tests.committees.builders import CYCLE_2568, appoint, snapshot
from tests.factories import area_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def kbt(people):
    return appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101")


def test_a_make_plan_meeting_is_recorded_against_the_tambon_plan(people, kbt):
    plan = area_plan(PlanKind.TAMBON, "240101", CYCLE_2568)
    meeting = meeting_record(
        actor=people["tambon"],
        committee=kbt,
        data={
            "held_on": dt.date(2023, 3, 8),
            "purpose": "make_plan",
            "attendance": 23,
            "minutes_note": "ที่ประชุมจัดลำดับโครงการตามประเด็นของจังหวัด",
            "plan": plan,
        },
    )
    meeting.refresh_from_db()
    assert (
        meeting.scope_code,
        meeting.held_on,
        meeting.purpose,
        meeting.attendance,
        meeting.plan_id,
        meeting.get_purpose_display(),
    ) == ("240101", dt.date(2023, 3, 8), "make_plan", 23, plan.pk, "ประชุมจัดทำแผน")
    entry = audit_entries_for(meeting).get()
    assert (entry.action, entry.changes["attendance"]) == ("meeting.record", ["", 23])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"held_on": dt.date(2023, 3, 8), "purpose": "make_plan", "attendance": -1}, "ไม่ติดลบ"),
        ({"held_on": dt.date(2023, 3, 8), "purpose": "make_plan", "attendance": "ยี่สิบ"}, "จำนวนเต็ม"),
        ({"held_on": dt.date(2023, 3, 8), "purpose": "make_plan"}, "ต้องระบุจำนวนผู้เข้าประชุม"),
        ({"held_on": dt.date(2023, 3, 8), "purpose": "party", "attendance": 5}, "ไม่รู้จักวัตถุประสงค์"),
        (
            {"held_on": dt.date(2023, 1, 10), "purpose": "make_plan", "attendance": 5},
            "ก่อนวันที่แต่งตั้งคณะกรรมการ",
        ),
        (
            {"held_on": dt.date(2023, 3, 8), "purpose": "make_plan", "attendance": 5, "room": "1"},
            "แก้ไขช่อง room ไม่ได้",
        ),
    ],
)
def test_bad_meeting_input_is_refused_and_nothing_is_written(people, kbt, data, message):
    before = snapshot()
    with pytest.raises(DomainError, match=message):
        meeting_record(actor=people["tambon"], committee=kbt, data=data)
    assert snapshot() == before


def test_a_meeting_cannot_be_dated_in_the_future(people, kbt):
    next_month = timezone.localdate() + dt.timedelta(days=31)
    with pytest.raises(DomainError, match="วันที่ประชุมต้องไม่เป็นวันในอนาคต"):
        meeting_record(
            actor=people["tambon"],
            committee=kbt,
            data={"held_on": next_month, "purpose": "review", "attendance": 12},
        )
    assert Meeting.objects.count() == 0


def test_a_meeting_about_another_tambons_plan_is_refused(people, kbt):
    neighbour = area_plan(PlanKind.TAMBON, "240102", CYCLE_2568)
    before = snapshot()
    with pytest.raises(DomainError, match="แผนที่ประชุมต้องอยู่ในพื้นที่ของคณะกรรมการ"):
        meeting_record(
            actor=people["tambon"],
            committee=kbt,
            data={
                "held_on": dt.date(2023, 3, 8),
                "purpose": "make_plan",
                "attendance": 20,
                "plan": neighbour,
            },
        )
    assert snapshot() == before


def test_the_district_board_may_meet_about_a_tambon_plan_in_its_district(people):
    board = appoint(people["district"], CommitteeKind.DISTRICT_BOARD, "2401")
    plan = area_plan(PlanKind.TAMBON, "240102", CYCLE_2568)
    meeting = meeting_record(
        actor=people["district"],
        committee=board,
        data={"held_on": dt.date(2023, 5, 2), "purpose": "review", "attendance": 31, "plan": plan},
    )
    assert meeting.plan_id == plan.pk


@pytest.mark.parametrize("persona", ["province", "village", "auditor", "outsider"])
def test_only_the_committees_manager_records_its_meetings(people, kbt, persona):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        meeting_record(
            actor=people[persona],
            committee=kbt,
            data={"held_on": dt.date(2023, 3, 8), "purpose": "make_plan", "attendance": 20},
        )
    assert snapshot() == before


def test_a_meeting_is_corrected_and_the_correction_is_audited(people, kbt):
    meeting = meeting_record(
        actor=people["tambon"],
        committee=kbt,
        data={"held_on": dt.date(2023, 3, 8), "purpose": "make_plan", "attendance": 23},
    )
    meeting_update(
        actor=people["tambon"], meeting=meeting, data={"attendance": 25, "purpose": "review"}
    )
    meeting.refresh_from_db()
    assert (meeting.attendance, meeting.purpose, meeting.held_on) == (
        25,
        "review",
        dt.date(2023, 3, 8),
    )
    correction = audit_entries_for(meeting).get(action="meeting.update")
    assert correction.changes == {"attendance": [23, 25], "purpose": ["make_plan", "review"]}
    before = snapshot()
    with pytest.raises(PermissionDenied):
        meeting_update(actor=people["province"], meeting=meeting, data={"attendance": 1})
    with pytest.raises(DomainError, match="ไม่ติดลบ"):
        meeting_update(actor=people["tambon"], meeting=meeting, data={"attendance": -4})
    assert snapshot() == before
