"""The cluster step (issue 17) leaves its provinces' roll-ups equal to the ledger, refreshing each
province once at its end — not once after the receivers' commit and again at the end — and a
cluster step that fails leaves its provinces for the next reader to catch up with."""

from __future__ import annotations

from collections import Counter
from typing import Any
from unittest import mock

import pytest

from planlink.areas.models import ProvincialCluster
from planlink.consolidation import cluster as cluster_step
from planlink.consolidation.services import consolidate_cluster
from planlink.cycles.models import PlanningCycle
from planlink.plans.models import Plan, PlanKind
from planlink.rollups import fill, services
from planlink.rollups.models import StaleProvince
from planlink.rollups.services import rollups_after_change, rollups_rebuild
from planlink.rollups.verify import rollups_verify
from planlink.simulation.guard import synthetic_cycle
from planlink.simulation.receivers import RECEIVERS
from planlink.simulation.runs import simulate_cluster
from tests.cluster.world import CLUSTER, YEAR, member_codes, run_provinces, two_province_road

pytestmark = pytest.mark.django_db


class ReceiversThatChangeChachoengsao:
    """The simulated ก.บ.ก. and agencies, and a change to Chachoengsao's provincial plan in the
    same transaction (as an agency's funding of one of its projects would make): outside an
    engine step, that change is refreshed after the commit."""

    def before_cluster(self, cluster: ProvincialCluster, cycle: PlanningCycle, **kw: Any) -> dict:
        return RECEIVERS.before_cluster(cluster, cycle, **kw)

    def after_cluster(self, cluster: ProvincialCluster, cycle: PlanningCycle, **kw: Any) -> dict:
        counts = RECEIVERS.after_cluster(cluster, cycle, **kw)
        print("DEFERRED", services._deferred.get())
        rollups_after_change(
            Plan.objects.get(kind=PlanKind.PROVINCIAL_DEVELOPMENT, scope_code="24", cycle=cycle)
        )
        return counts


def test_each_province_is_refreshed_once_and_equals_the_ledger(
    reference_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the provinces' steps, committed
        two_province_road()
        run_provinces("24", "20")
    rollups_rebuild(cycle_id=YEAR)
    refreshed: Counter[str] = Counter()
    real = fill.refresh_province

    def counted(cycle_id: int, province: str) -> None:
        refreshed[province] += 1
        real(cycle_id, province)

    with (
        mock.patch.object(fill, "refresh_province", counted),
        mock.patch.object(services, "refresh_province", counted),
        django_capture_on_commit_callbacks(execute=True) as callbacks,  # what a commit would run
    ):
        consolidate_cluster(
            cluster_number=CLUSTER,
            cycle=synthetic_cycle(YEAR),
            auto_accept=True,
            hooks=ReceiversThatChangeChachoengsao(),
        )

    assert set(member_codes()) <= set(refreshed)
    print("REFRESHED", refreshed, callbacks)
    assert max(refreshed.values()) == 1, refreshed
    for code in ("", "24", "20", "24010101", "20010101", f"C{CLUSTER:02d}"):
        assert rollups_verify(area_code=code, cycle_id=YEAR) == [], code


def test_a_failed_cluster_step_leaves_its_provinces_stale(reference_data):
    two_province_road()
    run_provinces("24", "20")
    StaleProvince.objects.all().delete()

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("ขั้นตอนกลุ่มจังหวัดล้มเหลว")

    with (
        mock.patch.object(cluster_step, "cluster_unit", broken),
        pytest.raises(RuntimeError),
    ):
        simulate_cluster(cluster_number=CLUSTER, cycle=synthetic_cycle(YEAR))

    stale = set(StaleProvince.objects.filter(cycle_id=YEAR).values_list("province", flat=True))
    assert stale == set(member_codes())
