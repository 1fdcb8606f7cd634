import datetime as dt

import pytest

from planlink.areas.models import Area
from planlink.audit.services import audit_entries_for
from planlink.committees.models import AppointmentOrder, Committee, CommitteeKind
from planlink.committees.services import committee_appoint
from planlink.core.errors import DomainError, PermissionDenied
from tests.committees.builders import APPOINTED_ON, appoint, snapshot

pytestmark = pytest.mark.django_db


def test_a_tambon_officer_appoints_the_tambon_integration_committee(people):
    committee = appoint(
        people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101", number="12/2566"
    )
    committee.refresh_from_db()
    assert (
        committee.kind,
        committee.scope_code,
        committee.area_level,
        committee.order_number,
        committee.order_date,
        committee.cycle_id,
    ) == ("tambon_integration", "240101", "tambon", "12/2566", dt.date(2023, 1, 16), None)
    assert committee.name_th == "คณะกรรมการบริหารงานตำบลแบบบูรณาการ (ก.บ.ต.) ตำบลหน้าเมือง"
    assert list(committee.orders.values_list("kind", "number", "date")) == [
        ("appoint", "12/2566", dt.date(2023, 1, 16))
    ]
    entry = audit_entries_for(committee).get()
    assert (entry.action, entry.actor_label, entry.scope_code) == (
        "committee.appoint",
        "tambon",
        "240101",
    )


@pytest.mark.parametrize(
    ("persona", "kind", "area_code"),
    [
        ("village", CommitteeKind.VILLAGE_COMMITTEE, "24010101"),
        ("tambon", CommitteeKind.TAMBON_CENTRE, "240101"),
        ("district", CommitteeKind.DISTRICT_BOARD, "2401"),
        # seeds/001 §๒: the district keeps its tambons' ก.บ.ต. and ศอช.ต. orders current
        ("district", CommitteeKind.TAMBON_INTEGRATION, "240101"),
        ("district", CommitteeKind.TAMBON_CENTRE, "240101"),
        ("district", CommitteeKind.DISTRICT_LAO_COORDINATION, "2401"),
        ("province", CommitteeKind.PROVINCIAL_BOARD, "24"),
        ("province", CommitteeKind.PROVINCIAL_LAO_COORDINATION, "24"),
    ],
)
def test_each_body_is_appointed_by_the_officer_of_its_own_area(people, persona, kind, area_code):
    committee = appoint(people[persona], kind, area_code)
    assert Committee.objects.filter(pk=committee.pk, kind=kind, scope_code=area_code).exists()


@pytest.mark.parametrize(
    ("persona", "kind", "area_code"),
    [
        ("other_village", CommitteeKind.VILLAGE_COMMITTEE, "24010101"),
        ("village", CommitteeKind.TAMBON_INTEGRATION, "240101"),
        ("tambon", CommitteeKind.DISTRICT_BOARD, "2401"),
        ("district", CommitteeKind.PROVINCIAL_BOARD, "24"),
        ("outsider", CommitteeKind.DISTRICT_BOARD, "2401"),
        ("auditor", CommitteeKind.DISTRICT_BOARD, "2401"),
        ("lao", CommitteeKind.DISTRICT_LAO_COORDINATION, "2401"),
        ("agency", CommitteeKind.PROVINCIAL_BOARD, "24"),
    ],
)
def test_anyone_else_is_refused_and_nothing_is_written(people, persona, kind, area_code):
    before = snapshot()
    with pytest.raises(PermissionDenied, match="ไม่มีสิทธิ์จัดการคณะกรรมการ"):
        appoint(people[persona], kind, area_code)
    assert snapshot() == before


def test_the_kind_must_match_the_level_of_the_area(people):
    before = snapshot()
    with pytest.raises(DomainError, match="ต้องเป็นของพื้นที่ระดับตำบล/แขวง"):
        appoint(people["district"], CommitteeKind.TAMBON_INTEGRATION, "2401")
    assert snapshot() == before


def test_a_second_standing_committee_of_the_same_kind_is_refused(people):
    first = appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101")
    before = snapshot()
    with pytest.raises(DomainError, match=f"รายการที่ {first.pk}"):
        appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101", number="20/2566")
    assert snapshot() == before


def test_a_committee_for_one_cycle_may_stand_beside_the_standing_one(people):
    from tests.factories import cycle

    appoint(people["tambon"], CommitteeKind.TAMBON_CENTRE, "240101")
    yearly = appoint(
        people["tambon"], CommitteeKind.TAMBON_CENTRE, "240101", number="3/2566", cycle=cycle(2568)
    )
    assert yearly.cycle_id == 2568
    assert Committee.objects.filter(kind="tambon_centre", scope_code="240101").count() == 2


@pytest.mark.parametrize(
    ("number", "date", "message"),
    [
        ("", APPOINTED_ON, "ต้องระบุเลขที่คำสั่ง"),
        ("12/2566", dt.date(2566, 1, 16), "ปีที่กรอกดูเหมือนเป็น พ.ศ."),
        ("12/2566", "16/01/2566", "ปปปป-ดด-วว"),
        ("12/2566", None, "ต้องระบุวันที่ของคำสั่ง"),
    ],
)
def test_an_order_needs_a_number_and_a_past_christian_era_date(people, number, date, message):
    before = snapshot()
    with pytest.raises(DomainError, match=message):
        committee_appoint(
            actor=people["tambon"],
            kind=CommitteeKind.TAMBON_INTEGRATION,
            area=Area.objects.get(code="240101"),
            order_number=number,
            order_date=date,
        )
    assert snapshot() == before


def test_an_unknown_kind_is_refused(people):
    with pytest.raises(DomainError, match="ไม่รู้จักประเภทคณะกรรมการ 'kbt'"):
        appoint(people["tambon"], "kbt", "240101")
    assert AppointmentOrder.objects.count() == 0
