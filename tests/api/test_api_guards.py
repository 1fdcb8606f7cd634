"""The API's access helpers agree with ``planlink.accounts.access``."""

import pytest

from planlink.accounts.access import access_for, incoming_referral_q, owned_plan_q
from planlink.areas.models import Agency, Area
from planlink.plans.models import Plan
from planlink.plans.services import plan_create
from planlink.referrals.models import Referral
from planlink.referrals.services import referral_send, to_agency, to_committee, to_plan
from tests.api.conftest import PERSONAS
from tests.factories import area_plan, cycle

pytestmark = pytest.mark.django_db


def test_the_set_of_owned_plans_matches_owns_plan_for_every_persona(world):
    plan_create(
        actor=None, kind="local_development", cycle=cycle(), owner_lao=world.referral.to_lao
    )
    plan_create(
        actor=None, kind="agency_request", cycle=cycle(), owner_agency=world.funding.source_agency
    )
    area_plan("district_needs", "2401")
    area_plan("provincial_development", "24")
    plans = list(Plan.objects.all())
    assert len(plans) == 8
    for persona in PERSONAS:
        if persona == "anonymous":
            continue
        user = world.people[persona]
        by_rule = {plan.pk for plan in plans if access_for(user).owns_plan(plan)}
        by_query = set(Plan.objects.filter(owned_plan_q(user)).values_list("pk", flat=True))
        assert by_query == by_rule, persona
    district_owned = Plan.objects.filter(owned_plan_q(world.people["district"]))
    assert [plan.kind for plan in district_owned] == ["district_needs"]


def test_the_inbox_is_what_the_persona_may_decide(world):
    referral_send(project=world.need, target=to_plan(world.tambon_plan), actor=None)
    referral_send(
        project=world.their_need,
        target=to_committee("district_lao_committee", Area.objects.get(code="2401")),
        actor=None,
    )
    referral_send(project=world.need, target=to_agency(Agency.objects.get(code="RID")), actor=None)
    sizes = {}
    for persona in PERSONAS:
        if persona in ("anonymous", "administrator"):
            continue
        user = world.people[persona]
        access = access_for(user)
        inbox = set(
            access.referrals().filter(incoming_referral_q(user)).values_list("pk", flat=True)
        )
        decidable = {r.pk for r in Referral.objects.all() if access.can_decide_referral(r)}
        assert inbox == decidable, persona
        sizes[persona] = len(inbox)
    assert sizes == {
        "village": 0,
        "other_village": 0,
        "tambon": 1,
        "lao": 1,
        "district": 1,
        "province": 0,
        "agency": 1,
        "auditor": 0,
        "outsider": 0,
    }
