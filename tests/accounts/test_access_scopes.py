import pytest

from planlink.accounts.access import access_for, access_plan, access_project, access_referral
from planlink.areas.models import Agency, LocalGovernment
from planlink.core.errors import NotFound, PermissionDenied
from planlink.plans.models import PlanKind
from planlink.referrals.services import referral_send, to_agency, to_lao
from tests.factories import area_plan, make_project, personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(reference_data):
    people = personas()
    mine = area_plan(PlanKind.VILLAGE, "24010101")
    theirs = area_plan(PlanKind.VILLAGE, "24010102")
    elsewhere = area_plan(PlanKind.VILLAGE, "50010101")
    need = make_project(mine, "ก่อสร้างประปาหมู่บ้าน", issue_code="WATER")
    return people, mine, theirs, elsewhere, need


def test_a_village_committee_opens_only_its_own_village_plan(world):
    people, mine, theirs, _, _ = world
    assert access_plan(people["village"], mine.pk).pk == mine.pk
    with pytest.raises(NotFound):
        access_plan(people["village"], theirs.pk)
    with pytest.raises(NotFound):
        access_plan(people["other_village"], mine.pk)


def test_missing_and_forbidden_look_the_same(world):
    people, _, theirs, _, _ = world
    with pytest.raises(NotFound) as forbidden:
        access_plan(people["village"], theirs.pk)
    with pytest.raises(NotFound) as missing:
        access_plan(people["village"], 987654)
    assert forbidden.value.as_dict() == missing.value.as_dict()


def test_a_district_officer_reads_everything_inside_the_district_only(world):
    people, mine, theirs, elsewhere, _ = world
    visible = set(access_for(people["district"]).plans().values_list("pk", flat=True))
    assert {mine.pk, theirs.pk} <= visible
    assert elsewhere.pk not in visible
    assert set(access_for(people["outsider"]).plans().values_list("pk", flat=True)) == {
        elsewhere.pk
    }


def test_reading_is_not_writing(world):
    people, mine, _, _, _ = world
    assert access_plan(people["district"], mine.pk)
    with pytest.raises(PermissionDenied):
        access_plan(people["district"], mine.pk, for_write=True)
    assert access_plan(people["village"], mine.pk, for_write=True).pk == mine.pk
    with pytest.raises(PermissionDenied):
        access_plan(people["auditor"], mine.pk, for_write=True)


def test_an_lao_sees_what_was_referred_to_it_and_nothing_else(world):
    people, mine, _, _, need = world
    other = make_project(mine, "ไฟฟ้าส่องสว่างทางสาธารณะ", issue_code="INFRA")
    with pytest.raises(NotFound):
        access_project(people["lao"], need.pk)
    referral = referral_send(
        project=need,
        target=to_lao(LocalGovernment.objects.get(code=people["lao_code"])),
        actor=None,
    )
    assert access_project(people["lao"], need.pk).pk == need.pk
    assert access_referral(people["lao"], referral.pk, for_decision=True).pk == referral.pk
    with pytest.raises(NotFound):
        access_project(people["lao"], other.pk)


def test_an_agency_sees_only_referrals_to_itself(world):
    people, _, _, _, need = world
    to_rid = referral_send(
        project=need, target=to_agency(Agency.objects.get(code="RID")), actor=None
    )
    other = make_project(area_plan(PlanKind.VILLAGE, "24010101"), "ถนนลูกรัง", issue_code="INFRA")
    to_drr = referral_send(
        project=other, target=to_agency(Agency.objects.get(code="DRR")), actor=None
    )
    assert access_referral(people["agency"], to_rid.pk, for_decision=True)
    with pytest.raises(NotFound):
        access_referral(people["agency"], to_drr.pk)


def test_only_the_receiver_decides_a_referral(world):
    people, _, _, _, need = world
    referral = referral_send(
        project=need, target=to_agency(Agency.objects.get(code="RID")), actor=None
    )
    with pytest.raises(PermissionDenied):
        access_referral(people["province"], referral.pk, for_decision=True)
    with pytest.raises(NotFound):
        access_referral(people["outsider"], referral.pk)


def test_the_province_edits_its_own_frame_only(world):
    people, *_ = world
    assert access_for(people["province"]).can_edit_frame("24")
    assert not access_for(people["province"]).can_edit_frame("50")
    assert not access_for(people["district"]).can_edit_frame("24")


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    assert not access_for(AnonymousUser()).plans().exists()
