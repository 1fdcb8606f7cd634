"""After an officer's decision, a split or an import of funded items, the roll-ups follow the
ledger: refreshed once the change commits, for the changed province only."""

from __future__ import annotations

import pytest

from planlink.consolidation.review import proposal_accept, proposal_split
from planlink.consolidation.selectors import funnel as ledger_funnel
from planlink.consolidation.services import consolidate_tambon
from planlink.plans.models import Plan, PlanKind
from planlink.referrals.models import Referral
from planlink.rollups.models import AreaCount, StaleProvince
from planlink.rollups.selectors import funnel
from planlink.rollups.verify import rollups_verify
from tests.consolidation.engine_world import three_villages, village_plan
from tests.factories import UserFactory, cycle

pytestmark = pytest.mark.django_db

AREAS = ["", "24", "2401", "240101", "24010101", "24010103"]


@pytest.fixture
def reviewed(reference_data, django_capture_on_commit_callbacks):
    """Three villages of ตำบลหน้าเมือง, the engine's proposals waiting for the officer, and a
    village of Phuket whose roll-ups must stay untouched by decisions in Chachoengsao.
    Set up as committed work (its after-commit refreshes run)."""
    with django_capture_on_commit_callbacks(execute=True):
        three_villages()
        village_plan(
            "83010101",
            [("ขุดลอกคลองบางใหญ่ หมู่ที่ 1", "WATER", "agency", "support", 1, 1, 500000)],
        )
        year = cycle()
        consolidate_tambon(tambon_code="240101", cycle=year)
    plan = Plan.objects.get(kind=PlanKind.TAMBON, owner_area_id="240101")
    return year, plan, UserFactory(username="tambon_officer")


def assert_matches_the_ledger(year) -> None:
    for code in AREAS:
        assert rollups_verify(area_code=code, cycle_id=year.pk) == [], code


def test_an_accepted_merge_is_in_the_rollups_once_committed(
    reviewed, django_capture_on_commit_callbacks
):
    year, plan, officer = reviewed
    assert_matches_the_ledger(year)
    before = funnel("240101", year.pk)
    phuket = set(AreaCount.objects.filter(area_code__startswith="83").values_list("pk", flat=True))
    dredging = plan.projects.get(issue__code="WATER")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        accepted = proposal_accept(tambon_project=dredging, actor=officer)
    assert accepted == 3
    assert len(callbacks) == 1  # one refresh for the whole decision, not one per referral
    assert not StaleProvince.objects.exists()
    assert_matches_the_ledger(year)
    after = funnel("240101", year.pk)
    assert after["collected_by_tambons"] == before["collected_by_tambons"] + 3
    assert after == {**ledger_funnel("240101", year.pk), **_money(after)} | _extra(after)
    # Phuket's rows were not recomputed: only the changed province is.
    assert phuket <= set(AreaCount.objects.values_list("pk", flat=True))


def test_a_split_is_in_the_rollups_once_committed(reviewed, django_capture_on_commit_callbacks):
    year, plan, officer = reviewed
    source = Referral.objects.get(project__title="ขุดลอกคลองหนองบัว หมู่ที่ ๓")
    with django_capture_on_commit_callbacks(execute=True):
        own = proposal_split(referral=source, actor=officer)
    assert own.plan_id == plan.pk
    assert_matches_the_ledger(year)
    assert funnel("24010103", year.pk)["collected_by_tambons"] == 1


def test_a_reader_catches_up_when_no_refresh_has_run(reviewed):
    """In a test nothing commits, so no refresh runs: the stale marker written with the change
    makes the next reader refresh the province first."""
    year, plan, officer = reviewed
    proposal_accept(tambon_project=plan.projects.get(issue__code="WATER"), actor=officer)
    assert StaleProvince.objects.filter(province="24").exists()
    figures = funnel("24", year.pk)
    assert not StaleProvince.objects.exists()
    assert figures["collected_by_tambons"] == ledger_funnel("24", year.pk)["collected_by_tambons"]
    assert_matches_the_ledger(year)


def test_a_decision_rolled_back_leaves_nothing_to_refresh(reviewed):
    from django.db import transaction

    year, plan, officer = reviewed
    dredging = plan.projects.get(issue__code="WATER")

    def accept_then_fail() -> None:
        with transaction.atomic():
            proposal_accept(tambon_project=dredging, actor=officer)
            raise RuntimeError("ยกเลิก")

    with pytest.raises(RuntimeError):
        accept_then_fail()
    assert not StaleProvince.objects.exists()
    assert_matches_the_ledger(year)


def _money(figures: dict) -> dict:
    """The baht strings as the roll-ups print them (SQLite's ledger sums drop the cents)."""
    return {key: value for key, value in figures.items() if key.endswith("baht")} | {
        "funded_by_source": figures["funded_by_source"]
    }


def _extra(figures: dict) -> dict:
    return {key: figures[key] for key in ("funded_items", "funded_items_answering_need")}
