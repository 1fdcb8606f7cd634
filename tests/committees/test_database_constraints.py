"""The database itself refuses rows that break the invariants, whatever code writes them."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from planlink.committees.models import (
    Committee,
    CommitteeKind,
    CommitteeMember,
    CommunityForum,
    Meeting,
)
from planlink.plans.models import PlanKind
from tests.committees.builders import CYCLE_2568, appoint
from tests.factories import area_plan

pytestmark = pytest.mark.django_db


def refused(constraint: str, make, *, sqlite_columns: str = "") -> None:
    """PostgreSQL names the broken constraint; SQLite names a unique index's columns."""
    pattern = constraint
    if sqlite_columns:
        pattern += f"|UNIQUE constraint failed: {sqlite_columns}$"
    with pytest.raises(IntegrityError, match=pattern), transaction.atomic():
        make()


def raw_committee(**fields):
    values = {
        "kind": CommitteeKind.TAMBON_INTEGRATION,
        "area_id": "240101",
        "area_level": "tambon",
        "scope_code": "240101",
        "name_th": "ก.บ.ต. ตำบลหน้าเมือง",
        "order_number": "12/2566",
        "order_date": dt.date(2023, 1, 16),
    }
    values.update(fields)
    return Committee.objects.create(**values)


def test_a_committee_row_must_match_its_area(reference_data):
    refused(
        "committee_kind_matches_area_level",
        lambda: raw_committee(area_id="2401", area_level="district", scope_code="2401"),
    )
    refused("committee_scope_is_its_area", lambda: raw_committee(scope_code="240102"))
    refused(
        "committee_area_code_matches_level",
        lambda: raw_committee(
            kind=CommitteeKind.DISTRICT_BOARD, area_level="district"
        ),  # a tambon code labelled district
    )
    refused("committee_has_an_order_number", lambda: raw_committee(order_number=""))
    raw_committee()
    refused(
        "one_standing_committee_per_kind_and_area",
        raw_committee,
        sqlite_columns="committees_committee.kind, committees_committee.area_id",
    )
    assert Committee.objects.count() == 1


def test_counts_cannot_be_negative_and_households_cannot_exceed_participants(people):
    committee = appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101")
    refused(
        "meeting_attendance_not_negative",
        lambda: Meeting.objects.create(
            committee=committee,
            scope_code="240101",
            held_on=dt.date(2023, 3, 8),
            purpose="make_plan",
            attendance=-1,
        ),
    )
    plan = area_plan(PlanKind.VILLAGE, "24010101", CYCLE_2568)

    def forum(**fields):
        values = {
            "plan": plan,
            "village_id": "24010101",
            "scope_code": "24010101",
            "held_on": dt.date(2023, 1, 21),
            "participants": 40,
            "households": 30,
            "facilitator": "นางสาวมาลี ศรีสุข",
        }
        values.update(fields)
        return CommunityForum.objects.create(**values)

    refused("forum_households_within_participants", lambda: forum(households=41))
    refused("forum_households_within_participants", lambda: forum(households=-1))
    # Negative participants break both checks; either may be reported first.
    refused(
        "forum_participants_not_negative|forum_households_within_participants",
        lambda: forum(participants=-1, households=-1),
    )
    refused(
        "forum_is_held_in_a_village",
        lambda: forum(village_id="240101", scope_code="240101"),
    )
    assert (Meeting.objects.count(), CommunityForum.objects.count()) == (0, 0)


def test_one_chair_and_one_secretary_per_committee(people):
    committee = appoint(people["tambon"], CommitteeKind.TAMBON_CENTRE, "240101")
    CommitteeMember.objects.create(committee=committee, full_name="นายสมชาย ใจดี", position="chair")
    CommitteeMember.objects.create(
        committee=committee, full_name="นางสาวมาลี ศรีสุข", position="secretary"
    )
    refused(
        "one_chair_per_committee",
        lambda: CommitteeMember.objects.create(
            committee=committee, full_name="นายวิชัย รักถิ่น", position="chair"
        ),
        sqlite_columns="committees_committeemember.committee_id",
    )
    refused(
        "one_secretary_per_committee",
        lambda: CommitteeMember.objects.create(
            committee=committee, full_name="นายวิชัย รักถิ่น", position="secretary"
        ),
        sqlite_columns="committees_committeemember.committee_id",
    )
    refused(
        "member_position_is_known",
        lambda: CommitteeMember.objects.create(
            committee=committee, full_name="นายวิชัย รักถิ่น", position="treasurer"
        ),
    )
    assert committee.members.count() == 2
