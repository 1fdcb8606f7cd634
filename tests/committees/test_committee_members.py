import pytest

from planlink.audit.services import audit_entries_for
from planlink.committees.models import CommitteeKind, CommitteeMember
from planlink.committees.services import member_add, member_remove
from planlink.core.errors import DomainError, PermissionDenied
from tests.committees.builders import appoint, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def village_committee(people):
    return appoint(people["village"], CommitteeKind.VILLAGE_COMMITTEE, "24010101", number="7/2566")


def test_members_are_listed_with_their_position_and_organisation(people, village_committee):
    actor = people["village"]
    member_add(
        actor=actor,
        committee=village_committee,
        full_name="นายสมชาย  ใจดี",
        position="chair",
        organisation="ผู้ใหญ่บ้าน",
    )
    member_add(
        actor=actor,
        committee=village_committee,
        full_name="นางสาวมาลี ศรีสุข",
        position="secretary",
        organisation="ผู้ช่วยผู้ใหญ่บ้าน",
    )
    member_add(
        actor=actor,
        committee=village_committee,
        full_name="นายประเสริฐ มั่นคง",
        position="member",
        organisation="ประธานกลุ่มออมทรัพย์เพื่อการผลิต",
    )
    rows = list(village_committee.members.values_list("full_name", "position", "organisation"))
    assert rows == [
        ("นายสมชาย ใจดี", "chair", "ผู้ใหญ่บ้าน"),
        ("นางสาวมาลี ศรีสุข", "secretary", "ผู้ช่วยผู้ใหญ่บ้าน"),
        ("นายประเสริฐ มั่นคง", "member", "ประธานกลุ่มออมทรัพย์เพื่อการผลิต"),
    ]
    assert str(village_committee.members.first()) == "นายสมชาย ใจดี (ประธาน)"
    assert list(
        audit_entries_for(village_committee)
        .filter(action="committee.member_add")
        .order_by("id")
        .values_list("changes", flat=True)
    ) == [
        {"member": ["", "นายสมชาย ใจดี (ประธาน)"]},
        {"member": ["", "นางสาวมาลี ศรีสุข (กรรมการและเลขานุการ)"]},
        {"member": ["", "นายประเสริฐ มั่นคง (กรรมการ)"]},
    ]


@pytest.mark.parametrize(
    ("full_name", "position", "message"),
    [
        ("นายสมชาย ใจดี", "member", "นายสมชาย ใจดี เป็นกรรมการในคณะนี้อยู่แล้ว"),
        ("นายวิชัย รักถิ่น", "chair", "คณะกรรมการนี้มีประธานอยู่แล้ว"),
        ("   ", "member", "ต้องระบุชื่อ-สกุล"),
        ("นายวิชัย รักถิ่น", "president", "ไม่รู้จักตำแหน่งในคณะกรรมการ 'president'"),
    ],
)
def test_a_duplicate_person_a_second_chair_or_bad_input_is_refused(
    people, village_committee, full_name, position, message
):
    member_add(
        actor=people["village"],
        committee=village_committee,
        full_name="นายสมชาย ใจดี",
        position="chair",
    )
    before = snapshot()
    with pytest.raises(DomainError, match=message):
        member_add(
            actor=people["village"],
            committee=village_committee,
            full_name=full_name,
            position=position,
        )
    assert snapshot() == before


def test_several_vice_chairs_and_assistant_secretaries_are_allowed(people, village_committee):
    for name, position in [
        ("นายสมศักดิ์ ทองดี", "vice_chair"),
        ("นางบุญมี ใจงาม", "vice_chair"),
        ("นายเอกชัย ศรีวงศ์", "assistant_secretary"),
        ("นางสาวสุดา พรมมา", "assistant_secretary"),
    ]:
        member_add(
            actor=people["village"], committee=village_committee, full_name=name, position=position
        )
    assert village_committee.members.count() == 4


def test_a_member_is_removed_and_the_removal_is_audited(people, village_committee):
    member = member_add(
        actor=people["village"],
        committee=village_committee,
        full_name="นายสมชาย ใจดี",
        position="chair",
        organisation="ผู้ใหญ่บ้าน",
    )
    member_remove(actor=people["village"], member=member)
    assert not CommitteeMember.objects.filter(pk=member.pk).exists()
    removal = audit_entries_for(village_committee).get(action="committee.member_remove")
    assert removal.changes == {"member": ["นายสมชาย ใจดี (ประธาน)", ""]}


def test_a_neighbouring_village_can_neither_add_nor_remove(people, village_committee):
    member = member_add(
        actor=people["village"],
        committee=village_committee,
        full_name="นายสมชาย ใจดี",
        position="chair",
    )
    before = snapshot()
    with pytest.raises(PermissionDenied):
        member_add(
            actor=people["other_village"],
            committee=village_committee,
            full_name="นายวิชัย รักถิ่น",
            position="member",
        )
    with pytest.raises(PermissionDenied):
        member_remove(actor=people["other_village"], member=member)
    assert snapshot() == before
