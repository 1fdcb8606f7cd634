"""The province's note for a project of a cluster-wide issue names the issue in Thai, not its
code ("ประเด็น INFRA …" was shown on the review page) — issue 15, item 6 (names for codes)."""

from __future__ import annotations

import re

import pytest

from planlink.areas.models import ProvincialCluster
from planlink.consolidation.cluster import cluster_scope
from planlink.plans.cluster_frame import cluster_frame_ensure_default
from planlink.plans.models import PlanKind
from planlink.simulation.guard import synthetic_cycle
from tests.factories import area_plan, make_project

pytestmark = pytest.mark.django_db


def test_a_cluster_wide_issue_is_named(reference_data):
    cycle = synthetic_cycle(2570)
    cluster = ProvincialCluster.objects.get(number=14)
    cluster_frame_ensure_default(cluster=cluster, cycle=cycle, cluster_wide=frozenset({"INFRA"}))
    plan = area_plan(PlanKind.PROVINCIAL_DEVELOPMENT, "24", synthetic=True)
    road = make_project(plan, "ก่อสร้างถนนลาดยางสายหลักของจังหวัด", issue_code="INFRA")
    reasons = cluster_scope(plan, [road.pk])
    assert road.issue.name_th in reasons[road.pk]
    assert "เป็นประเด็นระดับกลุ่มจังหวัด" in reasons[road.pk]
    assert not re.search(r"\bINFRA\b", reasons[road.pk])
