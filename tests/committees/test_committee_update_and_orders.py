import datetime as dt

import pytest

from planlink.audit.services import audit_entries_for
from planlink.committees.models import CommitteeKind
from planlink.committees.services import committee_update
from planlink.core.errors import DomainError, PermissionDenied
from tests.committees.builders import appoint, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def kbt(people):
    return appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101", number="12/2566")


def test_a_new_order_number_records_an_update_in_the_order_history(people, kbt):
    committee_update(
        actor=people["tambon"],
        committee=kbt,
        data={"order_number": "5/2567", "order_date": dt.date(2023, 11, 2)},
    )
    kbt.refresh_from_db()
    assert (kbt.order_number, kbt.order_date) == ("5/2567", dt.date(2023, 11, 2))
    assert list(kbt.orders.values_list("kind", "number", "date")) == [
        ("appoint", "12/2566", dt.date(2023, 1, 16)),
        ("update", "5/2567", dt.date(2023, 11, 2)),
    ]
    update = audit_entries_for(kbt).filter(action="committee.update").get()
    assert update.changes == {
        "order_number": ["12/2566", "5/2567"],
        "order_date": ["2023-01-16", "2023-11-02"],
    }


def test_the_same_number_with_another_date_corrects_the_current_order(people, kbt):
    committee_update(
        actor=people["tambon"], committee=kbt, data={"order_date": dt.date(2023, 1, 18)}
    )
    assert list(kbt.orders.values_list("kind", "number", "date")) == [
        ("appoint", "12/2566", dt.date(2023, 1, 18))
    ]


def test_a_new_order_dated_before_the_current_one_is_refused(people, kbt):
    before = snapshot()
    with pytest.raises(DomainError, match="ไม่ก่อนคำสั่งปัจจุบัน"):
        committee_update(
            actor=people["tambon"],
            committee=kbt,
            data={"order_number": "1/2565", "order_date": dt.date(2022, 6, 1)},
        )
    assert snapshot() == before


def test_reusing_an_earlier_order_number_is_refused(people, kbt):
    committee_update(
        actor=people["tambon"],
        committee=kbt,
        data={"order_number": "5/2567", "order_date": dt.date(2023, 11, 2)},
    )
    before = snapshot()
    with pytest.raises(DomainError, match="คำสั่งที่ 12/2566 บันทึกไว้แล้ว"):
        committee_update(actor=people["tambon"], committee=kbt, data={"order_number": "12/2566"})
    assert snapshot() == before


def test_the_name_and_note_change_without_a_new_order(people, kbt):
    committee_update(
        actor=people["tambon"],
        committee=kbt,
        data={"name_th": "ก.บ.ต. ตำบลหน้าเมือง", "note": "ทบทวนตามหนังสือจังหวัด"},
    )
    kbt.refresh_from_db()
    assert (kbt.name_th, kbt.note, kbt.orders.count()) == (
        "ก.บ.ต. ตำบลหน้าเมือง",
        "ทบทวนตามหนังสือจังหวัด",
        1,
    )


def test_kind_and_area_cannot_be_changed(people, kbt):
    before = snapshot()
    with pytest.raises(DomainError, match="แก้ไขช่อง area, kind ไม่ได้"):
        committee_update(
            actor=people["tambon"], committee=kbt, data={"kind": "tambon_centre", "area": "240102"}
        )
    assert snapshot() == before


@pytest.mark.parametrize("persona", ["province", "other_village", "auditor", "outsider"])
def test_only_the_manager_updates_and_a_refusal_changes_nothing(people, kbt, persona):
    before = snapshot()
    with pytest.raises(PermissionDenied):
        committee_update(actor=people[persona], committee=kbt, data={"order_number": "9/2567"})
    assert snapshot() == before


def test_an_unchanged_update_writes_no_audit_row(people, kbt):
    before = snapshot()
    committee_update(actor=people["tambon"], committee=kbt, data={"order_number": "12/2566"})
    assert snapshot() == before
