import pytest

from planlink.areas.models import Agency, LocalGovernment
from planlink.core.errors import DomainError, StateError
from planlink.plans.models import PlanKind
from planlink.referrals.models import Decision, Referral, TargetKind
from planlink.referrals.services import (
    referral_decide,
    referral_send,
    to_agency,
    to_committee,
    to_lao,
    to_plan,
)
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(reference_data):
    village_plan = area_plan(PlanKind.VILLAGE, "24010101")
    tambon_plan = area_plan(PlanKind.TAMBON, "240101")
    need = make_project(village_plan, "ขุดลอกคลองสาธารณะ", issue_code="WATER")
    return village_plan, tambon_plan, need


def test_a_referral_is_included_as_a_project_of_the_receiving_plan(setup):
    _, tambon_plan, need = setup
    referral = referral_send(project=need, target=to_plan(tambon_plan), actor=None)
    assert (referral.target_kind, referral.scope_code, referral.decision) == (
        "plan",
        "240101",
        "pending",
    )
    tambon_project = make_project(tambon_plan, "ขุดลอกคลองสาธารณะ ตำบลหน้าเมือง", issue_code="WATER")
    referral_decide(
        referral=referral, actor=None, decision="included", result_project=tambon_project
    )
    referral.refresh_from_db()
    assert (referral.decision, referral.result_project_id) == ("included", tambon_project.pk)
    assert referral.decided_at is not None


def test_sending_the_same_project_twice_to_the_same_body_is_refused(setup):
    _, tambon_plan, need = setup
    first = referral_send(project=need, target=to_plan(tambon_plan), actor=None)
    with pytest.raises(DomainError, match=f"รายการที่ {first.pk}"):
        referral_send(project=need, target=to_plan(tambon_plan), actor=None)
    assert Referral.objects.count() == 1


def test_a_returned_referral_needs_a_reason_and_allows_sending_again(setup):
    _, tambon_plan, need = setup
    referral = referral_send(project=need, target=to_plan(tambon_plan), actor=None)
    with pytest.raises(DomainError, match="ต้องระบุเหตุผล"):
        referral_decide(referral=referral, actor=None, decision="returned")
    referral_decide(
        referral=referral, actor=None, decision="returned", reason="ซ้ำกับโครงการของ อบต."
    )
    assert (
        referral_send(project=need, target=to_plan(tambon_plan), actor=None).decision == "pending"
    )


def test_forwarding_creates_the_next_referral_in_the_chain(setup):
    from planlink.areas.models import Area

    _, _, need = setup
    lao = LocalGovernment.objects.filter(district_id="2401").first()
    first = referral_send(project=need, target=to_lao(lao), actor=None)
    referral_decide(
        referral=first,
        actor=None,
        decision="forwarded",
        reason="เกินศักยภาพ อปท.",
        forward_to=to_committee(TargetKind.DISTRICT_LAO_COMMITTEE, Area.objects.get(code="2401")),
    )
    second = Referral.objects.get(previous=first)
    assert (second.target_key, second.decision) == ("district_lao_committee:2401", "pending")


@pytest.mark.parametrize("final", ["merged", "returned", "forwarded", "funded", "not_funded"])
def test_a_final_decision_cannot_be_changed(setup, final):
    _, _, need = setup
    referral = referral_send(
        project=need, target=to_agency(Agency.objects.get(code="RID")), actor=None
    )
    Referral.objects.filter(pk=referral.pk).update(decision=final)
    with pytest.raises(StateError):
        referral_decide(referral=referral, actor=None, decision="included", result_project=need)
    assert Referral.objects.get(pk=referral.pk).decision == final


def test_an_included_referral_can_later_be_funded(setup):
    _, _, need = setup
    referral = referral_send(
        project=need, target=to_agency(Agency.objects.get(code="RID")), actor=None
    )
    request_plan = None
    from planlink.cycles.services import cycle_create
    from planlink.plans.services import plan_create

    request_plan = plan_create(
        actor=None,
        kind=PlanKind.AGENCY_REQUEST,
        cycle=cycle_create(fiscal_year=2570),
        owner_agency=Agency.objects.get(code="RID"),
    )
    line = make_project(request_plan, "ขุดลอกคลองสาธารณะ", issue_code=None, areas=[])
    referral_decide(referral=referral, actor=None, decision="included", result_project=line)
    referral_decide(
        referral=referral,
        actor=None,
        decision="funded",
        amount="850000",
        fiscal_year=2570,
        funding_source="กรมชลประทาน",
    )
    referral.refresh_from_db()
    assert referral.decision == Decision.FUNDED
    assert str(referral.amount) == "850000.00"


def test_an_unknown_decision_is_refused(setup):
    _, tambon_plan, need = setup
    referral = referral_send(project=need, target=to_plan(tambon_plan), actor=None)
    with pytest.raises(DomainError, match="ไม่รู้จักผลการพิจารณา"):
        referral_decide(referral=referral, actor=None, decision="maybe")
