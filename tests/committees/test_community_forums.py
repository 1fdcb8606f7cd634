import datetime as dt

import pytest

from planlink.accounts.access import forums_visible
from planlink.audit.services import audit_entries_for
from planlink.committees.services import forum_record, forum_update
from planlink.core.errors import DomainError, PermissionDenied
from planlink.plans.models import PlanKind
from tests.committees.builders import CYCLE_2568, snapshot
from tests.factories import area_plan

pytestmark = pytest.mark.django_db

FORUM = {
    "held_on": dt.date(2023, 1, 21),
    "participants": 86,
    "households": 64,
    "facilitator": "นางสาวมาลี ศรีสุข นักวิชาการพัฒนาชุมชน",
    "note": "เวทีประชาคมทบทวนแผนชุมชน ณ ศาลาประชาคมหมู่บ้าน",
}


@pytest.fixture
def village_plan(people):
    return area_plan(PlanKind.VILLAGE, "24010101", CYCLE_2568)


def test_a_village_committee_records_a_forum_on_its_village_plan(people, village_plan):
    forum = forum_record(actor=people["village"], plan=village_plan, data=dict(FORUM))
    forum.refresh_from_db()
    assert (
        forum.plan_id,
        forum.village_id,
        forum.scope_code,
        forum.held_on,
        forum.participants,
        forum.households,
        forum.facilitator,
    ) == (
        village_plan.pk,
        "24010101",
        "24010101",
        dt.date(2023, 1, 21),
        86,
        64,
        "นางสาวมาลี ศรีสุข นักวิชาการพัฒนาชุมชน",
    )
    entry = audit_entries_for(forum).get()
    assert (entry.action, entry.scope_code, entry.changes["households"]) == (
        "forum.record",
        "24010101",
        ["", 64],
    )


@pytest.mark.parametrize("persona", ["other_village", "tambon", "district", "auditor", "lao"])
def test_nobody_but_the_plans_owner_records_its_forums(people, village_plan, persona):
    before = snapshot()
    with pytest.raises(PermissionDenied, match="ไม่มีสิทธิ์บันทึกเวทีประชาคม"):
        forum_record(actor=people[persona], plan=village_plan, data=dict(FORUM))
    assert snapshot() == before


def test_forums_belong_to_village_plans_only(people):
    tambon_plan = area_plan(PlanKind.TAMBON, "240101", CYCLE_2568)
    before = snapshot()
    with pytest.raises(DomainError, match="เฉพาะแผนชุมชน/แผนพัฒนาหมู่บ้าน"):
        forum_record(actor=people["tambon"], plan=tambon_plan, data=dict(FORUM))
    assert snapshot() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"households": 90}, r"ครัวเรือนที่มีผู้แทน \(90\) มากกว่าผู้เข้าร่วม \(86\) ไม่ได้"),
        ({"participants": -3}, "จำนวนผู้เข้าร่วมต้องไม่ติดลบ"),
        ({"facilitator": ""}, "ต้องระบุวิทยากรกระบวนการ"),
        ({"held_on": "2566-01-21"}, "ปีที่กรอกดูเหมือนเป็น พ.ศ."),
    ],
)
def test_impossible_forum_figures_are_refused(people, village_plan, changes, message):
    before = snapshot()
    with pytest.raises(DomainError, match=message):
        forum_record(actor=people["village"], plan=village_plan, data={**FORUM, **changes})
    assert snapshot() == before


def test_a_correction_is_checked_against_the_stored_figures(people, village_plan):
    forum = forum_record(actor=people["village"], plan=village_plan, data=dict(FORUM))
    before = snapshot()
    with pytest.raises(DomainError, match="มากกว่าผู้เข้าร่วม"):
        forum_update(actor=people["village"], forum=forum, data={"participants": 60})
    assert snapshot() == before
    forum_update(actor=people["village"], forum=forum, data={"participants": 90, "households": 70})
    forum.refresh_from_db()
    assert (forum.participants, forum.households) == (90, 70)
    assert audit_entries_for(forum).get(action="forum.update").changes == {
        "participants": [86, 90],
        "households": [64, 70],
    }


def test_forums_are_read_with_their_plan(people, village_plan):
    forum = forum_record(actor=people["village"], plan=village_plan, data=dict(FORUM))
    for persona in ("village", "tambon", "district", "province", "auditor"):
        assert list(forums_visible(people[persona]).values_list("pk", flat=True)) == [forum.pk]
    for persona in ("other_village", "outsider", "agency"):
        assert not forums_visible(people[persona]).exists()


def test_the_forum_summary_adds_up_a_plans_forums(people, village_plan):
    from planlink.committees.selectors import forum_summary

    assert forum_summary(village_plan) == {
        "count": 0,
        "participants": 0,
        "households": 0,
        "latest": None,
        "forums": [],
    }
    first = forum_record(actor=people["village"], plan=village_plan, data=dict(FORUM))
    second = forum_record(
        actor=people["village"],
        plan=village_plan,
        data={**FORUM, "held_on": dt.date(2023, 2, 4), "participants": 40, "households": 35},
    )
    summary = forum_summary(village_plan)
    assert {key: summary[key] for key in ("count", "participants", "households", "latest")} == {
        "count": 2,
        "participants": 126,
        "households": 99,
        "latest": dt.date(2023, 2, 4),
    }
    assert [forum.pk for forum in summary["forums"]] == [second.pk, first.pk]
