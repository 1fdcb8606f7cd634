import pytest

from planlink.accounts.access import (
    access_committee,
    access_member,
    can_read_district_report,
    committees_visible,
)
from planlink.committees.models import CommitteeKind
from planlink.committees.selectors import committees_in
from planlink.committees.services import member_add
from planlink.core.errors import NotFound, PermissionDenied
from tests.committees.builders import appoint
from tests.factories import assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(people):
    return {
        "own_village": appoint(people["village"], CommitteeKind.VILLAGE_COMMITTEE, "24010101"),
        "other_village": appoint(
            people["other_village"], CommitteeKind.VILLAGE_COMMITTEE, "24010102"
        ),
        "kbt": appoint(people["tambon"], CommitteeKind.TAMBON_INTEGRATION, "240101"),
        "kbo": appoint(people["district"], CommitteeKind.DISTRICT_BOARD, "2401"),
        "kbj": appoint(people["province"], CommitteeKind.PROVINCIAL_BOARD, "24"),
        "chiang_mai": appoint(
            assign("district_officer", area="5001"), CommitteeKind.DISTRICT_BOARD, "5001"
        ),
    }


def visible(people, persona, bodies):
    names = {committee.pk: name for name, committee in bodies.items()}
    return sorted(
        names[pk] for pk in committees_visible(people[persona]).values_list("pk", flat=True)
    )


def test_a_village_committee_sees_its_own_village_and_the_bodies_above_it(people, bodies):
    assert visible(people, "village", bodies) == ["kbj", "kbo", "kbt", "own_village"]


def test_a_district_officer_sees_its_district_and_province_but_not_another_province(people, bodies):
    assert visible(people, "district", bodies) == [
        "kbj",
        "kbo",
        "kbt",
        "other_village",
        "own_village",
    ]
    assert visible(people, "outsider", bodies) == ["chiang_mai"]


def test_national_grants_see_everything_and_an_agency_sees_nothing(people, bodies):
    assert len(visible(people, "auditor", bodies)) == 6
    assert visible(people, "agency", bodies) == []


def test_an_lao_planner_sees_the_bodies_around_its_district(people, bodies):
    assert visible(people, "lao", bodies) == ["kbj", "kbo", "kbt", "other_village", "own_village"]


def test_missing_and_hidden_committees_look_the_same(people, bodies):
    with pytest.raises(NotFound) as hidden:
        access_committee(people["village"], bodies["other_village"].pk)
    with pytest.raises(NotFound) as missing:
        access_committee(people["village"], 987654)
    assert hidden.value.as_dict() == missing.value.as_dict()


def test_seeing_a_committee_is_not_managing_it(people, bodies):
    assert access_committee(people["village"], bodies["kbo"].pk).pk == bodies["kbo"].pk
    with pytest.raises(PermissionDenied):
        access_committee(people["village"], bodies["kbo"].pk, for_write=True)
    assert access_committee(people["district"], bodies["kbo"].pk, for_write=True)
    member = member_add(
        actor=people["district"],
        committee=bodies["kbo"],
        full_name="นายอำเภอเมืองฉะเชิงเทรา",
        position="chair",
    )
    with pytest.raises(NotFound):
        access_member(people["outsider"], member.pk)
    with pytest.raises(PermissionDenied):
        access_member(people["tambon"], member.pk, for_write=True)


def test_committees_in_narrows_by_area_and_kind(people, bodies):
    everything = committees_in("", queryset=committees_visible(people["auditor"]))
    assert sorted(everything.filter().values_list("scope_code", flat=True)) == [
        "24",
        "2401",
        "240101",
        "24010101",
        "24010102",
        "5001",
    ]
    tambon = committees_in("240101")
    assert sorted(tambon.values_list("scope_code", flat=True)) == [
        "240101",
        "24010101",
        "24010102",
    ]
    villages = committees_in("24", kind=CommitteeKind.VILLAGE_COMMITTEE)
    assert sorted(villages.values_list("scope_code", flat=True)) == ["24010101", "24010102"]
    assert not committees_in("24", kind="no_such_kind").exists()


def test_the_district_report_is_read_by_the_district_the_province_and_auditors(people):
    readers = {
        persona
        for persona in ("village", "tambon", "lao", "district", "province", "agency", "auditor")
        if can_read_district_report(people[persona], "2401")
    }
    assert readers == {"district", "province", "auditor"}
    assert not can_read_district_report(people["outsider"], "2401")
