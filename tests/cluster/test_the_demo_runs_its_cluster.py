"""Issue 17: ``planlink demo`` (one province) runs the province's cluster with that province
alone and reports ``cluster_projects`` in its JSON and its printed funnel (synthetic data)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command

from planlink.areas.models import Area
from planlink.consolidation.models import ConsolidationRun
from planlink.plans.models import ClusterIssue, PlanKind, Project
from planlink.referrals.models import Referral
from planlink.rollups.verify import rollups_verify

pytestmark = pytest.mark.django_db


def test_the_demo_reports_the_projects_of_its_cluster(reference_data):
    out = StringIO()
    call_command("demo", province="83", json=True, stdout=out)  # Phuket
    report = json.loads(out.getvalue())
    cluster = Area.objects.get(code="83").cluster
    in_cluster = Project.objects.filter(plan__kind=PlanKind.CLUSTER, plan__owner_cluster=cluster)
    assert report["cluster_projects"] == in_cluster.count() > 0
    # the cluster ran with Phuket alone: every source came from Phuket's development plan
    sources = Referral.objects.filter(to_plan__kind=PlanKind.CLUSTER)
    assert set(sources.values_list("project__plan__scope_code", flat=True)) == {"83"}
    # the simulated lead province marked infrastructure cluster-wide (a synthetic frame)
    wide = ClusterIssue.objects.filter(cluster=cluster, cluster_wide=True)
    assert list(wide.values_list("code", flat=True)) == ["INFRA"]
    assert set(in_cluster.values_list("issue__code", flat=True)) == {"INFRA"}
    run = ConsolidationRun.objects.get(level="cluster")
    assert run.area_code == cluster.code
    for code in ("83", cluster.code, ""):
        assert rollups_verify(area_code=code, cycle_id=2570) == [], code
    printed = StringIO()
    call_command("demo", province="83", stdout=printed)
    lines = [line for line in printed.getvalue().splitlines() if "(cluster projects)" in line]
    assert len(lines) == 1
    assert lines[0].split()[-1] == f"{report['cluster_projects']:,}"
